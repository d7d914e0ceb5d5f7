"""One line on one side for several on the other: a paying-in of several receipts, a
payment the bank made in parts. The search is bounded (nearest candidates only, a
limited number of subsets tried) so a large close cannot run away; what it cannot
settle stays unmatched and is reported, never forced."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from month_end_close.reconcile.model import Match
from month_end_close.reconcile.parts_index import BY_NUMBER, PartsIndex, part_of
from month_end_close.reconcile.pool import Pool
from month_end_close.reconcile.sums import fewest, in_date_order, only_subset
from month_end_close.reconcile.text import cheque_or_cash, paying_in, references, similarity


@dataclass(frozen=True)
class SubsetLimits:
    window_days: int
    lead_days: int
    max_size: int
    max_candidates: int
    max_steps: int = 5_000


def subset_passes(pool: Pool, limits: SubsetLimits) -> int:
    """Paying-ins (one bank line, several book lines) and split payments (several bank
    lines, one book line), on the strongest evidence first: parts that carry the whole's
    reference number, for every whole, before any search on amounts alone; and again
    after each search on amounts, which leaves fewer lines for a payment run's rest."""
    sides = (_Side(pool.bank, pool.ledger, limits.window_days, limits.lead_days, "one_to_many",
                   PartsIndex(pool.ledger.values()), _numbers(pool.bank.values())),
             _Side(pool.ledger, pool.bank, limits.lead_days, limits.window_days, "many_to_one",
                   PartsIndex(pool.bank.values(), parts_name_whole=True), _numbers(pool.ledger.values())))
    memory, taken = _Memory(), 0
    for _ in range(_ROUNDS):
        taken += _until_settled(pool, sides, limits, memory)
        # A payment the bank made in parts names its payee on each part: several
        # unrelated bank lines adding up to a book payment are a coincidence.
        found = _round(pool, sides[0], limits, False, memory)
        taken += found
        if not found:
            break
    return taken


def numbered_batch_pass(pool: Pool, limits: SubsetLimits) -> int:
    """Batches whose parts all carry the whole's number and add up to it exactly (a
    payment run whose every payment the payables module marked with the run, the receipts
    of one paying-in slip): taken before any pass on amounts alone, which would give a
    part of a popular amount (50.00, 250.00) to a look-alike line of another payee and
    leave the batch one line short."""
    taken = 0
    for wholes, parts, before, after, build in (
            (pool.bank, pool.ledger, limits.window_days, limits.lead_days, _one_to_many),
            (pool.ledger, pool.bank, limits.lead_days, limits.window_days, _many_to_one)):
        by_number: dict[str, list] = {}
        for line in parts.values():
            for number in references(line.description, line.reference):
                by_number.setdefault(number, []).append(line)
        found = [(whole, batch) for whole in wholes.values()
                 if (batch := _numbered(whole, by_number, before, after, limits.max_steps))]
        taken += _claim_unshared(pool, found, build)
    return taken


def _numbered(whole, by_number: dict[str, list], before: int, after: int, max_steps: int) -> tuple | None:
    """The lines carrying one of the whole's numbers within its window, when two or more
    of them add up to it exactly: all of them, or all but the one or two whose amounts
    make up the excess (a line whose invoice number happens to be the run's)."""
    start, end = whole.date - timedelta(days=before), whole.date + timedelta(days=after)
    batch = list({line.id: line for number in references(whole.description, whole.reference)
                  for line in by_number.get(number, ()) if start <= line.date <= end and part_of(line, whole)}.values())
    excess = sum((line.amount for line in batch), Decimal("0")) - whole.amount
    if excess and (excess > 0) == (whole.amount > 0):
        strays = fewest(excess, batch, _STRAYS, max_steps)
        batch = [line for line in batch if line not in strays] if strays else []
    elif excess:
        return None
    return in_date_order(batch) if len(batch) >= 2 else None


# Lines carrying the whole's number by chance, beside its own parts: rarely more than one.
_STRAYS = 2


def _claim_unshared(pool: Pool, found: list[tuple], build) -> int:
    """Claims each whole's parts unless another whole found a part of them too: two wholes
    that both fit only by taking the same line are a coincidence for at least one of them."""
    uses = Counter(part.id for _, subset in found for part in subset)
    taken = 0
    for whole, subset in found:
        if all(uses[part.id] == 1 for part in subset):
            pool.claim(build(whole, subset))
            taken += 1
    return taken


def _one_to_many(whole, parts: tuple) -> Match:
    return _match((whole,), parts, "one_to_many")


def _many_to_one(whole, parts: tuple) -> Match:
    return _match(parts, (whole,), "many_to_one")


def _until_settled(pool: Pool, sides: tuple, limits: SubsetLimits, memory: _Memory) -> int:
    taken = 0
    for _ in range(_ROUNDS):
        found = sum(_round(pool, side, limits, True, memory) for side in sides)
        taken += found
        if not found:
            break
    return taken


class _Memory:
    """The lines each search of each whole looked at. Lines only ever leave the pool, so
    a whole none of whose lines has left since would be searched again for the same
    answer, and is not: in a busy close most wholes settle nothing round after round."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, bool, str], frozenset[str]] = {}

    def unchanged(self, search: tuple[str, bool], whole, free: dict) -> bool:
        seen = self._seen.get((*search, whole.id))
        return seen is not None and all(i in free for i in seen)

    def saw(self, search: tuple[str, bool], whole, ids: set[str]) -> None:
        self._seen[(*search, whole.id)] = frozenset(ids)


# Rounds of the search: a whole is taken only when one set of parts fits it, and each
# round's takings remove parts that made other wholes ambiguous (in a busy close most
# chance sums are made of other paying-ins' receipts), so the next round settles more.
_ROUNDS = 6


@dataclass(frozen=True)
class _Side:
    """Which side holds the wholes, how far before and after a whole its parts may be
    dated, and what a match of it is called."""

    wholes: dict
    parts: dict
    before: int
    after: int
    kind: str
    index: PartsIndex  # every part there was; the free ones are those still in `parts`
    numbers: frozenset[str] = frozenset()  # the reference numbers the wholes carry

    def build(self, whole, parts: tuple) -> Match:
        return (_one_to_many if self.kind == "one_to_many" else _many_to_one)(whole, parts)


def _round(pool: Pool, side: _Side, limits: SubsetLimits, named: bool, memory: _Memory) -> int:
    """Every whole's one fitting set of parts against the same free lines, then only the
    sets no other whole's set shares a line with (which of two such wholes is right is
    settled, if ever, by a later round)."""
    index, key = side.index, (side.kind, named)
    search = _by_reference if named else _by_amount
    found = []
    for whole in sorted(side.wholes.values(), key=lambda w: (w.date, -abs(w.amount), w.id)):
        if memory.unchanged(key, whole, side.parts):
            continue
        index.seen = set()
        subset = search(whole, index, side, limits)
        memory.saw(key, whole, index.seen)
        if subset:
            found.append((whole, subset))
    return _claim_unshared(pool, found, side.build)


def _by_reference(whole, index: PartsIndex, side: _Side, limits: SubsetLimits) -> tuple | None:
    """The parts the whole names (a paying-in slip's number on each receipt, the payees
    a payment run lists): among many unmatched lines some add up to any amount by
    chance, lines the whole names do not. The most strongly named are tried first (the
    lines naming all of "Crossley Roofing" before those naming only "Crossley"); the
    first strength at which the named lines settle the whole decides."""
    start, end = whole.date - timedelta(days=side.before), whole.date + timedelta(days=side.after)
    named = index.named(start, end, whole, side.parts)[:limits.max_candidates]
    for strength in sorted({index.strength[line.id] for line in named}, reverse=True):
        found = _from_named(whole, [l for l in named if index.strength[l.id] >= strength], index, side, limits,
                            (start, end), by_number=strength == BY_NUMBER)
        if found != ():
            return found or None
    return None


def _from_named(whole, named: list, index: PartsIndex, side: _Side, limits: SubsetLimits,
                window: tuple, by_number: bool) -> tuple | None:
    """Named lines adding up to more than the whole are searched for the one set that
    fits; adding up to less, they are all parts, and only the rest (lines the books
    recorded without the run's number) is searched for. () when they settle nothing;
    None when they fit more than one way."""
    named_total = sum((line.amount for line in named), Decimal("0"))
    if named_total == whole.amount and len(named) >= 2:
        return in_date_order(named)
    if abs(named_total) > abs(whole.amount) or (named_total > 0) != (whole.amount > 0) or side.kind == "many_to_one" \
            or not by_number:
        # (A payment the bank split names its payee on every part, and a rest is looked
        # for only beside lines carrying the whole's number: a word in common is no batch.)
        return only_subset(whole.amount, named, limits.max_size, limits.max_steps)
    # The rest was recorded with the named parts (a payment run's other payments, booked
    # the same days): first among lines dated within the named parts' days, then across
    # the window.
    ids = {line.id for line in named}
    first, last = min(line.date for line in named), max(max(line.date for line in named), whole.date)
    for low, high in ((first, last), window):
        rest = _rest(whole.amount - named_total, index, (low, high), whole, side, ids, limits)
        if rest != ():
            return in_date_order([*named, *rest]) if rest else None
    return ()


def _numbers(wholes) -> frozenset[str]:
    return frozenset(n for whole in wholes for n in references(whole.description, whole.reference))


# So few candidates that every set of them can be tried: the limit on parts is lifted.
_ALL_SETS = 12


def _rest(target: Decimal, index: PartsIndex, days: tuple, whole, side: _Side, named: set[str],
          limits: SubsetLimits) -> tuple | None:
    """The one set of unnamed lines dated within `days` making up `target`; () when none;
    None when more than one does, or the lines are too many to try."""
    # A line carrying another whole's number (another run's, another slip's) is that
    # whole's part, not this one's.
    # A cheque written clears on its own, never inside a payment run.
    theirs = side.numbers - references(whole.description, whole.reference)
    nearby = index.nearest(days[0], days[1], whole, side.parts, limits.max_candidates + len(named) + 1)
    others = [line for line in nearby
              if line.id not in named and abs(line.amount) <= abs(target)
              and not references(line.description, line.reference) & theirs
              and not (whole.amount < 0 and cheque_or_cash(line.description))]
    if len(others) > limits.max_candidates:
        return None
    largest = max(limits.max_size, len(others)) if len(others) <= _ALL_SETS else limits.max_size
    return fewest(target, others, largest, limits.max_steps)


def _by_amount(whole, index: PartsIndex, side: _Side, limits: SubsetLimits) -> tuple | None:
    """The one set of parts that adds up to the whole, among every free line of its sign
    and smaller size dated within a day of it, else across the window; for a paying-in,
    among the cheque and cash receipts first. A ring that fits two ways settles nothing
    (a wider one only adds chance sums); a ring holding more lines than can all be
    tried waits for a later round, when takings have thinned it."""
    if whole.amount < 0:
        return None  # money paid out in one line for several book payments is found by what it names
    counter = paying_in(whole.description)
    # Cheques are recorded when received and paid in later, never before: a paying-in's
    # parts are dated on or before it.
    after = 0 if counter else side.after
    for kind in (cheque_or_cash, None) if counter else (None,):
        for low, high in ((min(1, side.before), min(1, after)), (side.before, after)):
            found = _in_ring(whole, index, side, limits, (low, high), kind)
            if found != ():
                return found
    return None


def _in_ring(whole, index: PartsIndex, side: _Side, limits: SubsetLimits, ring: tuple[int, int],
             kind) -> tuple | None:
    start, end = whole.date - timedelta(days=ring[0]), whole.date + timedelta(days=ring[1])
    parts = index.nearest(start, end, whole, side.parts, limits.max_candidates + 1, kind)
    if len(parts) > limits.max_candidates:
        return None
    return only_subset(whole.amount, parts, limits.max_size, limits.max_steps)


def _match(bank: Sequence, ledger: Sequence, kind) -> Match:
    sims = [similarity(b.description, l.description) for b in bank for l in ledger]
    days = max(abs((b.date - l.date).days) for b in bank for l in ledger)
    score = max(0, min(100, 55 + round(20 * max(sims)) - 2 * days - 3 * (len(bank) + len(ledger) - 2)))
    parts = len(ledger) if kind == "one_to_many" else len(bank)
    reason = f"{parts} lines add up exactly to the other side's one; dates up to {days} days apart"
    return Match(tuple(b.id for b in bank), tuple(l.id for l in ledger), kind, score, Decimal("0"), reason)
