"""`finagents list` and `finagents graph`: what the pack holds."""

from __future__ import annotations

from pathlib import Path

import typer

from shared.cli.common import EngagementOption, engagement_in_force


def register(app: typer.Typer) -> None:
    from shared.cli.usage import PlainUsage

    app.command("list", cls=PlainUsage, help="The workflows and one line on each.")(list_workflows)
    app.command("graph", cls=PlainUsage, help="The mermaid text of a workflow's graph.")(graph)


def list_workflows() -> None:
    from rich.table import Table

    from shared.cli.common import console
    from shared.workflows import all_workflows

    table = Table("workflow", "state", "what it does", box=None, pad_edge=False)
    for workflow in all_workflows():
        table.add_row(workflow.name, "ready" if workflow.is_built else "not built yet", workflow.summary)
    console().print(table)


def graph(
    workflow: str = typer.Argument(..., metavar="WORKFLOW", help="Workflow name (see `finagents list`)."),
    engagement: Path | None = EngagementOption,
) -> None:
    from shared.runs.driver import graph_builder_for
    from shared.workflows import get_workflow

    builder = graph_builder_for(get_workflow(workflow), engagement_in_force(engagement))
    typer.echo(builder().compile().get_graph().draw_mermaid(), nl=False)
