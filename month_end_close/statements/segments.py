"""One file, one or several statements: where each begins, and what belongs to it.

A statement is told by its opening balance ("Opening balance", "Previous balance", "Alter
Kontostand": not a balance brought forward, which every page may repeat). A second
opening balance after a closing balance starts a second statement, but only once the
first has transactions: a summary box and a table that both print the opening balance
are one statement. The second begins right after the first's last row or closing
balance, so that its own head (its period, its account) is its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from month_end_close.statements.rows import Row
from month_end_close.statements.summary import Placed, labelled
from month_end_close.statements.tables import Table
from month_end_close.statements.words import STRONG_CLOSING, STRONG_OPENING


@dataclass(frozen=True)
class Segment:
    """A statement's share of the file: its lines (by index into the file's lines) and
    its tables' rows."""

    start: int
    end: int
    tables: tuple[tuple[Row, ...], ...]


def split(placed: Sequence[Placed], tables: Sequence[Table], rows: Sequence[Sequence[Row]],
          comma: bool) -> list[Segment]:
    where = {id(word): i for i, p in enumerate(placed) for word in p.line.words}
    starts = _starts(placed, tables, rows, where, comma)
    bounds = list(zip(starts, [*starts[1:], len(placed)]))
    segments = []
    for start, end in bounds:
        mine = tuple(tuple(r) for t, r in zip(tables, rows) if start <= where[id(t.lines[0].line.words[0])] < end)
        segments.append(Segment(start, end, mine))
    return segments


def _starts(placed: Sequence[Placed], tables: Sequence[Table], rows: Sequence[Sequence[Row]],
            where: dict[int, int], comma: bool) -> list[int]:
    events = sorted([*((i, "open") for i in _label_lines(placed, STRONG_OPENING, comma)),
                     *((i, "close") for i in _label_lines(placed, STRONG_CLOSING, comma)),
                     *((where[id(line.line.words[0])], "row") for t, r in zip(tables, rows)
                       for line, row in zip(t.lines, r) if row.amounts())])
    starts, closed, priced, after = [0], False, 0, 0
    for index, kind in events:
        if kind == "open" and closed and priced:
            starts.append(after)  # its head (period, account) comes before its opening balance
            closed, priced = False, 0
        closed = closed or kind == "close"
        priced += kind == "row"
        after = index + 1 if kind != "open" else after
    return starts


def _label_lines(placed: Sequence[Placed], keys: Sequence[str], comma: bool) -> list[int]:
    return [found.index for found in labelled(placed, keys, comma)]
