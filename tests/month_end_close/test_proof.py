"""The statement proof: the good HSBC statements (in the corpus) prove; both seeded errors are caught and
located with the right line and difference; continuity, gaps and running balances on
small statements built here."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from month_end_close.proof import proof_summary, prove
from month_end_close.records import CitedAmount, Statement
from tests.month_end_close.lines import bank
from tests.month_end_close.statement_files import CARD, CUR_2024, GOOD, statement
from tests.support.corpus import needs_corpus

D = Decimal


@needs_corpus
@pytest.mark.parametrize("key", GOOD)
def test_every_good_statement_proves_with_no_finding(key):
    assert prove([statement(key)]) == []
    summary = proof_summary(statement(key))
    assert summary["proves"] is True and summary["difference"] == 0
    assert summary["closing_computed"] == summary["closing_printed"] == statement(key).closing.value


def test_the_altered_paid_in_line_is_located_on_page_three():
    findings = {f.code: f for f in prove([statement(f"bad_seeded_error/{CUR_2024}")])}
    assert set(findings) == {"statement_does_not_prove", "statement_total_differs", "running_balance_break"}
    broken = findings["running_balance_break"]
    assert broken.subject == f"{CUR_2024}:3:15" and broken.severity == "error"
    assert "breaks on 05 Jan 2024 on page 3" in broken.message and "a difference of 5.00" in broken.message
    assert f"likely {CUR_2024}:3:14 (05 Jan 2024, 'TFR 001122 87654321 MWGJXWJG GXLWVTJX', +495.00)" in broken.message
    assert [(c.page, c.text) for c in broken.citations] == [(3, "2,515.66"), (3, "495.00")]
    assert "is 521.55: a difference of 5.00" in findings["statement_does_not_prove"].message
    assert "money in comes to 4,854.93, but the summary prints 4,859.93" in findings["statement_total_differs"].message


def test_the_altered_new_balance_is_located_in_the_summary():
    (finding,) = prove([statement(f"bad_seeded_error/{CARD}")])
    assert finding.code == "statement_does_not_prove" and finding.severity == "error"
    assert finding.message.endswith("= -2,562.50, but the closing balance printed on page 1 is -2,563.50: "
                                    "a difference of 1.00")
    assert [(c.page, c.text) for c in finding.citations] == [(1, "2,549.97"), (1, "2563.50")]
    summary = proof_summary(statement(f"bad_seeded_error/{CARD}"))
    assert summary["difference"] == D("-1.00") and summary["proves"] is False


def test_consecutive_statements_of_one_account_chain():
    january = statement("good/anonymised_HSBC_UK_CUR_12345678_20220108.pdf")
    february = statement("good/anonymised_HSBC_UK_CUR_12345678_20220208.pdf")
    assert january.closing.value == february.opening.value == D("3003.49")
    assert prove([february, january]) == []  # put in date order before chaining
    moved = replace(february, opening=CitedAmount(D("3000.00"), february.opening.citation),
                    lines=february.lines, closing=CitedAmount(D("1588.85"), february.closing.citation))
    (broken,) = [f for f in prove([january, moved]) if f.code == "statement_discontinuity"]
    assert "opens at 3,000.00 on page 1" in broken.message and "a difference of 3.49" in broken.message
    assert [c.text for c in broken.citations] == ["3,003.49", "3,003.49"]


def test_balances_that_do_not_chain_across_missing_months_are_a_gap():
    february = statement("good/anonymised_HSBC_UK_CUR_12345678_20220208.pdf")
    december = statement(f"good/{CUR_2024}")
    (gap,) = prove([february, december])
    assert gap.code == "statement_gap" and gap.severity == "warning"
    assert "from 08 Feb 2022 to 09 Dec 2023" in gap.message


def test_other_accounts_and_a_copy_of_the_same_statement_are_not_chained():
    cur = statement(f"good/{CUR_2024}")
    assert prove([cur, statement("good/anonymised_HSBC_UK_SAV_87654321_20240108.pdf"), cur]) == []


def _made(lines, opening, closing, balances=()) -> Statement:
    with_balances = tuple(replace(line, balance=CitedAmount(D(b))) if b else line
                          for line, b in zip(lines, list(balances) + [None] * len(lines)))
    return Statement("bank.csv", "0" * 64, "csv", with_balances, account="1",
                     opening=CitedAmount(D(opening)), closing=CitedAmount(D(closing)))


def test_each_separate_running_balance_error_is_reported_once():
    lines = [bank(f"B{i}", "2024-03-0" + str(i), f"line {i}", amount) for i, amount in
             enumerate(["-10.00", "-20.00", "5.00", "-1.00"], 1)]
    made = _made(lines, "100.00", "73.00", balances=["90.00", "71.00", "76.00", "74.00"])
    breaks = [f for f in prove([made]) if f.code == "running_balance_break"]
    assert [(f.subject, f.message.split(": a difference of ")[1][:4]) for f in breaks] == [("B2", "1.00"),
                                                                                          ("B4", "1.00")]
    assert "The error is in one of these lines: B2" in breaks[0].message


def test_a_statement_without_an_opening_says_what_the_lines_imply():
    lines = [bank("B1", "2024-03-01", "fee", "-2.50")]
    made = replace(_made(lines, "0", "97.50"), opening=None)
    (unproved,) = prove([made])
    assert unproved.code == "statement_unproved" and unproved.severity == "warning"
    assert unproved.message == "bank.csv has no opening balance, so its lines cannot be proved against one; " \
                               "they imply an opening balance of 100.00"
    assert proof_summary(made)["proves"] is False


def test_proof_summary_figures():
    summary = proof_summary(statement("good/anonymised_HSBC_UK_SAV_87654321_20240108.pdf"))
    assert summary == {"opening": D("2082.60"), "money_in": D("17.92"), "money_out": D("500.00"),
                       "money_in_printed": D("17.92"), "money_out_printed": D("500.00"),
                       "closing_computed": D("1600.52"), "closing_printed": D("1600.52"),
                       "difference": D("0.00"), "proves": True}
    assert date(2024, 1, 8) == statement("good/anonymised_HSBC_UK_SAV_87654321_20240108.pdf").period_end
