"""What a run says is in force before it starts: the engagement and its runs folder, and
whether the pack installed is the one the project was made with or updated to.

A reviewer reads these first: a run started in a project's subfolder that found no
engagement would run on defaults, with no reviewer list, and say nothing.
"""

from __future__ import annotations

from pathlib import Path

from shared import __version__
from shared.engagement import ENGAGEMENT_FILE, Engagement
from shared.findings import Finding, finding


def in_force(engagement: Engagement, runs_folder: Path | None) -> list[str]:
    """Lines naming the engagement in force (or its absence) and the runs folder (None: the
    run was put in a folder of its own with --out)."""
    if engagement.root is None:
        said = f"engagement: none (no {ENGAGEMENT_FILE} at or above the current folder): the pack's defaults"
    else:
        client = engagement.config.engagement.client
        said = f"engagement: {engagement.root}" + (f" ({client})" if client else "")
    kept = (f"runs folder: {runs_folder}" if runs_folder
            else "runs folder: none (--out: the run keeps its own checkpoints)")
    return [said, kept, f"pack: finagents {__version__}" + _pinned(engagement)]


def _pinned(engagement: Engagement) -> str:
    pin = engagement.config.engagement.pack_version
    return f", project pinned to {pin}" if pin else ""


def version_findings(engagement: Engagement, installed: str = __version__) -> list[Finding]:
    """A warning when the project pins another version of the pack than the one running:
    its prompts, thresholds and report templates were tuned for that one."""
    pin = engagement.config.engagement.pack_version
    if not pin or pin == installed:
        return []
    return [finding("pack_version_mismatch", "finagents",
                    f"this project is pinned to finagents {pin} ({engagement.file}) but {installed} is installed "
                    f"and ran; install {pin}, or run `finagents update` to move the project to {installed}")]
