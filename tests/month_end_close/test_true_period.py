"""Issue 16, true statements only: the close period is checked against the documents. A
statement that does not touch the month, or a ledger with no line in it, is an error
finding; ledger lines dated outside the month are a warning naming how many and the
first of them; a statement straddling two months (9 Dec to 8 Jan) is normal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from month_end_close.period import period_findings
from month_end_close.records import Statement
from tests.month_end_close.lines import bank, book
from tests.month_end_close.statement_files import CUR_2024
from tests.month_end_close.test_run import copy_sample, hsbc_close, run_close
from tests.support.corpus import needs_corpus


def _set_period(folder, period: str) -> None:
    toml = folder / "close.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('period = "2024-01"', f'period = "{period}"'),
                    encoding="utf-8")


def test_a_statement_and_books_of_another_month_are_errors(tmp_path, capsys):
    folder = copy_sample(tmp_path)
    _set_period(folder, "2023-11")
    result = run_close(folder, tmp_path / "run", capsys)
    found = {f["code"]: f for f in result["findings"]}
    statement, ledger = found["statement_outside_period"], found["ledger_outside_period"]
    assert (statement["severity"], statement["subject"]) == ("error", "bank.csv")
    assert "does not overlap the close period 2023-11 (01 Nov 2023 to 30 Nov 2023)" in statement["message"]
    assert ledger["severity"] == "error"
    assert "ledger.csv has no line dated in the close period 2023-11: its 133 lines run from 01 Jan 2024 to " \
           "31 Jan 2024" in ledger["message"]


def test_ledger_lines_outside_the_period_are_a_warning_with_the_count_and_the_first(tmp_path, capsys):
    folder = copy_sample(tmp_path)
    ledger = folder / "ledger.csv"
    rows = ledger.read_text(encoding="utf-8").splitlines()
    moved = [i for i, row in enumerate(rows) if row.split(",")[0] in ("L000110", "L000111", "L000112", "L000113",
                                                                      "L000114", "L000115", "L000116")]
    for i in moved:  # the month's day books posted into February
        rows[i] = rows[i].replace(",2024-01-31,", ",2024-02-01,")
    ledger.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run_close(folder, tmp_path / "run", capsys)
    (warning,) = [f for f in result["findings"] if f["code"] == "ledger_lines_outside_period"]
    assert warning["severity"] == "warning" and len(moved) == 7
    assert warning["message"] == ("7 of the 133 lines of ledger.csv are dated outside the close period 2024-01 "
                                  "(01 Jan 2024 to 31 Jan 2024): L000110 (01 Feb 2024), L000111 (01 Feb 2024), "
                                  "L000112 (01 Feb 2024), L000113 (01 Feb 2024), L000114 (01 Feb 2024) and 2 more")
    assert [c["row"] for c in warning["citations"]] == [110, 111, 112, 113, 114]
    assert not [f for f in result["findings"] if f["severity"] == "error"]


def _straddling(start: str, end: str) -> Statement:
    lines = (bank("B1", start, "OPENING PAYMENT", "-10.00"), bank("B2", end, "CLOSING RECEIPT", "10.00"))
    return Statement("statement.pdf", "0" * 64, "pdf", lines, period_start=dt.date.fromisoformat(start),
                     period_end=dt.date.fromisoformat(end), opening=None, closing=None)


def test_a_statement_straddling_two_months_is_normal_in_either():
    statement = _straddling("2023-12-09", "2024-01-08")
    books = [book("L1", "2024-01-05", "Receipt", "10.00")]
    assert period_findings("2024-01", [statement], books) == []
    outside = period_findings("2023-12", [statement], books)
    assert [(f.code, f.severity) for f in outside] == [("ledger_outside_period", "error")]  # the books are January's
    (later,) = [f for f in period_findings("2024-02", [statement], books) if f.subject == "statement.pdf"]
    assert later.code == "statement_outside_period" and "09 Dec 2023 to 08 Jan 2024" in later.message
    assert period_findings(None, [statement], []) == []  # no period given: nothing to check against


def test_an_empty_ledger_is_no_books_of_the_period():
    (empty,) = period_findings("2024-01", [], [])
    assert (empty.code, empty.severity, empty.message) == (
        "ledger_outside_period", "error", "ledger.csv has no lines: nothing of the close period 2024-01")


@needs_corpus
def test_the_real_statement_from_9_december_to_8_january_closes_january(tmp_path, capsys):
    result = run_close(hsbc_close(tmp_path / "close"), tmp_path / "run", capsys)
    codes = {f["code"]: f for f in result["findings"]}
    assert "statement_outside_period" not in codes and "ledger_outside_period" not in codes
    # The generator books the statement's December lines in December: true, and said.
    assert codes["ledger_lines_outside_period"]["severity"] == "warning"
    assert CUR_2024 in {i["path"].rsplit("/", 1)[-1] for i in result["inputs"]}
    assert Decimal(result["body"]["reconciliation"]["statement"]["unexplained_difference"]) == 0
