"""What every node of a run can reach: LangGraph's runtime context (never checkpointed;
rebuilt by `resume` and `review` from the run manifest)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol, TypeVar

from shared.audit import AuditLog
from shared.engagement import RunSettings, WorkflowSettings
from shared.llm.protocol import Model
from shared.prompts import PromptLibrary
from shared.runs.progress import RunProgress

W = TypeVar("W", bound=WorkflowSettings)


@dataclass(frozen=True)
class RunContext:
    run_id: str
    workflow: str
    run_dir: Path
    input_path: Path
    settings: RunSettings
    model: Model
    prompts: PromptLibrary
    audit: AuditLog
    clock: Callable[[], datetime]
    # Told each step as it finishes and how far a long one has gone; the CLI shows it on
    # stderr, tests and servers are given `Silent`.
    progress: RunProgress
    # The client project the run belongs to (its lists/, prompts/), or None.
    engagement_root: Path | None = None
    # The pack version that started the run (the project's pin is in `settings`).
    pack_version: str = ""

    def pack(self) -> dict[str, str | None]:
        """What ran, and what the project is pinned to: they differ when a project was
        updated and the pack installed was not (or the other way round)."""
        return {"installed": self.pack_version, "pinned": self.settings.engagement.value.pack_version}

    @property
    def method(self) -> str:
        return self.model.model_id


class NodeRuntime(Protocol):
    """What a node is given as `runtime`: LangGraph's `Runtime[RunContext]`, of which the
    nodes use the context alone (so a test may pass any object with one)."""

    @property
    def context(self) -> RunContext: ...


def workflow_settings(context: RunContext, model: type[W]) -> W:
    """The run's workflow settings as the workflow's own model (`model`, its Context),
    which the run validated them with when it started."""
    settings = context.settings.workflow.value
    if not isinstance(settings, model):
        raise TypeError(f"the run's workflow settings are a {type(settings).__name__}, not a {model.__name__}")
    return settings
