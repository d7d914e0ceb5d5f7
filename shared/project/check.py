"""`finagents check`: everything wrong with a client project, one line each.

The settings are validated against each workflow's schema (every error, not only the
first), every prompt is rendered with its documented example variables, and merge
conflicts left by `update` are found before a run trips over them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from shared.engagement import (
    ENGAGEMENT_FILE,
    describe_errors,
    engagement_config_model,
    load_engagement,
    read_toml,
    workflow_tables,
)
from shared.errors import FinagentsError
from shared.project.answers import PROJECT_FILE, read_record
from shared.project.wheel import missing_wheel
from shared.runs.driver import graph_builder_for
from shared.workflows import get_workflow

_CONFLICT_MARKER = re.compile(r"^<{7} ", re.MULTILINE)  # git merge-file always labels its markers
_CHECKED_SUFFIXES = (".toml", ".j2", ".py", ".md")


@dataclass(frozen=True)
class Problem:
    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[Problem, ...]
    prompts_rendered: int
    workflows: tuple[str, ...]
    warnings: tuple[Problem, ...] = ()  # what will bite later, without making the settings wrong


def check_project(root: Path, environ: Mapping[str, str] | None = None) -> CheckReport:
    """Every problem of the project at `root`, and warnings about `environ` (the process's
    environment, passed in so that nothing is read behind the caller's back)."""
    report = _problems(root.resolve())
    return replace(report, warnings=_warnings(root.resolve(), environ or {}))


def _problems(root: Path) -> CheckReport:
    path = root / ENGAGEMENT_FILE
    if not path.is_file():
        return CheckReport((Problem(str(root), f"is not a client project (no {ENGAGEMENT_FILE})"),), 0, ())
    problems = conflict_problems(root)
    try:
        data = read_toml(path)
    except FinagentsError as exc:
        return CheckReport((*problems, Problem(str(path), exc.problem)), 0, ())
    problems += settings_problems(data, path)
    workflows = _workflows(root, data)
    if not problems:
        problems += graph_problems(root, workflows)
    rendered = 0
    for workflow in workflows:
        found, count = prompt_problems(workflow, root)
        problems, rendered = problems + found, rendered + count
    return CheckReport(tuple(problems), rendered, workflows)


def _warnings(root: Path, environ: Mapping[str, str]) -> tuple[Problem, ...]:
    try:
        data = read_toml(root / ENGAGEMENT_FILE)
    except FinagentsError:  # already the problem reported
        return ()
    return (*model_warnings(data, root / ENGAGEMENT_FILE, environ), *wheel_warnings(root))


def model_warnings(data: Mapping[str, Any], path: Path, environ: Mapping[str, str]) -> list[Problem]:
    """A model id without ANTHROPIC_API_KEY: every run would stop at its start (exit 2),
    so say so now, while the settings are being checked."""
    table = data.get("engagement")
    given = table.get("model") if isinstance(table, dict) else None
    model = given or environ.get("FINAGENTS_MODEL") or "offline"
    if not isinstance(model, str) or model == "offline" or environ.get("ANTHROPIC_API_KEY"):
        return []
    source, offline = (str(path), 'set model = "offline"') if given else ("FINAGENTS_MODEL", "unset it")
    return [Problem(source, f"model '{model}' is set but ANTHROPIC_API_KEY is not in the environment: runs will "
                            f"stop until it is exported, or {offline} to run without a model")]


def wheel_warnings(root: Path) -> list[Problem]:
    """A project made with --wheel whose wheel is gone cannot be installed from requirements.txt."""
    if not (root / PROJECT_FILE).is_file():
        return []
    record = read_record(root)
    relative = missing_wheel(root, record.answers, record.baseline_version)
    return [Problem(str(root / "requirements.txt"), f"names {relative}, which is not in the project: copy that "
                    "wheel there, or `pip install -r requirements.txt` fails")] if relative else []


def settings_problems(data: Mapping[str, Any], path: Path) -> list[Problem]:
    problems = _validation_problems(engagement_config_model(), data, path, "")
    for name in workflow_tables():
        table = data.get(name)
        if isinstance(table, dict):
            problems += _validation_problems(get_workflow(name).settings_model(), table, path, f"{name}.")
    return problems


def _validation_problems(model: type[BaseModel], data: Mapping[str, Any], path: Path, prefix: str) -> list[Problem]:
    try:
        model.model_validate(dict(data))
    except ValidationError as exc:
        return [Problem(str(path), message) for _, message in describe_errors(exc, prefix, model)]
    return []


def graph_problems(root: Path, workflows: tuple[str, ...]) -> list[Problem]:
    """A project's own graph (`graph = ...`, made with --with-code) must import and build."""
    engagement = load_engagement(root)
    problems = []
    for name in workflows:
        try:
            graph_builder_for(get_workflow(name), engagement)()
        except Exception as exc:  # the team's own code: any failure is theirs to see, in one line
            detail = exc.problem if isinstance(exc, FinagentsError) else f"{type(exc).__name__}: {exc}"
            problems.append(Problem(str(root / ENGAGEMENT_FILE), f"{name}.graph: {detail}"))
    return problems


def prompt_problems(workflow_name: str, root: Path) -> tuple[list[Problem], int]:
    """Problems rendering the workflow's prompts (as this project serves them) with
    their example variables, and how many rendered."""
    library = get_workflow(workflow_name).prompt_library(root / "prompts" / workflow_name)
    problems, rendered = [], 0
    for name in library.names():
        source = library.find(name)
        if library.pack_default(name) is None:
            problems.append(Problem(str(source.path), "overrides no pack template, so nothing uses it"))
            continue
        try:
            library.render(name, **library.example_variables(name))
            rendered += 1
        except FinagentsError as exc:
            problems.append(Problem(str(exc.source or source.path), f"{name}: {exc.problem}"))
    return problems, rendered


def conflict_problems(root: Path) -> list[Problem]:
    """Merge conflicts `update` marked and nobody resolved yet."""
    problems = []
    for path in sorted(_project_files(root)):
        text = path.read_text(encoding="utf-8", errors="replace")
        match = _CONFLICT_MARKER.search(text)
        if match:
            line = text.count("\n", 0, match.start()) + 1
            problems.append(Problem(f"{path}:{line}", "unresolved merge conflict from `finagents update`"))
    return problems


def _project_files(root: Path) -> list[Path]:
    skipped = {".finagents", ".git", "runs", "inputs", ".venv"}
    return [p for p in root.rglob("*") if p.is_file() and p.suffix in _CHECKED_SUFFIXES
            and not skipped.intersection(p.relative_to(root).parts)]


def _workflows(root: Path, data: Mapping[str, Any]) -> tuple[str, ...]:
    """The project's workflow, or, for a hand-made project, every workflow it configures."""
    if (root / PROJECT_FILE).is_file():
        return (read_record(root).answers.workflow,)
    return tuple(name for name in workflow_tables() if name in data)
