"""The sign of a printed figure, from the holder's side: money into the account and a
balance held are positive; money out, an overdraft and a card's balance owed negative.

A mark printed with the figure says it outright (`CR`, `DR`); else its column (paid out,
paid in), else its section ("Checks paid"), else the table's habit (a column that marks
only its credits leaves its debits unmarked), else its sign, read one way for money held
and the other for an amount owed (`owed`), which the proof decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from month_end_close.statements.assemble import Draft
from month_end_close.statements.figures import Figure


def line_amount(draft: Draft, owed: bool, unmarked_out: bool | None) -> Decimal:
    """Money in positive. A mark printed with the figure wins, then its column, then
    its section, then the table's convention for unmarked figures."""
    x, mark = draft.figure.magnitude, draft.figure.mark
    direction = draft.role if draft.role in ("out", "in") else draft.section
    if mark in ("CR", "DR"):
        value = x if mark == "CR" else -x
    elif direction == "out":
        value = x if mark == "+" else -x
    elif direction == "in":
        value = -x if mark == "-" else x
    elif unmarked_out is not None and mark is None:
        value = -x if unmarked_out else x
    else:
        value = -x if (mark == "-") != owed else x
    return abs(value) if value == 0 else value


def balance_value(figure: Figure, owed: bool) -> Decimal:
    """A balance from the holder's side: what a card's holder owes is negative."""
    x, mark = figure.magnitude, figure.mark
    if mark in ("CR", "DR"):
        return x if mark == "CR" else -x
    value = -x if (mark == "-") != owed else x
    return abs(value) if value == 0 else value


def unmarked_convention(drafts: Sequence[Draft], table: int) -> bool | None:
    """In a single amount column that marks only credits ("CR"), an unmarked figure is
    money out; one that marks only debits, money in; else the sign says."""
    marks = {d.figure.mark for d in drafts if d.table == table and d.role == "amount" and d.section is None}
    if "CR" in marks and "DR" not in marks:
        return True
    if "DR" in marks and "CR" not in marks:
        return False
    return None
