"""`hcs-site import case` and objectives' `standards:` (issue 17, item 1): a state's published CASE
package stored under content/standards/, objectives naming its standards, the CASE export
associating them, and what a coordinator sees when something is wrong."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from hcs_site.check.pipeline import check_repository
from hcs_site.cli import main
from hcs_site.export.case import case_package
from tests.conftest import COURSE_MATH_7, MakeRepo

OPENSALT = Path(__file__).parent / "fixtures" / "case" / "opensalt"
STATE = "https://case.example.org/ims/case/v1p1/"
NS = uuid.UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")


def state_package(count: int, version: str = "1.1") -> dict[str, Any]:
    """A state's package shaped like a real one: a document, `count` coded items, a tree."""
    doc_id = str(uuid.uuid5(NS, "doc"))
    doc_link = {"title": "Georgia Standards of Excellence: Mathematics", "identifier": doc_id,
                "uri": f"{STATE}CFDocuments/{doc_id}"}
    doc = {**doc_link, "creator": "Georgia Department of Education", "lastChangeDateTime": "2024-05-01T00:00:00+00:00",
           "CFPackageURI": {**doc_link, "uri": f"{STATE}CFPackages/{doc_id}"}, "language": "en"}
    if version == "1.1":
        doc.update(caseVersion="1.1", frameworkType="Standards")
    items, assocs = [], []
    for n in range(count):
        ident = str(uuid.uuid5(NS, f"item{n}"))
        code = f"MGSE{n % 12 + 1}.RP.{n}"
        items.append({"identifier": ident, "uri": f"{STATE}CFItems/{ident}", "CFDocumentURI": doc_link,
                      "fullStatement": f"Standard number {n}: reason about ratios.", "humanCodingScheme": code,
                      "CFItemType": "Standard", "educationLevel": [f"{n % 12 + 1:02d}"],
                      "lastChangeDateTime": "2024-05-01T00:00:00+00:00"})
        aid = str(uuid.uuid5(NS, f"assoc{n}"))
        assocs.append({"identifier": aid, "uri": f"{STATE}CFAssociations/{aid}", "associationType": "isChildOf",
                       "CFDocumentURI": doc_link, "lastChangeDateTime": "2024-05-01T00:00:00+00:00",
                       "originNodeURI": {"title": code, "identifier": ident, "uri": f"{STATE}CFItems/{ident}"},
                       "destinationNodeURI": doc_link, "sequenceNumber": n + 1})
    return {"CFDocument": doc, "CFItems": items, "CFAssociations": assocs}


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def write(tmp_path: Path, data: Any, name: str = "state.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("HCS_TODAY", "2026-09-01")
    return "2026-09-01"


def test_real_opensalt_packages_import(valid_repo: Path, today: str) -> None:
    for name, set_id in (("SmartLevelFramework.json", "smart"), ("Utf8TestFramework.json", "utf8")):
        result = run("import", "case", str(OPENSALT / name), "--id", set_id, "--root", str(valid_repo))
        assert result.exit_code == 0, result.output
        stored = json.loads((valid_repo / "content" / "standards" / f"{set_id}.json").read_text(encoding="utf-8"))
        source = json.loads((OPENSALT / name).read_text(encoding="utf-8"))
        assert (stored["id"], stored["source"], stored["retrieved"]) == (set_id, name, today)
        assert stored["document"]["identifier"] == source["CFDocument"]["identifier"]
        assert sorted(i["identifier"] for i in stored["items"]) == sorted(i["identifier"] for i in source["CFItems"])
    utf8 = json.loads((valid_repo / "content/standards/utf8.json").read_text(encoding="utf-8"))
    assert utf8["items"][0]["statement"] == "Item 𝑑 1"
    assert check_repository(valid_repo, portfolios=False).report.errors == 0


def test_an_invalid_published_package_is_reported_not_stored(valid_repo: Path) -> None:
    """OpenSALT's own sample file has string sequence numbers: every problem named by its place."""
    sample = OPENSALT / "opensalt-framework-20c5134f-423d-4097-a971-3dd5152bf507.json"
    result = run("import", "case", str(sample), "--id", "sample", "--root", str(valid_repo))
    assert result.exit_code == 1
    assert (f"{sample.name}:1:1: error case-invalid {sample.name}: CFAssociations[15].sequenceNumber: "
            "'1' is not of type 'integer'") in result.output
    assert "fix: the package does not follow the CASE schema" in result.output
    assert not (valid_repo / "content" / "standards").exists()


def test_not_json_names_line_and_column(valid_repo: Path, tmp_path: Path) -> None:
    bad = tmp_path / "page.json"
    bad.write_text('{"CFDocument": {\n  "title": "x",,\n}}', encoding="utf-8")
    result = run("import", "case", str(bad), "--id", "x", "--root", str(valid_repo))
    assert result.exit_code == 1
    assert "page.json:2:16: error case-not-json page.json is not JSON: Expecting property name" in result.output
    listing = write(tmp_path, {"CFDocuments": []}, "list.json")
    result = run("import", "case", str(listing), "--id", "x", "--root", str(valid_repo))
    assert "error case-invalid list.json is JSON, but not a CASE package (no CFDocument)" in result.output


def test_usage_errors(valid_repo: Path, tmp_path: Path) -> None:
    path = write(tmp_path, state_package(3))
    assert run("import", "case", str(path), "--id", "GSE Math", "--root", str(valid_repo)).exit_code == 2
    assert run("import", "case", str(tmp_path / "nope.json"), "--id", "g", "--root", str(valid_repo)).exit_code == 2
    assert run("import", "case", str(path), "--id", "g", "--root", str(valid_repo)).exit_code == 0
    again = run("import", "case", str(path), "--id", "g", "--root", str(valid_repo))
    assert again.exit_code == 1 and "pass --force" in again.output
    assert run("import", "case", str(path), "--id", "g", "--root", str(valid_repo), "--force").exit_code == 0


def with_standards(make_repo: MakeRepo, refs: list[str]) -> dict[str, str]:
    lines = "".join(f"      - {r}\n" for r in refs)
    course = COURSE_MATH_7.replace("    dok: 3\n", "    dok: 3\n    standards:\n" + lines, 1)
    assert course != COURSE_MATH_7
    return {"content/courses/math-7.yml": course}


def test_objectives_name_state_standards_and_case_exports_them(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo(with_standards(make_repo, ["gse-math:MGSE7.RP.6", f"gse-math:{uuid.uuid5(NS, 'item7')}"]))
    assert run("import", "case", str(write(tmp_path, state_package(30))), "--id", "gse-math",
               "--root", str(root)).exit_code == 0
    result = check_repository(root, portfolios=False)
    assert result.report.errors == 0 and result.framework is not None
    package = case_package(result.framework, "https://example.org/site/")
    external = {a["destinationNodeURI"]["uri"]: a for a in package["CFAssociations"]
                if a["destinationNodeURI"]["uri"].startswith(STATE)}
    six, seven = (str(uuid.uuid5(NS, f"item{n}")) for n in (6, 7))
    assert set(external) == {f"{STATE}CFItems/{six}", f"{STATE}CFItems/{seven}"}
    assert {a["associationType"] for a in external.values()} == {"isRelatedTo"}
    assert external[f"{STATE}CFItems/{six}"]["destinationNodeURI"]["title"] == "MGSE7.RP.6"


def test_unknown_standards_get_did_you_mean(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo(with_standards(make_repo, ["gse-math:MGSE7.RP.66", "gse-mth:MGSE7.RP.6"]))
    assert run("import", "case", str(write(tmp_path, state_package(30))), "--id", "gse-math",
               "--root", str(root)).exit_code == 0
    out = run("validate", "--root", str(root)).output
    assert ("error unknown-standard objective MATH-7.1 refers to standard 'MGSE7.RP.66', which is not in "
            "content/standards/gse-math.json; did you mean MGSE7.RP.6?") in out
    assert "fix: use a code (humanCodingScheme) or identifier of gse-math" in out
    assert ("error unknown-ref objective MATH-7.1 refers to standards set 'gse-mth', which does not exist; "
            "did you mean gse-math?") in out


def test_a_hand_edited_standards_file_is_a_diagnostic(valid_repo: Path) -> None:
    folder = valid_repo / "content" / "standards"
    folder.mkdir()
    (folder / "gse.json").write_text('{"format": "hcs-site/standards/v1", "id": "other", "items": []}', "utf-8")
    (folder / "broken.json").write_text("{", "utf-8")
    out = run("validate", "--root", str(valid_repo)).output
    assert "content/standards/gse.json:1:1: error standards-invalid content/standards/gse.json: its id 'other'" in out
    assert "content/standards/broken.json:1:2: error standards-invalid" in out


def test_5000_items_import_and_validate_within_5_seconds(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo(with_standards(make_repo, ["gse-math:MGSE7.RP.4998"]))
    path = write(tmp_path, state_package(5000))
    start = time.perf_counter()
    assert run("import", "case", str(path), "--id", "gse-math", "--root", str(root)).exit_code == 0
    result = check_repository(root, portfolios=False)
    elapsed = time.perf_counter() - start
    assert result.report.errors == 0
    assert elapsed <= 5.0, f"import and validate took {elapsed:.1f} s"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """A package served over HTTP on the loopback address, for the URL form."""
    write(tmp_path, state_package(5), "pkg.json")
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # the request line is not our output
            pass

    handler = partial(Quiet, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_import_from_an_address(valid_repo: Path, served: str) -> None:
    result = run("import", "case", served + "pkg.json", "--id", "gse-math", "--root", str(valid_repo))
    assert result.exit_code == 0, result.output
    stored = json.loads((valid_repo / "content/standards/gse-math.json").read_text(encoding="utf-8"))
    assert stored["source"] == served + "pkg.json" and len(stored["items"]) == 5
    missing = run("import", "case", served + "nothing.json", "--id", "gse-math2", "--root", str(valid_repo))
    assert missing.exit_code == 2 and "could not download" in missing.output


def test_the_fast_check_agrees_with_jsonschema_on_mutated_packages() -> None:
    """The compiled predicate accepts a package only when jsonschema does (which explains failures)."""
    import copy
    import random

    from hcs_site.import_.case_import import _fast, _validator

    rng = random.Random(17)
    base = state_package(2, "1.0")

    def paths(node: Any, pre: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
        for key, value in children:
            yield (*pre, key)
            yield from paths(value, (*pre, key))

    places = list(paths(base))
    rejected = 0
    for _ in range(600):
        data = copy.deepcopy(base)
        place = rng.choice(places)
        parent = data
        for key in place[:-1]:
            parent = parent[key]
        if isinstance(parent, dict) and rng.random() < 0.25:
            del parent[place[-1]]
        else:
            parent[place[-1]] = rng.choice([1, "1", None, [], {}, "x", True, -1, 2.5])
        fast, full = _fast()(data), not list(_validator().iter_errors(data))
        assert fast == full, (place, parent)
        rejected += not full
    assert rejected > 200


@pytest.mark.parametrize("uri", ["javascript:alert(1)", "file:///etc/passwd", "//case.example.org/x",
                                 "https://case.example.org/x y", "data:text/html,<script>"])
def test_a_standard_whose_uri_is_not_a_web_address_is_refused(valid_repo: Path, tmp_path: Path, uri: str) -> None:
    package = state_package(3)
    package["CFItems"][1]["uri"] = uri
    result = run("import", "case", str(write(tmp_path, package)), "--id", "g", "--root", str(valid_repo))
    assert result.exit_code == 1
    assert f"error case-invalid state.json: CFItems[1].uri: {uri!r} is not an http(s) address" in result.output
    assert not (valid_repo / "content" / "standards").exists()


def test_the_recorded_source_keeps_no_credentials(valid_repo: Path, served: str) -> None:
    secret = served.replace("http://", "http://coordinator:s3cret@") + "pkg.json?api_key=abc123"
    result = run("import", "case", secret, "--id", "gse-math", "--root", str(valid_repo))
    assert result.exit_code == 0, result.output
    text = (valid_repo / "content/standards/gse-math.json").read_text(encoding="utf-8")
    assert "s3cret" not in text and "abc123" not in text and "coordinator" not in text
    assert json.loads(text)["source"] == served + "pkg.json"
    failed = run("import", "case", secret.replace("pkg.json", "gone.json"), "--id", "x", "--root", str(valid_repo))
    assert failed.exit_code == 2 and "s3cret" not in failed.output and "abc123" not in failed.output


def test_the_course_page_shows_each_standard_linked_to_its_case_uri(make_repo: MakeRepo, tmp_path: Path) -> None:
    """The code linked to the state's URI, the statement as text; a state's markup never runs, and a
    hand-edited URI that is not a web address is not linked (nor exported)."""
    import shutil

    from tests.sitecheck import build, soup

    root = make_repo(with_standards(make_repo, ["gse-math:MGSE7.RP.6", "gse-math:MGSE8.RP.7"]))
    mini = Path(__file__).parent / "fixtures" / "mini"
    shutil.copy(mini / "mkdocs.yml", root / "mkdocs.yml")
    if (mini / "docs").is_dir():
        shutil.copytree(mini / "docs", root / "docs", dirs_exist_ok=True)
    package = state_package(30)
    package["CFItems"][7]["fullStatement"] = "Use <script>alert(1)</script> & *ratios*."
    assert run("import", "case", str(write(tmp_path, package)), "--id", "gse-math", "--root", str(root)).exit_code == 0
    stored_path = root / "content/standards/gse-math.json"
    stored = json.loads(stored_path.read_text(encoding="utf-8"))
    six = next(i for i in stored["items"] if i["code"] == "MGSE7.RP.6")
    six["uri"] = "javascript:alert(2)"  # edited by hand after the import
    stored_path.write_text(json.dumps(stored), encoding="utf-8")
    result = build(root)
    assert result.exit_code == 0, result.output
    page = soup(root / "site", "courses/math-7/index.html")
    item = next(li for li in page.select("article li") if "State standards" in li.get_text())
    links = item.select("a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("MGSE8.RP.7", f"{STATE}CFItems/{uuid.uuid5(NS, 'item7')}")]
    text = item.get_text(" ", strip=True)
    assert "MGSE7.RP.6 Standard number 6: reason about ratios." in text
    assert "Use <script>alert(1)</script> & ratios." in text  # plain text: the Markdown is dropped
    assert not page.select("article script") and "javascript:" not in str(item)
    es = soup(root / "site", "es/courses/math-7/index.html")
    assert "Estándares estatales" in es.get_text()
    coverage = soup(root / "site", "standards/gse-math/index.html")
    courses = coverage.find(id="courses").find_next("ul")
    assert [li.get_text(" ", strip=True).split(":")[0].strip() for li in courses.select(":scope > li")] == [
        "Grade 7 Mathematics"]
    assert "MGSE8.RP.7" in courses.get_text() and "MGSE7.RP.6" in courses.get_text()
    heading = coverage.find(id="uncovered")
    assert heading.get_text(strip=True).startswith("Standards no objective covers (28)")
    uncovered = heading.find_next("ul").get_text(" ")
    assert "MGSE1.RP.0" in uncovered and "MGSE8.RP.7" not in uncovered and "MGSE7.RP.6" not in uncovered
    assert not coverage.select("article script")
