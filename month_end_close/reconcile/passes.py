"""The one-to-one matching passes, strictest first: a line taken by an earlier pass is
never offered to a later one, so each match is made on the strongest evidence there is."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Iterator

from month_end_close.reconcile.model import Match, MatchKind
from month_end_close.reconcile.pool import ByAmount, Candidate, Pool, assign, lag, pair_score
from month_end_close.reconcile.text import references
from month_end_close.records import BankLine, LedgerLine


def exact_pass(pool: Pool) -> int:
    """Same amount, same date, no conflicting reference."""
    ledger = ByAmount(pool.ledger.values())
    candidates = [
        _candidate(bank, line, "exact")
        for bank in pool.bank.values()
        for line in ledger.between(bank.amount, bank.date, bank.date)
        if not _references_conflict(bank, line)
    ]
    return assign(pool, candidates)


def window_pass(pool: Pool, window_days: int, lead_days: int) -> int:
    """Same amount, the books up to `window_days` ahead of the bank (or `lead_days`
    behind it)."""
    ledger = ByAmount(pool.ledger.values())
    candidates = [
        _candidate(bank, line, "date_window")
        for bank in pool.bank.values()
        for line in ledger.between(bank.amount, *_window(bank.date, window_days, lead_days))
    ]
    return assign(pool, candidates)


def difference_pass(pool: Pool, window_days: int, lead_days: int) -> int:
    """An amount recorded wrongly on one side: the same digits in another order (a
    transposition), or the same reference number with an amount within 10%."""
    by_digits: dict[tuple[bool, str], list[LedgerLine]] = {}
    by_reference: dict[str, list[LedgerLine]] = {}
    for line in pool.ledger.values():
        by_digits.setdefault(_digits_key(line.amount), []).append(line)
        for ref in references(line.description, line.reference):
            by_reference.setdefault(ref, []).append(line)
    candidates = [c for bank in pool.bank.values() for c in _difference_candidates(
        bank, by_digits, by_reference, window_days, lead_days)]
    return assign(pool, candidates)


def _difference_candidates(bank: BankLine, by_digits: dict, by_reference: dict, window: int,
                           lead: int) -> Iterator[Candidate]:
    start, end = _window(bank.date, window, lead)
    for line in by_digits.get(_digits_key(bank.amount), ()):
        if start <= line.date <= end and line.amount != bank.amount:
            yield _candidate(bank, line, "amount_difference", penalty=10, why="the same digits in another order")
    referenced = {l.id: l for ref in references(bank.description, bank.reference) for l in by_reference.get(ref, ())}
    for line in referenced.values():
        if start <= line.date <= end and _close_amounts(bank.amount, line.amount):
            yield _candidate(bank, line, "amount_difference", penalty=15, why="the same reference, amounts within 10%")


def _close_amounts(a: Decimal, b: Decimal) -> bool:
    return a != b and (a > 0) == (b > 0) and abs(a - b) <= abs(a) / 10


def _digits_key(amount: Decimal) -> tuple[bool, str]:
    cents = format(abs(amount).quantize(Decimal("0.01")), "f").replace(".", "").lstrip("0")
    return amount > 0, "".join(sorted(cents))


def _window(bank_date: date, window_days: int, lead_days: int) -> tuple[date, date]:
    return bank_date - timedelta(days=window_days), bank_date + timedelta(days=lead_days)


def _references_conflict(bank: BankLine, line: LedgerLine) -> bool:
    ours, theirs = references(bank.description, bank.reference), references(line.description, line.reference)
    return bool(ours and theirs and not ours & theirs)


def _candidate(bank: BankLine, line: LedgerLine, kind: MatchKind, penalty: int = 0, why: str = "") -> Candidate:
    score, reason = pair_score(bank, line)
    reason = f"{why}; {reason}" if why else reason
    match = Match((bank.id,), (line.id,), kind, max(0, score - penalty), bank.amount - line.amount, reason)
    return Candidate(match.score, abs(lag(bank.date, line.date)), match)
