"""Issue 18, "Error messages point to the fix": a close folder's missing column names the
`[columns]` entry that maps it, and a bad period shows YYYY-MM, through `finagents run`
on a project made with `finagents new` (its sample is the project's own synthetic close).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.cli import main

WHERE = "close.toml's [columns] or in engagement.toml's [month_end_close.columns]"


@pytest.fixture
def sample(isolated_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample close folder of a new month_end_close project, run from the project."""
    assert main(["new", "month_end_close", str(isolated_home / "acme"), "--client", "Acme Ltd"]) == 0
    capsys.readouterr()
    monkeypatch.chdir(isolated_home / "acme")
    return isolated_home / "acme" / "inputs" / "sample"


def run(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["run", "month_end_close", "inputs/sample"])
    return status, capsys.readouterr().err.splitlines()[-1]


def rename_header(path: Path, old: str, new: str) -> None:
    header, rest = path.read_text().split("\n", 1)
    assert old in header.split(",")
    path.write_text(",".join(new if cell == old else cell for cell in header.split(",")) + "\n" + rest)


def add_to_close_toml(folder: Path, text: str) -> None:
    toml = folder / "close.toml"
    toml.write_text(toml.read_text() + text)


def test_a_missing_ledger_column_names_the_columns_mapping_and_following_it_works(sample, capsys) -> None:
    rename_header(sample / "ledger.csv", "account", "GL Code")
    status, last = run(capsys)
    assert status == 2
    assert last.startswith("finagents: ") and last.endswith(
        "ledger.csv: missing column(s) 'account' (found: id, date, GL Code, description, amount, reference): "
        f'if this file calls it something else, name that header in {WHERE}, e.g. account = "GL Code"')
    add_to_close_toml(sample, '\n[columns]\naccount = "GL Code"\n')
    status, last = run(capsys)
    assert status == 0 and "awaiting_review" in last


def test_a_mapping_naming_a_header_the_file_lacks_says_which_entry_to_correct(sample, capsys) -> None:
    rename_header(sample / "ledger.csv", "account", "GL Code")
    add_to_close_toml(sample, '\n[columns]\naccount = "GL"\n')
    status, last = run(capsys)
    assert status == 2
    assert last.endswith("ledger.csv: missing column(s) 'GL' (found: id, date, GL Code, description, amount, "
                         'reference): [columns] maps account = "GL", a header this file does not have: correct it in '
                         'close.toml or engagement.toml, e.g. account = "GL Code"')


def test_a_ledger_with_neither_amount_nor_debit_and_credit_names_both_ways(sample, capsys) -> None:
    rename_header(sample / "ledger.csv", "amount", "Value")
    status, last = run(capsys)
    assert status == 2
    assert last.endswith(f'name that header in {WHERE}, e.g. amount = "Value" (or debit and credit for two columns)')


def test_a_missing_bank_csv_column_names_the_mapping_with_the_likeliest_header(sample, capsys) -> None:
    rename_header(sample / "bank.csv", "description", "Narrative")
    status, last = run(capsys)
    assert status == 2
    assert last.endswith("bank.csv: missing column(s) 'description' (found: id, date, Narrative, amount, balance): "
                         f'if this file calls it something else, name that header in {WHERE}, '
                         'e.g. description = "Narrative"')


@pytest.mark.parametrize(("written", "shown", "example"), [
    ('"2024-13"', "2024-13", "2024-12"),
    ('"2024-1"', "2024-1", "2024-01"),
    ("2024-01-31", "2024-01-31", "2024-01"),  # a TOML date, not a string
    ('"January 2024"', "January 2024", "2024-12"),
])
def test_a_bad_period_shows_how_to_write_a_month(sample, capsys, written, shown, example) -> None:
    toml = sample / "close.toml"
    toml.write_text(toml.read_text().replace('period = "2024-01"', f"period = {written}"))
    status, last = run(capsys)
    assert status == 2
    assert last == f"finagents: inputs/sample/close.toml: period '{shown}' is not a month: write it as YYYY-MM, " \
                   f'e.g. "{example}"'
    assert "\\d" not in last and "pattern" not in last


def test_a_lower_case_currency_shows_the_code_to_write(sample, capsys) -> None:
    toml = sample / "close.toml"
    toml.write_text(toml.read_text().replace('currency = "GBP"', 'currency = "gbp"'))
    status, last = run(capsys)
    assert status == 2
    assert last == "finagents: inputs/sample/close.toml: currency 'gbp' is not a currency code: write its ISO 4217 " \
                   'code in capitals, e.g. "GBP"'


def test_a_misspelt_columns_key_or_bank_key_in_close_toml_suggests_the_known_one(sample, capsys) -> None:
    add_to_close_toml(sample, '\n[columns]\nacount = "GL Code"\n')
    status, last = run(capsys)
    assert status == 2
    assert last == ("finagents: inputs/sample/close.toml: columns maps 'acount', which is not a column the pack reads "
                    "(did you mean 'account'?); the pack's columns: id, date, account, description, amount, debit, "
                    "credit, reference, balance")
    toml = sample / "close.toml"
    toml.write_text(toml.read_text().replace('[columns]\nacount = "GL Code"\n', "[bank]\nopenin = 100.00\n"))
    status, last = run(capsys)
    assert status == 2
    assert last == "finagents: inputs/sample/close.toml: unknown key 'bank.openin' (did you mean 'opening'?)"
