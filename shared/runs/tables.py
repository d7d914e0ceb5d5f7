"""A long list of records written as a table: each distinct shape of record once, and
each record as a row holding only what varies.

A close at a hundred thousand lines a side repeats the same keys, the same citation
kind, document and column, and the same text twice (the amount, and the citation's
text, which is the amount as printed) in every line. In a table a field that is the same
in every record of a shape is written once in the shape (`value`); a field always equal
to an earlier field of its record is written as `same_as` that field's index; a text
field with few distinct values (a match's reason, a line's date) lists them once, as
`values`, and takes the next cell of the row as an index into them; every other field
takes the next cell of the row. A row is `[shape, cell...]`.

`to_table` and `from_table` work on JSON-ready data (dicts, lists, str, numbers, bool,
None) and give back exactly the records they were given: the same keys in the same
order, `1` never read back as `1.0` or `true`. Each takes a `swap` for the records and
the records inside them (not those inside lists): given one, it returns what to write
(or, reading, what to give back) in its place, or None to keep it. The writer of a
result uses it to cite by reference in the same pass over a hundred thousand lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from operator import itemgetter
from typing import Any

# A field is written in its shape only when it is a scalar and its values compare
# exactly: Python's == takes True for 1 and 1 for 1.0, which JSON keeps apart.
SCALARS = frozenset({str, int, float, bool, type(None)})
NUMBERS = frozenset({int, float, bool})

Signature = tuple  # a record's keys in order; a nested record as (key, its signature)
Swap = Callable[[dict[str, Any]], "dict[str, Any] | None"]
# A field's value, from its row and the fields of its record read before it (JSON data).
Source = Callable[[Sequence[Any], list[Any]], Any]


def _keep(record: dict[str, Any]) -> None:
    return None


def to_table(records: Sequence[dict[str, Any]], swap: Swap = _keep) -> dict[str, Any]:
    shapes: dict[Signature, int] = {}
    grouped: list[list[list[Any]]] = []
    order: list[int] = []
    for record in records:
        values: list[Any] = []
        number = shapes.setdefault(_flatten(record, values, swap), len(shapes))
        if number == len(grouped):
            grouped.append([])
        grouped[number].append(values)
        order.append(number)
    fields = [_fields(list(_paths(signature)), grouped[n]) for signature, n in shapes.items()]
    for shape, group in zip(fields, grouped):
        _to_indices(shape, group)
    return {"shapes": fields, "rows": _rows(order, grouped, fields)}


def from_table(table: Mapping[str, Any], swap: Swap = _keep) -> list[dict[str, Any]]:
    builders = [_builder(fields, swap) for fields in table["shapes"]]
    return [builders[row[0]](row) for row in table["rows"]]


def _flatten(record: dict[str, Any], values: list[Any], swap: Swap) -> Signature:
    """The record's signature; its leaves (an empty record is a leaf) go to `values`."""
    swapped = swap(record)
    if swapped is not None:
        record = swapped
    leaves = record.values()
    if dict not in map(type, leaves):  # most records are flat: no loop in Python for them
        values.extend(leaves)
        return tuple(record)
    keys: list[Any] = []
    for key, value in record.items():
        if type(value) is dict and value:
            keys.append((key, _flatten(value, values, swap)))
        else:
            keys.append(key)
            values.append(value)
    return tuple(keys)


def _paths(signature: Signature, prefix: tuple[str, ...] = ()) -> Iterator[list[str]]:
    for key in signature:
        if isinstance(key, tuple):
            yield from _paths(key[1], (*prefix, key[0]))
        else:
            yield [*prefix, key]


def _fields(paths: list[list[str]], rows: list[list[Any]]) -> list[dict[str, Any]]:
    columns = list(zip(*rows))
    kinds = [{type(v) for v in column} for column in columns]
    fields = []
    for j, (path, column) in enumerate(zip(paths, columns)):
        fields.append({"path": path, **_written_as(j, column, columns, kinds)})
    return fields


def _written_as(j: int, column: tuple, columns: list[tuple], kinds: list[set[type]]) -> dict[str, Any]:
    kind = kinds[j]
    if not kind <= SCALARS or len(kind & NUMBERS) > 1:
        return {}
    if len(kind) == 1 and column.count(column[0]) == len(column):
        return {"value": column[0]}
    same = next((k for k in range(j) if kinds[k] == kind and columns[k] == column), None)
    if same is not None:
        return {"same_as": same}
    distinct = list(dict.fromkeys(column)) if kind == {str} else []
    return {"values": distinct} if distinct and _indices_pay(column, distinct) else {}


def _indices_pay(column: tuple, distinct: list[str]) -> bool:
    """Indices at least halve what the column takes (each text with its quotes and comma)."""
    written = sum(map(len, column)) + 3 * len(column)
    indexed = sum(map(len, distinct)) + 3 * len(distinct) + len(column) * (len(str(len(distinct) - 1)) + 1)
    return 2 * indexed <= written


def _to_indices(shape: list[dict[str, Any]], group: list[list[Any]]) -> None:
    for j, f in enumerate(shape):
        if "values" in f:
            index = {value: i for i, value in enumerate(f["values"])}
            for values in group:
                values[j] = index[values[j]]


def _rows(order: list[int], grouped: list[list[list[Any]]], fields: list[list[dict[str, Any]]]) -> list[tuple]:
    cells = [_cells([j for j, f in enumerate(shape) if "value" not in f and "same_as" not in f]) for shape in fields]
    pending = [iter(group) for group in grouped]
    return [(n,) + cells[n](next(pending[n])) for n in order]


def _cells(slots: list[int]) -> Callable[[list[Any]], tuple]:
    if len(slots) > 1:
        return itemgetter(*slots)  # with two or more indices it gives a tuple
    return lambda values: tuple(values[j] for j in slots)


def _builder(fields: Sequence[Mapping[str, Any]], swap: Swap) -> Callable[[Sequence[Any]], dict[str, Any]]:
    paths = [list(f["path"]) for f in fields]
    sources = _sources(fields)
    # The records inside, the deepest first, so each is swapped after those it holds.
    inner = sorted({tuple(p[:depth]) for p in paths for depth in range(1, len(p))}, key=len, reverse=True)

    def build(row: Sequence[Any]) -> dict[str, Any]:
        leaves: list[Any] = []
        for source in sources:
            leaves.append(source(row, leaves))
        record: dict[str, Any] = {}
        for path, leaf in zip(paths, leaves):
            _put(record, path, leaf)
        for held in inner:
            _swap_at(record, held, swap)
        swapped = swap(record)
        return record if swapped is None else swapped

    return build


def _sources(fields: Sequence[Mapping[str, Any]]) -> list[Source]:
    """Where each field's value comes from, given the row and the fields before it: the
    shape's value, an earlier field, or the next cell of the row (after the shape
    number), itself or as an index into the field's values."""
    sources: list[Source] = []
    cell = 1
    for f in fields:
        if "value" in f:
            sources.append(_fixed(f["value"]))
        elif "same_as" in f:
            sources.append(_same_as(f["same_as"]))
        elif "values" in f:
            sources.append(_listed(cell, f["values"]))
            cell += 1
        else:
            sources.append(_in_cell(cell))
            cell += 1
    return sources


def _fixed(value: Any) -> Source:
    return lambda row, leaves: value


def _same_as(field: int) -> Source:
    return lambda row, leaves: leaves[field]


def _listed(cell: int, values: Sequence[Any]) -> Source:
    return lambda row, leaves: values[row[cell]]


def _in_cell(cell: int) -> Source:
    return lambda row, leaves: row[cell]


def _put(record: dict[str, Any], path: Sequence[str], leaf: Any) -> None:
    for key in path[:-1]:
        record = record.setdefault(key, {})
    record[path[-1]] = leaf


def _swap_at(record: dict[str, Any], path: Sequence[str], swap: Swap) -> None:
    for key in path[:-1]:
        record = record[key]
    swapped = swap(record[path[-1]])
    if swapped is not None:
        record[path[-1]] = swapped
