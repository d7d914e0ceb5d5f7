"""`run.json`: what a run was started with, so `review` and `resume` can rebuild it."""

from __future__ import annotations

import json
import os
import secrets
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, model_validator

from shared.errors import InputError

MANIFEST = "run.json"


class CheckpointStore(BaseModel):
    """Which saver holds a run's checkpoints, and where: a SQLite file relative to the run
    folder, a Postgres database as `host:port/dbname`, or a LangGraph server's thread (the
    server's own saver). Never the connection string, which may hold a password; whoever
    reopens the run supplies that (FINAGENTS_CHECKPOINTER)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["sqlite", "postgres", "server"]
    at: str

    def sqlite_file(self, run_dir: Path) -> Path | None:
        return (run_dir / self.at).resolve() if self.kind == "sqlite" else None


class RunManifest(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    run_id: str
    workflow: str
    input_path: Path
    # Relative to the run folder, so that a client project or an --out folder can be
    # moved or copied whole and its runs still found.
    engagement_root: str | None
    checkpointer: CheckpointStore
    options: dict[str, Any]
    # The settings in force when the run started (values, where each came from, prices):
    # review and resume use these, not whatever the environment says later.
    settings: dict[str, Any]
    created_at: datetime
    pack_version: str

    @model_validator(mode="before")
    @classmethod
    def _sqlite_before_postgres(cls, data: Any) -> Any:
        # Runs made before Postgres named only their SQLite file; they stay readable.
        if isinstance(data, dict) and "checkpoint_db" in data and "checkpointer" not in data:
            rest = {k: v for k, v in data.items() if k != "checkpoint_db"}
            return {**rest, "checkpointer": {"kind": "sqlite", "at": data["checkpoint_db"]}}
        return data

    def engagement_dir(self, run_dir: Path) -> Path | None:
        return (run_dir / self.engagement_root).resolve() if self.engagement_root is not None else None

    def write(self, run_dir: Path) -> None:
        write_atomic(run_dir / MANIFEST, self.model_dump_json(indent=2) + "\n")

    @classmethod
    def read(cls, run_dir: Path) -> RunManifest:
        try:
            return cls.model_validate_json((run_dir / MANIFEST).read_bytes())
        except (OSError, ValueError) as exc:
            raise InputError(run_dir / MANIFEST, f"cannot be read as a run manifest ({type(exc).__name__})") from None


def new_run_id(workflow: str, now: datetime) -> str:
    """Sortable by start time, readable, and unique without coordination."""
    return f"{now:%Y%m%d-%H%M%S}-{workflow}-{secrets.token_hex(3)}"


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # A name of its own: two processes writing the same file never share a partial one.
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.",
                                     suffix=".partial", delete=False) as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    Path(handle.name).replace(path)


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
