"""The `hcs-site` command group. Each command lives in its own module under `commands/`.

Exit codes are the same everywhere: 0 clean, 1 content errors (or warnings under --strict),
2 usage errors, 70 an internal error (a bug in hcs-site, never the user's content).
"""

from __future__ import annotations

import signal
import sys
import tempfile
import traceback
from typing import Any, NoReturn

import click

from . import __version__
from .check.pipeline import BuildDateError
from .commands import cache, diff, export, generate, import_, new, pdf, publish, site, upgrade, validate
from .commands import init as init_command
from .commands.common import EXIT_CONTENT, EXIT_INTERNAL, EXIT_USAGE
from .outputs import UnsafeOutput
from .scratch import Stopped, WriteFailed, reason, stop_on_signals

REPORT_URL = "https://github.com/henry-county-schools/hcs-site/issues"


class Group(click.Group):
    """Turns an unexpected exception into a short, reportable message instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with stop_on_signals():  # SIGTERM and SIGHUP unwind like Ctrl-C: temporary folders go
                return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BuildDateError as exc:  # HCS_TODAY is a setting of this run: a usage error (exit 2)
            raise click.UsageError(str(exc)) from exc
        except Stopped as exc:
            name = signal.Signals(exc.signum).name
            click.echo(f"stopped by {name}; nothing was replaced and the temporary files were removed", err=True)
            sys.exit(128 + exc.signum)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except UnsafeOutput as exc:  # commands refuse earlier; this is the net for the others
            click.echo(f"Error: {exc}", err=True)
            sys.exit(EXIT_USAGE)
        except WriteFailed as exc:
            click.echo(f"stopped: {exc}; nothing was replaced", err=True)
            sys.exit(EXIT_CONTENT)
        except OSError as exc:
            words = reason(exc)
            if words is None:
                self._crash()
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"stopped: {where}{words}", err=True)
            sys.exit(EXIT_CONTENT)
        except Exception:
            self._crash()

    @staticmethod
    def _crash() -> NoReturn:
        """Called while handling the exception: saves its traceback for the bug report."""
        with tempfile.NamedTemporaryFile(
            "w", prefix="hcs-site-crash-", suffix=".txt", delete=False
        ) as fh:
            fh.write(f"hcs-site {__version__}\n{' '.join(sys.argv)}\n\n{traceback.format_exc()}")
        click.echo(
            "hcs-site stopped on an internal error. This is a bug in hcs-site, not a problem "
            f"in your content.\nPlease report it at {REPORT_URL} and attach {fh.name} "
            "(it holds the details).",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hcs-site")
def main() -> None:
    """Validate and publish a competency-based learning framework and student portfolios."""


for command in (validate.validate, validate.schema, site.build, site.assemble, site.serve, diff.diff, publish.publish,
                new.new, export.export, import_.import_, generate.generate, pdf.pdf, upgrade.upgrade,
                cache.cache):
    main.add_command(command)
main.add_command(init_command.init)
