"""In-place edits of content files: what did not change keeps its bytes (issue 16, item 4)."""

from __future__ import annotations

import copy
import difflib
import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from hcs_site.import_.course_file import updated_text
from hcs_site.import_.yaml_patch import normalise_text, patch
from hcs_site.load.yaml_reader import read_yaml

TRICKY = (
    "\ufeff# yaml-language-server: $schema=x   \n"
    "# a comment at the top\n"
    "id: MATH-7   # trailing comment\n"
    "'title':\n"
    "  en: Grade 7 “Mathematics”\n"
    "  es: 'Matemáticas de 7.º grado'\n"
    "\n"
    "\n"
    "description: >\n"
    "  A folded text that runs over\n"
    "  two lines, with trailing spaces   \n"
    "grades: [ 7 ,8 ]\n"
    "objectives:\n"
    "  # the first objective\n"
    "  - id: MATH-7.1\n"
    '    "statement": "I can\\u00a0use ratios."\n'
    "    aligns:\n"
    "    - MATH.RP\n"
    "    - MATH.RP.2\n"
    "    rubric: |\n"
    "      line one\n"
    "      line two\n"
    "\n"
    "  - id: MATH-7.2   \n"
    "    statement: I can compute unit rates.\n"
    "    aligns: [MATH.RP.1]\n"
    "\n"
    "  - id: MATH-7.3\n"
    "    statement: I can write equations.\n"
    "    aligns: [MATH.EE]\n"
    "# the end\n"
)


def data(text: str) -> Any:
    return yaml.safe_load(text.lstrip("\ufeff"))


def changed(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_unchanged_data_gives_the_same_bytes(newline: str) -> None:
    text = TRICKY.replace("\n", newline)
    assert patch(text, data(TRICKY), "en") == text


def test_pasted_quotes_and_spaces_are_not_a_change() -> None:
    new = data(TRICKY)
    new["title"]["en"] = 'Grade 7 "Mathematics"  '  # straight quotes and Excel's trailing spaces
    new["objectives"][0]["statement"] = "I can use ratios.\u2003"  # a plain space, an em space
    new["objectives"][1]["statement"] = "I can compute unit\u00a0rates."
    assert patch(TRICKY, new, "en") == TRICKY
    assert normalise_text("\u201cA\u201d\u2019s\u00a0b \t\n") == "\"A\"'s b"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_changed_value_changes_only_its_lines(newline: str) -> None:
    text = TRICKY.replace("\n", newline)
    new = data(TRICKY)
    new["objectives"][1]["statement"] = "I can compute unit rates and compare them."
    after = patch(text, new, "en")
    assert after is not None
    assert changed(text, after) == [f"-    statement: I can compute unit rates.{newline}",
                                    f"+    statement: I can compute unit rates and compare them.{newline}"]
    assert after.startswith("\ufeff")


def test_a_long_text_is_folded_in_the_folded_style() -> None:
    new = data(TRICKY)
    new["description"] = "A new description " * 8
    after = patch(TRICKY, new, "en")
    assert after is not None
    lines = changed(TRICKY, after)
    assert lines[:4] == ["-description: >\n", "-  A folded text that runs over\n",
                         "-  two lines, with trailing spaces   \n", "+description: >-\n"]
    assert len(lines) == 6
    assert all(line.startswith("+  ") and line.rstrip() == line[:-1] and len(line) < 100 for line in lines[4:])
    assert data(after)["description"] == ("A new description " * 8).strip()


def test_lists_keep_their_style() -> None:
    new = data(TRICKY)
    new["grades"] = [7, 8, 9]
    new["objectives"][0]["aligns"] = ["MATH.RP"]
    after = patch(TRICKY, new, "en")
    assert after is not None
    assert changed(TRICKY, after) == ["-grades: [ 7 ,8 ]\n", "+grades: [7, 8, 9]\n", "-    - MATH.RP.2\n"]


def test_objectives_are_removed_and_inserted_in_place() -> None:
    new = data(TRICKY)
    del new["objectives"][1]
    new["objectives"].append({"id": "MATH-7.4", "statement": "I can graph.", "aligns": ["MATH.EE"]})
    after = patch(TRICKY, new, "en")
    assert after is not None
    assert changed(TRICKY, after) == [
        "-  - id: MATH-7.2   \n", "-    statement: I can compute unit rates.\n", "-    aligns: [MATH.RP.1]\n",
        "-\n",
        "+\n", "+  - id: MATH-7.4\n", "+    statement: I can graph.\n", "+    aligns: [MATH.EE]\n"]
    assert data(after)["objectives"] == new["objectives"]
    assert after.endswith("    aligns: [MATH.EE]\n# the end\n")


def test_a_field_removed_and_one_added_keep_the_rest() -> None:
    new = data(TRICKY)
    del new["description"]
    new["replaces"] = "MATH-7-OLD"
    after = patch(TRICKY, new, "en")
    assert after is not None
    assert data(after) == new
    assert "# a comment at the top\n" in after and "  # the first objective\n" in after


def test_a_text_that_gains_a_translation_becomes_a_block() -> None:
    new = data(TRICKY)
    new["objectives"][2]["statement"] = {"en": "I can write equations.", "es": "Puedo escribir ecuaciones."}
    after = patch(TRICKY, new, "en")
    assert after is not None
    assert changed(TRICKY, after) == ["-    statement: I can write equations.\n", "+    statement:\n",
                                      "+      en: I can write equations.\n", "+      es: Puedo escribir ecuaciones.\n"]


def test_an_empty_flow_list_that_gets_items_becomes_a_block_that_reads_back() -> None:
    text = "id: MATH.X\nperformance_indicators: []\nuniversal: false\n"
    new = {"id": "MATH.X", "performance_indicators": [{"id": "MATH.X.1", "statement": "1e3"}], "universal": False}
    after = patch(text, new, "en")
    assert after == ('id: MATH.X\nperformance_indicators:\n  - id: MATH.X.1\n    statement: "1e3"\n'
                     "universal: false\n")
    assert data(after) == new


def test_a_layout_that_cannot_be_edited_in_place_is_written_afresh_and_says_so() -> None:
    text, in_place = updated_text("{id: A, title: x}  # one line\n", {"id": "A", "title": "y"}, "course", "en")
    assert (in_place, text) == (False, "id: A\ntitle: y\n")
    line = "# yaml-language-server: $schema=../../schemas/course.schema.json\n"
    text, in_place = updated_text(line + "{id: A, title: x}\n", {"id": "A", "title": "y"}, "course", "en")
    assert (in_place, text) == (False, line + "id: A\ntitle: y\n")  # it keeps the schema line it had
    text, in_place = updated_text("id: A\ntitle: x  # kept\n", {"id": "A", "title": "y"}, "course", "en")
    assert (in_place, text) == (True, "id: A\ntitle: y  # kept\n")


def test_a_file_without_a_final_newline_takes_new_items_on_their_own_lines() -> None:
    text = TRICKY.removesuffix("# the end\n").removesuffix("\n")
    assert patch(text, data(text), "en") == text
    new = data(text)
    new["objectives"].append({"id": "MATH-7.4", "statement": "I can graph.", "aligns": ["MATH.EE"]})
    new["replaces"] = "MATH-6"
    after = patch(text, new, "en")
    assert after is not None and data(after) == new
    assert after.endswith("    aligns: [MATH.EE]\n\n  - id: MATH-7.4\n    statement: I can graph.\n"
                          "    aligns: [MATH.EE]\nreplaces: MATH-6\n")


ITEMS = "id: A\nitems:\n  - id: X1\n    statement: one\n  - id: X2\n    statement: two\ntop: z\n"


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d["items"][0].pop("id"), "  - statement: one\n  - id: X2\n"),
    (lambda d: d["items"][1].pop("id"), "  - id: X1\n    statement: one\n  - statement: two\n"),
    (lambda d: d["items"].__setitem__(0, {"new": 1, **d["items"][0]}), "  - new: 1\n    id: X1\n"),
    (lambda d: d["items"].__setitem__(1, {"other": "k", "more": ["a", "b"]}),
     "    statement: one\n  - other: k\n    more: [a, b]\ntop: z\n"),
])
def test_the_field_on_a_dash_line_can_go_or_come(change: Any, expected: str) -> None:
    new = data(ITEMS)
    change(new)
    after = patch(ITEMS, new, "en")
    assert after is not None and expected in after and data(after) == new


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, child in items:
        found += _paths(child, (*path, key))
    return found


@pytest.mark.parametrize("name", ["competencies/cross-curricular.yml", "courses/math-7.yml", "courses/ela-k.yml"])
def test_random_edits_of_sample_files_read_back_as_wanted(name: str) -> None:
    """Values changed, fields and items removed, items copied in: the edited file always holds
    exactly the data wanted (the in-place edit is checked again before writing, but should not
    need its fallback for files written like the samples)."""
    text = (Path(__file__).resolve().parents[1] / "content" / name).read_text(encoding="utf-8")
    rng = random.Random(name)
    for _trial in range(10):
        new = copy.deepcopy(read_yaml(text, name)[0].data)  # type: ignore[union-attr]
        for _ in range(rng.randint(1, 3)):
            path = rng.choice(_paths(new))
            parent = new
            for key in path[:-1]:
                parent = parent[key]
            current, roll = parent[path[-1]], rng.random()
            if isinstance(current, str) and roll < 0.5:
                parent[path[-1]] = current + " more words" * rng.randint(0, 12)
            elif isinstance(current, int) and not isinstance(current, bool):
                parent[path[-1]] = current + 1
            elif roll < 0.8 or not isinstance(parent, list):
                del parent[path[-1]]
            else:
                item = copy.deepcopy(current)
                if isinstance(item, dict) and "id" in item:
                    item["id"] += "X"
                parent.insert(rng.randint(0, len(parent)), item)
        for variant in (text, text.replace("\n", "\r\n")):
            after = patch(variant, new, "en")
            assert after is not None
            back, problems = read_yaml(after, name)
            assert back is not None and back.data == new, problems[:1]


def test_the_last_two_items_removed_leave_the_comment_after_them() -> None:
    new = data(TRICKY)
    del new["objectives"][1:]
    after = patch(TRICKY, new, "en")
    assert after is not None and data(after) == new
    assert after.endswith("      line one\n      line two\n\n# the end\n")


def test_a_text_added_to_a_block_list_is_a_dash_line() -> None:
    text = "id: X\nlist:\n  # first\n  - a\n\n  - 'b'   # kept\n"
    after = patch(text, {"id": "X", "list": ["a", "b", "c"]}, "en")
    assert after == "id: X\nlist:\n  # first\n  - a\n\n  - 'b'   # kept\n\n  - c\n"


def test_a_long_text_before_a_comment_stays_on_its_line() -> None:
    """Folded over several lines, the comment after it would become part of the text."""
    text = "id: X   # the ID\nnote: short   # why\n"
    long = "A much longer note that no longer fits on one line: it goes on and on " * 2
    after = patch(text, {"id": "X", "note": long}, "en")
    assert after == f'id: X   # the ID\nnote: "{long.strip()}"   # why\n'
    assert data(after)["note"] == long.strip()


def test_a_text_that_kept_its_final_line_breaks_is_replaced_whole() -> None:
    text = "last: |+\n  keep\n\nnext: 1\n"
    after = patch(text, {"last": "keep\nmore\n\n", "next": 1}, "en")
    assert after == "last: |-\n  keep\n  more\n\nnext: 1\n"  # line breaks at the end are not kept (as spaces)


def test_new_items_are_written_with_plain_spaces() -> None:
    new = data(ITEMS)
    new["items"].append({"id": "X3", "statement": "I can\u00a0graph.  "})
    after = patch(ITEMS, new, "en")
    assert after is not None and "  - id: X3\n    statement: I can graph.\ntop: z\n" in after
