"""What every node of a run can reach: LangGraph's runtime context (never checkpointed;
rebuilt by `resume` and `review` from the run manifest)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from shared.engagement import RunSettings
from shared.prompts import PromptLibrary


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
    # Told each node's name as it finishes; the CLI shows it, tests and the server do not.
    progress: Callable[[str], None]
    # The client project the run belongs to (its lists/, prompts/), or None.
    engagement_root: Path | None = None

    @property
    def method(self) -> str:
        return self.model.model_id
