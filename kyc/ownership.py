"""Beneficial ownership: the ownership graph, effective ownership, cycles, opacity.

Effective ownership of an individual is the sum, over every simple path from them to the
customer, of the product of the percentages along the path. A path never visits an
entity twice: a circular holding is reported as a cycle, not summed as an infinite
series, because the reviewer needs to see the loop, not a number that hides it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from typing import Iterable, Literal, Mapping, Sequence

from pydantic import BaseModel, ConfigDict

from shared.documents.citation import Citation

HUNDRED = Decimal(100)
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
    paths: tuple[OwnershipPath, ...]
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
    owners_of = _owners_by_entity(holdings)
    paths, cycles = _walk(node_key(customer), owners_of)
    owners = _owners(paths, holdings)
    return Structure(
        customer=customer,
        owners=owners,
        cycles=tuple(cycles),
        over_allocated=tuple(_over_allocated(owners_of, holdings)),
        opacity=tuple(opacity_factors(node_key(customer), owners_of, holdings, cycles, customer_country)),
    )


def _owners_by_entity(holdings: Iterable[Holding]) -> dict[str, list[Holding]]:
    owners_of: dict[str, list[Holding]] = defaultdict(list)
    for holding in holdings:
        owners_of[node_key(holding.owned)].append(holding)
    return owners_of


def _walk(customer: str, owners_of: Mapping[str, list[Holding]]) -> tuple[list[OwnershipPath], list[tuple[str, ...]]]:
    """Every simple path up from the customer, and every cycle met on the way (each once)."""
    paths: list[OwnershipPath] = []
    cycles: dict[frozenset[str], tuple[str, ...]] = {}
    stack: list[tuple[str, tuple[str, ...], tuple[Holding, ...]]] = [(customer, (customer,), ())]
    while stack:
        node, visited, chain = stack.pop()
        for holding in owners_of.get(node, ()):
            owner = node_key(holding.owner)
            if owner in visited:
                loop = visited[visited.index(owner):]
                cycles.setdefault(frozenset(loop), tuple(_display(chain, loop, holding)))
                continue
            path = (holding, *chain)
            paths.append(_path(path))
            stack.append((owner, (*visited, owner), path))
    return paths, list(cycles.values())


def _display(chain: tuple[Holding, ...], loop: tuple[str, ...], closing: Holding) -> list[str]:
    """The cycle as printed names: each entity, then the first again."""
    names = {node_key(h.owned): h.owned for h in (*chain, closing)}
    names.update({node_key(h.owner): h.owner for h in (*chain, closing)})
    printed = [names.get(key, key) for key in loop]
    return [*printed, printed[0]]


def _path(holdings: tuple[Holding, ...]) -> OwnershipPath:
    effective = HUNDRED
    for holding in holdings:
        effective = effective * holding.percent / HUNDRED
    return OwnershipPath(names=(holdings[0].owner, *(h.owned for h in holdings)),
                         percents=tuple(h.percent for h in holdings), effective=effective)


def _owners(paths: Sequence[OwnershipPath], holdings: Sequence[Holding]) -> tuple[Owner, ...]:
    by_owner: dict[str, list[OwnershipPath]] = defaultdict(list)
    for path in paths:
        by_owner[node_key(path.names[0])].append(path)
    owners = [_owner(key, own, holdings) for key, own in by_owner.items()]
    return tuple(sorted(owners, key=lambda o: (-o.effective_percent, o.name)))


def _owner(key: str, paths: list[OwnershipPath], holdings: Sequence[Holding]) -> Owner:
    held = [h for h in holdings if node_key(h.owner) == key]
    first = held[0]
    return Owner(
        name=first.owner, type=first.owner_type, effective_percent=sum((p.effective for p in paths), Decimal(0)),
        paths=tuple(paths), country=first.owner_country, date_of_birth=first.owner_date_of_birth,
        citations=tuple(c for h in held for c in h.citations),
    )


def _over_allocated(owners_of: Mapping[str, list[Holding]], holdings: Sequence[Holding]) -> list[tuple[str, Decimal]]:
    printed = {node_key(h.owned): h.owned for h in holdings}
    totals = [(printed[key], sum((h.percent for h in held), Decimal(0))) for key, held in owners_of.items()]
    return [(name, total) for name, total in totals if total > HUNDRED]


def opacity_factors(customer: str, owners_of: Mapping[str, list[Holding]], holdings: Sequence[Holding],
                    cycles: Sequence[tuple[str, ...]], customer_country: str | None) -> list[OpacityFactor]:
    """Points for what makes a structure hard to see through, each with its reason."""
    factors = []
    depth = _entity_depth(customer, owners_of)
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


def _entity_depth(customer: str, owners_of: Mapping[str, list[Holding]]) -> int:
    """The longest chain of companies above the customer (0 when individuals own it)."""
    best, stack = 0, [(customer, 0, frozenset({customer}))]
    while stack:
        node, depth, seen = stack.pop()
        best = max(best, depth)
        for holding in owners_of.get(node, ()):
            owner = node_key(holding.owner)
            if holding.owner_type == "entity" and owner not in seen:
                stack.append((owner, depth + 1, seen | {owner}))
    return best


def beneficial_owners(structure: Structure, threshold: Decimal) -> tuple[Owner, ...]:
    """Individuals whose effective ownership is at or above `threshold` percent."""
    return tuple(o for o in structure.owners if o.type == "individual" and o.effective_percent >= threshold)
