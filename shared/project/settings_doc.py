"""A workflow's settings as the commented TOML tables `engagement.toml` holds.

Every setting is written with its pack default, its meaning (the field's description)
and its allowed range, so a consultant tunes a value where it is explained. Settings
without a default (None) are written commented out: TOML has no null.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_WIDTH = 88


@dataclass(frozen=True)
class Setting:
    key: str
    value: str | None  # TOML text; None: no default, written commented out
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    notes: tuple[str, ...]
    settings: tuple[Setting, ...]


def settings_tables(table: str, model: type[BaseModel], values: Mapping[str, Any] | None = None) -> list[Table]:
    """`model`'s fields as `[table]` and one sub-table per nested model or mapping;
    `values` replaces defaults (e.g. the graph of a --with-code project)."""
    values = values or {}
    scalars, nested = [], []
    for key, info in model.model_fields.items():
        value = values.get(key, info.get_default(call_default_factory=True))
        if isinstance(value, (BaseModel, dict)):
            nested.extend(_nested_tables(f"{table}.{_key(key)}", info, value))
        else:
            scalars.append(Setting(_key(key), toml_value(value), _notes(info)))
    return [Table(table, (), tuple(scalars)), *nested]


def _nested_tables(name: str, info: FieldInfo, value: BaseModel | dict) -> list[Table]:
    notes = _wrap(info.description or "")
    if isinstance(value, BaseModel):
        first, *rest = settings_tables(name, type(value), dict(value))
        return [Table(name, notes, first.settings), *rest]
    return [Table(name, notes, tuple(Setting(_key(k), toml_value(v), ()) for k, v in value.items()))]


def _notes(info: FieldInfo) -> tuple[str, ...]:
    pack_default = info.get_default(call_default_factory=True)
    default = "not set" if pack_default is None else toml_value(pack_default)
    limits = allowed_range(info)
    return _wrap(info.description or "") + (f"Default: {default}." + (f" Allowed: {limits}." if limits else ""),)


def allowed_range(info: FieldInfo) -> str:
    """The field's numeric bounds in words: '50 to 100', 'at least 0', 'above 0, at most 100'."""
    bounds = {kind: getattr(item, kind) for item in info.metadata for kind in ("ge", "gt", "le", "lt")
              if isinstance(item, getattr(annotated_types, kind.capitalize()))}
    if "ge" in bounds and "le" in bounds:
        return f"{bounds['ge']} to {bounds['le']}"
    words = {"ge": "at least", "gt": "above", "le": "at most", "lt": "below"}
    return ", ".join(f"{words[kind]} {bounds[kind]}" for kind in words if kind in bounds)


def toml_value(value: Any) -> str | None:
    """A Python value as TOML text: Decimals as written (5.00 stays 5.00)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(item) or '""' for item in value) + "]"
    raise TypeError(f"no TOML form for a setting of type {type(value).__name__}")


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _wrap(text: str) -> tuple[str, ...]:
    return tuple(textwrap.wrap(text, _WIDTH - 2, break_on_hyphens=False)) if text else ()
