"""`finagents export plugin`: the engagement (or the pack alone) as a Claude Code / Cowork
plugin (shared.export)."""

from __future__ import annotations

from pathlib import Path

import typer

from shared.cli.common import EngagementOption


def build() -> typer.Typer:
    from shared.cli.usage import PlainUsage

    group = typer.Typer(no_args_is_help=True)
    group.command("plugin", cls=PlainUsage,
                  help="Write the engagement as a Claude Code / Cowork plugin at DEST: a skill and an agent per "
                       "workflow, the MCP servers, and evals from the pack's own cases.")(plugin)
    return group


def plugin(
    dest: Path = typer.Argument(..., metavar="DEST", help="The plugin's folder: new, empty, or a previous export "
                                                          "(replaced whole)."),
    engagement: Path | None = EngagementOption,
) -> None:
    import secrets
    from datetime import UTC, datetime

    from shared.cli.common import engagement_in_force
    from shared.export.plugin import export_plugin

    report = export_plugin(dest, engagement_in_force(engagement), datetime.now(UTC), secrets.token_hex(4))
    typer.echo(f"Wrote {report.dest}: plugin {report.identity.name} {report.identity.version}, "
               f"skills {', '.join(report.skills)}, {report.evals} eval case(s), {report.files} file(s).")
    typer.echo(f"Try it: claude --plugin-dir {report.dest}")
