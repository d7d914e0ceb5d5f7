"""A workflow's prompt templates as the engagement resolves them: its override where it
has one, else the pack's (the same layers a run renders through)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from shared.workflows import WorkflowSpec


@dataclass(frozen=True)
class ResolvedPrompt:
    name: str
    origin: str  # "engagement" or "pack"
    sha256: str
    text: str

    @property
    def fence(self) -> str:
        """A Markdown fence longer than any run of backticks in the template."""
        longest = max((len(run) for run in re.findall(r"`+", self.text)), default=0)
        return "`" * max(3, longest + 1)


def resolved_prompts(workflow: WorkflowSpec, override_dir: Path | None) -> tuple[ResolvedPrompt, ...]:
    library = workflow.prompt_library(override_dir)
    found = (library.find(name) for name in library.names())
    return tuple(ResolvedPrompt(t.name, t.origin, t.sha256, t.path.read_text(encoding="utf-8")) for t in found)
