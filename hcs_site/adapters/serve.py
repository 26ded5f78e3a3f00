"""`hcs-site serve`: MkDocs' live-reloading server, for people who are not programmers.

MkDocs' own `serve` stalls every browser request while the last rebuild failed ("the server will
appear stuck until build errors are resolved"), so a content error left the browser waiting ten
minutes with the reason only in the terminal. Here a failed build still counts as a build: every
page then answers at once with an error page listing the problems (serve_error.py), and the next
save that builds replaces it, the live-reload script reloading the tab. The terminal shows only
hcs-site's own messages (MkDocs' logger lines with `-v`), and the address printed is the one to
open, with the site's path from `site_url`.
"""

from __future__ import annotations

import ipaddress
import logging
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from mkdocs import exceptions
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer, _serve_url

from .. import scratch
from ..check.pipeline import check_repository
from . import serve_state
from .serve_error import STYLESHEET, Failure, page, stylesheet

HCS_LOGGER = "mkdocs.plugins.hcs"


class ServeFailed(Exception):
    """The server could not start (mkdocs.yml unreadable, the address taken): one sentence."""


class _OwnMessages(logging.Filter):
    """By default only hcs-site's messages reach the terminal; MkDocs' (and its server's) with -v."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.name.startswith(HCS_LOGGER)


class _Terse(logging.Formatter):
    """hcs-site's lines as they are (`warning` and `error` say so themselves); MkDocs' with its prefix."""

    def format(self, record: logging.LogRecord) -> str:
        if record.name.startswith(HCS_LOGGER):
            return record.getMessage()
        return f"{record.levelname:<7} -  {record.getMessage()}"


def _terminal(verbose: bool) -> logging.Handler:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Terse())
    handler.setLevel(logging.INFO)
    if not verbose:
        handler.addFilter(_OwnMessages())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return handler


class _Said(logging.Handler):
    """MkDocs' warnings and errors of one build: hidden by default, they are the reason it failed
    when it does (a bad mkdocs.yml value, warnings under `strict`), shown with the failure."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith(HCS_LOGGER):
            self.records.append((record.levelno, record.getMessage()))

    def reasons(self, failed: BaseException) -> list[str]:
        """The errors; the warnings too when they are what stopped the build (`strict`)."""
        floor = logging.WARNING if "strict mode" in str(failed) else logging.ERROR
        return [message for level, message in self.records if level >= floor and "'dirty' build" not in message]


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def open_address(host: str, port: int, site_url: str | None) -> str:
    """The address to type: the site's path included; a wildcard host becomes this machine's."""
    try:
        wildcard = ipaddress.ip_address(host).is_unspecified
    except ValueError:
        wildcard = False
    shown = ("[::1]" if ":" in host else "127.0.0.1") if wildcard else (f"[{host}]" if ":" in host else host)
    return _serve_url(shown, port, urlsplit(site_url or "/").path)


class PeopleServer(LiveReloadServer):
    """A failed build answers every page with the error page, at once, instead of stalling."""

    failure: Failure | None = None

    def _serve_request(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes] | None:
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if path == STYLESHEET:
            start_response("200 OK", [("Content-Type", "text/css; charset=utf-8")])
            return [stylesheet()]
        failure = self.failure
        if failure is not None and not path.startswith("/livereload/") and (path + "/").startswith(self.mount_path) \
                and _is_page(path):
            with self._epoch_cond:
                epoch = self._visible_epoch
            body = self._inject_js_into_html(  # type: ignore[no-untyped-call]
                page(failure).encode("utf-8"), epoch)
            start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8"),
                                                          ("Content-Length", str(len(body))),
                                                          ("Cache-Control", "no-store")])
            return [body]
        result: Iterable[bytes] | None = super()._serve_request(environ, start_response)
        return result


def forgive(server: LiveReloadServer, root: Path, portfolios: bool) -> None:
    """A plain `mkdocs serve` with the hcs plugin: a failed rebuild shows the same error page.

    MkDocs made this server, so its class becomes `PeopleServer` (the same object, one more class
    attribute) and its builder is wrapped; `hcs-site serve`'s own server is left alone."""
    if isinstance(server, PeopleServer):
        return
    rebuild = server.builder
    forgiving = cast(PeopleServer, server)

    def builder() -> None:
        try:
            rebuild()
        except Exception as exc:  # whatever failed, the browser must not stall
            report = check_repository(root, portfolios=portfolios).report  # the plugin's died with its build
            forgiving.failure = Failure.from_report(report) if report.errors else Failure(reason=_reason(exc))
            for sentence in forgiving.failure.terminal():
                logging.getLogger(HCS_LOGGER).error(f"hcs: {sentence}")
            return
        forgiving.failure = None

    server.__class__ = PeopleServer
    server.builder = builder


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return path.endswith("/") or last.endswith((".html", ".htm")) or "." not in last


def serve_site(config_file: Path, dev_addr: str | None, open_browser: bool, root: Path,
               portfolios: bool = False, all_languages: bool = False, verbose: bool = False) -> None:
    """Serve until Ctrl-C; ServeFailed when it cannot start."""
    handler = _terminal(verbose)
    try:
        # MkDocs writes into a folder it makes with tempfile; inside ours, named with our pid, it is
        # removed however the server stops, and found by the next run if this one is killed.
        with scratch.system_temporary("serve") as work, \
                serve_state.serving(root, portfolios, all_languages, work, verbose) as session:
            _serve(config_file, dev_addr, open_browser, root, work, session)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
        logging.getLogger("mkdocs").propagate = True


def _serve(config_file: Path, dev_addr: str | None, open_browser: bool, root: Path, work: Path,
           session: serve_state.ServeSession) -> None:
    site_dir = tempfile.mkdtemp(prefix="mkdocs_", dir=work)

    def get_config() -> MkDocsConfig:
        return load_config(config_file=str(config_file), site_dir=site_dir, dev_addr=dev_addr)

    try:
        config = get_config()
    except exceptions.ConfigurationError as exc:
        raise ServeFailed(f"{config_file.name}: {exc}") from exc
    config.plugins.on_startup(command="serve", dirty=True)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)
    server: PeopleServer

    def builder(given: MkDocsConfig | None = None) -> None:
        started = time.monotonic()
        session.report = None
        said = _Said()
        logging.getLogger("mkdocs").addHandler(said)
        try:
            cfg = given or get_config()
            cfg.site_url = serve_url
            build(cfg, serve_url=serve_url, dirty=True)
        except Exception as exc:  # whatever failed, the browser must not stall
            report = session.report
            failure = Failure.from_report(report) if report is not None and report.errors else \
                Failure(reason="\n".join([*said.reasons(exc), _reason(exc)]))
            for sentence in failure.terminal():
                say(sentence)
            server.failure = failure
            return
        finally:
            logging.getLogger("mkdocs").removeHandler(said)
        was_failing = server.failure is not None
        server.failure = None
        say(f"{'built again' if was_failing else 'built'} in {time.monotonic() - started:.1f} s")

    server = PeopleServer(builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path)
    server.error_handler = lambda code: _error_page(Path(site_dir), code)
    try:
        server.server_bind()
        server.server_activate()
    except OSError as exc:
        server.server_close()
        raise ServeFailed(f"cannot serve on {host}:{port}: {exc.strerror or exc}; pass another address, for "
                          f"example --dev-addr {host}:{port + 1}") from exc
    server.server_bind = server.server_activate = lambda: None  # type: ignore[method-assign]
    try:
        builder(config)
        config.plugins.on_serve(server, config=config, builder=builder)  # the hcs plugin's watches, and others'
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        for folder in ("content", "portfolios"):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        for item in config.watch:
            server.watch(item)
        say(f"Serving the site at {open_address(host, port, config.site_url)}  (Ctrl+C stops)")
        try:
            server.serve(open_in_browser=open_browser)  # type: ignore[no-untyped-call]
        finally:  # Ctrl-C or a signal: the command exits 128 + its number, as every command does
            server.shutdown()
    finally:
        config.plugins.on_shutdown()


def _error_page(site_dir: Path, code: int) -> bytes | None:
    """The site's own 404.html for a missing page, as MkDocs serves it."""
    found = site_dir / f"{code}.html"
    return found.read_bytes() if code in (404, 500) and found.is_file() else None


def _reason(exc: BaseException) -> str:
    """MkDocs' refusal as the sentence it gave (an Abort hides the error it logged: keep its cause)."""
    cause = exc.__cause__ or exc.__context__
    if isinstance(exc, exceptions.Abort) and cause is not None:
        return str(cause)
    return str(exc) or type(exc).__name__
