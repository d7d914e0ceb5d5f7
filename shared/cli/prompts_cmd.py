"""`finagents prompts list|show|diff`: the templates a workflow renders, and overrides."""

from __future__ import annotations

import difflib
from pathlib import Path

import typer

from shared.cli.common import EngagementOption, console, engagement_in_force

WorkflowArgument = typer.Argument(..., metavar="WORKFLOW", help="Workflow name (see `finagents list`).")


def build() -> typer.Typer:
    from shared.cli.usage import PlainUsage

    group = typer.Typer(no_args_is_help=True)
    group.command("list", cls=PlainUsage, help="Every template of a workflow, and which layer serves it.")(list_prompts)
    group.command("show", cls=PlainUsage,
                  help="A template's text, or its render with the documented example.")(show)
    group.command("diff", cls=PlainUsage, help="The engagement's overrides against the pack defaults.")(diff)
    return group


def library_for(workflow_name: str, engagement_option: Path | None):  # -> PromptLibrary
    from shared.workflows import get_workflow

    workflow = get_workflow(workflow_name)
    return workflow.prompt_library(engagement_in_force(engagement_option).prompts_dir(workflow.name))


def list_prompts(workflow: str = WorkflowArgument, engagement: Path | None = EngagementOption) -> None:
    from rich.table import Table

    library = library_for(workflow, engagement)
    table = Table("template", "source", "sha256", "file", box=None, pad_edge=False)
    for name in library.names():
        found = library.find(name)
        table.add_row(name, found.origin, found.sha256[:12], str(found.path))
    console().print(table)


def show(
    workflow: str = WorkflowArgument,
    name: str = typer.Argument(..., metavar="TEMPLATE", help="The template's name as `prompts list` shows it, "
                                                            "e.g. system.j2."),
    example: bool = typer.Option(False, "--example", help="Render with the documented example variables."),
    engagement: Path | None = EngagementOption,
) -> None:
    library = library_for(workflow, engagement)
    found = library.find(name)
    typer.echo(f"# {name}  ({found.origin}: {found.path}, sha256 {found.sha256[:12]})", err=True)
    if example:
        typer.echo(library.render(name, **library.example_variables(name)).text, nl=False)
    else:
        typer.echo(found.path.read_text(encoding="utf-8"), nl=False)


def diff(workflow: str = WorkflowArgument, engagement: Path | None = EngagementOption) -> None:
    """Each override against the pack's current default; `!` flags one whose default has
    moved since the project was made or last updated."""
    library = library_for(workflow, engagement)
    root = engagement_in_force(engagement).root
    overrides = library.overrides()
    if not overrides:
        typer.echo(f"{workflow}: no prompt overrides; every template is the pack default.")
    for override in overrides:
        typer.echo(_override_diff(library, override, root, workflow), nl=False)


def _override_diff(library, override, root: Path | None, workflow: str) -> str:  # library: PromptLibrary
    from shared.project.drift import default_drift

    default = library.pack_default(override.name)
    if default is None:
        return f"! {override.name}: {override.path} overrides no pack template, so nothing uses it\n"
    if default.sha256 == override.sha256:
        return f"= {override.name}: identical to the pack default\n"
    flags = "".join(f"! {override.name}: {reason}\n" for reason in default_drift(root, workflow, override.name,
                                                                                 default.sha256))
    return flags + _unified(default, override)


def _unified(default, override) -> str:  # (TemplateSource, TemplateSource) -> str
    lines = difflib.unified_diff(
        default.path.read_text(encoding="utf-8").splitlines(keepends=True),
        override.path.read_text(encoding="utf-8").splitlines(keepends=True),
        fromfile=f"pack/{override.name}",
        tofile=f"engagement/{override.name}",
    )
    return "".join(lines)
