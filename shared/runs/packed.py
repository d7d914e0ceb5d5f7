"""Large immutable values in run state, checkpointed as one compressed JSON blob.

LangGraph's checkpointer encodes every record of the state one Python object at a time,
at every step: a month-end close with a hundred thousand lines a side would spend most
of its run re-encoding lines that no step changes. A `Packed` value is encoded once, by
pydantic in compiled code, and after that the checkpointer copies bytes. What it holds
is decoded only into the type the reading code names, never a type named by the data.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from pydantic import TypeAdapter

T = TypeVar("T")


@lru_cache(maxsize=64)
def _adapter(kind: Any) -> Any:
    return TypeAdapter(kind)


@dataclass(frozen=True, eq=False)
class Packed:
    blob: bytes
    # The decoded value, kept in memory beside the blob so that steps in one process
    # decode nothing. Unannotated, so it is not a dataclass field and never checkpointed.
    _value = None

    @classmethod
    def of(cls, value: T, kind: Any) -> Packed:
        packed = cls(zlib.compress(_adapter(kind).dump_json(value), 1))
        object.__setattr__(packed, "_value", value)
        return packed

    def unpack(self, kind: Any) -> Any:
        if self._value is None:
            object.__setattr__(self, "_value", _adapter(kind).validate_json(zlib.decompress(self.blob)))
        return self._value
