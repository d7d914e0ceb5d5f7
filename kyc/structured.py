"""Structured applications (JSON, YAML): parsed, and each value cited to its line.

Numbers are read as Decimal on both formats: a percentage of 33.33 must stay 33.33.
A value's line is found by walking the file in document order, so two officers with
the same role cite their own lines, not the first one.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

from shared.documents import open_text
from shared.documents.citation import Citation
from shared.documents.errors import DocumentError
from shared.errors import InputError


def read_structured(path: Path) -> tuple[dict[str, Any], str, dict[str, Citation]]:
    try:
        document = open_text(path)
    except DocumentError as exc:
        raise InputError(path, exc.problem) from None
    text = "\n".join(document.lines)
    data = _parse_yaml(path, text) if path.suffix.lower() in (".yaml", ".yml") else _parse_json(path, text)
    if not isinstance(data, dict):
        raise InputError(path, "is not an application: expected a mapping of fields at the top level")
    return data, document.sha256, _cite_leaves(document, data)


def _parse_json(path: Path, text: str) -> Any:
    try:
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None


def _parse_yaml(path: Path, text: str) -> Any:
    import yaml

    class DecimalLoader(yaml.SafeLoader):
        pass

    def decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
        return Decimal(loader.construct_scalar(node).replace("_", ""))

    DecimalLoader.add_constructor("tag:yaml.org,2002:float", decimal)
    try:
        return yaml.load(text, Loader=DecimalLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise InputError(path, f"is not valid YAML: {getattr(exc, 'problem', None) or exc}{where}") from None


def _leaves(data: Any, prefix: str = "") -> Iterator[tuple[str, str, Any]]:
    """(field path, key, value) for every scalar, in document order."""
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items:
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, (dict, list)):
            yield from _leaves(value, path)
        else:
            yield path, str(key), value


def _cite_leaves(document: Any, data: dict[str, Any]) -> dict[str, Citation]:
    citations: dict[str, Citation] = {}
    cursor = 0
    for path, key, value in _leaves(data):
        shown = _shown(value)
        if not shown:
            continue
        line = _find_line(document.lines, cursor, key, shown)
        if line is not None:
            citations[path] = document.cite(line + 1, shown)
            cursor = line
    return citations


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def _find_line(lines: tuple[str, ...] | list[str], start: int, key: str, shown: str) -> int | None:
    """The first line from `start` holding the value (and its key, when the key is a
    name rather than a list index)."""
    for number in range(start, len(lines)):
        line = lines[number]
        if shown in line and (key.isdigit() or key in line):
            return number
    return None
