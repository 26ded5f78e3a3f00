"""Real-browser fixtures: the sample site built once, served on localhost, read by Chromium.

Chromium is Debian's (/usr/bin/chromium, installed by scripts/setup.sh). Without it the browser
tests skip on a developer machine, but fail under CI (HCS_REQUIRE_BROWSER=1): a missing browser
must never pass silently.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sitecheck import build

REPO = Path(os.environ.get("HCS_SAMPLE_REPO") or Path(__file__).resolve().parents[2])
CHROMIUM = os.environ.get("HCS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _need_browser() -> None:
    if not Path(CHROMIUM).is_file():
        message = f"Chromium is not installed at {CHROMIUM}; run scripts/setup.sh"
        if os.environ.get("HCS_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own sample content, built with --strict into a temporary folder."""
    out = tmp_path_factory.mktemp("sample-site") / "site"
    result = build(REPO, "--strict", "--site-dir", str(out))
    assert result.exit_code == 0, result.output
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class Server:
    def __init__(self, folder: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


SITE_PATH = "competencies/"
"""The path of the sample's site_url: the site is served under it, as on GitHub Pages, so the 404
page's absolute addresses (MkDocs writes them from site_url) lead somewhere."""


@pytest.fixture(scope="session")
def edition_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample built as `hcs-site publish` builds an edition: with mike's plugin (which turns the
    edition selector on) and the edition in site_url."""
    from mike import mkdocs_utils

    from hcs_site.adapters.build import build_site
    from hcs_site.adapters.progress import Silent
    from hcs_site.check.pipeline import check_repository

    out = tmp_path_factory.mktemp("edition-site") / "site"
    saved = os.environ.get(mkdocs_utils.docs_version_var)
    os.environ[mkdocs_utils.docs_version_var] = "2026-27"
    try:
        with mkdocs_utils.inject_plugin(str(REPO / "mkdocs.yml")) as config_file:
            build_site(check_repository(REPO), Path(config_file).resolve(), out, True, Silent())
    finally:
        if saved is None:
            os.environ.pop(mkdocs_utils.docs_version_var, None)
        else:
            os.environ[mkdocs_utils.docs_version_var] = saved
    return out


@pytest.fixture(scope="session")
def served(edition_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample site served as a published edition is: /competencies/<edition>/ beside
    versions.json, so Material's version selector has editions to list."""
    host = tmp_path_factory.mktemp("host")
    shutil.copytree(edition_site, host / SITE_PATH / "2026-27")
    shutil.copytree(edition_site, host / SITE_PATH / "2025-26")
    (host / SITE_PATH / "versions.json").write_text(
        '[{"version": "2026-27", "title": "2026-27", "aliases": ["latest"]},'
        ' {"version": "2025-26", "title": "2025-26", "aliases": []}]\n', encoding="utf-8")
    server = Server(host)
    yield server.url + SITE_PATH + "2026-27/"
    server.close()
