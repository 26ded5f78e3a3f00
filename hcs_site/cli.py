"""The `hcs-site` command group. Each command lives in its own module under `commands/`.

Exit codes are the same everywhere: 0 clean, 1 content errors (or warnings under --strict),
2 usage errors, 70 an internal error (a bug in hcs-site, never the user's content).
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from typing import Any

import click

from . import __version__
from .check.pipeline import BuildDateError
from .commands import diff, export, generate, import_, new, pdf, publish, site, validate
from .commands.common import EXIT_INTERNAL

REPORT_URL = "https://github.com/henry-county-schools/hcs-site/issues"


class Group(click.Group):
    """Turns an unexpected exception into a short, reportable message instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BuildDateError as exc:  # HCS_TODAY is a setting of this run: a usage error (exit 2)
            raise click.UsageError(str(exc)) from exc
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except Exception:
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
                new.new, export.export, import_.import_, generate.generate, pdf.pdf):
    main.add_command(command)
