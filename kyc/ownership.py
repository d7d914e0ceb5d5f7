"""Beneficial ownership: the ownership graph, effective ownership, cycles, opacity.

Effective ownership of an individual is the sum, over every simple path from them to the
customer, of the product of the percentages along the path. A path never visits an
entity twice: a circular holding is reported as a cycle, not summed as an infinite
series, because the reviewer needs to see the loop, not a number that hides it.

The sums are taken without listing the paths (`kyc.pathsums`): a lattice of companies
has exponentially many. Each owner shows its first few paths and how many there are.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from kyc.pathsums import Edges, PathSum, Sums, path_sums
from shared.documents.citation import Citation

HUNDRED = Decimal(100)
SHOWN_PATHS = 10            # per owner, in the outputs; the count says how many there are
_SHOWN_STEPS = 10_000       # a bound on looking for them
_LEGAL_FORMS = {"limited": "ltd", "ltd": "ltd", "plc": "plc", "incorporated": "inc", "inc": "inc",
                "corporation": "corp", "corp": "corp", "company": "co", "co": "co"}


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class Holding(_Record):
    """`owner` holds `percent` of `owned`, as one line of a register or chart says."""

    owner: str
    owner_type: Literal["individual", "entity"]
    owned: str
    percent: Decimal
    owner_country: str | None = None
    owner_date_of_birth: str | None = None
    citations: tuple[Citation, ...] = ()


class OwnershipPath(_Record):
    names: tuple[str, ...]      # owner first, customer last
    percents: tuple[Decimal, ...]
    effective: Decimal


class Owner(_Record):
    name: str
    type: Literal["individual", "entity"]
    effective_percent: Decimal
    paths: tuple[OwnershipPath, ...]   # the first SHOWN_PATHS found, largest first
    path_count: int
    country: str | None
    date_of_birth: str | None
    citations: tuple[Citation, ...]


class OpacityFactor(_Record):
    factor: str
    points: int
    detail: str


class Structure(_Record):
    customer: str
    owners: tuple[Owner, ...]          # every owner, direct or indirect, largest first
    cycles: tuple[tuple[str, ...], ...]
    over_allocated: tuple[tuple[str, Decimal], ...]   # (entity, sum of its holders' percents) > 100
    opacity: tuple[OpacityFactor, ...]

    @property
    def opacity_score(self) -> int:
        return sum(f.points for f in self.opacity)


def node_key(name: str) -> str:
    """The same company written 'Alpha Holdings Limited' and 'ALPHA HOLDINGS LTD.' is one node."""
    tokens = re.sub(r"[^\w\s]", " ", name.casefold()).split()
    return " ".join(_LEGAL_FORMS.get(token, token) for token in tokens)


def analyse(customer: str, holdings: Sequence[Holding], customer_country: str | None = None) -> Structure:
    """The structure above `customer`; `kyc.pathsums.TooEntangled` when a loop of
    holdings has too many paths inside it to trace."""
    owners_of = _owners_by_entity(holdings)
    top = node_key(customer)
    sums = path_sums(top, _edges(owners_of))
    depth = path_sums(top, _edges(owners_of, entities_only=True))
    return Structure(
        customer=customer,
        owners=_owners(top, sums, holdings),
        cycles=tuple(_display(loop) for loop in sums.cycles),
        over_allocated=tuple(_over_allocated(owners_of, holdings)),
        opacity=tuple(opacity_factors(max(s.longest for s in depth.at.values()), owners_of, holdings, sums.cycles,
                                      customer_country)),
    )


def _owners_by_entity(holdings: Iterable[Holding]) -> dict[str, list[Holding]]:
    owners_of: dict[str, list[Holding]] = defaultdict(list)
    for holding in holdings:
        owners_of[node_key(holding.owned)].append(holding)
    return owners_of


def _edges(owners_of: Mapping[str, list[Holding]], entities_only: bool = False) -> Edges[Holding]:
    """Up from each company to its holders, weighted by the fraction each holds."""
    return {owned: [(node_key(h.owner), h.percent / HUNDRED, h) for h in held
                    if not entities_only or h.owner_type == "entity"] for owned, held in owners_of.items()}


def _display(loop: tuple[Holding, ...]) -> tuple[str, ...]:
    """The cycle as printed names: each entity, then the first again. `loop` holds the
    holdings walked round it, the one that closes it last."""
    printed = [loop[-1].owner, *(h.owner for h in loop[:-1])]
    return (*printed, printed[0])


def _path(holdings: tuple[Holding, ...]) -> OwnershipPath:
    effective = HUNDRED
    for holding in holdings:
        effective = effective * holding.percent / HUNDRED
    return OwnershipPath(names=(holdings[0].owner, *(h.owned for h in holdings)),
                         percents=tuple(h.percent for h in holdings), effective=effective)


def _owners(top: str, sums: Sums[Holding], holdings: Sequence[Holding]) -> tuple[Owner, ...]:
    holds: dict[str, list[Holding]] = defaultdict(list)
    for holding in holdings:
        holds[node_key(holding.owner)].append(holding)
    reached = set(sums.at)
    owners = [_owner(key, total, holds[key], _shown_paths(key, top, holds, reached))
              for key, total in sums.at.items() if key != top and holds[key]]
    return tuple(sorted(owners, key=lambda o: (-o.effective_percent, o.name)))


def _owner(key: str, total: PathSum, held: list[Holding], paths: list[OwnershipPath]) -> Owner:
    first = held[0]
    return Owner(
        name=first.owner, type=first.owner_type, effective_percent=plain(HUNDRED * total.total),
        paths=tuple(sorted(paths, key=lambda p: (-p.effective, p.names))), path_count=total.count,
        country=first.owner_country, date_of_birth=first.owner_date_of_birth,
        citations=tuple(c for h in held for c in h.citations),
    )


def plain(value: Decimal) -> Decimal:
    """The value without trailing zeros (60, not 60.00), whatever order it was summed in."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _shown_paths(owner: str, top: str, holds: Mapping[str, list[Holding]], reached: set[str]) -> list[OwnershipPath]:
    """Up to SHOWN_PATHS of the owner's paths down to the customer, for the reader."""
    found: list[OwnershipPath] = []
    for chain in _chains(owner, top, holds, reached):
        found.append(_path(chain))
        if len(found) == SHOWN_PATHS:
            break
    return found


def _chains(owner: str, top: str, holds: Mapping[str, list[Holding]],
            reached: set[str]) -> Iterator[tuple[Holding, ...]]:
    """Simple chains of holdings from `owner` down to `top`, through companies that lead
    there; within a loop some lead nowhere, so the search is bounded in steps too."""
    steps = 0
    stack: list[tuple[str, tuple[Holding, ...], frozenset[str]]] = [(owner, (), frozenset({owner}))]
    while stack and steps < _SHOWN_STEPS:
        node, chain, seen = stack.pop()
        for holding in reversed(holds.get(node, ())):
            steps += 1
            below = node_key(holding.owned)
            if below == top:
                yield (*chain, holding)
            elif below in reached and below not in seen:
                stack.append((below, (*chain, holding), seen | {below}))


def _over_allocated(owners_of: Mapping[str, list[Holding]], holdings: Sequence[Holding]) -> list[tuple[str, Decimal]]:
    printed = {node_key(h.owned): h.owned for h in holdings}
    totals = [(printed[key], sum((h.percent for h in held), Decimal(0))) for key, held in owners_of.items()]
    return [(name, total) for name, total in totals if total > HUNDRED]


def opacity_factors(depth: int, owners_of: Mapping[str, list[Holding]], holdings: Sequence[Holding],
                    cycles: Sequence[tuple[Holding, ...]], customer_country: str | None) -> list[OpacityFactor]:
    """Points for what makes a structure hard to see through, each with its reason;
    `depth` is the longest chain of companies above the customer."""
    factors = []
    if depth:
        factors.append(OpacityFactor(factor="layers", points=depth,
                                     detail=f"{depth} layer(s) of companies between the customer and its owners"))
    foreign = sorted({h.owner_country for h in holdings if h.owner_type == "entity" and h.owner_country
                      and h.owner_country != customer_country})
    if foreign:
        factors.append(OpacityFactor(factor="foreign_intermediates", points=len(foreign),
                                     detail=f"intermediate companies in {', '.join(foreign)}"))
    if cycles:
        factors.append(OpacityFactor(factor="circular_holding", points=3 * len(cycles),
                                     detail=f"{len(cycles)} circular holding(s)"))
    dead_ends = sorted({h.owner for h in holdings if h.owner_type == "entity" and node_key(h.owner) not in owners_of})
    if dead_ends:
        factors.append(OpacityFactor(factor="undisclosed_owners", points=2 * len(dead_ends),
                                     detail=f"no owners given for {', '.join(dead_ends)}"))
    short = sorted(h[0].owned for key, h in owners_of.items() if sum((x.percent for x in h), Decimal(0)) < HUNDRED)
    if short:
        factors.append(OpacityFactor(factor="unaccounted_shares", points=1,
                                     detail=f"holders of less than 100% declared for {', '.join(short)}"))
    return factors


def beneficial_owners(structure: Structure, threshold: Decimal) -> tuple[Owner, ...]:
    """Individuals whose effective ownership is at or above `threshold` percent."""
    return tuple(o for o in structure.owners if o.type == "individual" and o.effective_percent >= threshold)
