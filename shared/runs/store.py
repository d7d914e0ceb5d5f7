"""Finding runs on disk.

A run folder holds `result.json` and `audit.jsonl` (see CONTRACT.md). A RUN argument is a
run id (a folder in the runs folder in force) or a path to a run folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from shared.errors import InputError

RUN_MARKERS = ("run.json", "result.json", "audit.jsonl")


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    path: Path
    workflow: str
    status: str


def is_run_folder(path: Path) -> bool:
    return path.is_dir() and any((path / marker).is_file() for marker in RUN_MARKERS)


def resolve_run(ref: str, runs_dir: Path) -> Path:
    """The folder of run `ref`: a path to a run folder, or an id in `runs_dir`."""
    for candidate in (Path(ref), runs_dir / ref):
        if is_run_folder(candidate):
            return candidate
    raise InputError(ref, f"no such run (not a run folder, nor a run id in {runs_dir})")


def list_runs(runs_dir: Path) -> list[RunSummary]:
    if not runs_dir.is_dir():
        return []
    folders = sorted(p for p in runs_dir.iterdir() if is_run_folder(p))
    return [_summary(folder) for folder in folders]


def _summary(folder: Path) -> RunSummary:
    result = folder / "result.json"
    try:
        data = json.loads(result.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return RunSummary(folder.name, folder, "?", "unreadable result.json" if result.exists() else "running")
    return RunSummary(data.get("run_id", folder.name), folder, data.get("workflow", "?"), data.get("status", "?"))
