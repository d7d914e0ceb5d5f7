"""What the reconciliation produces: matches between bank and book, what is left on each
side with its category, and the reconciliation statement. Shapes as in CONTRACT.md's
`body.reconciliation`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

MatchKind = Literal["exact", "date_window", "one_to_many", "many_to_one", "amount_difference"]
BankOnlyCategory = Literal["fee", "interest", "returned_item", "error", "unknown"]
LedgerOnlyCategory = Literal["outstanding_payment", "deposit_in_transit", "error", "unknown"]


@dataclass(frozen=True, slots=True)
class Match:
    """Bank lines and ledger cash lines that record the same money. `one_to_many` is one
    bank line for several ledger lines (a deposit of several receipts); `many_to_one` is
    several bank lines for one ledger line (a payment the bank split). `score` (0-100)
    says how sure the pass was; `difference` is bank minus book (non-zero only for an
    `amount_difference`)."""

    bank_ids: tuple[str, ...]
    ledger_ids: tuple[str, ...]
    kind: MatchKind
    score: int
    difference: Decimal = Decimal("0")
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Unmatched:
    """A line with no counterpart, with what it most likely is and why."""

    id: str
    category: str
    reason: str


@dataclass(frozen=True, slots=True)
class Adjustment:
    """One line of the statement: what it is, by how much it moves the balance of its
    `side` (bank or book), and the lines behind it."""

    description: str
    amount: Decimal
    ids: tuple[str, ...]
    side: Literal["bank", "book"]


@dataclass(frozen=True, slots=True)
class ReconciliationStatement:
    """Balance per bank adjusted against balance per books adjusted, at the statement
    date (CONTRACT.md's `statement`). `unexplained_difference` is adjusted bank minus
    adjusted book: zero when the reconciliation is proven."""

    bank_balance: Decimal
    book_balance: Decimal
    adjustments: tuple[Adjustment, ...]  # the bank side's first, then the book side's
    adjusted_bank: Decimal
    adjusted_book: Decimal
    unexplained_difference: Decimal


@dataclass(frozen=True, slots=True)
class Reconciliation:
    matches: tuple[Match, ...]
    bank_only: tuple[Unmatched, ...]
    ledger_only: tuple[Unmatched, ...]
    statement: ReconciliationStatement | None = None
    as_of: dt.date | None = None  # the statement date the reconciliation is made at
