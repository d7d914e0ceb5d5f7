"""The books side: reading the ledger and trial balances, the trial-balance checks, flux
thresholds and drivers, and proposed entries that balance."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from month_end_close.context import EntryAccounts
from month_end_close.entries import propose
from month_end_close.flux import compare, flux_table, offline_explanation
from month_end_close.ledger import read_balances, read_ledger
from month_end_close.reconcile import MatchSettings, reconcile
from month_end_close.trial_balance import activity, balances_check, cash_check, roll_forward
from shared.errors import InputError
from tests.month_end_close.lines import bank, book

D = Decimal


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_ledger_reads_amounts_dates_and_cites_the_cell(tmp_path):
    path = _write(tmp_path / "ledger.csv", "id,date,account,description,amount,reference\n"
                  "L1,2024-03-05,1000,Receipt Acme,\"1,250.00\",J1\nL2,05/03/2024,4000,Sales Acme,(1250.00),J1\n"
                  "L3,28/03/2024,6900,Bank charge,3.00,J2\n")  # a day over 12 settles day first
    first, second, _ = read_ledger(path)
    assert (first.date, first.amount, first.reference) == (date(2024, 3, 5), D("1250.00"), "J1")
    assert (second.date, second.amount) == (date(2024, 3, 5), D("-1250.00"))
    assert (second.citation.row, second.citation.column, second.citation.text) == (2, "amount", "(1250.00)")
    assert second.citation.verify().ok


def test_a_us_export_is_read_month_first_from_its_own_dates(tmp_path):
    path = _write(tmp_path / "ledger.csv", "id,date,account,description,amount\n"
                  "L1,03/04/2024,1000,x,1.00\nL2,03/15/2024,1000,y,2.00\n")
    assert [line.date for line in read_ledger(path)] == [date(2024, 3, 4), date(2024, 3, 15)]


def test_ledger_debit_and_credit_columns_and_a_client_header(tmp_path):
    path = _write(tmp_path / "ledger.csv", "Ref,Posted,GL,Narrative,debit,credit\n"
                  "L1,2024-03-05,1000,Receipt,100.00,\nL2,2024-03-05,4000,Sales,,100.00\n")
    columns = {"id": "Ref", "date": "Posted", "account": "GL", "description": "Narrative"}
    lines = read_ledger(path, columns)
    assert [(l.id, l.account, l.amount, l.citation.column) for l in lines] == [
        ("L1", "1000", D("100.00"), "debit"), ("L2", "4000", D("-100.00"), "credit")]


@pytest.mark.parametrize("text, message", [
    ("id,date,account,amount\nL1,2024-03-05,1000,1.00\n", "missing column(s) 'description'"),
    ("id,date,account,description\nL1,2024-03-05,1000,x\n", "missing column(s) 'amount' (found: id, date, account, "
                                                           "description)"),
    ("id,date,account,description,amount\nL1,2024-03-05,1000,x,twelve\n",
     "row 1, column 'amount': 'twelve' is not an amount"),
    ("id,date,account,description,amount\nL1,31/02/2024,1000,x,1.00\n",
     "row 1, column 'date': '31/02/2024' is not a date in a known format"),
    ("id,date,account,description,amount\nL1,2024-03-05,1000,x,1.00\nL2,02/03/2024,1000,y,2.00\n",
     "row 2, column 'date': '02/03/2024' could be day first or month first, and no date in the column settles "
     "which (none has a day over 12): write dates as YYYY-MM-DD"),
    ("id,date,account,description,amount\nL1,15/03/2024,1000,x,1.00\nL2,03/16/2024,1000,y,2.00\n",
     "column 'date' writes dates both day first (row 1) and month first (row 2)"),
    ("id,date,account,description,amount\nL1,2024-03-05,1000,x,1.00\nL1,2024-03-06,1000,y,2.00\n",
     "row 2, column 'id': id 'L1' is used again (first at row 1)"),
])
def test_bad_ledgers_are_one_clear_line(tmp_path, text, message):
    path = _write(tmp_path / "ledger.csv", text)
    with pytest.raises(InputError) as caught:
        read_ledger(path)
    assert message in str(caught.value) and "ledger.csv" in str(caught.value)


def _tb(tmp_path, name, rows):
    return read_balances(_write(tmp_path / name, "account,name,balance\n" + "".join(
        f"{a},{n},{b}\n" for a, n, b in rows)))


def test_trial_balance_checks(tmp_path):
    prior = _tb(tmp_path, "tb_prior.csv", [("1000", "Cash", "500.00"), ("3000", "Equity", "-500.00")])
    current = _tb(tmp_path, "tb_current.csv", [("1000", "Cash", "620.00"), ("3000", "Equity", "-500.00"),
                                                ("4000", "Sales", "-100.00")])
    ledger = [book("L1", "2024-03-05", "Receipt", "100.00"), book("L2", "2024-03-05", "Sales", "-100.00", "4000")]
    assert balances_check("prior trial balance", prior) == []
    (unbalanced,) = balances_check("current trial balance", current)
    assert "debits 620.00, credits 600.00, difference 20.00" in unbalanced.message
    (broken,) = roll_forward(prior, current, activity(ledger))
    assert broken.subject == "1000" and "500.00 + ledger activity 100.00 = 600.00" in broken.message
    assert "shows 620.00 (difference 20.00)" in broken.message and len(broken.citations) == 2
    (cash,) = cash_check(current, "1000", D("600.00"))
    assert "difference 20.00" in cash.message


def test_flux_flags_only_when_both_thresholds_pass():
    assert compare(D("1500"), D("1000"), D("1000"), D("10")).flagged is False  # 500: below the amount
    assert compare(D("101000"), D("100000"), D("1000"), D("10")).flagged is False  # 1%: below the percentage
    flagged = compare(D("2200"), D("1000"), D("1000"), D("10"))
    assert (flagged.flagged, flagged.change, flagged.percent) == (True, D("1200"), D("120.0"))
    assert compare(D("5000"), D("0"), D("1000"), D("10")).percent is None


def test_flux_drivers_are_the_largest_lines_moving_the_balance_that_way(tmp_path):
    prior = _tb(tmp_path, "p.csv", [("6200", "Repairs", "2000.00")])
    current = _tb(tmp_path, "c.csv", [("6200", "Repairs", "14000.00")])
    ledger = [book("L1", "2024-03-03", "Small repair", "200.00", "6200"),
              book("L2", "2024-03-14", "Roof repair", "11800.00", "6200"),
              book("L3", "2024-03-20", "Credit note", "-50.00", "6200"),
              book("L4", "2024-03-21", "Paint", "50.00", "6200")]
    (row,) = flux_table(current, prior, None, ledger, D("1000"), D("10"), 2)
    assert [d.id for d in row.drivers] == ["L2", "L1"]
    text = offline_explanation(row)
    assert text.startswith("Debit positive: 12,000.00 (600.0%) on the prior period, the debit balance up.")
    assert "L2 2024-03-14 'Roof repair' 11,800.00" in text


def test_revenue_is_described_in_its_own_sign(tmp_path):
    prior = _tb(tmp_path, "p.csv", [("4000", "Sales", "-10000.00")])
    current = _tb(tmp_path, "c.csv", [("4000", "Sales", "-15000.00")])
    ledger = [book("L1", "2024-03-03", "Big order", "-5000.00", "4000")]
    (row,) = flux_table(current, prior, None, ledger, D("1000"), D("10"), 5, frozenset({"4000"}))
    # The same signed figure as the table, and the direction in the account's own terms.
    assert offline_explanation(row).startswith("Debit positive: -5,000.00 (-50.0%) on the prior period, the credit "
                                               "balance up.")


def test_proposed_entries_balance_and_post_to_the_journal_contra():
    bank_lines = [bank("B1", "2024-03-31", "SERVICE CHARGE", "-12.50"),
                  bank("B2", "2024-03-31", "CREDIT INTEREST", "1.25"),
                  bank("B3", "2024-03-15", "BGC HALDEN 7781", "1234.00"),
                  bank("B4", "2024-03-20", "UNPAID CHEQUE RETURNED", "-80.00")]
    ledger = [book("L1", "2024-03-14", "Receipt Halden 7781", "1243.00", reference="J7"),
              book("L2", "2024-03-14", "Halden invoice 7781", "-1243.00", "1100", reference="J7")]
    rec = reconcile(bank_lines, ledger[:1], MatchSettings(), date(2024, 3, 31), D("0"), D("0"))
    entries = propose(rec, {b.id: b for b in bank_lines}, ledger, "1000", EntryAccounts())
    assert all(e.balanced for e in entries)
    shown = {e.support: [(l.account, l.debit, l.credit) for l in e.lines] for e in entries}
    assert shown[("B1",)] == [("6900", D("12.50"), D("0")), ("1000", D("0"), D("12.50"))]
    assert shown[("B2",)] == [("1000", D("1.25"), D("0")), ("7100", D("0"), D("1.25"))]
    assert shown[("B4",)] == [("1100", D("80.00"), D("0")), ("1000", D("0"), D("80.00"))]
    assert shown[("B3", "L1")] == [("1100", D("9.00"), D("0")), ("1000", D("0"), D("9.00"))]


def test_a_correction_to_a_journal_with_tax_goes_to_its_largest_account_and_says_so():
    bank_lines = [bank("B1", "2023-12-27", "))) NRRGV 2157 OJJHV", "-13.98")]
    ledger = [book("L58", "2023-12-27", "Nrrgv office costs 2157", "-13.89", reference="2157"),
              book("L59", "2023-12-27", "Nrrgv office costs", "11.57", "6450", reference="2157"),
              book("L60", "2023-12-27", "Nrrgv office costs VAT", "2.32", "2200", reference="2157")]
    rec = reconcile(bank_lines, ledger[:1], MatchSettings(), date(2023, 12, 31), D("0"), D("0"))
    (entry,) = propose(rec, {b.id: b for b in bank_lines}, ledger, "1000", EntryAccounts())
    assert [(l.account, l.debit, l.credit) for l in entry.lines] == [("6450", D("0.09"), D("0")),
                                                                      ("1000", D("0"), D("0.09"))]
    assert "6450, the largest, takes it; check the split" in entry.description
