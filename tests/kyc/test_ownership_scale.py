"""Issue 17 item 8: effective ownership summed over paths without listing them. A
lattice that took minutes is immediate, the sums equal a brute-force enumeration of every
simple path, and a loop too tangled to trace is exit 2, not a machine taken down."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from itertools import product

import pytest

from kyc.ownership import SHOWN_PATHS, Holding, analyse, node_key
from kyc.pathsums import TooEntangled
from shared.cli import main
from tests.kyc.attacks import REGISTER_HEADER, copy_case, within
from tests.support.stderr import last_line

D = Decimal
CUSTOMER = "Harbour Lane Trading Limited"


def lattice(layers: int) -> list[tuple[str, str, str, str]]:
    """(owner, owner_type, owned, percent): two companies per layer, each holding 50% of
    both below; Eleanor and Catherine hold all of one top company each. 4 x layers rows."""
    rows, below = [], [CUSTOMER]
    for layer in range(1, layers + 1):
        pair = [f"Layer {layer} A Limited", f"Layer {layer} B Limited"]
        rows += [(owner, "entity", owned, "50") for owner in pair for owned in below]
        below = pair
    return rows + [("Eleanor Mary Whitfield", "individual", below[0], "100"),
                   ("Catherine Ann Morley", "individual", below[1], "100")]


def holdings(rows) -> list[Holding]:
    return [Holding(owner=o, owner_type=t, owned=d, percent=D(p)) for o, t, d, p in rows]


def test_a_60_row_lattice_is_summed_without_listing_its_paths():
    rows = lattice(15)
    assert len(rows) == 60
    with within(20):  # listing every path took over 90 s
        structure = analyse(CUSTOMER, holdings(rows))
    owners = {o.name: o for o in structure.owners}
    assert len(owners) == 32
    # Each company of every layer holds, through both below it, half the customer.
    assert {o.effective_percent for o in owners.values()} == {D(50)}
    eleanor = owners["Eleanor Mary Whitfield"]
    assert eleanor.path_count == 2 ** 14 and len(eleanor.paths) == SHOWN_PATHS
    assert all(p.names[0] == "Eleanor Mary Whitfield" and p.names[-1] == CUSTOMER and len(p.names) == 17
               for p in eleanor.paths)
    assert owners["Layer 1 A Limited"].path_count == 1 and owners["Layer 3 B Limited"].path_count == 4
    assert {f.factor: f.points for f in structure.opacity} == {"layers": 15}
    assert structure.cycles == () and structure.over_allocated == ()


def test_a_60_row_lattice_runs_end_to_end(tmp_path, capsys, made_up_list):
    case = copy_case(tmp_path)
    (case / "register_of_shareholders.csv").write_text(
        REGISTER_HEADER + "".join(f"{o},{t},{d},{p},GB,\n" for o, t, d, p in lattice(15)))
    with within(120):  # over 90 s before, with a 106 MB result.json
        assert main(["run", "kyc", str(case), "--out", str(tmp_path / "run")]) == 0
    capsys.readouterr()
    result = json.loads((tmp_path / "run" / "result.json").read_text())
    owners = result["body"]["ownership"]["beneficial_owners"]
    assert {(o["name"], o["effective_percent"]) for o in owners} == {("Eleanor Mary Whitfield", "50"),
                                                                     ("Catherine Ann Morley", "50")}
    assert (tmp_path / "run" / "result.json").stat().st_size < 2_000_000
    assert "| Eleanor Mary Whitfield | individual | 50 |" in (tmp_path / "run" / "memo.md").read_text()
    assert "16384 paths in all, the 10 shown first found" in (tmp_path / "run" / "memo.md").read_text()


# -- the sums equal every simple path, listed ------------------------------------------


def brute_force(customer: str, rows: list[Holding]):
    """What the pack computed before: every simple path up from the customer, listed."""
    effective, counts, loops, deepest = {}, {}, set(), 0
    stack = [(node_key(customer), (node_key(customer),), D(100), 0)]
    while stack:
        node, seen, value, entities = stack.pop()
        deepest = max(deepest, entities)
        for h in (h for h in rows if node_key(h.owned) == node):
            owner = node_key(h.owner)
            if owner in seen:
                loops.add(frozenset(seen[seen.index(owner):]))
                continue
            share = value * h.percent / 100
            effective[owner] = effective.get(owner, D(0)) + share
            counts[owner] = counts.get(owner, 0) + 1
            stack.append((owner, (*seen, owner), share, entities + (h.owner_type == "entity")))
    return effective, counts, loops, deepest


def random_structure(seed: int) -> list[Holding]:
    r = random.Random(seed)
    companies = ["Cust Ltd"] + [f"Co{i} Ltd" for i in range(r.randint(1, 6))]
    people = ["Ann", "Bob", "Cy"]
    rows = []
    for _ in range(r.randint(1, 14)):
        owner = r.choice(companies[1:] + people)
        rows.append(Holding(owner=owner, owner_type="individual" if owner in people else "entity",
                            owned=r.choice(companies), percent=D(r.choice(["10", "25", "33.33", "50", "100", "12.5"]))))
    return rows


@pytest.mark.parametrize("seed", range(0, 400, 8))
def test_the_sums_equal_a_brute_force_listing_of_every_simple_path(seed):
    for rows in (random_structure(seed + k) for k in range(8)):
        structure = analyse("Cust Ltd", rows)
        effective, counts, loops, deepest = brute_force("Cust Ltd", rows)
        assert {node_key(o.name): o.effective_percent for o in structure.owners} == effective
        assert {node_key(o.name): o.path_count for o in structure.owners} == counts
        assert {frozenset(node_key(n) for n in cycle) for cycle in structure.cycles} == loops
        assert {f.factor: f.points for f in structure.opacity}.get("layers", 0) == deepest
        for owner in structure.owners:
            assert len(owner.paths) == min(owner.path_count, SHOWN_PATHS)
            assert all(node_key(p.names[0]) == node_key(owner.name) for p in owner.paths)


def test_a_loop_with_too_many_paths_inside_it_is_refused(tmp_path, capsys, made_up_list):
    names = [f"Ring {i} Limited" for i in range(10)]
    ring = [(a, "entity", b, "5") for a, b in product(names, names) if a != b]
    with pytest.raises(TooEntangled, match="inside one loop of 10 holders"):
        analyse(CUSTOMER, holdings([*ring, (names[0], "entity", CUSTOMER, "100")]))
    case = copy_case(tmp_path)
    register = case / "register_of_shareholders.csv"
    register.write_text(REGISTER_HEADER + "".join(f"{o},{t},{d},{p},GB,\n" for o, t, d, p in
                                                  [*ring, (names[0], "entity", CUSTOMER, "100")]))
    with within(60):
        status = main(["run", "kyc", str(case), "--out", str(tmp_path / "run")])
    err = capsys.readouterr().err
    assert status == 2 and last_line(err).startswith(f"finagents: {register}: its holdings go round in loops with "
                                                     "too many paths")
