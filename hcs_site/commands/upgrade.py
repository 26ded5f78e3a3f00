"""`hcs-site upgrade`: rewrite the content files in the current content format (docs/versions.md)."""

from __future__ import annotations

import sys

import click

from ..check.content_format import CURRENT_FORMAT
from ..upgrade.run import plan, uncommitted, write
from ..upgrade.steps import UpgradeError
from .common import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, repository_root, root_option


@click.command()
@root_option
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 when an upgrade is needed (for CI).")
@click.option("--allow-dirty", is_flag=True,
              help="Rewrite files that have uncommitted changes (otherwise refused, so the upgrade is one change).")
def upgrade(root: str, check_only: bool, allow_dirty: bool) -> None:
    """Rewrite the content files from an older content format into the current one."""
    repo = repository_root(root)
    try:
        upgrade_plan = plan(repo)
    except UpgradeError as exc:
        click.echo(f"upgrade stopped: {exc}", err=True)
        sys.exit(EXIT_CONTENT)
    changes = upgrade_plan.changes
    if not changes:
        click.echo(f"content/district.yml is in content format {CURRENT_FORMAT}, the current one: nothing to upgrade")
        sys.exit(EXIT_OK)
    if check_only:
        for note in upgrade_plan.notes:
            click.echo(f"would change {note}")
        click.echo(f"run `hcs-site upgrade` to bring {len(changes)} file(s) to content format {CURRENT_FORMAT}",
                   err=True)
        sys.exit(EXIT_CONTENT)
    dirty = uncommitted(repo, sorted(changes))
    if dirty and not allow_dirty:
        click.echo(f"upgrade stopped: {', '.join(dirty)} has changes that are not committed; commit or stash them "
                   "first, so the upgrade is one change you can review (or pass --allow-dirty)", err=True)
        sys.exit(EXIT_USAGE)
    write(repo, changes)
    for note in upgrade_plan.notes:
        click.echo(f"changed {note}")
    click.echo(f"upgraded to content format {CURRENT_FORMAT}: {len(changes)} file(s) changed; review them "
               "(`git diff`), run `hcs-site validate`, and commit")
