"""The check a plain `mkdocs build` or `mkdocs serve` runs itself (an hcs-site command checks first
and hands its result to the plugin): the same diagnostics as `hcs-site validate`, as MkDocs log
lines; under `hcs-site serve`, only the problems that are new since the last rebuild."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..check.pipeline import BuildDateError, CheckResult, check_repository
from ..check.reporters import quiet_summary
from ..diagnostics import Severity, line
from .session import BuildSession

log = logging.getLogger("mkdocs.plugins.hcs")
_LEVELS = {Severity.ERROR: logging.ERROR, Severity.WARNING: logging.WARNING, Severity.INFO: logging.INFO}


def check_for_build(root: Path, with_portfolios: bool, run: BuildSession) -> CheckResult:
    serving = run.serve.state if run.serve else None
    portfolios = with_portfolios and (run.serve is None or run.serve.portfolios)
    try:
        result = check_repository(root, portfolios=portfolios, cache=serving.cache if serving else None)
    except BuildDateError as exc:
        raise PluginError(f"hcs: {exc}") from exc
    report = result.report
    if run.serve:
        run.serve.report = report  # the error page lists it when the build fails
    # Informational lines (portfolios not published) one by one only with -v, as `hcs-site validate`
    verbose = log.isEnabledFor(logging.DEBUG) or bool(run.serve and run.serve.verbose)
    shown = [d for d in report.sorted() if verbose or d.severity is not Severity.INFO]
    summary = [] if verbose else quiet_summary(report)
    if serving:
        shown = serving.new_problems(shown)
        summary = serving.new_summary(summary)
        since = f"; {len(shown)} new since the last build" if serving.checked else ""
        serving.checked = True
        log.info(f"hcs: {report.summary()}{since}")
    for d in shown:
        log.log(_LEVELS[d.severity], line(d, hint_inline=True))
    for said in summary:
        log.info(f"hcs: {said}")
    return result
