"""Exact sums of money: which lines add up to an amount, searched so that a large close
cannot run away, and told apart from sums that fit more than one way."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from decimal import Decimal


def only_subset(target: Decimal, parts: Sequence, max_size: int, max_steps: int, smallest: int = 2) -> tuple | None:
    """The parts when exactly one set of `smallest` to `max_size` of them adds up to
    `target`; () when none does; None when more than one does (a guess would be wrong
    half the time, so neither is taken)."""
    units = [units_of(p.amount) for p in parts]
    solutions, searched_all = subsets_summing(units, units_of(target), smallest, max_size, max_steps)
    if not solutions:
        return () if searched_all else None
    if len(solutions) > 1 or not searched_all:
        return None
    return in_date_order([parts[i] for i in solutions[0]])


def in_date_order(parts: Sequence) -> tuple:
    return tuple(sorted(parts, key=lambda p: (p.date, p.id)))


def subsets_summing(units: list[int], target: int, min_size: int, max_size: int,
                    max_steps: int) -> tuple[list[tuple[int, ...]], bool]:
    """Up to two index sets of `min_size` to `max_size` values (all of one sign) summing to
    `target`, depth first over values sorted largest first, and whether the search was
    complete (at most `max_steps` nodes are visited; a second set ends it early).

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
            if steps > max_steps or len(found) > 1:
                return
            rest = remaining - values[k]
            if rest == 0:
                if len(chosen) + 1 >= min_size:
                    found.append(tuple(sorted(order[i] for i in (*chosen, k))))
                continue
            if slots == 0 or prefix[min(len(values), k + 1 + slots)] - prefix[k + 1] < rest:
                return  # every later value is smaller: no better off
            walk(k + 1, [*chosen, k], rest)

    walk(0, [], abs(target))
    return found, steps <= max_steps and len(found) <= 1


def units_of(amount: Decimal) -> int:
    """Money as whole ten-thousandths, for exact sums without Decimal arithmetic."""
    return int(amount.scaleb(4))


def fewest(target: Decimal, parts: Sequence, max_size: int, max_steps: int) -> tuple | None:
    """The one set of the fewest parts making up `target` (the rest of a run beside its
    numbered payments: among thirty payments, six add up to almost anything by chance,
    two or three rarely); () when none does, None when that many fit more than one way."""
    for size in range(1, max_size + 1):
        found = only_subset(target, parts, size, max_steps, smallest=size)
        if found != ():
            return found
    return ()
