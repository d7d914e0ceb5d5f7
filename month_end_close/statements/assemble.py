"""Table rows into transactions, before any reading gives them a sign.

A transaction is a row with an amount under a money column. Its date is the last date
printed at or above that row (many banks print a day's date on its first line only, and
the date carries over a page break). Its description is the rows without an amount
around it, and which way they go is the document's: some banks print the amount on a
transaction's last line (the lines before it are its description), others on its first
(the lines after it are). `amount_first` tells which, from the page: the gaps between
rows, and whether every dated row carries an amount.

Balance lines (brought forward, carried forward, opening, closing) are not transactions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from month_end_close.statements.dates import DateParts, DateToken
from month_end_close.statements.figures import Figure
from month_end_close.statements.rows import Row

_GAP_MARGIN = 1.5  # points by which one gap must beat the other to count


@dataclass(frozen=True)
class Draft:
    """A transaction as printed: its amount's column and figure, and the printed
    balance after it, if any. `table` is the index of the table it came from."""

    page: int
    table: int
    date: DateParts | None
    date_token: DateToken | None
    description: str
    role: str  # out, in or amount
    figure: Figure
    balance: Figure | None
    section: str | None


def amount_first(rows: Sequence[Row]) -> bool:
    """Whether a transaction's amount is on its first line, its description running on
    below it. Said by the rows when every dated row has an amount and every amount row
    is dated, or when the lines without an amount clearly sit closer to the row above.
    Otherwise the amount is on the last line, as on most statements that wrap."""
    dated = [r for r in rows if r.date is not None and r.balance_label is None]
    priced = [r for r in rows if r.amounts() and r.balance_label is None]
    if dated and all(r.amounts() for r in dated) and all(r.date is not None for r in priced):
        return True
    back = forward = 0
    for above, row, below in zip(rows, rows[1:], rows[2:]):
        if row.amounts() or row.date or not (above.page == row.page == below.page) \
                or above.balance_label or below.balance_label:
            continue
        gap_up, gap_down = row.top - above.top, below.top - row.top
        back += gap_up < gap_down - _GAP_MARGIN
        forward += gap_down < gap_up - _GAP_MARGIN
    return back >= 2 and back > 2 * forward  # evenly spaced rows say nothing: amount last


def assemble(tables: Sequence[Sequence[Row]]) -> list[Draft]:
    rows = [(i, row) for i, table in enumerate(tables) for row in table]
    first = amount_first([row for _, row in rows])
    drafts: list[Draft] = []
    pending: list[str] = []
    day: DateToken | None = None
    pitch = _pitch([row for _, row in rows])
    last: Row | None = None  # the row the last transaction's text ended on
    for table, row in rows:
        day = row.date or day
        if row.balance_label is not None:
            pending = pending if drafts else []  # what comes before the first line is no description
            continue
        if not row.amounts():
            last = _text_row(row, drafts, pending, last, first, pitch)
            continue
        drafts.extend(_drafts(row, table, day, pending))
        pending, last = [], row
    return drafts


def _text_row(row: Row, drafts: list[Draft], pending: list[str], above: Row | None, amount_first_: bool,
              pitch: float) -> Row | None:
    """A row with no amount: a balance printed on a transaction's last line, and text for
    the transaction below (amounts last) or for the one right above it (amounts first;
    text further away is no transaction's). Returns the row the transaction above now
    ends on."""
    balance = row.balance()
    if balance is not None and drafts and drafts[-1].balance is None:
        drafts[-1] = replace(drafts[-1], balance=balance)
    if not amount_first_:
        pending.extend(row.description)
        return None
    if above is not None and drafts and above.page == row.page and row.top - above.top <= 1.5 * pitch:
        drafts[-1] = replace(drafts[-1], description=_join(drafts[-1].description, *row.description))
        return row
    return None


def _pitch(rows: Sequence[Row]) -> float:
    """The usual distance from one row to the next on a page."""
    gaps = sorted(b.top - a.top for a, b in zip(rows, rows[1:]) if a.page == b.page and b.top > a.top)
    return gaps[len(gaps) // 2] if gaps else 12.0


def _drafts(row: Row, table: int, day: DateToken | None, pending: list[str]) -> list[Draft]:
    amounts = row.amounts()
    made = []
    for n, (role, figure) in enumerate(amounts, 1):
        balance = row.balance() if n == len(amounts) else None
        made.append(Draft(row.page, table, day.parts if day else None, day, _join(*pending, *row.description),
                          role, figure, balance, row.section))
    return made


def _join(*parts: str) -> str:
    return " ".join(" ".join(parts).split())
