"""Which prompt overrides stand on a pack default that has moved since.

An override was written against the pack's wording of its day. When the pack's default
changes, the engagement's copy does not change with it unless `update` merged it, and
even then someone should read the merged wording: `prompts diff` flags both cases.
"""

from __future__ import annotations

from pathlib import Path

from shared.documents.base import sha256_file
from shared.project.answers import BASELINE_DIR, PROJECT_FILE, read_record


def default_drift(root: Path | None, workflow: str, name: str, pack_sha256: str) -> list[str]:
    """Why the pack default of prompt `name` deserves a look in the project at `root`:
    one sentence per reason, none when it has not moved (or `root` is no project)."""
    if root is None or not (root / PROJECT_FILE).is_file():
        return []
    record = read_record(root)
    reasons = []
    baseline = root / BASELINE_DIR / "prompts" / workflow / name
    if baseline.is_file() and sha256_file(baseline) != pack_sha256:
        reasons.append("the pack's default changed since this project was last updated: run `finagents update`")
    made_with = record.made_with_prompts.get(name)
    if made_with is not None and made_with != pack_sha256:
        reasons.append(f"the pack's default changed since this project was made with finagents {record.made_with}: "
                       "check your wording against it")
    elif made_with is None and record.made_with_prompts:
        reasons.append(f"a template new since finagents {record.made_with}")
    return reasons

