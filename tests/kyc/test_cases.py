"""Every synthetic case, run end to end offline, reaches the outcome its scenario expects;
every citation in its result verifies; the review gate needs a verdict on every hit."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from shared.cli import main
from shared.documents import CitationVerifier, parse_citation
from tests.conftest import FIXTURES

CASES_DIR = FIXTURES / "kyc" / "cases"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, dict]:
    """Run each case once (a module's worth of tests read the results)."""
    root = tmp_path_factory.mktemp("kyc_runs")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(root / "home"))
        patch.setenv("XDG_DATA_HOME", str(root / "data"))
        patch.chdir(root)
        for case in CASES:
            assert main(["run", "kyc", str(CASES_DIR / case), "--out", str(root / case)]) == 0, case
    return {case: json.loads((root / case / "result.json").read_text()) for case in CASES}


def expected(case: str) -> dict:
    return json.loads((CASES_DIR / case / ".expected.json").read_text())


def test_there_are_at_least_seven_cases():
    assert len(CASES) >= 7


@pytest.mark.parametrize("case", CASES)
def test_rating_and_recommendation(results, case):
    risk = results[case]["body"]["risk"]
    assert (risk["rating"], risk["recommendation"]) == (expected(case)["rating"], expected(case)["recommendation"])
    assert results[case]["status"] == "awaiting_review"


@pytest.mark.parametrize("case", CASES)
def test_findings(results, case):
    codes = {f["code"] for f in results[case]["findings"]}
    assert set(expected(case)["findings_include"]) <= codes
    assert not set(expected(case)["findings_exclude"]) & codes


@pytest.mark.parametrize("case", CASES)
def test_beneficial_owners(results, case):
    owners = results[case]["body"]["ownership"]["beneficial_owners"]
    assert [(o["name"], o["effective_percent"]) for o in owners] == \
        [(o["name"], o["percent"]) for o in expected(case)["beneficial_owners"]]


@pytest.mark.parametrize("case", CASES)
def test_screening_hits_and_near_misses(results, case):
    hits = results[case]["body"]["screening"]["hits"]
    found = {(h["party_name"], h["list"], h["entry_id"]) for h in hits}
    assert {(h["party"], h["list"], h["entry_id"]) for h in expected(case)["hits"]} <= found
    assert not {h["party_name"] for h in hits} & set(expected(case)["no_hits"])


@pytest.mark.parametrize("case", CASES)
def test_every_citation_verifies(results, case):
    result = results[case]
    cited = [c for f in result["findings"] for c in f["citations"]]
    cited += [h["citation"] for h in result["body"]["screening"]["hits"]]
    cited += list(result["body"]["customer"]["citations"].values())
    cited += [c for p in result["body"]["parties"] for c in p["citations"]]
    cited += [v["citation"] for d in result["body"]["documents"] for v in _cited_values(d)]
    assert cited
    with CitationVerifier() as verifier:
        failures = [(c["path"], c["text"], v.reason) for c in cited if not (v := verifier.verify(parse_citation(c)))]
    assert failures == []


def _cited_values(document: dict) -> list[dict]:
    values = []
    for value in document.values():
        if isinstance(value, dict) and "citation" in value:
            values.append(value)
        elif isinstance(value, dict) and "printed" in value:
            values.append(value["printed"])
    return values


def test_the_true_hit_is_certain_and_breaks_down_by_field(results):
    (hit,) = [h for h in results["sanctions_hit"]["body"]["screening"]["hits"] if h["entry_id"] == "12845"]
    assert hit["matched_name"] and Decimal(hit["score"]) >= 95
    assert set(hit["breakdown"]) >= {"name", "dob", "country"}
    assert hit["breakdown"]["dob"]["query"] == "1966-05-20"
    assert "R-SANCTIONS" in results["sanctions_hit"]["body"]["risk"]["recommendation_rules"]


def test_the_cycle_names_its_companies(results):
    (cycle,) = results["circular_holding"]["body"]["ownership"]["cycles"]
    assert cycle[0] == cycle[-1] and len(cycle) == 3
    assert "R-CIRCULAR" in results["circular_holding"]["body"]["risk"]["recommendation_rules"]


def test_lists_are_stamped_with_source_hash_and_date(results):
    lists = {l["name"]: l for l in results["clean_company"]["lists"]}
    assert set(lists) == {"OFAC SDN", "OFAC Consolidated (non-SDN)", "UN Consolidated"}
    assert lists["OFAC SDN"]["date"] == "2021-07-07" and len(lists["OFAC SDN"]["sha256"]) == 64
    assert lists["UN Consolidated"]["date"] == "2026-02-27"
    stale = {f["subject"] for f in results["clean_company"]["findings"] if f["code"] == "list_out_of_date"}
    assert "OFAC SDN" in stale
