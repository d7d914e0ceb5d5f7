"""A close as a user runs it: the demo sample (a synthetic month: a bank.csv export with
running balances and its books), every line accounted for exactly once and agreeing with
its truth, the package and workbook written and signed off; what is wrong but readable is
a finding, what cannot be read is one line and exit 2. A close on a real HSBC statement
is built at test time from the corpus (books written for its lines by the generator)."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from shared.cli import main
from tests.conftest import REPO_ROOT
from tests.month_end_close.statement_files import CUR_2024, path
from tests.support.stderr import last_line

SAMPLE = REPO_ROOT / "month_end_close" / "sample"
SAMPLE_FILES = {"bank.csv", "ledger.csv", "tb_current.csv", "tb_prior.csv", "budget.csv", "accounts.csv",
                "close.toml"}


def run_close(folder: Path, out: Path, capsys) -> dict:
    assert main(["run", "month_end_close", str(folder), "--out", str(out)]) == 0
    capsys.readouterr()
    return json.loads((out / "result.json").read_text())


def copy_sample(tmp_path: Path) -> Path:
    folder = tmp_path / "close"
    shutil.copytree(SAMPLE, folder)
    return folder


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("sample") / "run"
    assert main(["run", "month_end_close", str(SAMPLE), "--out", str(out)]) == 0
    return out, json.loads((out / "result.json").read_text())


def test_every_line_is_matched_or_classified_exactly_once(sample_run):
    _, result = sample_run
    body, rec = result["body"], result["body"]["reconciliation"]
    bank_seen = [i for m in rec["matches"] for i in m["bank_ids"]] + [u["id"] for u in rec["bank_only"]]
    ledger_seen = [i for m in rec["matches"] for i in m["ledger_ids"]] + [u["id"] for u in rec["ledger_only"]]
    assert sorted(bank_seen) == sorted(l["id"] for l in body["bank_lines"])
    assert sorted(ledger_seen) == sorted(l["id"] for l in body["ledger_lines"])
    assert (len(body["bank_lines"]), len(body["ledger_lines"])) == (40, 42)  # the cash book's lines
    read = {Path(i["path"]).name: i["sha256"] for i in result["inputs"]}
    assert set(read) == SAMPLE_FILES  # the README beside them is a note, not an input
    assert all(len(h) == 64 for h in read.values()) and result["findings"] == []


def test_the_sample_reconciles_to_the_cent_and_agrees_with_its_truth(sample_run):
    _, result = sample_run
    rec = result["body"]["reconciliation"]
    truth = json.loads((SAMPLE / ".truth.json").read_text(), parse_float=Decimal)
    statement = rec["statement"]
    assert set(statement) == {"bank_balance", "book_balance", "adjustments", "adjusted_bank", "adjusted_book",
                              "unexplained_difference"}  # CONTRACT.md's shape
    bank_side = sum(Decimal(a["amount"]) for a in statement["adjustments"] if a["side"] == "bank")
    assert Decimal(statement["bank_balance"]) + bank_side == Decimal(statement["adjusted_bank"])
    assert Decimal(statement["bank_balance"]) == Decimal("5085.33")  # bank.csv's last running balance
    assert Decimal(statement["book_balance"]) == Decimal(truth["book_balance"]) == Decimal("5344.72")
    assert Decimal(statement["unexplained_difference"]) == 0 and rec["proven"] is True
    found = {(b, l) for m in rec["matches"] for b in m["bank_ids"] for l in m["ledger_ids"]}
    expected = {(b, l) for m in truth["matches"] for b in m["bank_ids"] for l in m["ledger_ids"]}
    assert found == expected
    assert {(u["id"], u["category"]) for u in rec["ledger_only"]} == {
        (u["id"], u["category"]) for u in truth["ledger_only"]}
    assert {(u["id"], u["category"]) for u in rec["bank_only"]} == {
        ("B000010", "returned_item"), ("B000015", "fee"), ("B000032", "unknown"), ("B000040", "interest")}
    assert [(a["side"], a["description"], a["amount"]) for a in statement["adjustments"]][:2] == [
        ("bank", "Deposits in transit", "1328.85"), ("bank", "Outstanding cheques and payments", "-2666.63")]
    assert (statement["adjusted_bank"], statement["adjusted_book"]) == ("3747.55", "3747.55")


def test_statement_proves_and_every_cited_line_verifies(sample_run):
    from shared.documents.citation import parse_citation
    from shared.documents.verify import CitationVerifier

    _, result = sample_run
    (statement,) = result["body"]["statements"]
    assert statement["proof"]["proves"] is True and statement["proof"]["opening"] == "8264.00"
    closing = statement["printed"]["closing"]
    assert (closing["value"], closing["citation"]["row"], closing["citation"]["column"]) == ("5085.33", 40, "balance")
    with CitationVerifier() as verifier:
        lines = result["body"]["bank_lines"] + result["body"]["ledger_lines"]
        assert all(parse_citation(l["citation"]).verify(verifier).ok for l in lines)


def test_entries_balance_and_the_package_is_written(sample_run):
    run, result = sample_run
    entries = result["body"]["entries"]
    assert [(e["support"], [(l["account"], l["debit"], l["credit"]) for l in e["lines"]]) for e in entries] == [
        (["B000010"], [("1100", "354.85", "0"), ("1000", "0", "354.85")]),  # a returned cheque
        (["B000015"], [("6900", "29.19", "0"), ("1000", "0", "29.19")]),  # a bank charge
        (["B000032"], [("9999", "5.80", "0"), ("1000", "0", "5.80")]),  # unidentified, to suspense
        (["B000040"], [("1000", "13.77", "0"), ("7100", "0", "13.77")]),  # interest
        (["B000037", "L000094"], [("1000", "0.90", "0"), ("6350", "0", "0.90")]),  # a transposed amount
        (["L000028"], [("1100", "1222.00", "0"), ("1000", "0", "1222.00")]),  # a receipt posted twice
    ]
    assert all(e["balanced"] for e in entries)
    for entry in entries:
        debits = sum(Decimal(l["debit"]) for l in entry["lines"])
        assert debits == sum(Decimal(l["credit"]) for l in entry["lines"]) and debits > 0
    assert {p.name for p in run.iterdir()} >= {"result.json", "memo.md", "report.html", "close.xlsx", "audit.jsonl"}
    memo = (run / "memo.md").read_text()
    assert "**DRAFT: awaiting review.**" in memo and "The reconciliation is proven" in memo


def test_sign_off_fills_the_workbook(tmp_path, capsys):
    from openpyxl import load_workbook

    out = tmp_path / "run"
    run_close(SAMPLE, out, capsys)
    assert main(["review", str(out), "--approve", "--reviewer", "J. Smith", "--comment", "Agreed"]) == 0
    book = load_workbook(out / "close.xlsx", read_only=True)
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True)}
    assert (summary["Status"], summary["Reviewer"], summary["Decision"], summary["Reviewer's comment"]) == (
        "approved", "J. Smith", "approve", "Agreed")
    assert book.sheetnames == ["Summary", "Reconciliation", "Unmatched", "Proposed entries", "Flux", "Matches",
                               "Exact matches"]
    unexplained = [r for r in book["Reconciliation"].iter_rows(values_only=True) if r[0] == "Unexplained difference"]
    assert unexplained == [("Unexplained difference", 0, None)]


def test_a_statement_that_does_not_prove_is_a_finding_and_the_run_goes_on(tmp_path, capsys):
    folder = copy_sample(tmp_path)
    bank = folder / "bank.csv"
    # A paid-in amount mistyped in the export: 497.03 as 492.03, its balance left as printed.
    bank.write_text(bank.read_text().replace(",497.03,", ",492.03,"))
    result = run_close(folder, tmp_path / "run", capsys)
    codes = {f["code"]: f for f in result["findings"]}
    assert "running_balance_break" in codes
    assert "at row 14, column 'balance'" in codes["running_balance_break"]["message"]
    assert "a difference of 5.00" in codes["running_balance_break"]["message"]
    assert result["status"] == "awaiting_review"


def hsbc_close(folder: Path, key: str = f"good/{CUR_2024}") -> Path:
    """A close on the real HSBC statement, made at test time in tmp_path (never in the
    project): synthetic books the generator writes for the good statement's lines, and
    beside them the corpus PDF named by `key` (the seeded one does not prove)."""
    import random
    import sys

    from month_end_close.statements import read_statement

    generator = str(REPO_ROOT / "fixtures" / "close")
    if generator not in sys.path:
        sys.path.insert(0, generator)
    from synthetic import Mix, books_for, write_case

    (statement,) = read_statement(path(f"good/{CUR_2024}"))
    mix = Mix(timing=0.3, deposits=1, splits=1, transpositions=1, duplicates=1, fees=1, interest=0, returns=0,
              unknown=1, outstanding=2, in_transit=1)
    case = books_for(statement.lines, random.Random(20240108), mix, opening=statement.opening.value,
                     period="2024-01", start=statement.period_start, end=statement.period_end,
                     entity="Testname Trading Ltd (synthetic books)", currency="GBP")
    write_case(case, folder)
    shutil.copy(path(key), folder / CUR_2024)
    return folder


def test_a_close_on_a_real_pdf_statement_reconciles_and_cites_its_pages(tmp_path, capsys):
    from shared.documents.citation import parse_citation
    from shared.documents.verify import CitationVerifier

    folder = hsbc_close(tmp_path / "close")
    result = run_close(folder, tmp_path / "run", capsys)
    body, rec = result["body"], result["body"]["reconciliation"]
    truth = json.loads((folder / ".truth.json").read_text())
    assert len(body["bank_lines"]) == 59 and rec["proven"] is True
    assert Decimal(rec["statement"]["bank_balance"]) == Decimal("521.55")  # printed on the PDF
    assert Decimal(rec["statement"]["unexplained_difference"]) == 0
    found = {(b, l) for m in rec["matches"] for b in m["bank_ids"] for l in m["ledger_ids"]}
    assert found == {(b, l) for m in truth["matches"] for b in m["bank_ids"] for l in m["ledger_ids"]}
    assert {l["citation"]["kind"] for l in body["bank_lines"]} == {"pdf"}
    with CitationVerifier() as verifier:
        assert all(parse_citation(l["citation"]).verify(verifier).ok for l in body["bank_lines"])


def test_a_real_statement_that_does_not_prove_is_located_on_its_page(tmp_path, capsys):
    folder = hsbc_close(tmp_path / "close", key=f"bad_seeded_error/{CUR_2024}")
    result = run_close(folder, tmp_path / "run", capsys)
    codes = {f["code"]: f for f in result["findings"]}
    assert "page 3" in codes["running_balance_break"]["message"]
    assert result["status"] == "awaiting_review"


def test_a_trial_balance_that_does_not_balance_is_a_finding(tmp_path, capsys):
    folder = copy_sample(tmp_path)
    tb = folder / "tb_current.csv"
    lines = tb.read_text().splitlines()
    account, name, balance = lines[1].rsplit(",", 2)
    lines[1] = f"{account},{name},{Decimal(balance) + Decimal('0.01')}"
    tb.write_text("\n".join(lines) + "\n")
    result = run_close(folder, tmp_path / "run", capsys)
    (unbalanced,) = [f for f in result["findings"] if f["code"] == "trial_balance_out_of_balance"]
    assert "difference 0.01" in unbalanced["message"]


def test_no_statement_is_a_finding_and_every_cash_line_is_reported(tmp_path, capsys):
    folder = copy_sample(tmp_path)
    (folder / "bank.csv").unlink()
    result = run_close(folder, tmp_path / "run", capsys)
    assert "no_statement" in {f["code"] for f in result["findings"]}
    rec = result["body"]["reconciliation"]
    assert rec["matches"] == [] and len(rec["ledger_only"]) == len(result["body"]["ledger_lines"])


def _missing_ledger(folder: Path) -> tuple[Path, str]:
    (folder / "ledger.csv").unlink()
    return folder, "has no ledger.csv"


def _renamed_column(folder: Path) -> tuple[Path, str]:
    path = folder / "ledger.csv"
    path.write_text(path.read_text().replace("description", "narrative", 1))
    return path, "missing column(s) 'description'"


def _first_ledger_cell(folder: Path, column: int, value: str) -> Path:
    path = folder / "ledger.csv"
    lines = path.read_text().splitlines()
    cells = lines[1].split(",")
    cells[column] = value
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n")
    return path


def _amount_not_a_number(folder: Path) -> tuple[Path, str]:
    return _first_ledger_cell(folder, 4, "12.3.4"), "row 1, column 'amount': '12.3.4' is not an amount"


def _unknown_date(folder: Path) -> tuple[Path, str]:
    return (_first_ledger_cell(folder, 1, "31/02/2024"),
            "row 1, column 'date': '31/02/2024' is not a date in a known format")


def _malformed_mt940(folder: Path) -> tuple[Path, str]:
    path = folder / "statement.sta"
    path.write_text(":20:STARTUMS\n:25:12345678\n:28C:1\n:60F:X999999EUR1,00\n:61:garbage\n")
    return path, "statement.sta"


def _malformed_ofx(folder: Path) -> tuple[Path, str]:
    path = folder / "export.ofx"
    path.write_text("OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKTRANLIST>"
                    "<STMTTRN><TRNAMT>abc</STMTTRN>")
    return path, "export.ofx"


@pytest.mark.parametrize("spoil", [_missing_ledger, _renamed_column, _amount_not_a_number, _unknown_date,
                                   _malformed_mt940, _malformed_ofx])
def test_what_cannot_be_read_is_one_line_and_exit_2(tmp_path, capsys, spoil):
    target, expected = spoil(copy_sample(tmp_path))
    status = main(["run", "month_end_close", str(tmp_path / "close"), "--out", str(tmp_path / "run")])
    err = capsys.readouterr().err
    err = last_line(err)
    assert status == 2, err
    assert err.count("\n") == 1 and expected in err and str(target.name) in err
    assert "Traceback" not in err
