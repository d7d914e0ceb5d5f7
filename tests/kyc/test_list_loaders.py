"""The list loaders on the real snapshots the pack ships, and on files they must refuse."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from kyc.screening.lists import PACK_LISTS, lists_in_force, load_list, pack_lists
from kyc.screening.store import store_list
from shared.errors import InputError

SDN = PACK_LISTS / "ofac_sdn"
CONS = PACK_LISTS / "ofac_consolidated"
UN = PACK_LISTS / "un_consolidated.xml"


@pytest.fixture(scope="module")
def sdn():
    return load_list(SDN / "sdn.csv", date="2021-07-07")


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


def test_consolidated_set() -> None:
    cons = load_list(CONS, date="2025-12-19")
    assert (cons.name, len(cons.entries)) == ("OFAC Consolidated (non-SDN)", 442)
    haniya = entry(cons, "9639")
    assert [n.name for n in haniya.names][:3] == ["HANIYA, Ismail Abdul Salah", "HANIYA, Ismail", "HANIYYA, Ismaeel"]
    assert haniya.dates_of_birth == ("1962",)
    assert [p.name for p in cons.files] == ["cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv"]


def test_un_xml_individuals_entities_aliases_and_published_date() -> None:
    un = load_list(UN)
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


def test_pack_lists_are_parsed_once_and_dated() -> None:
    assert pack_lists() is pack_lists()
    assert [(item.name, item.date) for item in pack_lists()] == [
        ("OFAC SDN", "2021-07-07"), ("OFAC Consolidated (non-SDN)", "2025-12-19"), ("UN Consolidated", "2026-02-27")]


def test_a_stored_list_replaces_the_pack_snapshot(tmp_path: Path) -> None:
    copy = tmp_path / "download"
    shutil.copytree(SDN, copy)
    stored = store_list(load_list(copy / "alt.csv", date="2024-01-31"), tmp_path / "client")
    assert stored.files[0] == tmp_path / "client" / "lists" / "ofac-sdn" / "sdn.csv"
    in_force = lists_in_force(tmp_path / "client")
    assert [(item.name, item.date) for item in in_force][:2] == [("OFAC SDN", "2024-01-31"), ("OFAC Consolidated (non-SDN)", "2025-12-19")]
    assert lists_in_force(None) == pack_lists()


@pytest.mark.parametrize(("content", "name", "problem"), [
    ("id,name\n1,Acme\n", "names.csv", "is not a list format the pack reads"),
    ('<?xml version="1.0"?><sdnList></sdnList>', "list.xml", "is XML but not the UN consolidated list (its root is <sdnList>"),
    ("<CONSOLIDATED_LIST><INDIVIDUALS>", "broken.xml", "is not well-formed XML"),
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
    assert str(caught.value) == f"{tmp_path / 'sdn.csv'}: line 1 has 4 fields; an OFAC legacy CSV primary file has 12, the first a number"


def test_ofac_csv_needs_a_date_and_its_alias_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="prints no date of its own: give the date it was published with --date"):
        load_list(SDN / "sdn.csv")
    shutil.copy(SDN / "sdn.csv", tmp_path / "sdn.csv")
    with pytest.raises(InputError, match=r"alt.csv: is missing: an OFAC SDN CSV set needs sdn.csv and alt.csv"):
        load_list(tmp_path / "sdn.csv", date="2021-07-07")
    with pytest.raises(InputError, match="date '2021-7-7' is not a date in the form YYYY-MM-DD"):
        load_list(SDN, date="2021-7-7")
    with pytest.raises(InputError, match="says it was generated on 2026-02-27; the declared date 2026-01-01 disagrees"):
        load_list(UN, date="2026-01-01")
