"""The synthetic close generator (fixtures/close/synthetic.py) and the folders it wrote:
the evaluation cases in fixtures/close/cases/ and the demo sample (its bank.csv too).

The checks read the written files back with the csv module and do their own arithmetic,
so a bug in the generator is not hidden by the same bug here."""

from __future__ import annotations

import csv
import hashlib
import importlib
import json
import re
import sys
import tomllib
from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CLOSE = REPO / "fixtures" / "close"
CASES_DIR = CLOSE / "cases"
SAMPLE_DIR = REPO / "month_end_close" / "sample"
BOOK_FILES = ("ledger.csv", "tb_prior.csv", "tb_current.csv", "budget.csv", "accounts.csv", "close.toml",
              ".truth.json")
CASES = ("everyday_month", "timing_heavy", "splits_and_deposits", "transpositions_and_duplicates",
         "fees_and_returns", "repeated_amounts")
FOLDERS = (*CASES, "sample")
CASH = "1000"
ZERO = Decimal("0")
AMOUNT = re.compile(r"^-?\d+\.\d\d$")


def module(name: str):
    if str(CLOSE) not in sys.path:
        sys.path.insert(0, str(CLOSE))
    return importlib.import_module(name)


def folder_of(name: str) -> Path:
    return SAMPLE_DIR if name == "sample" else CASES_DIR / name


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def close(name: str) -> dict:
    """A close folder as plain values: bank lines (from bank.csv), ledger lines, balances
    by account, the chart, close.toml and the truth."""
    folder = folder_of(name)
    data = {"ledger": rows(folder / "ledger.csv"), "accounts": rows(folder / "accounts.csv"),
            "toml": tomllib.loads((folder / "close.toml").read_text(encoding="utf-8")),
            "truth": json.loads((folder / ".truth.json").read_text(encoding="utf-8"))}
    for table in ("tb_prior", "tb_current", "budget"):
        data[table] = {r["account"]: Decimal(r["balance"]) for r in rows(folder / f"{table}.csv")}
    data["bank"] = _bank_lines(folder)
    return data


def _bank_lines(folder: Path) -> list[dict]:
    return [{"id": r["id"], "date": date.fromisoformat(r["date"]), "description": r["description"],
             "amount": Decimal(r["amount"]), "balance": Decimal(r["balance"])} for r in rows(folder / "bank.csv")]


def opening(data: dict) -> Decimal:
    """The bank's opening: close.toml's, or (the sample, which has no [bank]) the balance
    before bank.csv's first line."""
    if "bank" in data["toml"]:
        return Decimal(data["toml"]["bank"]["opening"])
    first = data["bank"][0]
    return first["balance"] - first["amount"]


def cash_lines(data: dict) -> dict[str, dict]:
    return {r["id"]: r for r in data["ledger"] if r["account"] == CASH}


def tree(root: Path, names: tuple[str, ...] | None = None) -> dict[str, str]:
    files = sorted(p for p in root.rglob("*") if p.is_file() and (names is None or p.name in names))
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


# -- the generator --------------------------------------------------------------------------


def test_same_seed_same_bytes_and_another_seed_other_bytes(tmp_path):
    synthetic = module("synthetic")
    for run in ("a", "b"):
        synthetic.write_case(synthetic.generate_case(300, 5), tmp_path / run)
    synthetic.write_case(synthetic.generate_case(300, 6), tmp_path / "c")
    first = tree(tmp_path / "a")
    assert sorted(first) == sorted(["bank.csv", *BOOK_FILES])
    assert first == tree(tmp_path / "b")
    other = tree(tmp_path / "c")
    assert [name for name in ("bank.csv", "ledger.csv", ".truth.json") if first[name] == other[name]] == []


def test_generate_case_makes_the_lines_asked_and_as_many_cash_book_lines():
    synthetic = module("synthetic")
    case = synthetic.generate_case(2000, 1)
    cash = [line for line in case.ledger if line.account == CASH]
    assert len(case.bank) == 2000
    assert 1900 <= len(cash) <= 2150
    assert len(case.ledger) > 2 * len(cash)  # every cash line has its contra, plus the period's journals
    amounts = [line.amount for line in (*case.bank, *case.ledger)]
    assert all(type(a) is Decimal and a.as_tuple().exponent == -2 for a in amounts)


def test_mix_counts_scale_with_the_lines():
    synthetic = module("synthetic")
    mix = synthetic.Mix().scaled(100_000)
    assert (mix.deposits, mix.outstanding, mix.interest) == (600, 600, 1)
    assert synthetic.Mix(duplicates=0).scaled(50).duplicates == 0
    assert synthetic.Mix().scaled(50).deposits == 1


def test_a_statement_too_short_for_a_close_is_refused():
    synthetic = module("synthetic")
    import random

    with pytest.raises(ValueError, match="too short"):
        synthetic.synthetic_bank_lines(random.Random(1), 5, "2024-03", Decimal("100.00"))


def test_fixture_files_are_what_the_generator_writes(tmp_path):
    generate = module("generate_cases")
    generate.write_cases(tmp_path / "cases")
    generate.write_sample(tmp_path / "sample")
    assert tree(tmp_path / "cases") == tree(CASES_DIR)
    assert tree(tmp_path / "sample") == tree(SAMPLE_DIR)
    assert sorted(tree(SAMPLE_DIR)) == sorted(["bank.csv", "README.md", *BOOK_FILES])


def test_the_cases_are_the_ones_the_readme_describes():
    assert sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir()) == sorted(CASES)
    readme = (CASES_DIR / "README.md").read_text(encoding="utf-8")
    assert "synthetic" in readme.lower() and all(f"`{name}`" in readme for name in CASES)
    assert sum(p.stat().st_size for p in CASES_DIR.rglob("*") if p.is_file()) < 3_000_000


# -- every case and the sample -----------------------------------------------------------------


@pytest.mark.parametrize("name", FOLDERS)
def test_every_line_is_in_the_truth_exactly_once(name):
    data = close(name)
    truth = data["truth"]
    bank_ids = [b for m in truth["matches"] for b in m["bank_ids"]] + [u["id"] for u in truth["bank_only"]]
    ledger_ids = [l for m in truth["matches"] for l in m["ledger_ids"]] + [u["id"] for u in truth["ledger_only"]]
    assert Counter(bank_ids) == Counter(line["id"] for line in data["bank"])
    assert Counter(ledger_ids) == Counter(list(cash_lines(data)))


@pytest.mark.parametrize("name", FOLDERS)
def test_balances_and_the_reconciling_items_add_up_to_the_cent(name):
    data = close(name)
    truth, bank, cash = data["truth"], {b["id"]: b for b in data["bank"]}, cash_lines(data)
    bank_balance = opening(data) + sum((b["amount"] for b in bank.values()), ZERO)
    book_balance = data["tb_prior"][CASH] + sum((Decimal(l["amount"]) for l in cash.values()), ZERO)
    assert data["tb_prior"][CASH] == opening(data)  # no reconciling items from before the period
    assert bank_balance == Decimal(truth["bank_balance"]) == data["bank"][-1]["balance"]
    if "bank" in data["toml"]:
        assert bank_balance == Decimal(data["toml"]["bank"]["closing"])
    assert book_balance == Decimal(truth["book_balance"]) == data["tb_current"][CASH]
    differences = ZERO
    for match in truth["matches"]:
        banked = sum((bank[i]["amount"] for i in match["bank_ids"]), ZERO)
        booked = sum((Decimal(cash[i]["amount"]) for i in match["ledger_ids"]), ZERO)
        assert (banked != booked) == (match["kind"] == "amount_difference"), match
        differences += banked - booked
    bank_only = sum((bank[u["id"]]["amount"] for u in truth["bank_only"]), ZERO)
    book_only = sum((Decimal(cash[u["id"]]["amount"]) for u in truth["ledger_only"]), ZERO)
    assert bank_balance - book_balance == bank_only - book_only + differences
    assert truth["unexplained_difference"] == "0.00"


@pytest.mark.parametrize("name", FOLDERS)
def test_each_match_is_of_the_kind_it_says(name):
    data = close(name)
    bank, cash = {b["id"]: b for b in data["bank"]}, cash_lines(data)
    for match in data["truth"]["matches"]:
        banked = [bank[i] for i in match["bank_ids"]]
        booked = [cash[i] for i in match["ledger_ids"]]
        shape = (len(banked), len(booked))
        kind = match["kind"]
        if kind in ("exact", "date_window", "amount_difference"):
            assert shape == (1, 1), match
            days = (banked[0]["date"] - date.fromisoformat(booked[0]["date"])).days
            assert days == 0 if kind != "date_window" else 1 <= days <= 5, match
        if kind == "amount_difference":
            assert _digits(banked[0]["amount"]) == _digits(Decimal(booked[0]["amount"])), match
        if kind == "one_to_many":
            assert shape[0] == 1 and 2 <= shape[1] <= 5, match
        if kind == "many_to_one":
            assert shape[0] >= 2 and shape[1] == 1, match


def _digits(amount: Decimal) -> tuple[bool, str]:
    """A transposition keeps the sign and the digits, in another order."""
    return amount > 0, "".join(sorted(f"{abs(amount):.2f}".replace(".", "").lstrip("0")))


@pytest.mark.parametrize("name", FOLDERS)
def test_unreconciled_items_are_what_their_category_says(name):
    data = close(name)
    truth, cash = data["truth"], cash_lines(data)
    last = max(b["date"] for b in data["bank"])
    matched = {(cash[i]["date"], cash[i]["amount"], cash[i]["description"])
               for m in truth["matches"] for i in m["ledger_ids"]}
    for item in truth["ledger_only"]:
        line, category = cash[item["id"]], item["category"]
        amount, day = Decimal(line["amount"]), date.fromisoformat(line["date"])
        if category == "error":
            assert (line["date"], line["amount"], line["description"]) in matched
        elif category == "deposit_in_transit":
            assert amount > 0 and day == last
        else:
            assert category == "outstanding_payment" and amount < 0 and timedelta(0) <= last - day <= timedelta(3)
    assert {u["category"] for u in truth["bank_only"]} <= {"fee", "interest", "returned_item", "unknown"}


@pytest.mark.parametrize("name", FOLDERS)
def test_bank_only_lines_read_as_their_category_and_returned_cheques_were_paid_in(name):
    data = close(name)
    bank = {b["id"]: b for b in data["bank"]}
    matched = {b for m in data["truth"]["matches"] for b in m["bank_ids"]}
    words = {"fee": r"\b(FEE|CHARGES?)\b", "interest": r"\bINTEREST\b", "returned_item": r"\b(UNPAID|RETURNED)\b"}
    for item in data["truth"]["bank_only"]:
        line = bank[item["id"]]
        if item["category"] in words:
            assert re.search(words[item["category"]], line["description"]), line
        if item["category"] == "returned_item":
            slip = re.search(r"\d{3,}", line["description"]).group(0)
            paid_in = [b for b in bank.values() if slip in b["description"] and b["amount"] == -line["amount"]]
            assert len(paid_in) == 1 and paid_in[0]["id"] in matched and paid_in[0]["date"] < line["date"]


@pytest.mark.parametrize("name", FOLDERS)
def test_trial_balances_balance_and_roll_forward_from_the_ledger(name):
    data = close(name)
    chart = {a["account"] for a in data["accounts"]}
    moved: dict[str, Decimal] = defaultdict(Decimal)
    for line in data["ledger"]:
        moved[line["account"]] += Decimal(line["amount"])
    assert sum(data["tb_prior"].values(), ZERO) == ZERO
    assert sum(data["tb_current"].values(), ZERO) == ZERO
    assert set(data["tb_prior"]) == set(data["tb_current"]) == set(data["budget"]) == chart
    assert set(moved) <= chart
    assert {a: data["tb_prior"][a] + moved[a] for a in chart} == data["tb_current"]


@pytest.mark.parametrize("name", FOLDERS)
def test_the_chart_has_one_cash_account_and_every_journal_balances(name):
    data = close(name)
    assert 25 <= len(data["accounts"]) <= 40
    assert [a["account"] for a in data["accounts"] if a["cash"] == "true"] == [CASH]
    assert {a["type"] for a in data["accounts"]} == {"asset", "liability", "equity", "revenue", "expense"}
    by_reference: dict[str, list[dict]] = defaultdict(list)
    for line in data["ledger"]:
        by_reference[line["reference"]].append(line)
    for reference, lines in by_reference.items():
        assert sum((Decimal(l["amount"]) for l in lines), ZERO) == ZERO, reference
    for line in cash_lines(data).values():
        assert any(l["account"] != CASH for l in by_reference[line["reference"]]), line


@pytest.mark.parametrize("name", FOLDERS)
def test_flux_drivers_are_the_accounts_that_move_materially_and_what_moves_them(name):
    data = close(name)
    drivers = data["truth"]["flux_drivers"]
    prior, current, budget = data["tb_prior"], data["tb_current"], data["budget"]
    moved = {a for a in current if a != CASH and (_material(current[a], prior[a]) or _material(current[a], budget[a]))}
    assert set(drivers) == moved
    assert any(drivers.values()) and any(not ids for ids in drivers.values())  # planted ones, and one off budget
    ledger = {l["id"]: l for l in data["ledger"]}
    for account, ids in drivers.items():
        assert all(ledger[i]["account"] == account for i in ids)
        ordinary = current[account] - sum((Decimal(ledger[i]["amount"]) for i in ids), ZERO)
        if ids:  # without its drivers the account moves as an ordinary month does
            assert not _material(ordinary, prior[account]) and not _material(ordinary, budget[account]), account


def _material(value: Decimal, base: Decimal) -> bool:
    """The pack's default materiality: a change of 1,000 or more and of 10% or more."""
    change = abs(value - base)
    return change >= 1000 and (base == 0 or change * 10 >= abs(base))


@pytest.mark.parametrize("name", FOLDERS)
def test_files_are_written_as_the_contract_says(name):
    data = close(name)
    ledger_ids = [l["id"] for l in data["ledger"]]
    assert len(set(ledger_ids)) == len(ledger_ids) and all(re.fullmatch(r"L\d{6}", i) for i in ledger_ids)
    assert all(AMOUNT.match(l["amount"]) and date.fromisoformat(l["date"]) for l in data["ledger"])
    assert re.fullmatch(r"\d{4}-\d\d", data["toml"]["period"]) and data["toml"]["currency"] in ("GBP", "USD")
    assert "synthetic" in data["toml"]["entity"]
    balance = opening(data)
    for line in data["bank"]:
        balance += line["amount"]
        assert line["balance"] == balance and re.fullmatch(r"B\d{6}", line["id"])


def test_the_sample_is_a_small_synthetic_month_labelled_as_such():
    data = close("sample")
    assert (data["toml"]["period"], data["toml"]["currency"]) == ("2024-01", "GBP")
    assert data["toml"]["entity"] == "Wharfedale Trading Ltd (synthetic)" and "bank" not in data["toml"]
    note = (SAMPLE_DIR / "close.toml").read_text(encoding="utf-8").splitlines()[0]
    assert note.startswith("# SYNTHETIC demo close")
    readme = (SAMPLE_DIR / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Month-end close demo sample (SYNTHETIC)") and "No real bank statement" in readme
    assert (str(opening(data)), data["truth"]["bank_balance"], data["truth"]["book_balance"]) == (
        "8264.00", "5085.33", "5344.72")
    assert (len(data["bank"]), len(cash_lines(data)), len(data["ledger"])) == (40, 42, 133)
    dates = [date.fromisoformat(l["date"]) for l in data["ledger"]] + [b["date"] for b in data["bank"]]
    assert date(2024, 1, 1) <= min(dates) and max(dates) <= date(2024, 1, 31)


def test_the_sample_shows_every_kind_of_match_and_of_reconciling_item():
    truth = close("sample")["truth"]
    assert Counter(m["kind"] for m in truth["matches"]) == {
        "exact": 29, "date_window": 3, "one_to_many": 1, "many_to_one": 1, "amount_difference": 1}
    assert sorted(u["category"] for u in truth["bank_only"]) == ["fee", "interest", "returned_item", "unknown"]
    assert Counter(u["category"] for u in truth["ledger_only"]) == {
        "outstanding_payment": 3, "deposit_in_transit": 2, "error": 1}
    assert sorted(truth["flux_drivers"]) == ["1100", "2100", "4100", "6400", "6500"]
