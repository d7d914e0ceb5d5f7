"""The lines still unmatched on each side, and how a pass claims them."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Iterable, Sequence

from month_end_close.reconcile.model import Match
from month_end_close.reconcile.text import references, similarity
from month_end_close.records import BankLine, LedgerLine


@dataclass
class Pool:
    """Unmatched bank and ledger lines by id, in input order, and the matches so far."""

    bank: dict[str, BankLine]
    ledger: dict[str, LedgerLine]
    matches: list[Match] = field(default_factory=list)

    @classmethod
    def of(cls, bank: Sequence[BankLine], ledger: Sequence[LedgerLine]) -> Pool:
        return cls({line.id: line for line in bank}, {line.id: line for line in ledger})

    def claim(self, match: Match) -> None:
        for bank_id in match.bank_ids:
            del self.bank[bank_id]
        for ledger_id in match.ledger_ids:
            del self.ledger[ledger_id]
        self.matches.append(match)

    def is_free(self, bank_ids: Iterable[str], ledger_ids: Iterable[str]) -> bool:
        return all(b in self.bank for b in bank_ids) and all(l in self.ledger for l in ledger_ids)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible pairing, ranked by `score` then by how close the dates are."""

    score: int
    days: int
    match: Match

    def rank(self) -> tuple[int, int, tuple[str, ...], tuple[str, ...]]:
        return (-self.score, self.days, self.match.bank_ids, self.match.ledger_ids)


def assign(pool: Pool, candidates: Iterable[Candidate]) -> int:
    """Take candidates best first, each only while all its lines are still free: one
    line is never in two matches. Returns how many were taken."""
    taken = 0
    for candidate in sorted(candidates, key=Candidate.rank):
        match = candidate.match
        if pool.is_free(match.bank_ids, match.ledger_ids):
            pool.claim(match)
            taken += 1
    return taken


def lag(bank_date: date, ledger_date: date) -> int:
    """Days the bank is behind the books (positive: the usual direction, a cheque written
    before it clears)."""
    return (bank_date - ledger_date).days


def pair_score(bank: BankLine, ledger: LedgerLine) -> tuple[int, str]:
    """0-100 and the reason: equal amounts are the evidence; descriptions, a shared
    reference and close dates make it stronger, a conflicting reference weaker."""
    days = lag(bank.date, ledger.date)
    sim = similarity(bank.description, ledger.description)
    bank_refs = references(bank.description, bank.reference)
    book_refs = references(ledger.description, ledger.reference)
    shared = bank_refs & book_refs
    score = 60 + round(25 * sim) + (15 if shared else 0)
    score -= 3 * days if days >= 0 else 6 * -days  # the bank ahead of the books is rarer
    score -= 20 if bank_refs and book_refs and not shared else 0
    reason = _reason(days, sim, shared, bool(bank_refs and book_refs and not shared))
    return max(0, min(100, score)), reason


def _reason(days: int, sim: float, shared: frozenset[str], conflict: bool) -> str:
    parts = [f"dates {abs(days)} day{'s' if abs(days) != 1 else ''} apart" if days else "same date",
             f"descriptions {round(sim * 100)}% alike"]
    if shared:
        parts.append(f"reference {min(shared)} on both")
    if conflict:
        parts.append("references differ")
    return ", ".join(parts)


def total(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, Decimal("0"))


class ByAmount:
    """Lines grouped by amount, each group sorted by date, for window look-ups."""

    def __init__(self, lines: Iterable[LedgerLine | BankLine]) -> None:
        groups: dict[Decimal, list] = {}
        for line in lines:
            groups.setdefault(line.amount, []).append(line)
        self._groups = {amount: sorted(group, key=lambda l: (l.date, l.id)) for amount, group in groups.items()}
        self._days = {amount: [l.date.toordinal() for l in group] for amount, group in self._groups.items()}

    def between(self, amount: Decimal, start: date, end: date) -> list:
        """Lines of this amount dated from `start` to `end` inclusive."""
        days = self._days.get(amount)
        if days is None:
            return []
        low, high = bisect_left(days, start.toordinal()), bisect_right(days, end.toordinal())
        return self._groups[amount][low:high]
