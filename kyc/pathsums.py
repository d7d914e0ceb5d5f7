"""Sums over the simple paths of a directed graph, without listing the paths.

Effective ownership is a sum, over every path that never visits a node twice, of the
product of the holdings along it. Listing those paths takes time exponential in the
layers of a structure (a lattice of two companies per layer, each holding half of both
below, has 2^layers paths), so this module sums them instead.

The graph's strongly connected components are taken in topological order from the
source. A simple path crosses each component at most once, in one contiguous stretch
(the components form an acyclic graph), so the sum at a node is the sum at each entry
to its component, times the sum over the simple paths inside the component from that
entry to the node, and only paths inside one component are ever walked. A structure
without circular holdings has only one-node components, and costs one step per holding.
Inside a component each closing edge is a cycle, reported once per set of nodes.

Walking inside a component is exponential in its size; `budget` caps the steps, and a
component that needs more is `TooEntangled` rather than a machine taken down.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

Node = str  # a node's key
L = TypeVar("L")  # an edge's label: carried to the cycles it closes, never read here
Edge = tuple[Node, Decimal, L]  # (next node, weight, label)
Edges = Mapping[Node, Sequence[Edge[L]]]  # node -> its edges
BUDGET = 200_000


class TooEntangled(ValueError):
    """A loop of holdings with more paths inside it than the budget allows."""


@dataclass(frozen=True)
class PathSum:
    """Over a set of paths: the sum of their weight products, how many, the longest."""

    total: Decimal
    count: int
    longest: int

    def then(self, other: PathSum) -> PathSum:
        """Every path of self followed by every path of other."""
        return PathSum(self.total * other.total, self.count * other.count, self.longest + other.longest)

    def plus(self, other: PathSum | None) -> PathSum:
        if other is None:
            return self
        return PathSum(self.total + other.total, self.count + other.count, max(self.longest, other.longest))

    def step(self, weight: Decimal) -> PathSum:
        return PathSum(self.total * weight, self.count, self.longest + 1)


EMPTY_PATH = PathSum(Decimal(1), 1, 0)


@dataclass(frozen=True)
class Sums(Generic[L]):
    at: dict[Node, PathSum]                 # every node reached, the source included (its empty path)
    cycles: tuple[tuple[L, ...], ...]       # each loop met: the labels of its edges, in walking order


def path_sums(source: Node, edges: Edges[L], budget: int = BUDGET) -> Sums[L]:
    at: dict[Node, PathSum] = {}
    entering: dict[Node, PathSum] = {source: EMPTY_PATH}
    cycles: dict[frozenset[Node], tuple[L, ...]] = {}
    walker = _Walker(edges, budget)
    for members in components(source, edges):
        inside = set(members)
        for entry in [n for n in members if n in entering]:
            if len(members) == 1 and not any(to == entry for to, _, _ in edges.get(entry, ())):
                at[entry] = entering[entry]
                continue
            for node, within in walker.walk(entry, inside, cycles).items():
                at[node] = entering[entry].then(within).plus(at.get(node))
        for node in members:
            for to, weight, _ in edges.get(node, ()):
                if to not in inside:
                    entering[to] = at[node].step(weight).plus(entering.get(to))
    return Sums(at, tuple(cycles.values()))


class _Walker(Generic[L]):
    """Walks the simple paths inside one component, counting its steps against the budget."""

    def __init__(self, edges: Edges[L], budget: int) -> None:
        self.edges, self.budget, self.steps = edges, budget, 0

    def walk(self, entry: Node, inside: set[Node],
             cycles: dict[frozenset[Node], tuple[L, ...]]) -> dict[Node, PathSum]:
        """The sum over the simple paths inside the component from `entry` to each node."""
        sums: dict[Node, PathSum] = {entry: EMPTY_PATH}
        path, values = [entry], [EMPTY_PATH]
        labels: list[L] = []
        pending = [self._expand(entry, path, labels, inside, cycles)]
        while pending:
            step = next(pending[-1], None)
            if step is None:
                pending.pop()
                path.pop()
                values.pop()
                labels[-1:] = []
                continue
            to, weight, label = step
            value = values[-1].step(weight)
            sums[to] = value.plus(sums.get(to))
            path.append(to)
            labels.append(label)
            values.append(value)
            pending.append(self._expand(to, path, labels, inside, cycles))
        return sums

    def _expand(self, node: Node, path: list[Node], labels: list[L], inside: set[Node],
                cycles: dict[frozenset[Node], tuple[L, ...]]) -> Iterator[Edge[L]]:
        """The edges to go down from `node`; edges back onto the path are loops, noted first."""
        out = [e for e in self.edges.get(node, ()) if e[0] in inside]
        self.steps += len(out)
        if self.steps > self.budget:
            raise TooEntangled(f"more than {self.budget:,} steps inside one loop of {len(inside)} holders")
        for to, _, label in out:
            if to in path:
                start = path.index(to)
                cycles.setdefault(frozenset(path[start:]), (*labels[start:], label))
        # Down the last edge first, as a stack of pending paths would.
        return iter([e for e in reversed(out) if e[0] not in path])


def _down(edges: Edges[L], node: Node) -> Iterator[Edge[L]]:
    # Last edge first, as the walker goes: a component's first node found is its root,
    # and the walk from the root meets the loops in the order a reader would.
    return reversed(edges.get(node, ()))


def components(source: Node, edges: Edges[L]) -> list[list[Node]]:
    """The strongly connected components reachable from `source`, in topological order
    (Tarjan's algorithm, without recursion: a deep chain must not hit Python's limit)."""
    index: dict[Node, int] = {source: 0}
    low: dict[Node, int] = {source: 0}
    stack, on_stack = [source], {source}
    found: list[list[Node]] = []
    work = [(source, _down(edges, source))]
    while work:
        node, out = work[-1]
        for to, _, _ in out:
            if to not in index:
                index[to] = low[to] = len(index)
                stack.append(to)
                on_stack.add(to)
                work.append((to, _down(edges, to)))
                break
            if to in on_stack:
                low[node] = min(low[node], index[to])
        else:  # every edge of `node` followed
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                found.append(_pop_component(stack, on_stack, node))
    return found[::-1]


def _pop_component(stack: list[Node], on_stack: set[Node], root: Node) -> list[Node]:
    """The component whose root is `root`: the stack down to it, root first."""
    members: list[Node] = []
    while not members or members[-1] != root:
        members.append(stack.pop())
        on_stack.discard(members[-1])
    return members[::-1]
