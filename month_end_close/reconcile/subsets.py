"""One line on one side for several on the other: a paying-in of several receipts, a
payment the bank made in parts. The search is bounded (nearest candidates only, a
limited number of subsets tried) so a large close cannot run away; what it cannot
settle stays unmatched and is reported, never forced."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Sequence

from month_end_close.reconcile.model import Match
from month_end_close.reconcile.pool import Candidate, Pool, assign
from month_end_close.reconcile.text import references, similarity


@dataclass(frozen=True)
class SubsetLimits:
    window_days: int
    lead_days: int
    max_size: int
    max_candidates: int
    max_steps: int = 5_000


def one_to_many_pass(pool: Pool, limits: SubsetLimits) -> int:
    """One bank line equal to the sum of several ledger lines (the books run ahead)."""
    found = _wholes_and_parts(pool.bank, pool.ledger, limits.window_days, limits.lead_days, limits)
    return assign(pool, [_candidate((whole,), parts, "one_to_many") for whole, parts in found], lambda c: c.detail)


def many_to_one_pass(pool: Pool, limits: SubsetLimits) -> int:
    """Several bank lines equal to one ledger line (the bank runs behind)."""
    found = _wholes_and_parts(pool.ledger, pool.bank, limits.lead_days, limits.window_days, limits)
    return assign(pool, [_candidate(parts, (whole,), "many_to_one") for whole, parts in found], lambda c: c.detail)


def _wholes_and_parts(wholes: dict, parts: dict, before: int, after: int, limits: SubsetLimits) -> list[tuple]:
    """Each whole (largest first) with the parts, dated from `before` days before it to
    `after` days after, that add up to it."""
    index, found = _DateIndex(parts.values()), []
    for whole in sorted(wholes.values(), key=lambda w: (-abs(w.amount), w.id)):
        start, end = whole.date - timedelta(days=before), whole.date + timedelta(days=after)
        subset = _best_subset(whole, index.named(start, end, whole, parts),
                              index.nearest(start, end, whole, parts, limits.max_candidates), limits)
        if subset is not None:
            found.append((whole, subset))
    return found


class _DateIndex:
    """Lines sorted by date, for the lines of one sign and smaller size within a window."""

    def __init__(self, lines) -> None:
        self._lines = sorted(lines, key=lambda l: (l.date, l.id))
        self._days = [l.date.toordinal() for l in self._lines]
        self._by_reference: dict[str, list] = {}
        for line in self._lines:
            for ref in references(line.description, line.reference):
                self._by_reference.setdefault(ref, []).append(line)

    def named(self, start, end, whole, free: dict) -> list:
        """Free lines anywhere in the window that carry one of the whole's reference
        numbers (a busy window's nearest lines may not include them)."""
        found = {l.id: l for ref in references(whole.description, whole.reference)
                 for l in self._by_reference.get(ref, ()) if start <= l.date <= end}
        return [l for l in found.values() if l.id in free and _part_of(l, whole)]

    def nearest(self, start, end, whole, free: dict, limit: int) -> list:
        """Up to `limit` free lines of the whole's sign and smaller size dated from
        `start` to `end`, nearest the whole's date first (outward from it, so a busy
        window is not scanned end to end)."""
        low, high = bisect_left(self._days, start.toordinal()), bisect_right(self._days, end.toordinal())
        centre = bisect_left(self._days, whole.date.toordinal(), low, high)
        found, left, right = [], centre - 1, centre
        while len(found) < limit and (left >= low or right < high):
            if right < high and (left < low or self._days[right] - whole.date.toordinal()
                                 <= whole.date.toordinal() - self._days[left]):
                line, right = self._lines[right], right + 1
            else:
                line, left = self._lines[left], left - 1
            if line.id in free and _part_of(line, whole):
                found.append(line)
        return found


def _part_of(line, whole) -> bool:
    return (line.amount > 0) == (whole.amount > 0) and abs(line.amount) < abs(whole.amount)


def _best_subset(whole, named: Sequence, nearest: Sequence, limits: SubsetLimits) -> tuple | None:
    """The parts that add up exactly to `whole`, preferring fewer parts and closer dates;
    None when there are none, or when two different sets fit equally well (a guess would
    be wrong half the time, so neither is taken). Parts carrying the whole's reference (a
    paying-in slip's number on each receipt) are tried on their own first: among many
    unmatched lines some add up to any amount by chance, lines naming the slip do not."""
    if len(named) >= 2:
        found = _subset_of(whole, named[:limits.max_candidates], limits)
        if found is not None:
            return found
    parts = list({p.id: p for p in (*named, *nearest)}.values())[:limits.max_candidates]
    return _subset_of(whole, parts, limits)


def _subset_of(whole, parts: Sequence, limits: SubsetLimits) -> tuple | None:
    units = [_units(p.amount) for p in parts]
    solutions = _subsets_summing(units, _units(whole.amount), limits.max_size, limits.max_steps)
    if not solutions:
        return None
    ranked = sorted(solutions, key=lambda idx: (len(idx), sum(abs((whole.date - parts[i].date).days) for i in idx)))
    best = ranked[0]
    if len(ranked) > 1 and len(ranked[1]) == len(best) and _spread(whole, parts, ranked[1]) == _spread(whole, parts, best):
        return None
    return tuple(sorted((parts[i] for i in best), key=lambda p: (p.date, p.id)))


def _spread(whole, parts: Sequence, idx: tuple[int, ...]) -> int:
    return sum(abs((whole.date - parts[i].date).days) for i in idx)


def _subsets_summing(units: list[int], target: int, max_size: int, max_steps: int) -> list[tuple[int, ...]]:
    """Index sets of 2 to `max_size` values (all of one sign) summing to `target`,
    depth first over values sorted largest first; at most `max_steps` nodes are visited.

    Sorted largest first, two cuts make it cheap: a value larger than what remains is
    skipped by bisection, and once the largest values that could still be added fall
    short of what remains, every later (smaller) value does too, so the loop stops."""
    order = sorted(range(len(units)), key=lambda i: -abs(units[i]))
    values = [abs(units[i]) for i in order]
    negated = [-v for v in values]
    prefix = [0]
    for v in values:
        prefix.append(prefix[-1] + v)
    found: list[tuple[int, ...]] = []
    steps = 0

    def walk(start: int, chosen: list[int], remaining: int) -> None:
        nonlocal steps
        slots = max_size - len(chosen) - 1  # values still to add after this one
        for k in range(bisect_left(negated, -remaining, start), len(values)):
            steps += 1
            if steps > max_steps or len(found) > 8:
                return
            rest = remaining - values[k]
            if rest == 0:
                if chosen:
                    found.append(tuple(sorted(order[i] for i in (*chosen, k))))
                continue
            if slots == 0 or prefix[min(len(values), k + 1 + slots)] - prefix[k + 1] < rest:
                return  # every later value is smaller: no better off
            walk(k + 1, [*chosen, k], rest)

    walk(0, [], abs(target))
    return found


def _units(amount: Decimal) -> int:
    return int(amount.scaleb(4))


def _candidate(bank: Sequence, ledger: Sequence, kind) -> Candidate:
    sims = [similarity(b.description, l.description) for b in bank for l in ledger]
    days = max(abs((b.date - l.date).days) for b in bank for l in ledger)
    score = max(0, min(100, 55 + round(20 * max(sims)) - 2 * days - 3 * (len(bank) + len(ledger) - 2)))
    parts = len(ledger) if kind == "one_to_many" else len(bank)
    reason = f"{parts} lines add up exactly to the other side's one; dates up to {days} days apart"
    match = Match(tuple(b.id for b in bank), tuple(l.id for l in ledger), kind, score, Decimal("0"), reason)
    return Candidate(score, days, match.bank_ids, match.ledger_ids, match)
