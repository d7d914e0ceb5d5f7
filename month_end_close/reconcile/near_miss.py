"""Why an unmatched line was not paired with the line that looks most like its
counterpart: the reviewer's first question about an item on the reconciliation is
"isn't it that one?", so the reason names that line and what ruled it out. An item is
said to have nothing on the other side only when nothing of its amount is there."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence

from month_end_close.reconcile.model import Match
from month_end_close.reconcile.text import payee_alike, references
from month_end_close.records import BankLine, LedgerLine

Line = BankLine | LedgerLine


class NearMisses:
    """Every line of each side by amount, and which match took it."""

    def __init__(self, bank: Iterable[BankLine], ledger: Iterable[LedgerLine], matches: Sequence[Match],
                 days: int) -> None:
        self._bank, self._ledger = _Lines(bank), _Lines(ledger)
        self._taken = {i: m for m in matches for i in (*m.bank_ids, *m.ledger_ids)}
        self._days = days

    def for_bank(self, line: BankLine) -> str:
        return self._explain(line, self._ledger.of(line.amount), "the books")

    def for_ledger(self, line: LedgerLine) -> str:
        return self._explain(line, self._bank.of(line.amount), "the statement")

    def _explain(self, line: Line, group: tuple[list[int], list[Line]], where: str) -> str:
        if not group[1]:
            return f"nothing of this amount in {where}"
        other = min(_nearest(group, line), key=lambda o: self._rank(line, o))
        return f"nearest of the same amount in {where}: {other.id} {other.date.isoformat()} " \
               f"'{other.description}', {self._why_not(line, other)}"

    def _rank(self, line: Line, other: Line) -> tuple:
        """Free lines first, then the same payee, then the nearest date."""
        return (other.id in self._taken, not payee_alike(line.description, other.description),
                abs((line.date - other.date).days), other.id)

    def _why_not(self, line: Line, other: Line) -> str:
        match = self._taken.get(other.id)
        if match is not None:
            return f"already matched ({match.kind}: {', '.join((*match.bank_ids, *match.ledger_ids))})"
        ours, theirs = references(line.description, line.reference), references(other.description, other.reference)
        if ours and theirs and not ours & theirs:
            return f"its reference {min(theirs)} disagrees with {min(ours)}"
        apart = abs((line.date - other.date).days)
        if apart > self._days:
            return f"{apart} days apart, beyond the {self._days}-day window"
        if not payee_alike(line.description, other.description):
            return f"a different payee, {apart} days apart"
        return "left over when this payee's lines of this amount were paired in date order"


# In a large close a popular amount has thousands of lines: the nearest in date on each
# side are enough to find the one that looks most like the counterpart.
_NEAREST = 16


class _Lines:
    """One side's lines by amount; an amount's lines are sorted by date only when an
    unmatched line asks for them (a few thousand of a hundred thousand amounts)."""

    def __init__(self, lines: Iterable[Line]) -> None:
        self._groups: dict[object, list[Line]] = {}
        for line in lines:
            self._groups.setdefault(line.amount, []).append(line)
        self._sorted: dict[object, tuple[list[int], list[Line]]] = {}

    def of(self, amount: object) -> tuple[list[int], list[Line]]:
        if amount not in self._sorted:
            ordered = sorted(self._groups.get(amount, ()), key=lambda l: (l.date, l.id))
            self._sorted[amount] = ([l.date.toordinal() for l in ordered], ordered)
        return self._sorted[amount]


def _nearest(group: tuple[list[int], list[Line]], line: Line) -> list[Line]:
    days, lines = group
    at = bisect_left(days, line.date.toordinal())
    return lines[max(0, at - _NEAREST):at + _NEAREST]
