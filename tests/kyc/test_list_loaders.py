"""The list loaders on the corpus's real lists (read in place), on files they must
refuse, and the store: every version kept, the newest in force, nothing in force is a
one-line refusal with the command to run."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest

from kyc.screening.lists import NO_LISTS, date_warning, lists_in_force, load_list, require_lists
from kyc.screening.store import in_force_versions, lists_stored, read_version, store_version, versions
from shared.errors import InputError
from tests.kyc.made_lists import tiny_sdn
from tests.support.corpus import in_corpus, needs_corpus

UN = in_corpus("kyc/other_lists/un_sc_consolidated_list_2026-02-27.xml")


@pytest.fixture(scope="module")
def sdn(corpus_lists):
    return corpus_lists[0]


def entry(screening_list, entry_id):
    return next(e for e in screening_list.entries if e.entry_id == entry_id)


def test_sdn_counts_types_and_aliases(sdn) -> None:
    assert (sdn.name, sdn.date, sdn.date_origin) == ("OFAC SDN", "2021-07-07", "declared")
    assert len(sdn.entries) == 8976
    assert Counter(e.type for e in sdn.entries) == {"individual": 4620, "entity": 3673, "vessel": 406, "aircraft": 277}
    kinds = Counter(n.kind for e in sdn.entries for n in e.names)
    # alt.csv has 11,910 rows; two repeat a name of the same entry and count once
    assert kinds["aka"] + kinds["fka"] + kinds["nka"] == 11908
    assert (kinds["primary"], kinds["low quality aka"]) == (8976, 2382)
    assert [p.name for p in sdn.files] == ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"]


def test_sdn_entry_with_aliases_dob_and_files(sdn) -> None:
    zawahiri = entry(sdn, "2676")
    assert [(n.name, n.kind, n.path.name) for n in zawahiri.names] == [
        ("AL ZAWAHIRI, Dr. Ayman", "primary", "sdn.csv"),
        ("AL-ZAWAHIRI, Ayman", "aka", "alt.csv"),
        ("SALIM, Ahmad Fuad", "aka", "alt.csv"),
        ("AL-ZAWAHIRI, Aiman Muhammad Rabi", "aka", "alt.csv"),
    ]
    assert zawahiri.dates_of_birth == ("1951-06-19",)
    assert (zawahiri.type, zawahiri.programs) == ("individual", ("SDGT",))


@pytest.mark.parametrize(("entry_id", "dobs"), [
    ("6856", ("1962", "1959")),  # DOB 1962; alt. DOB 1959
    ("6715", ("1952-03-12", "1954-11-08", "1955-08-11")),  # DOB 12 Mar 1952; alt. ...
    ("11970", ("1955", "1964")),  # DOB circa 1955; alt. DOB circa 1964
    ("16912", ("1957", "1958", "1959")),  # DOB 1957 to 1959: each year
])
def test_sdn_dates_of_birth_from_remarks(sdn, entry_id: str, dobs: tuple[str, ...]) -> None:
    assert entry(sdn, entry_id).dates_of_birth == dobs


def test_sdn_countries_programs_and_weak_aliases(sdn) -> None:
    abdullah = entry(sdn, "6915")  # "citizen Egypt; a.k.a. 'ABU MARIAM'; a.k.a. 'SALEH'"
    assert abdullah.countries[0] == "EG"
    assert ("ABU MARIAM", "low quality aka") in [(n.name, n.kind) for n in abdullah.names]
    rahim = entry(sdn, "11970")  # nationality Pakistan
    assert "PK" in rahim.countries
    cuba_bank = entry(sdn, "306")  # addresses in Switzerland, Spain, Japan...
    assert cuba_bank.type == "entity" and {"CH", "ES", "JP"} <= set(cuba_bank.countries)
    assert entry(sdn, "10659").programs == ("SDGT", "IRAQ3", "IRGC")


def test_consolidated_set(corpus_lists) -> None:
    cons = corpus_lists[1]
    assert (cons.name, len(cons.entries), cons.date) == ("OFAC Consolidated (non-SDN)", 442, "2025-12-19")
    haniya = entry(cons, "9639")
    assert [n.name for n in haniya.names][:3] == ["HANIYA, Ismail Abdul Salah", "HANIYA, Ismail", "HANIYYA, Ismaeel"]
    assert haniya.dates_of_birth == ("1962",)
    assert [p.name for p in cons.files] == ["cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv"]


def test_un_xml_individuals_entities_aliases_and_published_date(corpus_lists) -> None:
    un = corpus_lists[2]
    assert (un.name, un.date, un.date_origin) == ("UN Consolidated", "2026-02-27", "published")
    assert Counter(e.type for e in un.entries) == {"individual": 730, "entity": 273}
    kakolele = entry(un, "6907994")
    assert [(n.name, n.kind) for n in kakolele.names] == [
        ("FRANK KAKOLELE BWAMBALE", "primary"), ("FRANK KAKORERE", "aka"),
        ("FRANK KAKORERE BWAMBALE", "aka"), ("AIGLE BLANC", "aka"),
    ]
    assert kakolele.countries == ("CD",)
    badege = entry(un, "6907993")
    assert (badege.dates_of_birth, badege.countries, badege.programs) == (("1971",), ("CD", "RW"), ("DRC",))
    assert entry(un, "6908024").type == "entity"
    assert un.sha256 == "66b392a4090868d2d39161e8d748efd39138377b0e6e60b7921aa67a4f99c8bf"


@needs_corpus
def test_the_file_s_own_date_wins_over_a_declared_one_with_a_warning() -> None:
    un = load_list(UN, date="2026-01-01")
    assert (un.date, un.date_origin) == ("2026-02-27", "published")
    assert date_warning(un, "2026-01-01") == (f"WARNING: {UN} prints its own date, 2026-02-27; the declared date "
                                              "2026-01-01 is ignored")
    assert date_warning(un, "2026-02-27") is None and date_warning(un, None) is None


@pytest.mark.parametrize(("content", "name", "problem"), [
    ("id,name\n1,Acme\n", "names.csv", "is not a list format the pack reads"),
    ('<?xml version="1.0"?><sdnList></sdnList>', "list.xml",
     "is XML but not the UN consolidated list (its root is <sdnList>"),
    ("<CONSOLIDATED_LIST><INDIVIDUALS>", "broken.xml", "is not well-formed XML"),
    ('<CONSOLIDATED_LIST dateGenerated="2026-01-02T00:00:00"><INDIVIDUALS/></CONSOLIDATED_LIST>', "empty.xml",
     "holds no entries: it is not a usable UN Consolidated list"),
    ('<DEMO_LIST dateGenerated="2026-01-02"><INDIVIDUALS/></DEMO_LIST>', "demo.xml",
     "is the pack's DEMO LIST of invented names, not a real sanctions list"),
])
def test_unknown_or_malformed_files_are_input_errors(tmp_path: Path, content: str, name: str, problem: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(InputError) as caught:
        load_list(path)
    assert str(caught.value).startswith(f"{path}: {problem}")


def test_malformed_ofac_csv_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "sdn.csv").write_text('36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"\n')
    (tmp_path / "alt.csv").write_text('36,12,"aka","AERO-CARIBBEAN",-0- \n')
    with pytest.raises(InputError) as caught:
        load_list(tmp_path / "sdn.csv", date="2024-01-01")
    assert str(caught.value) == (f"{tmp_path / 'sdn.csv'}: line 1 has 4 fields; "
                                 "an OFAC legacy CSV primary file has 12, the first a number")


def test_ofac_csv_needs_a_date_and_its_alias_file(tmp_path: Path) -> None:
    sdn = tiny_sdn(tmp_path / "set", "DOE, John")
    with pytest.raises(InputError, match="prints no date of its own: give the date it was published with --date"):
        load_list(sdn)
    shutil.copy(sdn, tmp_path / "sdn.csv")
    with pytest.raises(InputError, match=r"alt.csv: is missing: an OFAC SDN CSV set needs sdn.csv and alt.csv"):
        load_list(tmp_path / "sdn.csv", date="2021-07-07")
    with pytest.raises(InputError, match="date '2021-7-7' is not a date in the form YYYY-MM-DD"):
        load_list(sdn.parent, date="2021-7-7")


# -- the store: versions, the newest in force ------------------------------------------------


NOW = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)


def test_with_nothing_stored_screening_is_refused_with_the_command(tmp_path: Path) -> None:
    client = tmp_path / "client"
    for attempt in (lambda: lists_in_force(client), lambda: require_lists(client)):
        with pytest.raises(InputError) as caught:
            attempt()
        assert str(caught.value) == f"{client / 'lists'}: {NO_LISTS}"
    assert "`finagents lists update`" in NO_LISTS and "`finagents lists load FILE...`" in NO_LISTS


def test_every_version_is_kept_and_the_newest_by_date_is_in_force(tmp_path: Path) -> None:
    client = tmp_path / "client"
    newer = load_list(tiny_sdn(tmp_path / "b", "DOE, John", "ROE, Richard"), date="2026-02-01")
    older = load_list(tiny_sdn(tmp_path / "a", "DOE, John"), date="2026-01-05")
    first = store_version(newer, client, source="loaded from b", now=NOW)
    second = store_version(older, client, source="loaded from a", now=NOW)
    assert (first.new, second.new) == (True, True)
    assert first.version.folder == client / "lists" / "ofac-sdn" / f"2026-02-01-{newer.sha256[:12]}"
    assert second.in_force == first.version  # an older list stored later is kept, not put in force
    assert sorted(v.folder.name for v in versions(client)) == [f"2026-01-05-{older.sha256[:12]}",
                                                                f"2026-02-01-{newer.sha256[:12]}"]
    (in_force,) = lists_stored(client)
    assert (in_force.date, len(in_force.entries), in_force.sha256) == ("2026-02-01", 2, newer.sha256)
    assert in_force.files[0] == first.version.folder / "sdn.csv"
    assert in_force.source == f"ofac-sdn/2026-02-01-{newer.sha256[:12]}: loaded from b"
    manifest = (first.version.folder / "list.toml").read_text()
    assert 'date_origin = "declared"' in manifest and 'stored_at = "2026-11-20T09:30:00Z"' in manifest


def test_an_identical_list_stores_nothing_new(tmp_path: Path) -> None:
    client = tmp_path / "client"
    loaded = load_list(tiny_sdn(tmp_path / "a", "DOE, John"), date="2026-01-05")
    store_version(loaded, client, source="x", now=NOW)
    again = store_version(loaded, client, source="x", now=NOW)
    assert not again.new and len(versions(client)) == 1


def test_a_stored_list_is_parsed_once_and_checked_each_time(tmp_path: Path) -> None:
    client = tmp_path / "client"
    stored = store_version(load_list(tiny_sdn(tmp_path / "a", "DOE, John"), date="2026-01-05"), client,
                           source="x", now=NOW)
    folder = stored.version.folder
    assert read_version(folder) is read_version(folder)
    (folder / "sdn.csv").write_bytes((folder / "sdn.csv").read_bytes().replace(b"DOE", b"DOW"))
    with pytest.raises(InputError, match="holds a list that changed since it was stored"):
        lists_in_force(client)


def test_lists_are_in_force_in_their_order(tmp_path: Path) -> None:
    client = tmp_path / "client"
    un = tmp_path / "un.xml"
    un.write_text('<CONSOLIDATED_LIST dateGenerated="2026-03-01T00:00:00"><INDIVIDUALS><INDIVIDUAL><DATAID>1'
                  '</DATAID><FIRST_NAME>JOHN</FIRST_NAME><SECOND_NAME>DOE</SECOND_NAME></INDIVIDUAL></INDIVIDUALS>'
                  '</CONSOLIDATED_LIST>')
    store_version(load_list(un), client, source="x", now=NOW)
    store_version(load_list(tiny_sdn(tmp_path / "a", "DOE, John"), date="2026-01-05"), client, source="x", now=NOW)
    assert [(v.name, v.date_origin) for v in in_force_versions(client)] == [("OFAC SDN", "declared"),
                                                                          ("UN Consolidated", "published")]
