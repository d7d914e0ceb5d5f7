"""The lines still unmatched on each side, and how a pass claims them."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from month_end_close.reconcile.model import Match
from month_end_close.reconcile.text import name_words, references, similarities, similarity
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

    def is_free(self, bank_ids: Sequence[str], ledger_ids: Sequence[str]) -> bool:
        if len(bank_ids) == 1 and len(ledger_ids) == 1:  # nearly every candidate: no generators
            return bank_ids[0] in self.bank and ledger_ids[0] in self.ledger
        return all(b in self.bank for b in bank_ids) and all(l in self.ledger for l in ledger_ids)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible match, ranked by `score` then by how close the dates are. `detail` is
    what the pass needs to build the match if it is taken: building one for every
    candidate (its reason in words) would cost more than the matching."""

    score: int
    days: int
    bank_ids: tuple[str, ...]
    ledger_ids: tuple[str, ...]
    detail: Any = None

    def rank(self) -> tuple[int, int, tuple[str, ...], tuple[str, ...]]:
        return (-self.score, self.days, self.bank_ids, self.ledger_ids)


def assign(pool: Pool, candidates: Iterable[Candidate], build: Callable[[Candidate], Match]) -> int:
    """Take candidates best first, each only while all its lines are still free: one
    line is never in two matches. Returns how many were taken."""
    taken = 0
    for candidate in sorted(candidates, key=Candidate.rank):
        if pool.is_free(candidate.bank_ids, candidate.ledger_ids):
            pool.claim(build(candidate))
            taken += 1
    return taken


def lag(bank_date: date, ledger_date: date) -> int:
    """Days the bank is behind the books (positive: the usual direction, a cheque written
    before it clears)."""
    return (bank_date - ledger_date).days


def pair_score(bank: BankLine, ledger: LedgerLine) -> int:
    """0-100: equal amounts are the evidence; descriptions, a shared reference and close
    dates make it stronger, a conflicting reference weaker."""
    return _evidence(bank, ledger)[0]


def pair_reason(bank: BankLine, ledger: LedgerLine) -> tuple[int, str]:
    """The score and why, in the words a reviewer checks the match by."""
    score, days, sim, shared, conflict = _evidence(bank, ledger)
    return score, _reason(days, sim, shared, conflict)


def scores_against(bank: BankLine, lines: Sequence[LedgerLine]) -> list[int]:
    """`pair_score` of one bank line against many ledger lines, the descriptions compared
    in one call (a contested amount in a large close has thousands of such pairs)."""
    sims = similarities(bank.description, [line.description for line in lines])
    return [_weigh(bank, line, sim)[0] for line, sim in zip(lines, sims)]


def _evidence(bank: BankLine, ledger: LedgerLine) -> tuple[int, int, float, frozenset[str], bool]:
    return _weigh(bank, ledger, similarity(bank.description, ledger.description))


def _weigh(bank: BankLine, ledger: LedgerLine, sim: float) -> tuple[int, int, float, frozenset[str], bool]:
    """The score and what it rests on: dates apart, descriptions alike, references."""
    days = lag(bank.date, ledger.date)
    bank_refs = references(bank.description, bank.reference)
    book_refs = references(ledger.description, ledger.reference)
    shared = bank_refs & book_refs
    conflict = bool(bank_refs and book_refs and not shared)
    score = 60 + round(25 * sim) + (15 if shared else 0) - (20 if conflict else 0)
    score -= 3 * days if days >= 0 else 6 * -days  # the bank ahead of the books is rarer
    return max(0, min(100, score)), days, sim, shared, conflict


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
    """Lines grouped by amount (and by amount and reference number), each group sorted
    by date, for window look-ups that stay cheap when thousands of lines share an amount."""

    # Up to this many lines of one amount in a window are all scored; beyond it (a
    # subscription paid by hundreds of customers on one day), only those sharing a
    # reference number and the nearest in date are.
    ALL_BELOW = 64
    NEAREST = 16

    def __init__(self, lines: Iterable[LedgerLine | BankLine]) -> None:
        groups: dict[Decimal, list] = {}
        for line in lines:
            groups.setdefault(line.amount, []).append(line)
        self._groups = {amount: sorted(group, key=lambda l: (l.date, l.id)) for amount, group in groups.items()}
        self._days = {amount: [l.date.toordinal() for l in group] for amount, group in self._groups.items()}
        # Lines of a dense amount by reference number and by payee word ("w:" keys apart).
        self._by_mark: dict[tuple[Decimal, str], list] = {}

    def between(self, amount: Decimal, start: date, end: date, near: BankLine | None = None) -> list:
        """Lines of this amount dated from `start` to `end` inclusive; when there are
        many and `near` is given, those sharing its reference or a payee word, and the
        nearest to its date."""
        days = self._days.get(amount)
        if days is None:
            return []
        low, high = bisect_left(days, start.toordinal()), bisect_right(days, end.toordinal())
        if near is None or high - low <= self.ALL_BELOW:
            return self._groups[amount][low:high]
        return self._narrowed(amount, low, high, near)

    def _narrowed(self, amount: Decimal, low: int, high: int, near: BankLine) -> list:
        group, days = self._groups[amount], self._days[amount]
        centre = bisect_left(days, near.date.toordinal(), low, high)
        left, right = max(low, centre - self.NEAREST // 2), min(high, centre + self.NEAREST // 2)
        chosen = {l.id: l for l in group[left:right]}
        keys = [*references(near.description, near.reference), *(f"w:{w}" for w in name_words(near.description))]
        for key in keys:
            for line in self._marked(amount, key):
                if days[low] <= line.date.toordinal() <= days[high - 1]:
                    chosen.setdefault(line.id, line)
        return list(chosen.values())

    def _marked(self, amount: Decimal, mark: str) -> list:
        if not self._by_mark:
            for key, group in self._groups.items():
                if len(group) > self.ALL_BELOW:
                    for line in group:
                        for found in references(line.description, getattr(line, "reference", None)):
                            self._by_mark.setdefault((key, found), []).append(line)
                        for word in name_words(line.description):
                            self._by_mark.setdefault((key, f"w:{word}"), []).append(line)
        return self._by_mark.get((amount, mark), [])
