"""The CASE document list is JSON in a folder's index.html (so a static host serves it at the spec's
path): Chromium renders it as a page, and markup in the content must not run there (issue 17)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from hcs_site.check.pipeline import check_repository
from hcs_site.export.json_api import api_files
from tests.browser.conftest import Server
from tests.conftest import BASE, DISTRICT, write_files
from tests.hostile_corpus import INLINE

LIST = "api/case/ims/case/v1p0/CFDocuments/"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("caselist") / "repo"
    write_files(root, BASE)
    name = INLINE.replace("'", "''")
    write_files(root, {"content/district.yml": DISTRICT.replace("district: ", f"district: '{name}'  # ", 1)})
    result = check_repository(root, portfolios=False)
    assert result.framework is not None and result.framework.district.name.text() == INLINE
    site = root / "site"
    for rel, data in api_files(result.framework, "http://127.0.0.1/").items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(data)
    raw = (site / "api/case/ims/case/v1p0/CFDocuments.json").read_bytes()  # the same JSON, not escaped
    (site / "control").mkdir()
    (site / "control" / "index.html").write_bytes(raw)
    server = Server(site)
    yield server.url
    server.close()


def _visit(browser: Any, url: str) -> tuple[bool, list[str], str]:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    response = page.goto(url)
    assert response is not None and response.ok, url
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)
    pwned = bool(page.evaluate("() => window.__pwned === 1 || document.title === 'PWNED'"))
    text = page.locator("body").inner_text()
    page.close()
    return pwned, dialogs, text


@pytest.mark.browser
def test_the_same_json_unescaped_would_run(browser: Any, served: str) -> None:
    pwned, _dialogs, _text = _visit(browser, served + "control/")
    assert pwned, "the control must run, or the test below proves nothing"


@pytest.mark.browser
def test_the_published_document_list_shows_as_text(browser: Any, served: str) -> None:
    pwned, dialogs, text = _visit(browser, served + LIST)
    assert not pwned and not dialogs
    assert '"CFDocuments"' in text and "\\u003cscript\\u003e" in text
