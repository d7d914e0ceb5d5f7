"""`finagents eval WORKFLOW [CASES]`: score a workflow against its ground truth."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    from shared.cli.usage import PlainUsage

    app.command("eval", cls=PlainUsage,
                help="Score a workflow's output against ground truth; prints a table, writes JSON.")(evaluate)


def evaluate(
    workflow: str = typer.Argument(..., metavar="WORKFLOW", help="Workflow name (see `finagents list`)."),
    cases: list[Path] | None = typer.Argument(
        None, metavar="CASE", help="Inputs to score; default: every case with ground truth."),
    json_out: Path = typer.Option(Path("eval.json"), "--json", metavar="FILE.json",
                                  help="Where to write the JSON report."),
) -> None:
    from shared.errors import InputError
    from shared.workflows import get_workflow

    flow = get_workflow(workflow)
    if flow.evaluation is None:
        raise InputError(flow.name, "has no evaluation in this version of the pack")
    for case in cases or []:
        if not case.exists():
            raise InputError(case, "does not exist")
    report = flow.evaluation.load()(list(cases) if cases else None)
    typer.echo(report.table())
    json_out.write_text(report.to_json() + "\n", encoding="utf-8")
    typer.echo(f"JSON report: {json_out}")
    if not report.meets_targets:
        raise typer.Exit(1)
