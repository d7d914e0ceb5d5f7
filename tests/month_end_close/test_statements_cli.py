"""`finagents statement FILE... [--json | --csv]` (CONTRACT.md, "Bank statements"): the
lines and the proof for a person, a JSON object per statement, a CSV a spreadsheet
opens; exit 2 with the reason for a file that cannot be read."""

from __future__ import annotations

import csv
import io
import json

import pytest

from shared.cli import main
from tests.month_end_close.test_statements_made import Col, Sheet, make
from tests.month_end_close.test_statements_model import GOOD, _answer
from tests.support.corpus import corpus_path
from tests.support.messages_api import message

POSTBANK = "close/statements_more/postbank_demokonto_2020-01.pdf"
CONTRACT_KEYS = {"file", "sha256", "format", "bank", "account", "currency", "period_start", "period_end", "method",
                 "opening", "closing", "lines", "proof"}
PROOF_KEYS = {"proves", "opening", "money_in", "money_out", "closing_computed", "closing_printed", "difference",
              "first_break"}


@pytest.fixture
def two_in_one(tmp_path):
    columns = [Col("Date", 40), Col("Description", 100), Col("Paid out", 330, right=True),
               Col("Paid in", 400, right=True), Col("Balance", 480, right=True)]
    first = Sheet(["Statement 1 April 2024 to 30 April 2024", "Opening balance 200.00", "Closing balance 150.00"],
                  columns, [["10 Apr", "Meadow Books, Online", "50.00", "", "150.00"]])
    second = Sheet(["Statement 1 May 2024 to 31 May 2024", "Opening balance 150.00", "Closing balance 400.00"],
                   columns, [["02 May", "Salary", "", "250.00", "400.00"]])
    return make(tmp_path / "both.pdf", first, second)


def test_json_is_one_object_per_statement_with_the_lines_and_the_proof(two_in_one, capsys):
    assert main(["statement", "--json", str(two_in_one)]) == 0
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert set(first) >= CONTRACT_KEYS and set(first["proof"]) == PROOF_KEYS
    assert (first["format"], first["method"], first["opening"], first["closing"]) == ("pdf", "rules", "200.00",
                                                                                      "150.00")
    assert first["proof"] == {"proves": True, "opening": "200.00", "money_in": "0", "money_out": "50.00",
                              "closing_computed": "150.00", "closing_printed": "150.00", "difference": "0.00",
                              "first_break": None}
    (line,) = first["lines"]
    assert {k: line[k] for k in ("id", "date", "description", "amount", "balance")} == {
        "id": "both.pdf:1:1", "date": "2024-04-10", "description": "Meadow Books, Online", "amount": "-50.00",
        "balance": "150.00"}
    assert (line["citation"]["page"], line["citation"]["text"], line["citation"]["verified"]) == (1, "50.00", True)
    assert (second["period_start"], second["lines"][0]["amount"]) == ("2024-05-01", "250.00")


def test_csv_is_the_lines_of_every_statement_for_a_spreadsheet(two_in_one, capsys):
    assert main(["statement", "--csv", str(two_in_one)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert [(r["id"], r["date"], r["description"], r["amount"], r["balance"]) for r in rows] == [
        ("both.pdf:1:1", "2024-04-10", "Meadow Books, Online", "-50.00", "150.00"),
        ("both.pdf:2:1", "2024-05-02", "Salary", "250.00", "400.00")]


def test_the_human_output_prints_the_lines_and_the_proof(capsys):
    assert main(["statement", str(corpus_path(POSTBANK))]) == 0
    out = capsys.readouterr().out
    assert "11 lines:" in out and "2020-01-21          -125.80" in out
    assert "closing computed: 5,314.05" in out and "closing printed: 5,314.05" in out
    assert "the statement proves" in out


def test_a_statement_that_does_not_prove_says_where_it_breaks(tmp_path, capsys):
    columns = [Col("Date", 40), Col("Description", 100), Col("Amount", 400, right=True),
               Col("Balance", 480, right=True)]
    sheet = Sheet(["Statement 1 March 2024 to 31 March 2024", "Opening balance 100.00", "Closing balance 75.50"],
                  columns, [["05 Mar", "Bluefin Coffee", "-4.50", "95.50"],
                            ["12 Mar", "Orbit Mobile", "-20.00", "57.50"]])
    assert main(["statement", "--json", str(make(tmp_path / "typo.pdf", sheet))]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["proof"]["proves"] is False and shown["proof"]["first_break"] == "typo.pdf:1:2"
    assert "statement_unproved" in {f["code"] for f in shown["findings"]}


def test_a_file_that_cannot_be_read_is_exit_2_with_the_reason(tmp_path, make_pdf, capsys):
    scan = make_pdf("scan.pdf", None, image=True)
    assert main(["statement", str(scan)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"finagents: {scan}: has no text layer (a scan)") and "\n" not in err
    assert "CSV, OFX or MT940" in err


def test_json_and_csv_together_is_a_usage_error(two_in_one, capsys):
    assert main(["statement", "--json", "--csv", str(two_in_one)]) == 2
    assert "give --json or --csv, not both" in capsys.readouterr().err


def test_a_model_without_a_key_is_exit_2(two_in_one, capsys, monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    assert main(["statement", "--model", "claude-sonnet-4-6", str(two_in_one)]) == 2
    assert "needs ANTHROPIC_API_KEY" in capsys.readouterr().err


def test_with_a_model_a_scan_is_read_and_says_so(make_pdf, messages_api, capsys, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-loopback-test-key-0123456789")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", messages_api.url)
    messages_api.script(message(_answer(*GOOD)))
    scan = make_pdf("scan.pdf", None, image=True)
    assert main(["statement", "--json", "--model", "claude-sonnet-4-6", str(scan)]) == 0
    captured = capsys.readouterr()
    shown = json.loads(captured.out)
    assert (shown["method"], shown["proof"]["proves"], [l["amount"] for l in shown["lines"]]) == (
        "model", True, ["-4.50", "-20.00"])
    assert "statement_read_by_model" in captured.err
    assert shown["lines"][0]["citation"]["verified"] is False  # a scan: cited by its page only


def test_the_csv_makes_a_formula_in_a_description_inert(tmp_path, capsys):
    from shared.cli import main

    bank = tmp_path / "bank.csv"
    bank.write_text('id,date,description,amount,balance\nB1,2024-03-01,"=HYPERLINK(""http://x"",""y"")",-12.50,87.50\n'
                    "B2,2024-03-02,@SUM(A1),-1.00,86.50\n", encoding="utf-8")
    assert main(["statement", str(bank), "--csv"]) == 0
    rows = capsys.readouterr().out.lstrip("\ufeff").splitlines()
    assert '"\'=HYPERLINK(""http://x"",""y"")",-12.50,87.50,' in rows[1]  # text inert, amounts still numbers
    assert ",'@SUM(A1),-1.00,86.50," in rows[2]
