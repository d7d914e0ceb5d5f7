"""The reconciliation of one close: the statements' lines against the cash account's
ledger lines, at the statement date, from the two balances. Used by the workflow's step
and by the evaluation, so both reconcile the same way."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from month_end_close.balances import as_of, bank_balance, book_balance
from month_end_close.proof import likely_errors
from month_end_close.reconcile import MatchSettings, Reconciliation, reconcile
from month_end_close.reconcile.model import Adjustment, Match, ReconciliationStatement
from month_end_close.reconcile.statement import reconciliation_statement
from month_end_close.records import BankLine, LedgerLine, Statement

BANK_ERRORS = "Statement lines in error (the proof's), for the bank to correct"


def match_settings(settings: Any) -> MatchSettings:
    return MatchSettings(settings.window_days, settings.lead_days, settings.max_subset_size,
                         settings.subset_candidates, settings.in_transit_days)


def reconcile_close(statements: Sequence[Statement], books: Any, cash: str, settings: Any,
                    on_pass: Callable[[int, int], None] | None = None) -> Reconciliation:
    """`on_pass(matched, lines)`, if given, follows the bank lines matched pass by pass."""
    bank = [line for s in statements for line in s.lines]
    ledger = [line for line in books.ledger if line.account == cash]
    balances = bank_balance(statements), book_balance(books, cash)
    rec = reconcile(bank, ledger, match_settings(settings), as_of(statements, ledger), *balances, on_pass)
    return bank_errors(rec, flagged_lines(statements), bank, ledger, *balances)


def flagged_lines(statements: Sequence[Statement]) -> dict[str, Decimal]:
    """The lines each statement's proof names as its likely error, with the amount the
    statement's own balances carry for each."""
    return {line_id: carried for s in statements for line_id, carried in likely_errors(s).items()}


def bank_errors(rec: Reconciliation, flagged: Mapping[str, Decimal], bank: Sequence[BankLine],
                ledger: Sequence[LedgerLine], bank_total: Decimal, book_total: Decimal) -> Reconciliation:
    """An amount difference on a line the statement's proof names as its likely error is
    the statement's error, not the books': the balance per bank already carries the amount
    the statement's balances imply, so the pair goes on the bank side by what the books
    hold beyond that (nothing when the books are right), never on the books' side."""
    ours = {m for m in rec.matches if m.kind == "amount_difference" and set(m.bank_ids) & flagged.keys()}
    if not ours or rec.statement is None:
        return rec
    bank_by_id, ledger_by_id = {l.id: l for l in bank}, {l.id: l for l in ledger}
    rest = [m for m in rec.matches if m not in ours]
    statement = reconciliation_statement(bank_total, book_total, rest, rec.bank_only, rec.ledger_only, bank_by_id,
                                         ledger_by_id)
    owed = {m: sum((ledger_by_id[i].amount for i in m.ledger_ids), Decimal("0")) - _carried(m, bank_by_id, flagged)
            for m in ours}
    ids = tuple(i for m in sorted(ours, key=lambda m: m.bank_ids) for i in (*m.bank_ids, *m.ledger_ids))
    adjustment = Adjustment(BANK_ERRORS, sum(owed.values(), Decimal("0")), ids, "bank")
    matches = tuple(replace(m, reason=_reason(m, bank_by_id, flagged, owed[m])) if m in ours else m
                    for m in rec.matches)
    return replace(rec, matches=matches, statement=_on_bank_side(statement, adjustment))


def _carried(match: Match, bank: Mapping[str, BankLine], flagged: Mapping[str, Decimal]) -> Decimal:
    """What the statement's balances carry for the match's bank lines."""
    return sum((flagged.get(i, bank[i].amount) for i in match.bank_ids), Decimal("0"))


def _reason(match: Match, bank: Mapping[str, BankLine], flagged: Mapping[str, Decimal], owed: Decimal) -> str:
    line = next(bank[i] for i in match.bank_ids if i in flagged)
    books = "the books hold the same" if not owed else f"the books hold {owed:,.2f} more: to investigate"
    return (f"{match.reason}; the statement's proof names {line.id} as its likely error: it prints "
            f"{line.amount:,.2f} where the statement's own balances carry {flagged[line.id]:,.2f}, and {books}. A bank "
            "error, for the bank to correct: no entry corrects the books to it")


def _on_bank_side(statement: ReconciliationStatement, adjustment: Adjustment) -> ReconciliationStatement:
    bank_side = [a for a in statement.adjustments if a.side == "bank"] + [adjustment]
    book_side = [a for a in statement.adjustments if a.side == "book"]
    adjusted_bank = statement.adjusted_bank + adjustment.amount
    return replace(statement, adjustments=tuple(bank_side + book_side), adjusted_bank=adjusted_bank,
                   unexplained_difference=adjusted_bank - statement.adjusted_book)
