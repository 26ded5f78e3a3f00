"""A shard renders other shards' pages only as far as their head: the same head a full render has."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment, StrictUndefined

from hcs_site.adapters.partial_render import PartialFrameworkRenderer, PartialPortfolioRenderer
from hcs_site.check.pipeline import check_repository
from hcs_site.render.framework_pages import FrameworkRenderer
from hcs_site.render.heads import render_head, stand_in, stand_in_document
from hcs_site.render.portfolio_pages import portfolio_site

REPO = Path(__file__).resolve().parents[1]

TEMPLATES = {
    "usual": "---\ntitle: {{ t }}\n---\n\n# {{ t }}\n\nbody {{ boom() }}\n",
    "no-front-matter": "Intro line\n# {{ t }}\nbody {{ boom() }}\n",
    "heading-late": "---\ntitle: {{ t }}\n---\n{% for i in range(3) %}para {{ i }}\n{% endfor %}"
                    "# {{ t }}\n{{ boom() }}",
    "no-heading": "---\ntitle: {{ t }}\n---\nonly text\n",
    "unclosed": "---\ntitle: {{ t }}\n# {{ t }}\n",
    "empty-front-matter": "---\n---\n# {{ t }}\n{{ boom() }}",
}


def _boom() -> str:
    raise AssertionError("rendered past the head")


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_head_is_the_full_pages_head_and_rendering_stops_there(name: str) -> None:
    env = Environment(loader=DictLoader(TEMPLATES), undefined=StrictUndefined, keep_trailing_newline=True)
    template = env.get_template(name)
    full = template.render(t="Algebra I", boom=lambda: "end")
    assert render_head(template, t="Algebra I", boom=_boom) == stand_in_document(full)


def test_usual_head_keeps_front_matter_and_heading_only() -> None:
    env = Environment(loader=DictLoader(TEMPLATES))
    assert render_head(env.get_template("usual"), t="X", boom=_boom) == "---\ntitle: X\n---\n# X\n"


def test_every_page_head_matches_its_full_render() -> None:
    """The package's own templates, on the sample district: framework pages in both languages and
    every portfolio page, head-only against whole."""
    result = check_repository(REPO)
    assert result.framework is not None
    for lang in ("en", "es"):
        whole = FrameworkRenderer(result.framework).pages(lang)
        heads = PartialFrameworkRenderer(result.framework, wants=lambda _path: False).pages(lang)
        assert [p.path for p in heads] == [p.path for p in whole]
        for head, page in zip(heads, whole, strict=True):
            assert head.content == stand_in_document(page.content), page.path
            assert head.content.startswith("---\ntitle: ") and "\n# " in head.content, page.path
    whole_site = portfolio_site(result.framework, result.published)
    head_site = PartialPortfolioRenderer(result.framework, result.published, wants=lambda _path: False).site()
    assert len(head_site.pages) == len(whole_site.pages) > 20
    assert head_site.exemplars == whole_site.exemplars  # framework pages still show them
    for head, page in zip(head_site.pages, whole_site.pages, strict=True):
        assert head.content == stand_in_document(page.content), page.path


def _first_heading_by_lines(content: str) -> str:
    """The definition: the front matter, then the first of the body's lines that starts with "# "."""
    head = stand_in(content)
    first = next((line for line in content[len(head):].split("\n") if line.startswith("# ")), "")
    return head + (first + "\n" if first else "")


def test_the_stand_in_is_the_front_matter_and_the_first_heading_line() -> None:
    rng = random.Random(7)
    pieces = ["#", " ", "\n", "-", "a", "\r", "##", "# ", "---\n", "\n---\n", "é", "\n# ", "title: x"]
    texts = ["", "# A", "---\ntitle: x\n---\n# A\n", "---\ntitle: x\n---\n\n## B\n# C\ntext", "text\n# A"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(20_000)]
    for text in texts:
        assert stand_in_document(text) == _first_heading_by_lines(text), repr(text)
