"""Names in other scripts (issue 19): their romanised forms, the consonant rules that apply
only to Arabic and Hebrew queries, the breakdown and the hit ids. No corpus needed: the
lists here are made up."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kyc.screening import romanise, scoring
from kyc.screening.engine import Query, Screener
from kyc.screening.records import ListedName, ListEntry, ScreeningList
from kyc.screening.romanise import Romanised, arabic_table, forms, script_of
from kyc.screening.scoring import NameForm, abjad_key, name_match

LIBRARY_FIRST = "arabic-name-romanizer 0.2.0, spelling 1 of 3"


def test_an_arabic_name_gets_the_librarys_spellings_our_table_and_its_original() -> None:
    found = forms("محمد حمشو")
    assert found[0] == Romanised("MOHAMED HAMSHO", LIBRARY_FIRST, True)
    assert [f.text for f in found[1:]] == ["MOHAMED HAMCHO", "MUHAMMAD HAMSHO", "MHMD HMSHU", "محمد حمشو"]
    assert [f.source for f in found[3:]] == ["our Arabic letter table", "anyascii"]


def test_the_arabic_table_splits_the_article_and_reads_persian_letters_the_persian_way() -> None:
    assert arabic_table("التكريتي") == "AL-TKRITI"
    assert arabic_table("عبد الرحمن") == "ABD AL-RHMN"
    persian = [f for f in forms("فضل ربی") if "Persian" in f.source]
    assert [f.text for f in persian] == ["FZL RBI"]


def test_korean_hebrew_and_greek_forms() -> None:
    assert romanise.romanise("김정은")[:3] == ("KIM JONG UN", "KIM JEONG EUN", "GIM JEONG EUN")
    assert romanise.romanise("박지성")[:2] == ("PARK JI SONG", "PAK JI SONG")
    assert romanise.romanise("דוד") == ("DOD", "DVD", "דוד")
    assert romanise.romanise("Αλέξανδρος") == ("ALEXANDR", "Αλέξανδρος")
    assert [f.abjad for f in forms("דוד")] == [True, True, True]
    assert not any(f.abjad for f in forms("김정은"))


def test_a_latin_or_cyrillic_name_is_screened_as_before() -> None:
    assert forms("John Smith") == (Romanised("John Smith", romanise.AS_WRITTEN, False),)
    assert forms("Владимир Путин") == (Romanised("Владимир Путин", "anyascii", False),)
    assert script_of("Владимир Путин") == "other" and script_of("J. Smith") == "latin"
    assert script_of("محمد Smith") == "arabic" and script_of("محمد 김") == "mixed"


def test_the_consonant_key_forgives_the_vowels_arabic_does_not_write() -> None:
    assert abjad_key("MUHAMMAD") == abjad_key("MHMD") == "MHMD"
    assert abjad_key("HAMZAH") == abjad_key("HAMZA") == "HMS"
    assert abjad_key("TIKRITI") == abjad_key("TKRITI") == "TKRT"
    assert abjad_key("WALI") == "WL" and abjad_key("YUSUF") == "YSF"


def test_the_consonant_rules_apply_only_to_arabic_and_hebrew_queries() -> None:
    listed = NameForm.parse("ZAWAHIRI")
    assert name_match(NameForm.parse("ZWAHRI"), listed) == (pytest.approx(85.714, abs=0.001), None)
    assert name_match(NameForm.parse("ZWAHRI", abjad=True), listed) == (88.0, scoring.CONSONANTS_AGREE)
    joined = NameForm.parse("HIDAYATULLAH")
    assert name_match(NameForm.parse("HADAIT ALLAH", abjad=True), joined) == (90.0, scoring.COMPACT_CONSONANTS_AGREE)
    assert name_match(NameForm.parse("HADAIT ALLAH"), joined)[0] < 85


def _list(*names: str) -> ScreeningList:
    path = Path("/made-up/list.csv")
    entries = tuple(ListEntry("made-up list", str(n), (ListedName(name, "primary", path, "0" * 64),), "individual",
                              (), (), ())
                    for n, name in enumerate(names, 1))
    return ScreeningList("made-up list", (path,), "0" * 64, "2026-01-01", "declared", entries)


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener([_list("Mohamed Hamsho", "Moshe Cohen", "Kim Jong Un", "Hidayatullah")], cache=False)


def test_an_arabic_query_finds_its_latin_spelling_and_says_how(screener) -> None:
    (hit,) = screener.screen(Query("محمد حمشو"))
    row = hit.breakdown["name"]
    assert (hit.entry_id, hit.score, row.query, row.listed) == ("1", Decimal("100.0"), "محمد حمشو", "Mohamed Hamsho")
    assert (row.romanised, row.romanised_by) == ("MOHAMED HAMSHO", LIBRARY_FIRST)
    assert row.to_json()["romanised_by"] == LIBRARY_FIRST


def test_the_breakdown_names_the_rule_that_decided(screener) -> None:
    (hit,) = screener.screen(Query("هدايت الله"))
    assert hit.entry_id == "4" and hit.breakdown["name"].detail == scoring.COMPACT_CONSONANTS_AGREE
    assert screener.screen(Query("김정은"))[0].breakdown["name"].romanised_by.startswith("Korean surname table")


def test_a_latin_query_shows_no_romanised_form(screener) -> None:
    (hit,) = screener.screen(Query("Mohamed Hamsho"))
    assert hit.breakdown["name"].romanised is None and "romanised" not in hit.breakdown["name"].to_json()


def test_hit_ids_are_unique_per_query() -> None:
    one, two = Query("محمد حمشو"), Query("محمد حمشوو")
    assert one.slug.startswith("mhmd-hmshw-") and len(one.slug) == len("mhmd-hmshw-") + 8
    assert one.slug != two.slug and Query("김정은").slug != Query("김정일").slug
    assert Query("John Smith").slug == "John-Smith" and Query("محمد", id="c-7").slug == "c-7"
