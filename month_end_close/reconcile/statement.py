"""The bank reconciliation statement: balance per bank and balance per books, each
adjusted by the items that belong on its side, and the difference nothing explains."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Literal

from month_end_close.reconcile.model import Adjustment, Match, ReconciliationStatement, Unmatched
from month_end_close.records import BankLine, LedgerLine

_BANK_SIDE_LEDGER = {
    "deposit_in_transit": "Deposits in transit",
    "outstanding_payment": "Outstanding cheques and payments",
    "unknown": "Book items not through the bank, to investigate",
}
_BOOK_SIDE_BANK = {
    "fee": "Bank charges not yet in the books",
    "interest": "Interest not yet in the books",
    "returned_item": "Returned items not yet in the books",
    "unknown": "Bank items not in the books, to investigate",
}


def reconciliation_statement(
    bank_balance: Decimal, book_balance: Decimal, matches: Sequence[Match], bank_only: Sequence[Unmatched],
    ledger_only: Sequence[Unmatched], bank: Mapping[str, BankLine], ledger: Mapping[str, LedgerLine],
) -> ReconciliationStatement:
    bank_side = _group(ledger_only, ledger, _BANK_SIDE_LEDGER, "bank")
    bank_side += _group(bank_only, bank, {"error": "Bank errors to be corrected by the bank"}, "bank", sign=-1)
    book_side = _group(bank_only, bank, _BOOK_SIDE_BANK, "book")
    book_side += _group(ledger_only, ledger, {"error": "Book errors: duplicate postings to reverse"}, "book", sign=-1)
    book_side += _differences(matches)
    adjusted_bank = bank_balance + sum((a.amount for a in bank_side), Decimal("0"))
    adjusted_book = book_balance + sum((a.amount for a in book_side), Decimal("0"))
    return ReconciliationStatement(bank_balance, book_balance, tuple(bank_side + book_side),
                                   adjusted_bank, adjusted_book, adjusted_bank - adjusted_book)


def _group(items: Sequence[Unmatched], lines: Mapping, labels: Mapping[str, str], side: Literal["bank", "book"],
           sign: int = 1) -> list[Adjustment]:
    """One adjustment per category, in the order of `labels`."""
    adjustments = []
    for category, label in labels.items():
        ids = tuple(item.id for item in items if item.category == category)
        if ids:
            amount = sum((lines[i].amount for i in ids), Decimal("0")) * sign
            adjustments.append(Adjustment(label, amount, ids, side))
    return adjustments


def _differences(matches: Sequence[Match]) -> list[Adjustment]:
    wrong = [m for m in matches if m.kind == "amount_difference"]
    if not wrong:
        return []
    ids = tuple(i for m in wrong for i in (*m.ledger_ids, *m.bank_ids))
    amount = sum((m.difference for m in wrong), Decimal("0"))
    return [Adjustment("Amounts recorded wrongly in the books (bank less book)", amount, ids, "book")]
