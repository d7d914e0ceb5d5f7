"""Every synthetic case, run end to end offline against real lists (the corpus's, read in
place), reaches the outcome its scenario expects; every citation in its result
verifies; the review gate needs a verdict on every hit. Without the corpus these skip."""

import json
from decimal import Decimal

import pytest

from shared.cli import main
from shared.documents import CitationVerifier, parse_citation
from tests.kyc import real_lists
from tests.kyc.generated import CASES_DIR, W9_CASE, case_dir

# The committed cases and the one built from the corpus.
CASES = sorted([p.name for p in CASES_DIR.iterdir() if p.is_dir()] + [W9_CASE])


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, dict]:
    """Run each case once (a module's worth of tests read the results)."""
    from kyc.screening.store import lists_folder

    real_lists.corpus_lists()  # skips without the corpus
    root = tmp_path_factory.mktemp("kyc_runs")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(root / "home"))
        patch.setenv("XDG_DATA_HOME", str(root / "data"))
        patch.chdir(root)
        real_lists.put_in_force(lists_folder(None), tmp_path_factory)
        for case in CASES:
            assert main(["run", "kyc", str(case_dir(case)), "--out", str(root / case)]) == 0, case
    return {case: json.loads((root / case / "result.json").read_text()) for case in CASES}


def expected(case: str) -> dict:
    return json.loads((case_dir(case) / ".expected.json").read_text())


def test_there_are_eight_cases():
    assert len(CASES) == 8


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


def test_lists_are_stamped_with_source_hash_date_and_its_origin(results):
    in_force = real_lists.corpus_lists()
    lists = {l["name"]: l for l in results["clean_company"]["lists"]}
    assert list(lists) == ["OFAC SDN", "OFAC Consolidated (non-SDN)", "UN Consolidated"]
    assert {name: (l["date"], l["date_origin"], l["sha256"]) for name, l in lists.items()} == {
        "OFAC SDN": ("2021-07-07", "declared", in_force[0].sha256),
        "OFAC Consolidated (non-SDN)": ("2025-12-19", "declared", in_force[1].sha256),
        "UN Consolidated": ("2026-02-27", "published", in_force[2].sha256)}
    assert lists["OFAC SDN"]["source"] == (f"ofac-sdn/2021-07-07-{in_force[0].sha256[:12]}: {real_lists.SOURCE} "
                                           "[sdn.csv, alt.csv, add.csv, sdn_comments.csv]")
    stale = {f["subject"] for f in results["clean_company"]["findings"] if f["code"] == "list_out_of_date"}
    assert "OFAC SDN" in stale
    assert "demo_list" not in {f["code"] for f in results["clean_company"]["findings"]}
