"""`finagents batch WORKFLOW CASES_DIR` and `finagents batch resume BATCH_DIR` (the work
is in shared/runs/batch/)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from shared.cli.common import EngagementOption, QuietOption, engagement_in_force, stderr_progress

if TYPE_CHECKING:
    from shared.runs.batch import BatchRecord

RESUME = "resume"


def register(app: typer.Typer) -> None:
    from shared.cli.usage import usage_forms

    forms = usage_forms("[OPTIONS] WORKFLOW CASES_DIR", f"{RESUME} [OPTIONS] BATCH_DIR")
    app.command("batch", cls=forms,
                help="Run every case (each folder or file directly under CASES_DIR) as its own run, N at a time; "
                     "a failed case is recorded and the rest go on. `batch resume` finishes what was left.")(batch)


def batch(
    workflow: str = typer.Argument(..., metavar="WORKFLOW",
                                   help=f"Workflow name (see `finagents list`), or `{RESUME}` to finish a batch."),
    folder: Path = typer.Argument(..., metavar="CASES_DIR",
                                  help="The folder of cases; after `resume`, the batch folder (BATCH_DIR)."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, metavar="N",
                                    help="How many cases run at once, each in a process of its own. Default: 1."),
    model: str | None = typer.Option(None, "--model", metavar="MODEL",
                                      help="offline, or a Claude model id, for every case."),
    budget_usd: str | None = typer.Option(None, "--budget-usd", metavar="AMOUNT",
                                          help="Each case's model budget in USD (e.g. 5.00); with `resume`, a new "
                                               "budget for the runs it continues. Default: the engagement's."),
    case_timeout: int | None = typer.Option(None, "--case-timeout", min=1, metavar="SECONDS",
                                            help="Stop a case that takes longer (its run is continued by "
                                                 "`batch resume`). Default: no limit."),
    out: Path | None = typer.Option(None, "--out", metavar="DIR",
                                    help="Put the batch folder here. Default: runs/batch-<time>-<id>/ in the runs "
                                         "folder in force."),
    batch_api: bool = typer.Option(False, "--batch-api",
                                   help="Send every case's model requests through the Message Batches API, at half "
                                        "the price (each case waits and polls for its answers)."),
    engagement: Path | None = EngagementOption,
    quiet: bool = QuietOption,
) -> None:
    if workflow == RESUME:
        _refuse_on_resume(model=model, out=out, engagement=engagement, **{"batch-api": batch_api or None})
        _resume(folder, jobs=jobs, budget_usd=budget_usd, case_timeout=case_timeout, quiet=quiet)
    else:
        _start(workflow, folder, jobs=jobs or 1, model=model, budget_usd=budget_usd, case_timeout=case_timeout,
               out=out, engagement=engagement, quiet=quiet, batch_api=batch_api)


def _start(workflow: str, cases_dir: Path, *, jobs: int, model: str | None, budget_usd: str | None,
           case_timeout: int | None, out: Path | None, engagement: Path | None, quiet: bool,
           batch_api: bool = False) -> None:
    from shared.engagement import check_model_access, run_settings
    from shared.runs.batch import BatchOptions, claim_folder, new_batch, utc_now
    from shared.workflows import get_workflow

    flow = get_workflow(workflow)
    flow.require_built()
    found = engagement_in_force(engagement)
    # What every case would refuse (a bad budget, a model without its key) is refused once, here.
    settings = run_settings(flow.name, found, options={"model": model, "budget_usd": budget_usd}, input_file=None,
                            environ=os.environ)
    check_model_access(settings.engagement, os.environ)
    runs = found.runs_dir(Path.cwd())
    options = BatchOptions(jobs=jobs, model=model, budget_usd=budget_usd, case_timeout=case_timeout,
                           batch_api=batch_api, engagement=engagement.resolve() if engagement is not None else None)
    record = new_batch(flow.name, cases_dir, runs_dir=runs, workdir=Path.cwd(), options=options, now=utc_now())
    folder = claim_folder(out or runs / record.batch_id, given=out is not None)
    _run(record, folder, f"batch {record.batch_id} in {folder}: {len(record.cases)} cases of {flow.name}", quiet)


def _resume(folder: Path, *, jobs: int | None, budget_usd: str | None, case_timeout: int | None,
            quiet: bool) -> None:
    from shared.runs.batch import load

    record = load(folder)
    changes = {"jobs": jobs, "budget_usd": budget_usd, "case_timeout": case_timeout}
    record = record.with_options(**{key: value for key, value in changes.items() if value is not None})
    left = len(record.failed())
    _run(record, folder.resolve(), f"resuming batch {record.batch_id} in {folder.resolve()}: "
                                   f"{left} of {len(record.cases)} cases not done", quiet)


def _refuse_on_resume(**given: object) -> None:
    from shared.errors import InputError

    for name, value in given.items():
        if value is not None:
            raise InputError(f"--{name}", "a batch resumes with the settings it started with; `batch resume` "
                                          "takes --jobs, --budget-usd, --case-timeout and --quiet")


def _run(record: BatchRecord, folder: Path, first_line: str, quiet: bool) -> None:
    from shared.errors import FinagentsError
    from shared.runs.batch import CSV_FILE, run_batch, status_counts

    progress = stderr_progress(quiet)
    progress.begin(f"{first_line}, {_at_a_time(record.options.jobs)}")
    ended = run_batch(record, folder, progress=progress)
    progress.end(f"batch {ended.batch_id}: {status_counts(ended)}")
    typer.echo(f"{folder}")
    typer.echo(f"  {folder / CSV_FILE}")
    failed = ended.failed()
    if failed:
        raise FinagentsError(ended.batch_id, f"{len(failed)} of {len(ended.cases)} cases did not reach the review "
                                             f"gate (see {CSV_FILE}); `finagents batch resume {folder}` "
                                             "continues them")


def _at_a_time(jobs: int) -> str:
    cpus = os.cpu_count() or 1
    # Allowed: a case waiting on the model's API uses no CPU. Said, because on a CPU-bound
    # workflow the cases only take turns.
    return f"{jobs} at a time" + (f" (more than the {cpus} CPUs here)" if jobs > cpus else "")
