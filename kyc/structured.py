"""Structured applications (JSON, YAML): parsed, and each value cited to its line.

Numbers are read as Decimal on both formats: a percentage of 33.33 must stay 33.33.
A value's line is found by walking the file in document order, so two officers with
the same role cite their own lines, not the first one.

Before either parser runs, the file's nesting is measured without recursion: an
application is a few levels deep, and a file nested thousands deep would otherwise stop
the parser with a RecursionError. YAML aliases (`*name`) are refused: an application
has no use for them, and a kilobyte of nested aliases expands to billions of nodes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

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


MAX_DEPTH = 16


def _parse_json(path: Path, text: str) -> Any:
    _check_json_depth(path, text)
    try:
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except ValueError:  # a number too long for int(): Python caps them at 4,300 digits
        raise InputError(path, "is not valid JSON for an application: it holds a number thousands of digits "
                               "long") from None


def _parse_yaml(path: Path, text: str) -> Any:
    try:
        _check_yaml_tokens(path, text)
        return yaml.load(text, Loader=_decimal_loader())  # safe: a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark else ""
        raise InputError(path, f"is not valid YAML: {getattr(exc, 'problem', None) or exc}{where}") from None


def _decimal_loader() -> type:
    """SafeLoader reading floats as Decimal; a value its tag cannot take (a date
    2026-02-30, a float '.nan') is a YAML error at the value's line, not a crash."""
    class DecimalLoader(yaml.SafeLoader):
        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep)
            except (ValueError, ArithmeticError) as exc:
                raise yaml.constructor.ConstructorError(
                    None, None, f"{node.value!r} is not a valid {node.tag.rsplit(':', 1)[-1]} ({exc})",
                    node.start_mark) from None

    def decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
        try:
            value = Decimal(loader.construct_scalar(node).replace("_", ""))
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite():
            raise ValueError("not a finite number")
        return value

    DecimalLoader.add_constructor("tag:yaml.org,2002:float", decimal)
    return DecimalLoader


def _check_json_depth(path: Path, text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH, naming where it goes too deep."""
    depth, in_string, escaped, line, column = 0, False, False, 1, 0
    for char in text:
        column += 1
        if char == "\n":
            line, column = line + 1, 0
        elif in_string:
            escaped, in_string = (False, True) if escaped else (char == "\\", char != '"')
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise InputError(path, f"line {line} column {column}: nested more than {MAX_DEPTH} levels deep; "
                                       "an application is a few levels deep")
        elif char in "]}":
            depth -= 1


def _check_yaml_tokens(path: Path, text: str) -> None:
    """Refuse aliases and deep nesting from the scanner's tokens (it does not recurse)."""
    opening = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken,
               yaml.FlowSequenceStartToken)
    closing = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
    depth = 0
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        where = f"line {token.start_mark.line + 1} column {token.start_mark.column + 1}"
        if isinstance(token, (yaml.AliasToken, yaml.AnchorToken)):
            raise InputError(path, f"{where}: uses a YAML anchor or alias ({'*&'[isinstance(token, yaml.AnchorToken)]}"
                                   f"{token.value}); write each value out in full")
        depth += isinstance(token, opening) - isinstance(token, closing)
        if depth > MAX_DEPTH:
            raise InputError(path, f"{where}: nested more than {MAX_DEPTH} levels deep; an application is a few "
                                   "levels deep")


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
