"""The theme overrides also render in Zensical, which reads the tree `hcs-site generate` writes: its
template engine has Jinja's syntax but none of Python's methods on strings and dicts, and gives
the sitemap pages rather than MkDocs' files (checked by hand with Zensical 0.0.73, which the
project's environment does not install: benchmarks/setup_zensical.sh)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

THEME = Path(__file__).resolve().parents[1] / "hcs_site" / "theme"
TEMPLATES = sorted(p for p in THEME.rglob("*") if p.suffix in (".html", ".xml"))
PYTHON_ONLY = re.compile(r"\.(endswith|startswith|get|items|keys|values|split|rsplit|replace|strip|lstrip|rstrip"
                         r"|lower|upper|format|join|count|find)\(")


def _tags(text: str) -> list[str]:
    return re.findall(r"\{[{%].*?[%}]\}", text, flags=re.S)


@pytest.mark.parametrize("template", TEMPLATES, ids=[p.relative_to(THEME).as_posix() for p in TEMPLATES])
def test_no_python_method_in_a_template(template: Path) -> None:
    found = [tag for tag in _tags(template.read_text(encoding="utf-8")) if PYTHON_ONLY.search(tag)]
    assert found == [], f"{template.name}: use a filter or a test instead of {found}"


def test_the_sitemap_reads_a_page_from_a_file_or_as_it_comes() -> None:
    text = (THEME / "sitemap.xml").read_text(encoding="utf-8")
    assert "set p = file.page if file.page is defined else file" in text
    assert "file.page.is_link" not in text and "file.page.abs_url" not in text
