"""Reading the application: strict fields, exact percentages, every value cited to its line."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from kyc.application import find_application, read_application
from kyc.register import read_register
from shared.errors import InputError

APPLICATION = {
    "customer_type": "company", "legal_name": "Harbour Lane Trading Limited", "registration_number": "09876543",
    "jurisdiction": "GB", "incorporation_date": "2015-03-02", "industry": "wholesale_trade", "date": "2026-10-01",
    "registered_address": "12 Harbour Lane, Bristol BS1 4DJ, United Kingdom",
    "officers": [{"name": "Eleanor Whitfield", "role": "director", "date_of_birth": "1971-06-14", "nationality": "GB"},
                 {"name": "Tom Okafor", "role": "director", "date_of_birth": "1980-01-02", "nationality": "GB"}],
    "shareholders": [{"name": "Eleanor Whitfield", "type": "individual", "percent": "66.67"},
                     {"name": "Tom Okafor", "type": "individual", "percent": 33.33}],
}


def write(folder: Path, data: dict, name: str = "application.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def test_values_are_exact_and_cited_to_their_own_lines(tmp_path):
    app = read_application(write(tmp_path, APPLICATION))
    assert app.form.shareholders[1].percent == Decimal("33.33")
    lines = (tmp_path / "application.json").read_text().splitlines()
    second_role = app.citations["officers.1.role"]
    assert "director" in lines[second_role.line - 1] and second_role.line > app.citations["officers.0.role"].line
    assert all(c.verify().ok for c in app.citations.values())


def test_yaml_numbers_are_decimals(tmp_path):
    (tmp_path / "application.yaml").write_text(
        "customer_type: individual\nlegal_name: Ann Lee\ndate: 2026-10-01\nindustry: software\n"
        "date_of_birth: 1990-05-06\nnationality: GB\n", encoding="utf-8")
    app = read_application(find_application(tmp_path))
    assert app.form.date_of_birth.isoformat() == "1990-05-06"
    assert app.citations["legal_name"].text == "Ann Lee" and app.citations["legal_name"].line == 2


@pytest.mark.parametrize("change, message", [
    ({"director_name": "x"}, "unknown field 'director_name'"),
    ({"date": "01/10/2026"}, "field 'date': '01/10/2026' is not a date (YYYY-MM-DD)"),
    ({"shareholders": [{"name": "A", "type": "individual", "percent": "sixty"}]},
     "field 'shareholders.0.percent': percentage 'sixty' is not a number"),
    ({"customer_type": "club"}, "field 'customer_type': Input should be 'company', 'individual', 'trust', "
                                "'foundation' or 'partnership'"),
])
def test_bad_applications_are_one_line_errors_naming_the_field(tmp_path, change, message):
    path = write(tmp_path, {**APPLICATION, **change})
    with pytest.raises(InputError) as error:
        read_application(path)
    assert str(error.value) == f"{path}: {message}"


def test_a_folder_without_an_application_says_what_it_expected(tmp_path):
    with pytest.raises(InputError, match=r"holds no application \(expected one of: application\.json"):
        find_application(tmp_path)


def test_two_applications_are_refused(tmp_path):
    write(tmp_path, APPLICATION)
    (tmp_path / "application.yaml").write_text("legal_name: x\n")
    with pytest.raises(InputError, match="holds 2 applications"):
        find_application(tmp_path)


def test_malformed_json_names_line_and_column(tmp_path):
    (tmp_path / "application.json").write_text('{"legal_name": "A",\n "date": }')
    with pytest.raises(InputError, match="is not valid JSON: Expecting value at line 2 column 10"):
        read_application(tmp_path / "application.json")


def test_register_percent_that_is_not_a_number_names_row_and_column(tmp_path):
    path = tmp_path / "register_of_shareholders.csv"
    path.write_text("owner,owner_type,owned,percent\nAnn,individual,Acme Ltd,60\nBob,individual,Acme Ltd,forty\n")
    with pytest.raises(InputError) as error:
        read_register(path)
    assert str(error.value) == f"{path}: row 2 column 'percent': percentage 'forty' is not a number"


def test_register_reads_holdings_with_citations(tmp_path):
    path = tmp_path / "ownership_chart.csv"
    path.write_text("owner,owner_type,owned,percent,owner_country,owner_date_of_birth\n"
                    "Hold Ltd,entity,Acme Ltd,100,GB,\nAnn,individual,Hold Ltd,40%,GB,1970-01-01\n")
    first, second = read_register(path)
    assert (second.owner, second.percent, second.owner_date_of_birth) == ("Ann", Decimal("40"), "1970-01-01")
    assert first.owner_date_of_birth is None and [c.text for c in second.citations] == ["Ann", "40%"]
    assert all(c.verify().ok for c in second.citations)
