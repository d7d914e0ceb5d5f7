"""The reconciliation of one close: the statements' lines against the cash account's
ledger lines, at the statement date, from the two balances. Used by the workflow's step
and by the evaluation, so both reconcile the same way."""

from __future__ import annotations

from typing import Any, Sequence

from month_end_close.balances import as_of, bank_balance, book_balance
from month_end_close.reconcile import MatchSettings, Reconciliation, reconcile
from month_end_close.records import Statement


def match_settings(settings: Any) -> MatchSettings:
    return MatchSettings(settings.window_days, settings.lead_days, settings.max_subset_size,
                         settings.subset_candidates, settings.in_transit_days)


def reconcile_close(statements: Sequence[Statement], books: Any, cash: str, settings: Any) -> Reconciliation:
    bank = [line for s in statements for line in s.lines]
    ledger = [line for line in books.ledger if line.account == cash]
    return reconcile(bank, ledger, match_settings(settings), as_of(statements, ledger), bank_balance(statements),
                     book_balance(books, cash))
