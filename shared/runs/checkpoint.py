"""The run's checkpointer, with the state's own types registered for deserialising.

SQLite in the runs folder by default; the Postgres database that FINAGENTS_CHECKPOINTER
names when that is set (shared/runs/postgres.py). The run's manifest records which, so that
`resume`, `review` and `audit verify` reopen the saver the run started with.

LangGraph refuses (or will refuse) to rebuild classes from a checkpoint unless they are
allow-listed; the list is derived from the state's type hints so that a workflow adding a
record type to its state needs no second list to keep in step.
"""

from __future__ import annotations

import dataclasses
import enum
import fcntl
import os
import sqlite3
import typing
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from shared.errors import InputError
from shared.runs.manifest import CheckpointStore

if TYPE_CHECKING:
    from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

CHECKPOINT_DB = "checkpoints.sqlite"
CHECKPOINTER_VARIABLE = "FINAGENTS_CHECKPOINTER"
# Runs of one runs folder share its database: a batch's cases write to it side by side,
# each waiting this long for another's write to end before it fails.
SQLITE_BUSY_SECONDS = 60.0


def checkpoint_types(root: Any) -> list[type]:
    """Every pydantic model, dataclass and enum reachable from `root`'s type hints."""
    found: dict[type, None] = {}
    pending = [root]
    while pending:
        current = pending.pop()
        if isinstance(current, type) and _is_record(current) and current not in found:
            found[current] = None
            pending.extend(_field_types(current))
        elif isinstance(current, type) and typing.is_typeddict(current):
            pending.extend(typing.get_type_hints(current).values())
        else:
            pending.extend(typing.get_args(current))
    return list(found)


def _is_record(cls: type) -> bool:
    return issubclass(cls, (BaseModel, enum.Enum)) or dataclasses.is_dataclass(cls)


def _field_types(cls: type) -> list[Any]:
    if issubclass(cls, BaseModel):
        return [field.annotation for field in cls.model_fields.values()]
    if dataclasses.is_dataclass(cls):
        return list(typing.get_type_hints(cls).values())
    return []


def new_store(environ: Mapping[str, str], database: Path, run_dir: Path) -> CheckpointStore:
    """Where a new run keeps its checkpoints: the Postgres database that the environment
    names (reached now, so that a wrong URL is refused before a run folder exists), else
    the SQLite `database`, relative to the run folder."""
    url = environ.get(CHECKPOINTER_VARIABLE)
    if not url:
        return CheckpointStore(kind="sqlite", at=os.path.relpath(database, run_dir))
    # Late, as every psycopg import: a run on SQLite never loads libpq and its native libraries.
    from shared.runs.postgres import database_at  # noqa: PLC0415

    return CheckpointStore(kind="postgres", at=database_at(url))


@contextmanager
def open_checkpointer(store: CheckpointStore, run_dir: Path, run_id: str, state_type: Any,
                      environ: Mapping[str, str], *, create: bool = False) -> Iterator[Any]:
    """The saver `store` names, able to rebuild `state_type`'s records. An existing run is
    never made anew: its missing SQLite file, or a Postgres database without its thread, is
    an error, not an empty run."""
    # LangGraph's modules load here, not with this one, which signoff (and so verifying an
    # archive) imports for CHECKPOINT_DB alone.
    from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer  # noqa: PLC0415

    serde = JsonPlusSerializer(allowed_msgpack_modules=checkpoint_types(state_type))
    database = store.sqlite_file(run_dir)
    if database is not None:
        with _sqlite(database, serde, create=create) as saver:
            yield saver
        return
    from shared.runs.postgres import open_postgres  # noqa: PLC0415  (late: see new_store)

    with open_postgres(store.at, environ.get(CHECKPOINTER_VARIABLE), serde, run_id, create=create) as saver:
        yield saver


@contextmanager
def _sqlite(db_path: Path, serde: JsonPlusSerializer, *, create: bool) -> Iterator[Any]:
    from langgraph.checkpoint.sqlite import SqliteSaver  # noqa: PLC0415  (late: see open_checkpointer)

    if not create and not db_path.is_file():
        raise InputError(db_path, "the run's checkpoint database is missing (was the runs folder moved apart?)")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(str(db_path), check_same_thread=False, timeout=SQLITE_BUSY_SECONDS)
    try:
        saver = SqliteSaver(connection, serde=serde)
        with _one_process_at_a_time(db_path):
            saver.setup()
        yield saver
    finally:
        connection.close()


@contextmanager
def _one_process_at_a_time(db_path: Path) -> Iterator[None]:
    """The saver's setup switches the database to WAL and creates its tables; two runs
    starting together on a new runs folder (a batch's first cases) would both try, and
    the loser's switch fails at once with "database is locked", waiting for nobody. A
    lock file of its own: a lock on the database file would be released by SQLite's own
    closing of it."""
    with db_path.with_name(f"{db_path.name}.setup-lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
