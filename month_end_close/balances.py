"""The two balances a reconciliation starts from, and the date it is made at."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from month_end_close.records import LedgerLine, Statement

ZERO = Decimal("0")


def bank_balance(statements: Sequence[Statement]) -> Decimal:
    """The last statement's closing balance as printed; computed from its lines where
    it prints none (the proof reports a statement whose lines do not reach it)."""
    if not statements:
        return ZERO
    last = statements[-1]
    if last.closing is not None:
        return last.closing.value
    opening = last.opening.value if last.opening else ZERO
    return opening + sum((line.amount for line in last.lines), ZERO)


def book_balance(books: Any, cash: str) -> Decimal:
    """Cash per the books: the prior trial balance's cash plus the period's cash lines."""
    prior = next((r.balance for r in books.tb_prior or () if r.account == cash), ZERO)
    return prior + sum((line.amount for line in books.ledger if line.account == cash), ZERO)


def as_of(statements: Sequence[Statement], ledger: Sequence[LedgerLine]) -> dt.date:
    """The statement date: the last statement's end, else its last line, else the books'."""
    ends = [s.period_end for s in statements if s.period_end] or [l.date for s in statements for l in s.lines]
    # With neither statements nor ledger lines there is nothing to date or age.
    return max(ends) if ends else max((l.date for l in ledger), default=dt.date.min)
