"""The SQLite checkpointer, with the state's own types registered for deserialising.

LangGraph refuses (or will refuse) to rebuild classes from a checkpoint unless they are
allow-listed; the list is derived from the state's type hints so that a workflow adding a
record type to its state needs no second list to keep in step.
"""

from __future__ import annotations

import dataclasses
import enum
import sqlite3
import typing
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel

CHECKPOINT_DB = "checkpoints.sqlite"


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


@contextmanager
def open_checkpointer(db_path: Path, state_type: Any, *, create: bool = True) -> Iterator[Any]:
    """A SqliteSaver on `db_path` that can rebuild `state_type`'s records. An existing
    run's database is never created anew: a missing one is an error, not an empty run."""
    from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer
    from langgraph.checkpoint.sqlite import SqliteSaver

    from shared.errors import InputError

    if not create and not db_path.is_file():
        raise InputError(db_path, "the run's checkpoint database is missing (was the runs folder moved apart?)")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(str(db_path), check_same_thread=False)
    try:
        serde = JsonPlusSerializer(allowed_msgpack_modules=checkpoint_types(state_type))
        yield SqliteSaver(connection, serde=serde)
    finally:
        connection.close()
