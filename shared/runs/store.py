"""Finding runs on disk.

A run folder holds `result.json` and `audit.jsonl` (see CONTRACT.md). A RUN argument is a
run id (a folder in the runs folder in force) or a path to a run folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from shared.errors import InputError

RUN_MARKERS = ("run.json", "result.json", "audit.jsonl")


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    path: Path
    workflow: str
    status: str
    input: str = "?"     # what it ran on: the input file or folder's name
    started: str = "?"   # when, UTC to the minute


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
    started = _started(folder)
    try:
        data = json.loads(result.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return RunSummary(folder.name, folder, "?", "unreadable result.json" if result.exists() else "running",
                          *started)
    return RunSummary(data.get("run_id", folder.name), folder, data.get("workflow", "?"), data.get("status", "?"),
                      *started)


def _started(folder: Path) -> tuple[str, str]:
    """(input, started) from the run's manifest: a reviewer looks for a run by the client
    file it was on and the day, not by its id."""
    try:
        manifest = json.loads((folder / "run.json").read_text(encoding="utf-8"))
        started = datetime.fromisoformat(manifest["created_at"]).astimezone(UTC)
        return _input_name(Path(manifest["input_path"])), f"{started:%Y-%m-%d %H:%M}"
    except (OSError, ValueError, KeyError, TypeError):
        return "?", "?"


def _input_name(path: Path) -> str:
    """The input's last two parts (`acme/statements`): a bare `sample` or `inputs` says little."""
    return "/".join(path.parts[-2:])
