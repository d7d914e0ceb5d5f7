"""`finagents run`, `review`, `resume`, `runs` and `demo`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import List, Optional

import typer

from shared.cli.common import EngagementOption, console, engagement_in_force, runs_dir


def register(app: typer.Typer) -> None:
    app.command("run", help="Run a workflow on INPUT; it stops at the review gate.")(run)
    app.command("review", help="Approve or reject a run waiting at its review gate.")(review)
    app.command("resume", help="Continue a run that crashed, was interrupted or hit its budget.")(resume)
    app.command("runs", help="The runs in the runs folder in force, with their states.")(list_runs)
    app.command("demo", help="Run every built workflow on its bundled sample, offline.")(demo)


def run(
    workflow: str = typer.Argument(..., metavar="WORKFLOW", help="Workflow name (see `finagents list`)."),
    input_path: Path = typer.Argument(..., metavar="INPUT", help="The file or folder to work on."),
    engagement: Optional[Path] = EngagementOption,
    model: Optional[str] = typer.Option(None, "--model", help="offline, or a Claude model id."),
    out: Optional[Path] = typer.Option(None, "--out", help="Put the run folder here."),
    budget_usd: Optional[str] = typer.Option(None, "--budget-usd", help="Stop the run past this model cost."),
) -> None:
    from shared.engagement import check_model_access, run_settings
    from shared.errors import InputError
    from shared.workflows import get_workflow

    flow = get_workflow(workflow)
    if not input_path.exists():
        raise InputError(input_path, "does not exist")
    settings = run_settings(
        flow.name,
        engagement_in_force(engagement),
        options={"model": model, "budget_usd": budget_usd},
        input_file=flow.input_settings(input_path),
        environ=os.environ,
    )
    check_model_access(settings.engagement, os.environ)
    flow.require_built()
    raise _needs_run_store("run")


def review(
    run_ref: str = typer.Argument(..., metavar="RUN", help="Run id or run folder."),
    approve: bool = typer.Option(False, "--approve"),
    reject: bool = typer.Option(False, "--reject"),
    reviewer: Optional[str] = typer.Option(None, "--reviewer", help="Who signs off."),
    comment: str = typer.Option("", "--comment"),
    disposition: List[str] = typer.Option([], "--disposition", help="ITEM_ID=VERDICT[:REASON], repeatable."),
    decisions: Optional[Path] = typer.Option(None, "--decisions", help="A JSON file holding the whole answer."),
    engagement: Optional[Path] = EngagementOption,
) -> None:
    from shared.errors import InputError
    from shared.runs.review import parse_disposition
    from shared.runs.store import resolve_run

    if approve and reject:
        raise InputError("--approve/--reject", "give one of them, not both")
    resolve_run(run_ref, runs_dir(engagement))
    [parse_disposition(text) for text in disposition]
    raise _needs_run_store("review")


def resume(
    run_ref: str = typer.Argument(..., metavar="RUN", help="Run id or run folder."),
    engagement: Optional[Path] = EngagementOption,
) -> None:
    from shared.runs.store import resolve_run

    resolve_run(run_ref, runs_dir(engagement))
    raise _needs_run_store("resume")


def list_runs(engagement: Optional[Path] = EngagementOption) -> None:
    from rich.table import Table

    from shared.runs.store import list_runs as find_runs

    folder = runs_dir(engagement)
    found = find_runs(folder)
    if not found:
        typer.echo(f"no runs in {folder}")
        return
    table = Table("run", "workflow", "status", "folder", box=None, pad_edge=False)
    for summary in found:
        table.add_row(summary.run_id, summary.workflow, summary.status, str(summary.path))
    console().print(table)


def demo() -> None:
    from shared.workflows import built_workflows

    flows = built_workflows()
    if not flows:
        typer.echo("No workflow is built yet in this version of the pack, so there is nothing to demonstrate.")
        return
    raise _needs_run_store("demo")


def _needs_run_store(command: str) -> Exception:
    from shared.errors import FinagentsError

    return FinagentsError(command, "needs the run store, which this version of the pack does not have yet")
