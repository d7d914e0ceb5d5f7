"""Ownership maths: chains, cycles, thresholds, over-allocation and opacity."""

from decimal import Decimal

import pytest

from kyc.ownership import Holding, analyse, beneficial_owners, node_key

D = Decimal


def holding(owner: str, owned: str, percent: str, kind: str = "individual", country: str | None = None) -> Holding:
    return Holding(owner=owner, owner_type=kind, owned=owned, percent=D(percent), owner_country=country)


def effective(structure) -> dict[str, Decimal]:
    return {o.name: o.effective_percent for o in structure.owners}


def test_direct_holdings_are_their_own_effective_ownership():
    s = analyse("Acme Ltd", [holding("Ann", "Acme Ltd", "60"), holding("Bob", "Acme Ltd", "40")])
    assert effective(s) == {"Ann": D("60"), "Bob": D("40")}
    assert s.cycles == () and s.over_allocated == () and s.opacity_score == 0


def test_a_chain_multiplies_and_parallel_paths_add():
    holdings = [
        holding("Hold A Ltd", "Acme Ltd", "100", "entity", "GB"),
        holding("Cara", "Hold A Limited", "40"),
        holding("Hold B SARL", "Hold A Ltd", "60", "entity", "LU"),
        holding("Dan", "Hold B SARL", "50"),
        holding("Eve", "Hold B SARL", "50"),
        holding("Dan", "Acme Ltd", "0"),  # a second, direct path for Dan adds nothing
    ]
    s = analyse("ACME LIMITED", holdings, "GB")
    assert effective(s)["Cara"] == D("40")
    assert effective(s)["Dan"] == D("30")
    assert effective(s)["Eve"] == D("30")
    dan = next(o for o in s.owners if o.name == "Dan")
    assert sorted(p.names for p in dan.paths) == [("Dan", "Acme Ltd"), ("Dan", "Hold B SARL", "Hold A Ltd", "Acme Ltd")]
    assert [o.name for o in beneficial_owners(s, D("25"))] == ["Cara", "Dan", "Eve"]
    assert [o.name for o in beneficial_owners(s, D("35"))] == ["Cara"]
    factors = {f.factor: f.points for f in s.opacity}
    assert factors == {"layers": 2, "foreign_intermediates": 1}


def test_threshold_is_inclusive():
    s = analyse("Acme Ltd", [holding("Ann", "Acme Ltd", "25"), holding("Bob", "Acme Ltd", "24.99")])
    assert [o.name for o in beneficial_owners(s, D("25"))] == ["Ann"]


def test_a_cycle_is_reported_once_and_not_summed_round_the_loop():
    holdings = [
        holding("Dora", "Cust Ltd", "50"),
        holding("Alpha Holdings Ltd", "Cust Ltd", "50", "entity", "GB"),
        holding("Beta Holdings Ltd", "Alpha Holdings Ltd", "60", "entity", "GB"),
        holding("Ed", "Alpha Holdings Ltd", "40"),
        holding("Alpha Holdings Ltd", "Beta Holdings Ltd", "70", "entity", "GB"),
        holding("Fay", "Beta Holdings Ltd", "30"),
    ]
    s = analyse("Cust Ltd", holdings, "GB")
    assert s.cycles == (("Alpha Holdings Ltd", "Beta Holdings Ltd", "Alpha Holdings Ltd"),)
    assert effective(s)["Ed"] == D("20")          # 40% x 50%
    assert effective(s)["Fay"] == D("9")          # 30% x 60% x 50%
    assert [o.name for o in beneficial_owners(s, D("25"))] == ["Dora"]
    assert {f.factor for f in s.opacity} >= {"circular_holding"}


def test_a_company_owning_itself_is_a_cycle():
    s = analyse("Acme Ltd", [holding("Acme Limited", "Acme Ltd", "10", "entity"), holding("Ann", "Acme Ltd", "90")])
    assert len(s.cycles) == 1 and effective(s) == {"Ann": D("90")}


def test_holdings_over_100_percent_are_named_with_their_total():
    s = analyse("Acme Ltd", [holding("Ann", "Acme Ltd", "70"), holding("Bob", "Acme Ltd", "45.5")])
    assert s.over_allocated == (("Acme Ltd", D("115.5")),)


def test_opaque_ends_and_unaccounted_shares_add_opacity():
    s = analyse("Acme Ltd", [holding("Shell Co Inc", "Acme Ltd", "80", "entity", "VG")], "GB")
    factors = {f.factor: f.points for f in s.opacity}
    assert factors == {"layers": 1, "foreign_intermediates": 1, "undisclosed_owners": 2, "unaccounted_shares": 1}
    assert s.opacity_score == 5


@pytest.mark.parametrize("a, b", [
    ("Alpha Holdings Limited", "ALPHA HOLDINGS LTD."),
    ("Acme Corporation", "acme corp"),
    ("O'Neil & Co", "O NEIL & COMPANY"),
])
def test_node_key_treats_legal_form_spellings_as_one_company(a, b):
    assert node_key(a) == node_key(b)
