"""A valid repository whose every text field is an attack on the page it is shown on.

Each field holds `payload(mark)`: raw HTML, Markdown that the first parse escapes but a second would
read (`\\*x\\*{: onclick }`), attribute lists, `javascript:`/`data:`/`vbscript:` in many spellings,
reference links, autolinks, Jinja, snippet includes, abbreviations, admonitions and the syntax of
the pymdownx extensions `MKDOCS_YML` enables. Every handler and script sets `window.__pwned` (or
the title), so a browser test can tell whether any of it ran. `mark` tells the two editions of the
"What changed" page apart.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .conftest import BASE, PNG_1X1, write_files

SECRET = "SNIPPET-SECRET-7c1f"
"""The content of `secret.txt` at the repository root: it must never reach a page."""

PWN = "window.__pwned=1;document.title='PWNED'"

INLINE = (
    "<script>" + PWN + "</script> <img src=x onerror=\"" + PWN + "\"> <svg onload=\"" + PWN + "\"></svg> "
    "\\*e\\*{: autofocus onfocus=\"" + PWN + "\" } *f*{: onclick=\"" + PWN + "\" } "
    "[g](y){: onmouseover=\"" + PWN + "\" } *k*{: onclick } [l](y){: onmouseover } *m*{ onfocus autofocus } "
    "[j1](javascript:" + PWN + ") [j2](JaVaScRiPt:alert(1)) [j3](&#106;avascript:alert(1)) "
    "[j4](java&#x09;script:alert(1)) [j5]( javascript:alert(1)) [j6](&#x6A;avascript&colon;alert(1)) "
    "\\[j7\\]\\(javascript:alert(7)\\) [d1](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) "
    "[v1](vbscript:msgbox(1)) [v2](VBScript:x) ![i1](javascript:alert(1)) ![i2](data:image/png;base64,AAAA) "
    "<javascript:alert(1)> <data:text/html,x> <vbscript:x> <a href=\"javascript:alert(1)\">a</a> "
    "[x][r] {{ 7*7 }} {{ 123*45 }} {% raw %}raw{% endraw %} {!secret.txt!} "
    "{++ins++} {--del--} {~~a~>b~~} {==hl==} {>>cm<<} ==mark== ^^caret^^ ~~tilde~~ ++ctrl+alt+del++ "
    ":smile: :material-alert: $x^2$ \\(y\\) https://evil.example/m www.evil.example "
    "&lt;b onclick=alert(1)&gt;entity&lt;/b&gt; H2O 1st (c) --> c/o"
)

BLOCK_LINES = [
    "[jn](",
    "javascript:alert(1)) [jt](\tjavascript:alert(1)) <a href=\"\njavascript:alert(1)\">an</a>",
    "",
    "[r]: javascript:alert('ref')",
    "[s]: data:text/html,x",
    "",
    "--8<-- \"secret.txt\"",
    "",
    "--8<-- \"/etc/passwd\"",
    "",
    ";--8<-- \"secret.txt\"",
    "",
    "*[HTML]: <script>" + PWN + "</script>",
    "",
    "!!! danger \"adm <script>" + PWN + "</script>\"",
    "    admonition body",
    "",
    "??? note \"details\"",
    "    details body",
    "",
    "- [ ] task",
    "- [x] done",
    "",
    "$$",
    "x^2",
    "$$",
    "",
    "```html",
    "<script>" + PWN + "</script>",
    "```",
    "",
    "<div markdown=\"1\">*md in html*{: onclick=\"" + PWN + "\" }</div>",
    "",
    "Paragraph with attributes",
    "{: onclick=\"" + PWN + "\" style=\"color:red\" }",
]


def payload(mark: str, block: bool = False) -> str:
    """One field's hostile text; `block` adds the line-start constructs of block fields."""
    text = f"{mark} {INLINE} HTML"
    return "\n".join([text, "", *BLOCK_LINES]) if block else text


def _text(mark: str, field: str, block: bool = False) -> str:
    return payload(f"{mark}-{field}", block)


def district(mark: str) -> dict[str, object]:
    def t(field: str, block: bool = False) -> str:
        return _text(mark, field, block)
    return {
        "district": t("district"), "short_name": "HCS", "default_language": "en", "languages": ["en", "es"],
        "edition": "2026-27",
        "scale": [{"level": 1, "label": t("scale1")}, {"level": 2, "label": t("scale2")},
                  {"level": 3, "label": t("scale3"), "mastery": True}, {"level": 4, "label": t("scale4")}],
        "mastery_rule": {"method": "latest"},
        "assessment_types": [
            {"id": "written-test", "title": t("at-title"), "description": t("at-desc", True)},
            {"id": "project", "title": {"en": t("at2-title"), "es": t("at2-title-es")}, "description": t("at2-desc")},
            {"id": "presentation", "title": t("at3-title"), "description": t("at3-desc")},
        ],
        "programs": [{"id": "community-school", "title": t("program")},
                     {"id": "impact-academy", "title": t("program2"), "virtual": True}],
        "schools": [{"id": "luella-high", "title": t("school"), "level": "high"},
                    {"id": "bethlehem-elementary", "title": t("school2"), "level": "elementary"}],
    }


def area(mark: str) -> dict[str, object]:
    def t(field: str, block: bool = False) -> str:
        return _text(mark, field, block)
    comp = {
        "title": t("comp-title"), "statement": t("comp-statement"),
        "performance_indicators": [{"id": f"MATH.RP.{i}", "statement": t(f"ind{i}"), "dok": 2} for i in range(1, 5)],
        "scoring_criteria": [{"criterion": {"en": t("crit"), "es": t("crit-es")},
                              "levels": {i: t(f"level{i}") for i in range(1, 5)}}],
    }
    universal = {"id": "MATH.EE", "title": t("comp2-title"), "statement": t("comp2-statement"), "universal": True,
                 "performance_indicators": [{"id": f"MATH.EE.{i}", "statement": t(f"ee{i}"), "dok": 1}
                                            for i in range(1, 5)]}
    return {"id": "MATH", "title": t("area-title"), "kind": "content", "status": "draft",
            "summary": t("area-summary", True), "competencies": [{"id": "MATH.RP", **comp}, universal]}


def course(mark: str) -> dict[str, object]:
    def t(field: str, block: bool = False) -> str:
        return _text(mark, field, block)
    objectives = [
        {"id": f"MATH-7.{i}", "title": t(f"obj{i}-title"), "statement": t(f"obj{i}-statement"),
         "aligns": ["MATH.RP", f"MATH.RP.{i}"], "dok": 3, "assessment_types": ["written-test", "project"],
         "rubric": [{"criterion": t(f"obj{i}-crit"), "levels": {lv: t(f"obj{i}-l{lv}") for lv in range(1, 5)}}]}
        for i in range(1, 4)
    ]
    objectives[0]["rubric"] = "MATH.RP"
    return {"id": "MATH-7", "title": t("course-title"), "state_code": "27.02200", "area": "MATH", "grades": [7],
            "credit": 1.0, "status": "vetting", "programs": ["community-school", "impact-academy"],
            "description": t("course-desc", True), "pacing": {"suggested_weeks": 36, "note": t("pacing", True)},
            "objectives": objectives}


def front_matter(data: dict[str, object], body: str) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n"


def portfolio(mark: str) -> str:
    data = {"display_name": "D'Andre H.", "school": "bethlehem-elementary", "grade": 5, "language": "en",
            "consent": {"publish": True, "guardian": True, "date": "2026-09-01", "expires": "2099-06-30"},
            "goals": [{"goal": _text(mark, "goal"), "aligns": ["MATH.RP"], "status": "in-progress"}],
            "interests": [_text(mark, "interest"), "robotics"],
            "plan": [{"course": "MATH-7", "status": "planned", "year": "2026-27"}]}
    return front_matter(data, _text(mark, "about", True))


def evidence(mark: str) -> str:
    data = {"title": _text(mark, "ev-title"), "date": "2026-10-12", "course": "MATH-7", "objectives": ["MATH-7.1"],
            "competencies": ["MATH.EE"], "assessment_type": "project", "level": 3, "scored_by": "teacher",
            "artifacts": [{"file": "recipe-poster.png", "alt": _text(mark, "alt")}]}
    return front_matter(data, _text(mark, "reflection", True))


MKDOCS_YML = """\
site_name: Hostile District
site_url: https://example.org/hd/
theme:
  name: material
  features: [navigation.sections, navigation.prune]
plugins:
  - search
  - hcs{hcs}
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - abbr
  - def_list
  - footnotes
  - toc:
      permalink: true
  - pymdownx.magiclink
  - pymdownx.emoji
  - pymdownx.snippets:
      base_path: [".", "/"]
      check_paths: false
      restrict_base_path: false
  - pymdownx.tasklist
  - pymdownx.critic
  - pymdownx.keys
  - pymdownx.caret
  - pymdownx.mark
  - pymdownx.tilde
  - pymdownx.smartsymbols
  - pymdownx.arithmatex:
      generic: true
  - pymdownx.betterem
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.inlinehilite
"""


def files(mark: str) -> dict[str, str | bytes | None]:
    """The hostile repository as {path: content}, over the valid base of `conftest`."""
    def dump(data: dict[str, object]) -> str:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return {
        "content/district.yml": dump(district(mark)),
        "content/competencies/math.yml": dump(area(mark)),
        "content/courses/math-7.yml": dump(course(mark)),
        "portfolios/p-0001/portfolio.md": portfolio(mark),
        "portfolios/p-0001/evidence/ratio-recipes.md": evidence(mark),
        "portfolios/p-0001/recipe-poster.png": PNG_1X1,
        "secret.txt": SECRET + "\n",
        "docs/index.md": "# Hostile district\n",
    }


def write(root: Path, mark: str, hcs_options: str = "") -> Path:
    write_files(root, BASE)
    write_files(root, files(mark))
    write_files(root, {"mkdocs.yml": MKDOCS_YML.replace("{hcs}", hcs_options)})
    return root


def two_editions(root: Path) -> Path:
    """Edition A committed and tagged `edition-a`, edition B in the working tree naming it as the
    previous edition: every field changed, so "What changed" shows hostile text on both sides."""
    from .test_diff import commit, git, init_repo

    write(root, "A")
    init_repo(root)
    commit(root, "edition A")
    git(root, "tag", "edition-a")
    return write(root, "B", hcs_options=":\n      previous_edition: edition-a")
