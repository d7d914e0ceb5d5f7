"""What every node of a run can reach: LangGraph's runtime context (never checkpointed;
rebuilt by `resume` and `review` from the run manifest)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from shared.engagement import RunSettings
from shared.prompts import PromptLibrary
from shared.runs.progress import RunProgress


@dataclass(frozen=True)
class RunContext:
    run_id: str
    workflow: str
    run_dir: Path
    input_path: Path
    settings: RunSettings
    model: Any  # shared.llm.Model
    prompts: PromptLibrary
    audit: Any  # shared.audit.AuditLog
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
