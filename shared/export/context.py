"""What every part of an export reads: the plugin's identity, the engagement, the servers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from shared.export.manifest import PluginIdentity


@dataclass(frozen=True)
class ExportContext:
    identity: PluginIdentity
    pack_version: str
    engagement: Path | None  # the client project's folder, absolute; None: the pack alone
    servers: Mapping[str, tuple[str, ...]]

    def prompts_dir(self, workflow: str) -> Path | None:
        """The engagement's override folder for `workflow`, as `Engagement.prompts_dir` has it."""
        return self.engagement / "prompts" / workflow if self.engagement is not None else None
