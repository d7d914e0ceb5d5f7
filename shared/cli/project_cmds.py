"""`finagents new`, `update` and `check`: client projects."""

from __future__ import annotations

from pathlib import Path

import typer

# Outcomes of `update` worth telling: what changed in the project, and what it left alone.
_UPDATE_WORDS = {
    "updated": "took the pack's new version",
    "added": "new from the pack",
    "merged": "merged the pack's changes into your edits",
    "conflict": "CONFLICT: both changed the same lines; marked in the file",
    "removed": "removed (the pack dropped it; you had not edited it)",
    "left_deleted": "you deleted it; the pack changed it; left deleted",
    "left_in_place": "the pack dropped it; you had edited it; left in place",
}


WheelOption = typer.Option(
    None, "--wheel", metavar="FILE.whl", dir_okay=False,
    help="The pack's wheel (finagents-VERSION-py3-none-any.whl of the installed version): kept in the project's "
         "wheels/ and named by requirements.txt, so `pip install -r requirements.txt` installs it where no "
         "package index serves finagents.")


def register(app: typer.Typer) -> None:
    from shared.cli.usage import PlainUsage

    app.command("new", cls=PlainUsage, help="Make a client project for WORKFLOW at DEST (a git repository).")(new)
    app.command("update", cls=PlainUsage, help="Merge the installed pack's changes into a client project.")(update)
    app.command("check", cls=PlainUsage, help="Validate a client project's settings and render its prompts.")(check)


def new(
    workflow: str = typer.Argument(..., metavar="WORKFLOW", help="Workflow name (see `finagents list`)."),
    dest: Path = typer.Argument(..., metavar="DEST", help="The new project's folder (must not exist, or be empty)."),
    client: str | None = typer.Option(None, "--client", metavar="NAME",
                                         help="The client's name, as reports show it. Default: DEST's name."),
    with_code: bool = typer.Option(False, "--with-code", help="Also copy the workflow's graph into the project."),
    wheel: Path | None = WheelOption,
) -> None:
    from shared.project.answers import ProjectAnswers, package_name
    from shared.project.create import new_project
    from shared.project.pack import installed_pack

    pack = installed_pack(workflow)
    name = client or dest.resolve().name
    answers = ProjectAnswers(workflow=pack.workflow, client=name,
                             package=package_name(name, pack.workflow) if with_code else None)
    root = new_project(pack, answers, dest, wheel)
    typer.echo(f"Made {root} ({pack.workflow} for {name}, finagents {pack.version}); first commit done.")
    typer.echo(f"Next: cd {dest} && finagents run {pack.workflow} inputs/sample   (README.md says more)")


def update(
    dest: Path = typer.Argument(Path("."), metavar="DEST", help="The client project. Default: this folder."),
    allow_dirty: bool = typer.Option(False, "--allow-dirty", help="Update even with uncommitted changes."),
    wheel: Path | None = WheelOption,
) -> None:
    from shared.errors import InputError
    from shared.project.answers import read_record
    from shared.project.pack import installed_pack
    from shared.project.update import update_project

    report = update_project(dest, installed_pack(read_record(dest.resolve()).answers.workflow),
                            allow_dirty=allow_dirty, wheel=wheel)
    typer.echo(f"Updated {dest.resolve()} from pack {report.from_version} to {report.to_version}.")
    for item in report.files:
        if item.outcome in _UPDATE_WORDS:
            typer.echo(f"  {item.path}: {_UPDATE_WORDS[item.outcome]}")
    if report.wheel_missing:
        typer.echo(f"  requirements.txt names {report.wheel_missing}, which is not in the project: "
                   f"add it with `finagents update {dest} --wheel PATH`")
    if report.conflicts:
        names = ", ".join(item.path for item in report.conflicts)
        raise InputError(dest, f"{len(report.conflicts)} file(s) with conflicts marked <<<<<<< to resolve: "
                               f"{names}; then `finagents check` and commit")
    typer.echo("Review with `git diff`, run `finagents check`, then commit.")


def check(dest: Path = typer.Argument(Path("."), metavar="DEST", help="The client project. Default: this folder.")
          ) -> None:
    import os

    from shared.project.check import check_project

    report = check_project(dest, os.environ)
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    for problem in report.problems:
        typer.echo(f"finagents: {problem}", err=True)
    if report.problems:
        raise typer.Exit(2)
    typer.echo(f"{dest.resolve()}: settings valid; {report.prompts_rendered} prompt(s) of "
               f"{', '.join(report.workflows) or 'no workflow'} render with their example data.")
