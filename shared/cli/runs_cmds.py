"""`finagents run`, `resume`, `runs` and `demo` (`review` is in review_cmd.py)."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from shared.cli.common import EngagementOption, QuietOption, engagement_in_force, runs_dir, stderr_progress

# Read by hand, not as typer's envvar: FINAGENTS_SERVER is taken only for a run a server
# started, so that having it set never stops the review of a local run.
ServerOption = typer.Option(
    None, "--server", metavar="URL",
    help="The LangGraph server that started the run (its run.json names the server's thread), e.g. "
         "http://127.0.0.1:2024: the run is answered or continued there, through the LangGraph SDK. "
         "Default for such a run: the environment variable FINAGENTS_SERVER.")


def register(app: typer.Typer) -> None:
    app.command("run", help="Run a workflow on INPUT; it stops at the review gate.")(run)
    app.command("resume", help="Continue a run that crashed, was interrupted or hit its budget.")(resume)
    app.command("runs", help="The runs in the runs folder in force, with their states.")(list_runs)
    app.command("demo", help="Run every built workflow on its bundled sample, offline.")(demo)


def run(
    workflow: str = typer.Argument(..., metavar="WORKFLOW", help="Workflow name (see `finagents list`)."),
    input_path: Path = typer.Argument(..., metavar="INPUT", help="The file or folder to work on."),
    engagement: Path | None = EngagementOption,
    model: str | None = typer.Option(None, "--model", help="offline, or a Claude model id."),
    out: Path | None = typer.Option(None, "--out", help="Put the run folder here."),
    budget_usd: str | None = typer.Option(None, "--budget-usd", metavar="AMOUNT",
                                             help="Stop the run cleanly, resumable, once its model calls cost more "
                                                  "than this, in USD (e.g. 5.00). Default: the engagement's."),
    batch_api: bool = typer.Option(False, "--batch-api",
                                   help="Send the model's requests through the Message Batches API, at half the "
                                        "price: the run waits for each answer, polling (with a Claude model)."),
    quiet: bool = QuietOption,
) -> None:
    from shared.errors import InputError
    from shared.runs.driver import start_run
    from shared.workflows import get_workflow

    flow = get_workflow(workflow)
    if not input_path.exists():
        raise InputError(input_path, "does not exist")
    progress = stderr_progress(quiet)
    options = {"model": model, "budget_usd": budget_usd, "batch_api": batch_api or None}
    outcome = start_run(flow, input_path, engagement=engagement_in_force(engagement), options=options, out=out,
                        environ=os.environ, progress=progress)
    progress.end(f"{outcome.status}: {outcome.run_id}")
    report(outcome)


def resume(
    run_ref: str = typer.Argument(..., metavar="RUN", help="Run id or run folder."),
    budget_usd: str | None = typer.Option(None, "--budget-usd", metavar="AMOUNT",
                                             help="A new model budget for the rest of the run, in USD (e.g. 10.00); "
                                                  "not for a run a LangGraph server started."),
    server: str | None = ServerOption,
    engagement: Path | None = EngagementOption,
    quiet: bool = QuietOption,
) -> None:
    from shared.runs.driver import resume_run
    from shared.runs.server_client import resume_on_server, served_target
    from shared.runs.store import resolve_run

    run_dir = resolve_run(run_ref, runs_dir(engagement))
    served = served_target(run_dir, server, os.environ)
    if served and budget_usd is not None:
        refuse_served_budget(served.run_id)
    progress = stderr_progress(quiet)
    if served:
        outcome = resume_on_server(served, progress)
    else:
        outcome = resume_run(run_dir, options={"budget_usd": budget_usd}, environ=os.environ, progress=progress)
    progress.end(f"{outcome.status}: {outcome.run_id}")
    report(outcome)


def refuse_served_budget(run_id: str) -> None:
    """The server's process keeps each run's context, budget included, from its first step
    (shared.runs.nodes.served_context); a new budget written to run.json would not reach it."""
    from shared.errors import InputError

    raise InputError("--budget-usd", f"cannot be changed for {run_id}, a run a LangGraph server started: the server "
                                     "keeps the budget it started with; resume without --budget-usd")


def list_runs(engagement: Path | None = EngagementOption) -> None:
    from shared.runs.store import list_runs as find_runs

    folder = runs_dir(engagement)
    found = find_runs(folder)
    if not found:
        typer.echo(f"no runs in {folder}")
        return
    # The run id is what `review` and `resume` take: never shortened, so the folder, the
    # same for every run, is said once above the table instead of in a column; columns
    # are padded, not cut to a terminal's width.
    typer.echo(f"runs in {folder}:")
    rows = [("run", "workflow", "input", "started (UTC)", "status")]
    rows += [(s.run_id, s.workflow, s.input, s.started, s.status) for s in found]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        typer.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


def demo() -> None:
    from shared.engagement import Engagement
    from shared.runs.driver import start_run
    from shared.workflows import demo_workflows

    flows = demo_workflows()
    if not flows:
        typer.echo("No workflow is built yet in this version of the pack, so there is nothing to demonstrate.")
        return
    for flow in flows:
        outcome = start_run(flow, flow.sample_dir, engagement=Engagement(None), options={"model": "offline"},
                            out=None, environ={})
        report(outcome)


NEXT_STEP = {
    "awaiting_review": "review it: finagents review {run} --approve|--reject --reviewer NAME",
    "approved": "approved; the outputs are final",
    "rejected": "rejected; start a new run to try again",
}


def report(outcome) -> None:  # (Outcome) -> None
    typer.echo(f"{outcome.run_dir}")
    hint = NEXT_STEP.get(outcome.status, "")
    # A run made with --out lives outside the runs folder: name it by its path.
    name = outcome.run_id if outcome.run_dir.parent.name == "runs" else str(outcome.run_dir)
    typer.echo(f"  {outcome.status}" + (f": {hint.format(run=name)}" if hint else ""))
