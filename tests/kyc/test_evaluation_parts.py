"""The screening evaluation's parts on made-up lists, no corpus needed: a labelled set
counted per query, the original-script names screened with their own alias left out, and
the table `finagents eval kyc` prints. (On the corpus's sets: test_screening_eval.py and
test_other_scripts_eval.py, which take seconds; these take milliseconds, so `make check`
runs them.)"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kyc.evaluate import Report
from kyc.evaluation import cross_script, labelled, original_script, senzing
from kyc.evaluation.targets import PROBE_THRESHOLD
from kyc.screening.engine import Screener
from kyc.screening.lists import load_list
from kyc.screening.records import ListedName, ListEntry, ScreeningList
from tests.kyc.made_lists import tiny_sdn

AT = Decimal("85")


@pytest.fixture
def scored(tmp_path: Path) -> labelled.LabelledScore:
    """Four queries against three made-up listed names: a true variant found, a decoy
    that hits a listed name, a decoy that hits nothing, a true variant missed."""
    listed = load_list(tiny_sdn(tmp_path / "list", "QUARRINGTON, Zebulon", "VEXHOLLOW, Marisol", "DRAYMOOR, Ottoline"),
                       date="2026-11-01")
    cases = tmp_path / "cases.csv"
    cases.write_text("id,name,dob,expected_entry_id\n1,Zebulon Quarrington,,901\n2,Marisol Vexhollow,,\n"
                     "3,Greta Lindqvist,,\n4,Ottoline Q Smithers,,903\n", encoding="utf-8")
    return labelled.score(labelled.read_cases(cases), Screener([listed], threshold=AT),
                          Screener([listed], threshold=PROBE_THRESHOLD), "cases.csv")


def test_a_labelled_set_is_counted_per_query(scored: labelled.LabelledScore) -> None:
    assert [(o.row.id, o.right, [h.entry_id for h in o.hits]) for o in scored.outcomes] == [
        ("1", True, ["901"]), ("2", False, ["902"]), ("3", False, []), ("4", False, [])]
    assert scored.counts.to_json() == {"tp": 1, "fp": 1, "fn": 1, "precision": "0.5", "recall": "0.5", "f1": "0.5"}
    assert scored.by_kind() == {"match": (2, 1), "decoy": (2, 1)}
    assert [o.row.id for o in scored.misses()] == ["4"] and [o.row.id for o in scored.false_positives()] == ["2"]
    assert scored.extra_hits == 0


def _un_like(path: Path) -> ScreeningList:
    def name(text: str, kind: str) -> ListedName:
        return ListedName(text, kind, path, "0" * 64)

    return ScreeningList("UN made up", (path,), "0" * 64, "2026-01-01", "declared", (
        ListEntry("UN made up", "QDi.1", (name("Muhammad Ali", "primary"), name("محمد علي", "original script")),
                  "individual", (), (), ()),
        # An organisation's name in Arabic is a translation, which no romanisation reaches.
        ListEntry("UN made up", "QDe.2", (name("Harbour Network", "primary"), name("شبكة الميناء", "original script")),
                  "entity", (), (), ()),
    ))


def test_an_original_script_name_finds_its_entry_through_its_other_names(tmp_path: Path) -> None:
    score = original_script.evaluate(AT, _un_like(tmp_path / "un.xml"))
    assert [(o.entry_id, o.found(), o.top) for o in score.outcomes] == [("QDi.1", True, "QDi.1"),
                                                                        ("QDe.2", False, None)]
    assert score.to_json() == {"names": 2, "found": 1, "rate": "0.500", "wrong_top_hits": 0,
                               "by_type": {"individual": {"names": 1, "found": 1}, "entity": {"names": 1, "found": 0}}}


def test_the_table_shows_each_part_and_the_verdict(scored: labelled.LabelledScore, tmp_path: Path) -> None:
    found = senzing.SenzingScore(AT, customers=2, watchlist=2, truth=frozenset({("C1", "W1")}),
                                 ours={("C1", "W1"): Decimal("97.5"), ("C2", "W2"): Decimal("86")},
                                 alternate=frozenset({("C1", "W1")}), unnamed=("W9",), missed_scores={})
    pairs = cross_script.CrossScriptScore(AT, (cross_script.Pair("محمد علي", "Muhammad Ali", Decimal("80"), "arabic",
                                                                 Decimal("100"), ()),))
    report = Report(AT, (scored,), found, pairs, original_script.evaluate(AT, _un_like(tmp_path / "un.xml")))
    lines = report.table().splitlines()
    assert lines[0] == "KYC screening evaluation at threshold 85 (kyc setting screening_threshold)"
    assert lines[2].startswith("Labelled set cases.csv: 4 queries against OFAC SDN (")
    assert "  finagents                              1     1     1     50.0%   50.0%   50.0%" in lines
    assert "  decoy                                    2       1   50.0%   (right = no hit)" in lines
    assert "targets on the set above: recall >= 98.0%, precision >= 90.0%: NOT MET" in lines
    assert "  finagents (name, DOB, country)         1     1     0     50.0%  100.0%   66.7%" in lines
    assert "  finagents wrong: C2/W2: 86" in lines
    assert ("Cross-script pairs (watchman): 1 pairs; expected name hit at or above 85 with no wrong hit: 1 (100.0%); "
            "pairs with a wrong hit: 0") in lines
    assert ("UN list, names in their original script (that alias left out of its entry): 1 of 2 found at 85 "
            "(0.500; target >= 0.90: NOT MET)") in lines
    assert "  4 match                  'Ottoline Q Smithers' (from '': )  expected 903 scored <50" in lines
    assert "  2 decoy                  'Marisol Vexhollow' (from '': )  hit 902 'VEXHOLLOW, Marisol' at 100.0" in lines
    assert not report.meets_targets
