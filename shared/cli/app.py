"""The command tree; each group of commands lives in its own module."""

from __future__ import annotations

import typer

from shared import __version__


def build_app() -> typer.Typer:
    from shared.cli import (
        archive_cmd,
        audit_cmd,
        batch_cmd,
        eval_cmd,
        export_cmd,
        info_cmds,
        mcp_cmd,
        project_cmds,
        prompts_cmd,
        report_cmds,
        review_cmd,
        runs_cmds,
    )
    from shared.workflows import all_workflows

    app = typer.Typer(
        name="finagents",
        help="Finance agent templates that compute, cite, verify and record.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    app.callback(invoke_without_command=True)(_root)
    info_cmds.register(app)
    runs_cmds.register(app)
    batch_cmd.register(app)
    review_cmd.register(app)
    eval_cmd.register(app)
    project_cmds.register(app)
    report_cmds.register(app)
    archive_cmd.register(app)
    mcp_cmd.register(app)
    for workflow in all_workflows():  # each workflow's own commands: `screen`, `statement`, ...
        if workflow.commands is not None:
            workflow.commands(app)
    app.add_typer(prompts_cmd.build(), name="prompts", help="List, show and diff prompt templates.")
    app.add_typer(audit_cmd.build(), name="audit", help="Check a run's audit log.")
    app.add_typer(export_cmd.build(), name="export", help="Export the engagement for other tools: `export plugin`.")
    return app


def _root(
    version: bool = typer.Option(False, "--version", help="Print the pack's version and exit."),
) -> None:
    if version:
        typer.echo(f"finagents {__version__}")
        raise typer.Exit(0)
