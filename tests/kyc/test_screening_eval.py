"""The screening evaluation on the corpus's sets (read in place), its targets, and the
generator.

The generated set was fixed (seed and all) before the matcher was tuned: a drop below
the targets is a regression of the matcher, never a reason to change the set. It is
made from the corpus's SDN snapshot at test time and must be exactly the fixed set.
Without the corpus these tests skip (the generator's unit tests on made-up names run).
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from kyc.evaluate import TARGETS, evaluate
from kyc.evaluation import decoys, fixed_set, legal_forms, senzing, transforms, variants
from kyc.evaluation.labelled import read_cases
from kyc.evaluation.metrics import Counts
from shared.errors import InputError
from tests.support.corpus import skip_without_corpus

FIXED_SHA256 = "918855ba83463b67e722d28f092211d3a993545c1e5de60272e81a5a9ed72c06"


@pytest.fixture(scope="module")
def report():
    skip_without_corpus()
    return evaluate(None)


@pytest.fixture(scope="module")
def sdn():
    skip_without_corpus()
    return variants.sdn_entries()


@pytest.fixture(scope="module")
def rows(sdn):
    return fixed_set.fixed_rows()


# -- the targets --------------------------------------------------------------------------


def test_the_generated_set_meets_recall_and_precision_targets(report) -> None:
    (generated,) = report.generated
    misses = [(o.row.id, o.row.variant_kind, o.row.name, str(o.expected_score)) for o in generated.misses()]
    wrong = [(o.row.id, o.row.variant_kind, o.row.name, o.hits[0].matched_name) for o in generated.false_positives()]
    assert generated.counts.recall >= TARGETS["recall"], misses[:20]
    assert generated.counts.precision >= TARGETS["precision"], wrong[:20]
    assert report.meets_targets


def test_the_targets_are_the_issues(report) -> None:
    assert TARGETS == {"recall": Decimal("0.98"), "precision": Decimal("0.90")}
    assert report.threshold == Decimal("85")


# -- the fixed set does not drift -----------------------------------------------------------


def test_the_set_is_the_one_fixed_before_tuning(rows) -> None:
    # `fixed_rows` generated it from the corpus (no test's cache folder holds it) and
    # would have refused any other set.
    assert fixed_set.SET_SHA256 == FIXED_SHA256
    assert hashlib.sha256(variants.csv_text(rows).encode("utf-8")).hexdigest() == FIXED_SHA256


def test_a_cached_set_is_used_only_while_it_is_the_fixed_set(rows, monkeypatch) -> None:
    def regenerated(*args):
        raise AssertionError("generated again")

    monkeypatch.setattr(fixed_set, "generate", regenerated)
    cached = fixed_set.cache_path()
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(variants.csv_text(rows).encode("utf-8"))
    assert fixed_set._rows.__wrapped__(fixed_set.sdn_path()) == rows
    cached.write_bytes(variants.csv_text(rows[:-1]).encode("utf-8"))
    with pytest.raises(AssertionError, match="generated again"):
        fixed_set._rows.__wrapped__(fixed_set.sdn_path())


def test_an_sdn_that_gives_another_set_is_refused(rows, monkeypatch) -> None:
    monkeypatch.setattr(fixed_set, "generate", lambda entries, seed: rows[:-1])
    with pytest.raises(InputError, match="not the OFAC SDN snapshot of 2021-07-07 the set was made from"):
        fixed_set._rows.__wrapped__(fixed_set.sdn_path())
    assert not fixed_set.cache_path().exists()


def test_without_a_corpus_the_evaluation_is_refused_naming_the_variable(monkeypatch) -> None:
    monkeypatch.setenv("FINAGENTS_CORPUS", "/nonexistent")
    with pytest.raises(InputError) as caught:
        evaluate(None)
    assert str(caught.value).startswith("FINAGENTS_CORPUS: no corpus of real documents found (looked in /nonexistent)")


def test_the_generated_set_has_its_exact_size_and_kinds(report, rows) -> None:
    assert len(rows) == 2950 and len({r.id for r in rows}) == 2950
    assert sum(not r.is_decoy for r in rows) == 1950 and sum(r.is_decoy for r in rows) == 1000
    assert Counter((r.variant_kind, r.type) for r in rows) == {
        ("typo", "individual"): 200, ("typo", "entity"): 200, ("transliteration", "individual"): 250,
        ("word_order", "individual"): 200, ("missing_middle", "individual"): 200,
        ("honorific", "individual"): 200, ("alias", "individual"): 200, ("alias", "entity"): 200,
        ("legal_form", "entity"): 300, ("decoy_unlisted_person", "individual"): 300,
        ("decoy_same_surname", "individual"): 300, ("decoy_shared_word", "entity"): 250,
        ("decoy_legal_form_only", "entity"): 150,
    }
    (generated,) = report.generated
    assert {k: n for k, (n, _) in generated.by_kind().items()} == {
        "alias": 400, "honorific": 200, "legal_form": 300, "missing_middle": 200, "transliteration": 250,
        "typo": 400, "word_order": 200, "decoy_legal_form_only": 150, "decoy_same_surname": 300,
        "decoy_shared_word": 250, "decoy_unlisted_person": 300}


def test_every_row_names_a_real_entry_or_none(sdn, rows) -> None:
    entries = {e.entry_id: e for e in sdn}
    by_primary = {e.primary.name: e for e in sdn}
    for row in rows:
        if row.is_decoy:
            assert not row.expected_list
            continue
        entry = entries[row.expected_entry_id]
        assert row.expected_list == entry.list_name == "OFAC SDN" and row.type == entry.type
        assert row.source_name in {n.name for n in entry.names}
        assert not row.dob or row.dob in entry.dates_of_birth
        assert not row.country or row.country in entry.countries
    namesakes = [r for r in rows if r.variant_kind == "decoy_same_surname"]
    for row in namesakes:
        listed = by_primary[row.source_name]
        assert row.dob[:4] not in {d[:4] for d in listed.dates_of_birth} and row.country not in listed.countries


# -- the Senzing truth set and the cross-script pairs -------------------------------------------


def test_senzing_pairs_and_the_alternate_result(report) -> None:
    z = report.senzing
    assert (z.customers, z.watchlist, len(z.truth)) == (120, 17, 17)
    # The alternate result merged Darla and Darlene Anderson (1025, 1026) with watchlist
    # Darletta Anderson (1027); the key keeps them apart. Everything else it got right.
    assert z.alternate_counts == Counts(tp=17, fp=2, fn=0)
    assert z.alternate - z.truth == {("1025", "1027"), ("1026", "1027")}
    assert z.unnamed == ("1021",) and ("1020", "1021") in z.truth - set(z.ours)
    table = report.table()
    assert "phone numbers, e-mail" in table and "name, date of birth and country only" in table


def test_senzing_dates_and_countries_are_read_as_the_set_writes_them() -> None:
    assert [senzing.parse_dob(t) for t in ("12/11/1978", "20/8/1991", "Mar 1 1970", "24-May-11", "2/4/31",
                                           "1997-11-12", "", "13/13/13")] == [
        "1978-12-11", "1991-08-20", "1970-03-01", "2011-05-24", "1931-02-04", "1997-11-12", None, None]
    assert senzing.country_of({"ADDR_LINE1": "3212 W. 32nd St Palm Harbor, FL 60527"}) == "US"
    assert senzing.country_of({"ADDR_COUNTRY": "CAN"}) == "CA"
    assert senzing.country_of({"ADDR_FULL": "Mullanpara Road, Old Vythiri, Wayanad, 673576, India"}) == "IN"
    assert senzing.country_of({"ADDR_LINE1": "Tolmacheva Ul., bld. 8", "ADDR_CITY": "Smolensk"}) is None


def test_cross_script_is_reported_as_indicative(report) -> None:
    c = report.cross_script
    assert len(c.pairs) == 22 and c.pairs[0].expected == "Mohamed Ali" and c.pairs[0].min_score == Decimal("90")
    assert "Indicative only" in report.table() and "watchman's embedding model" in report.table()


def test_the_json_report_carries_the_figures(report) -> None:
    import json

    data = json.loads(report.to_json())
    (generated,) = data["generated"]
    assert generated["queries"] == 2950 and generated["source"] == "sdn_variants.csv" and data["threshold"] == "85"
    assert Decimal(generated["recall"]) == report.generated[0].counts.recall


def test_cases_replace_the_generated_set(tmp_path: Path, sdn) -> None:
    cases = tmp_path / "cases.csv"
    cases.write_text("id,name,dob,expected_entry_id\n1,Manuel Antonio Noriega,,1572\n2,Greta Lindqvist,,\n",
                     encoding="utf-8")
    result = evaluate([cases])
    (labelled,) = result.generated
    assert labelled.source == str(cases) and labelled.counts == Counts(tp=1, fp=0, fn=0)
    bad = tmp_path / "bad.csv"
    bad.write_text("name\nX\n", encoding="utf-8")
    with pytest.raises(InputError, match="no column id, expected_entry_id"):
        read_cases(bad)
    bad.write_text("id,name,dob,expected_entry_id\n1,X,12/11/1978,\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 1: date of birth"):
        read_cases(bad)


# -- the generator -----------------------------------------------------------------------------

SMALL = dict.fromkeys(variants.QUOTAS, 3)
SMALL_DECOYS = dict.fromkeys(variants.DECOYS, 3)


def test_the_generator_is_deterministic_in_its_seed(sdn) -> None:
    first = variants.generate(sdn, 7, SMALL, SMALL_DECOYS)
    assert first == variants.generate(sdn, 7, SMALL, SMALL_DECOYS)
    assert first != variants.generate(sdn, 8, SMALL, SMALL_DECOYS)
    assert Counter(r.variant_kind for r in first) == {
        "typo": 6, "transliteration": 3, "word_order": 3, "missing_middle": 3, "honorific": 3, "alias": 6,
        "legal_form": 3, "decoy_unlisted_person": 3, "decoy_same_surname": 3, "decoy_shared_word": 3,
        "decoy_legal_form_only": 3}


def _edits(a: str, b: str) -> int:
    """Levenshtein distance, with an adjacent transposition counted as one edit."""
    if len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 2:
        i = next(i for i in range(len(a)) if a[i] != b[i])
        if a[i] == b[i + 1] and a[i + 1] == b[i]:
            return 1
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def test_a_typo_is_one_slip_and_never_the_first_letter() -> None:
    rng = random.Random(1)
    for _ in range(50):
        name, detail = transforms.typo("Manuel Antonio Noriega", rng)
        assert _edits(name, "Manuel Antonio Noriega") == 1, (name, detail)
        assert [w[0] for w in name.split()] == ["M", "A", "N"]
    assert transforms.typo("Abu Ali", rng) is None  # no word of five letters


def test_transliteration_uses_a_known_spelling_or_a_rule() -> None:
    name, _detail = transforms.transliteration("Muhammad Salim", random.Random(3))
    assert name.split()[1] == "Salim" and name.split()[0].upper() in {
        "MOHAMMED", "MOHAMMAD", "MOHAMED", "MUHAMMED", "MOHAMAD", "MUHAMAD"}
    assert transforms.transliteration("Vladimir Ivanov", random.Random(3)) == (
        "Vladimir Ivanoff", "'Ivanov' -> 'Ivanoff'")
    assert transforms.transliteration("Jose Perez", random.Random(0))[0] in {"José Perez", "Jose Pérez"}


def test_word_order_missing_middle_and_honorifics() -> None:
    assert transforms.natural("NORIEGA, Manuel Antonio") == "Manuel Antonio Noriega"
    assert transforms.word_order("NORIEGA, Manuel Antonio") == ("Noriega Manuel Antonio", "surname first, no comma")
    assert transforms.missing_middle("NORIEGA, Manuel Antonio") == ("Manuel Noriega", "dropped 'Antonio'")
    assert transforms.missing_middle("ABBAS, Abu") is None
    assert transforms.honorific("AL ZAWAHIRI, Dr. Ayman", random.Random(0)) == ("Ayman Al Zawahiri", "removed 'Dr.'")
    name, _detail = transforms.honorific("NORIEGA, Manuel Antonio", random.Random(0))
    title = name.split()[0]
    assert title in transforms.ADDED_TITLES and name == f"{title} Manuel Antonio Noriega"


def test_legal_forms_are_found_and_changed() -> None:
    assert legal_forms.split("ANGLO-CARIBBEAN CO., LTD.").base == "ANGLO-CARIBBEAN"
    assert legal_forms.split("ANGLO-CARIBBEAN CO., LTD.").form == "CO., LTD."
    assert legal_forms.split("GRUPO X, S.A. DE C.V.").group[0] == "S.A. DE C.V."  # the longest form, not "C.V."
    assert legal_forms.split("OOO SOVFRAKHT").prefix and legal_forms.split("OOO SOVFRAKHT").base == "SOVFRAKHT"
    assert legal_forms.split("BANCO NACIONAL DE CUBA").form == ""
    seen = set()
    for seed in range(30):
        name, detail = transforms.legal_form("ANGLO-CARIBBEAN CO., LTD.", random.Random(seed))
        assert name.startswith("ANGLO-CARIBBEAN") and name != "ANGLO-CARIBBEAN CO., LTD."
        seen.add(detail.split()[0])
    assert seen == {"dropped", "changed", "respelled"}
    assert transforms.legal_form("BANCO NACIONAL DE CUBA", random.Random(0)) is None


def test_an_alias_variant_is_a_listed_alias_never_a_weak_one(sdn) -> None:
    bnc = next(e for e in sdn if e.entry_id == "306")  # BANCO NACIONAL DE CUBA, aka NATIONAL BANK OF CUBA, weak 'BNC'
    assert variants._alias(bnc, random.Random(0)) == ("NATIONAL BANK OF CUBA", "NATIONAL BANK OF CUBA",
                                                      "aka of 'BANCO NACIONAL DE CUBA'")


def test_decoys_that_resemble_a_listed_name_are_refused(sdn) -> None:
    guard = decoys.Guard.of(list(sdn))
    assert guard.is_listed_like("Manuel Noriega")  # a missing middle name, not a decoy
    assert guard.is_listed_like("Ayman Al-Zawahri")  # one letter off
    assert not guard.is_listed_like("Greta Lindqvist")
    assert decoys.contradicting_dob("1948-12-10", random.Random(0))[:4] not in {str(y) for y in range(1941, 1956)}
