"""Transaction tables: found by their column headings, followed down the page and onto
the next pages until something that is not a transaction row ends them.

A table starts at its column heading (`headings`) and runs to: the next heading (a new
table, or the same one repeated on a new page), a closing balance or total line, a line
of prose that runs across a money column, a statement's opening balance after its rows
(the next statement's summary), or a section of daily balances. A page with no heading
carries on the table of the page before.

Section headings above or inside a table ("Deposits and additions", "Checks paid",
"Electronic withdrawals") are kept with the rows: they give the sign of a single amount
column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from month_end_close.statements.dates import date_at
from month_end_close.statements.figures import figures_in
from month_end_close.statements.headings import (
    DATES,
    MONEY,
    Column,
    Header,
    column_of,
    has_data,
    header_at,
    is_mark,
    overlap,
)
from month_end_close.statements.pages import Page
from month_end_close.statements.words import (
    CLOSING,
    OPENING,
    SECTION_BALANCES,
    SECTION_IN,
    SECTION_OUT,
    STRONG_OPENING,
    TOTAL,
    find,
    squash,
)
from shared.documents.layout import TextLine

__all__ = ["DATES", "MONEY", "Column", "Header", "Table", "TableLine", "find_tables"]


@dataclass(frozen=True)
class TableLine:
    page: int
    line: TextLine
    section: str | None  # "in" or "out" from the section heading above, if any


@dataclass
class Table:
    header: Header
    lines: list[TableLine] = field(default_factory=list)


# -- sections ---------------------------------------------------------------------------


def section_of(line: TextLine) -> str | None:
    """"in", "out" or "balances" for a section heading line; None for any other line. A
    heading is short, holds no figure or date, and its words name one kind of section
    ("Banking/Debit Card Withdrawals and Purchases": out; "Daily ledger balances")."""
    words = [w for w in line.words if squash(w.text) not in ("(continued)", "continued", "(fortsetzung)")]
    if not words or len(words) > 7 or has_data(line):
        return None
    kinds = {kind for kind, keys in (("balances", SECTION_BALANCES), ("in", SECTION_IN), ("out", SECTION_OUT))
             if find(words, keys) is not None}
    return "balances" if "balances" in kinds else kinds.pop() if len(kinds) == 1 else None


# -- following a table down the pages ---------------------------------------------------


def find_tables(pages: Sequence[Page]) -> list[Table]:
    tables: list[Table] = []
    current: list[Table] = []  # the tables open: one, or two or three side by side
    section: str | None = None
    for page in pages:
        head = bool(current)  # a table carried on from the page before: its head first
        section = None if section == "balances" else section  # a grid of daily balances ends with its page
        for value in _walk(page, lambda: bool(current)):  # noqa: B023 (late on purpose: is a table open now, as this loop changes it)
            if isinstance(value, _Heading) and section != "balances":
                current, head = [Table(header) for header in _headers(page.number, value.groups)], False
                tables.extend(current)
            elif isinstance(value, _Section):
                section = value.kind
                current = [] if value.kind == "balances" else current
            elif current and isinstance(value, TextLine) and not page.is_furniture(value):
                if any(opens_statement(value, table) for table in current):
                    current = []  # the next statement's summary: its rows come under its own heading
                    continue
                shown = section if section != "balances" else None
                if head and any(ends_table(value, table) for table in current):
                    continue  # the page's head (sheet number, address) before the rows go on
                head = head and not any(has_row_data(value, table.header) for table in current)
                current = [t for t in current if _follow_part(t, page.number, value, shown)]
    return [t for t in tables if t.lines]


def _headers(page: int, groups: Sequence[tuple[Column, ...]]) -> list[Header]:
    """One header a table; side by side, each holds the page up to halfway to the next."""
    cuts = [(a[-1].x1 + b[0].x0) / 2 for a, b in zip(groups, groups[1:])]
    edges = [float("-inf"), *cuts, float("inf")]
    return [Header(page, group, (edges[i], edges[i + 1])) for i, group in enumerate(groups)]


def _follow_part(table: Table, page: int, line: TextLine, section: str | None) -> bool:
    """Whether the table is still open after its part of the line."""
    part = table.header.cut(line)
    return part is None or _follow(table, TableLine(page, part, section)) is not None


def has_row_data(line: TextLine, header: Header) -> bool:
    """A date where the table prints dates, or a figure under one of its money columns."""
    date = header.date
    if any(date_at(line.words[i:]) for i, w in enumerate(line.words) if date.x0 - 25 <= w.x0 <= date.x1 + 5):
        return True
    figures = figures_in(line.words, False) + figures_in(line.words, True)
    return any(column_of(f, header) for f in figures)


def _follow(table: Table, line: TableLine) -> Table | None:
    """The table after this line: still open, or ended by it (a closing balance line is
    the table's last line; a total or prose is not the table's at all)."""
    if ends_table(line.line, table):
        return None
    table.lines.append(line)
    return None if closes_table(line.line, table) else table


@dataclass(frozen=True)
class _Heading:
    groups: tuple[tuple[Column, ...], ...]  # the column headings, a group a table


@dataclass(frozen=True)
class _Section:
    kind: str  # "in", "out" or "balances" (`section_of`)


def _walk(page: Page, open_table: Callable[[], bool]) -> Iterator[_Heading | _Section | TextLine]:
    """Headings, section headings and lines, in order. Inside an open table, a line that
    looks like a section heading ("ATM WITHDRAWAL" wrapped onto a line of its own) is a
    section only when a column heading follows it."""
    i = 0
    while i < len(page.lines):
        header = header_at(page.lines, i)
        if header is not None:
            yield _Heading(header[0])
            i += header[1]
            continue
        section = section_of(page.lines[i])
        if section and open_table() and (i + 1 == len(page.lines) or header_at(page.lines, i + 1) is None):
            section = None
        yield _Section(section) if section else page.lines[i]
        i += 1


def closes_table(line: TextLine, table: Table) -> bool:
    """A closing balance or balance carried forward line, after the table's first rows."""
    found = find(line.words, CLOSING)
    if found is None or date_at(line.words) is not None:
        return False
    return found.key not in OPENING or any(has_data(l.line) for l in table.lines[:-1])


def opens_statement(line: TextLine, table: Table) -> bool:
    """An opening balance that only a statement's start prints ("Opening balance", not a
    balance brought forward), undated, after the table's own rows: the table is over
    (a second statement in the file begins, its summary box before its heading)."""
    return (find(line.words, STRONG_OPENING) is not None and date_at(line.words) is None
            and any(has_data(l.line) for l in table.lines))


def ends_table(line: TextLine, table: Table) -> bool:
    """A total line, or prose running across a money column, ends a table."""
    if date_at(line.words) is not None:
        return False
    first, two = squash(line.words[0].text), squash("".join(w.text for w in line.words[:2]))
    if any(first.startswith(key) and not first[len(key):].isalpha() for key in TOTAL) or two in TOTAL:
        return True
    money = table.header.of(*MONEY)
    figures = {id(w) for f in figures_in(line.words, False) + figures_in(line.words, True) for w in f.words}
    prose = [w for w in line.words if id(w) not in figures and not is_mark(w.text)]
    return any(overlap(w, c) > 0 for w in prose for c in money)
