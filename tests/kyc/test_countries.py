"""Countries in any common form, through the one resolver (kyc.screening.countries):
codes and names on the command line, in a client's CSV, a register and an application;
list data by name only; a value that is none of them is exit 2 naming the file, the row
and the value, with the closest countries. No corpus needed: the lists here are made up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kyc.application import validate_form
from kyc.register import read_register
from kyc.screening.countries import codes, country_code, resolve_country
from shared.cli import main
from shared.errors import InputError
from tests.support.stderr import last_line

REFUSED = "is not an ISO 3166 country code nor a country name"


@pytest.mark.parametrize("written", ["Jordan", "JOR", "JO", "jordan", "Hashemite Kingdom of Jordan", " jo ",
                                     "Jordanian"])
def test_jordan_in_any_common_form_is_jo(written: str) -> None:
    assert resolve_country(written) == "JO"


@pytest.mark.parametrize(("written", "code"), [
    ("UK", "GB"), ("Great Britain", "GB"), ("United Kingdom", "GB"), ("GBR", "GB"),
    ("U.S.A.", "US"), ("USA", "US"), ("United States of America", "US"),
    ("Côte d'Ivoire", "CI"), ("Cote d'Ivoire", "CI"), ("Ivory Coast", "CI"),
    ("Korea, Republic of", "KR"), ("South Korea", "KR"), ("Korea, North", "KP"),
    ("Russian Federation", "RU"), ("Russia", "RU"), ("Burma", "MM"), ("Türkiye", "TR"), ("Turkey", "TR"),
    ("Kosovo", "XK"), ("XK", "XK"),
])
def test_common_variants_resolve_to_their_alpha_2_code(written: str, code: str) -> None:
    assert resolve_country(written) == code


@pytest.mark.parametrize(("written", "problem"), [
    ("Jordn", f"'Jordn' {REFUSED}; closest: Jordan (JO)"),
    ("Untied Kingdom", f"'Untied Kingdom' {REFUSED}; closest: United Kingdom (GB)"),
    ("England", f"'England' {REFUSED}: it is part of United Kingdom; write GB"),
    ("Tehran", f"'Tehran' {REFUSED}: it is a place in Iran; write IR"),
    ("USSR", f"'USSR' {REFUSED}: it names Soviet Union, which is not a current country"),
    ("EU", f"'EU' {REFUSED}: it names European Union, which is not a current country"),
    ("QQ", f"'QQ' {REFUSED}"),
])
def test_a_value_that_is_no_country_says_what_to_write(written: str, problem: str) -> None:
    with pytest.raises(ValueError) as refused:
        resolve_country(written)
    assert str(refused.value) == problem


def test_list_data_is_read_by_name_and_codes_are_not_names() -> None:
    # UN entries print "na" (not available) where a nationality goes: not Namibia.
    assert [country_code(n) for n in ("Korea, North", "possibly Palestinian", "West Bank", "NA", "former Soviet Union",
                                      "Region: Crimea", "Nationality of Registration")] == ["KP", "PS", "PS", None,
                                                                                           None, None, None]
    assert codes(["Iran", "Iraq", "Iran", "nowhere", "Bahamas, The"]) == ("IR", "IQ", "BS")


# -- screen --------------------------------------------------------------------------------


def screen(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["screen", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_screen_file_takes_country_names_and_codes(capsys, made_up_list, tmp_path: Path) -> None:
    names = tmp_path / "clients.csv"
    names.write_text("id,name,country\nc1,Zebulon Quarrington,Syria\nc2,Marisol Vexhollow,SYR\n"
                     "c3,Amira Haddad,Jordan\nc4,Tom Hale,UK\nc5,Ana Costa,\n", encoding="utf-8")
    status, out, err = screen(capsys, "--file", str(names), "--json")
    assert status == 0, err
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["query"].get("country") for r in results] == ["SY", "SY", "JO", "GB", None]
    (hit,) = results[0]["hits"]
    assert hit["breakdown"]["country"] == {"score": "100.0", "weight": "0.1", "query": "SY", "listed": "SY"}


def test_screen_file_with_a_country_that_is_none_names_file_row_and_value(capsys, made_up_list,
                                                                            tmp_path: Path) -> None:
    names = tmp_path / "clients.csv"
    names.write_text("id,name,country\nc1,Amira Haddad,Jordan\nc2,Omar Nasser,Jordn\n", encoding="utf-8")
    status, out, err = screen(capsys, "--file", str(names))
    assert (status, out) == (2, "")
    assert last_line(err) == (f"finagents: {names}: row 2 column 'country': 'Jordn' {REFUSED}; "
                              "closest: Jordan (JO)\n")


def test_screen_country_option_takes_a_name(capsys, made_up_list) -> None:
    status, out, err = screen(capsys, "Zebulon Quarrington", "--country", "Syrian Arab Republic", "--json")
    assert status == 0, err
    assert json.loads(out)["query"] == {"name": "Zebulon Quarrington", "country": "SY"}


# -- the register and the application -----------------------------------------------------------


def test_a_register_takes_names_and_names_the_row_of_one_that_is_no_country(tmp_path: Path) -> None:
    register = tmp_path / "register_of_shareholders.csv"
    header = "owner,owner_type,owned,percent,owner_country,owner_date_of_birth\n"
    register.write_text(header + "Amira Haddad,individual,Acme Ltd,60,Hashemite Kingdom of Jordan,\n"
                                 "Tom Hale,individual,Acme Ltd,40,UK,\n", encoding="utf-8")
    assert [h.owner_country for h in read_register(register)] == ["JO", "GB"]
    register.write_text(header + "Amira Haddad,individual,Acme Ltd,60,JOR,\n"
                                 "Tom Hale,individual,Acme Ltd,40,Atlantis,\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_register(register)
    assert str(refused.value).startswith(f"{register}: row 2 column 'owner_country': 'Atlantis' {REFUSED}")


def test_an_application_takes_country_names_and_names_the_field_of_one_that_is_no_country(tmp_path: Path) -> None:
    path = tmp_path / "application.json"
    form = {"customer_type": "company", "legal_name": "Acme Ltd", "date": "2026-01-05", "industry": "retail",
            "jurisdiction": "United Kingdom",
            "officers": [{"name": "Amira Haddad", "role": "director", "nationality": "Jordanian"}],
            "shareholders": [{"name": "Tom Hale", "type": "individual", "percent": "100", "country": "GBR"}]}
    read = validate_form(form, path)
    assert (read.jurisdiction, read.officers[0].nationality, read.shareholders[0].country) == ("GB", "JO", "GB")
    with pytest.raises(InputError) as refused:
        validate_form(form | {"nationality": "Jordn"}, path)
    assert str(refused.value) == f"{path}: field 'nationality': 'Jordn' {REFUSED}; closest: Jordan (JO)"
