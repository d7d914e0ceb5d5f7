"""The bank CSV reader: values, signs, dates, a client's headers, balances as opening and
closing, citations that verify, the errors that name file, row and column, and speed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import accumulate

import pytest

from month_end_close.statements import read_bank_csv, read_statement
from shared.documents.errors import MissingColumns
from shared.documents.verify import CitationVerifier
from tests.month_end_close.statement_files import refusal

D = Decimal


def _csv(tmp_path, text: str, name: str = "bank.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_lines_amounts_dates_and_citations(tmp_path):
    path = _csv(tmp_path, "id,date,description,amount,reference\n"
                          "B1,2024-03-01,  Card   payment  ACME ,-12.50,\n"
                          'B2,04/03/2024,Transfer in,"1,250.00",INV-7\n'
                          "B3,05 Mar 2024,Fee,(3.00),\n"
                          "B4,15/03/2024,Interest,0.42,\n")  # a day over 12: the column is day first
    statement = read_bank_csv(path)
    assert [(l.id, l.date, l.description, l.amount, l.reference) for l in statement.lines] == [
        ("B1", date(2024, 3, 1), "Card payment ACME", D("-12.50"), None),
        ("B2", date(2024, 3, 4), "Transfer in", D("1250.00"), "INV-7"),
        ("B3", date(2024, 3, 5), "Fee", D("-3.00"), None), ("B4", date(2024, 3, 15), "Interest", D("0.42"), None)]
    assert [(c.row, c.column, c.text) for c in (l.citation for l in statement.lines)] == [
        (1, "amount", "-12.50"), (2, "amount", "1,250.00"), (3, "amount", "(3.00)"), (4, "amount", "0.42")]
    with CitationVerifier() as verifier:
        assert all(verifier.verify(line.citation) for line in statement.lines)
    assert (statement.format, statement.opening, statement.closing) == ("csv", None, None)


def test_the_balance_column_gives_running_balances_opening_and_closing(tmp_path):
    path = _csv(tmp_path, "id,date,description,amount,balance\n"
                          "B1,2024-03-01,a,-10.00,90.00\nB2,2024-03-02,b,5.00,95.00\n")
    statement = read_statement(path)[0]
    assert [l.balance.value for l in statement.lines] == [D("90.00"), D("95.00")]
    assert statement.opening.value == D("100.00") and statement.opening.citation is None  # worked out, not printed
    assert statement.closing.value == D("95.00") and statement.closing.citation.row == 2
    given = read_bank_csv(path, opening=D("100.00"), closing=D("96.00"))
    assert (given.opening.value, given.closing.value) == (D("100.00"), D("96.00"))


def test_a_file_exported_newest_first_is_turned_round(tmp_path):
    path = _csv(tmp_path, "id,date,description,amount,balance\n"
                          "B2,2024-03-02,b,5.00,95.00\nB1,2024-03-01,a,-10.00,90.00\n")
    statement = read_bank_csv(path)
    assert [l.id for l in statement.lines] == ["B1", "B2"] and statement.opening.value == D("100.00")
    assert statement.lines[0].citation.row == 2


def test_debit_and_credit_columns_under_a_clients_headers(tmp_path):
    path = _csv(tmp_path, "Ref,Posted,Narrative,Paid out,Paid in\n"
                          "T1,2024-03-01,Rent,1000.00,\nT2,2024-03-02,Refund,,25.00\nT3,2024-03-03,Card,-4.00,\n")
    columns = {"id": "Ref", "date": "Posted", "description": "Narrative", "debit": "Paid out", "credit": "Paid in"}
    statement = read_bank_csv(path, columns)
    assert [(l.id, l.amount, l.citation.column) for l in statement.lines] == [
        ("T1", D("-1000.00"), "Paid out"), ("T2", D("25.00"), "Paid in"), ("T3", D("-4.00"), "Paid out")]
    with CitationVerifier() as verifier:
        assert all(verifier.verify(line.citation) for line in statement.lines)


HEADER = "id,date,description,amount\n"
REFUSED = [  # (the file, the problem the user is told; the file's path comes first)
    ("id,date,amount\nB1,2024-03-01,1.00\n", "missing column(s) 'description' (found: id, date, amount)"),
    ("id,date,description,value\nB1,2024-03-01,x,1.00\n",
     "missing column(s) 'amount' (found: id, date, description, value)"),
    ("id,date,description,debit\nB1,2024-03-01,x,1.00\n",
     "missing column(s) 'credit' (found: id, date, description, debit)"),
    (HEADER + "B1,2024-03-01,x,1.00\nB2,2024-03-02,y,1O.00\n", "row 2, column 'amount': '1O.00' is not an amount"),
    (HEADER + "B1,2024-03-01,x,1.00\nB1,2024-03-02,y,2.00\n",
     "row 2, column 'id': id 'B1' is used again (first at row 1)"),
    (HEADER + " ,2024-03-01,x,1.00\n", "row 1, column 'id': the id is empty"),
    ("id,date,description,debit,credit\nB1,2024-03-01,x,1.00,2.00\n",
     "row 1, columns 'debit' and 'credit': both have an amount"),
    *((HEADER + f"B1,{day},x,1.00\n", f"row 1, column 'date': '{day}' is not a date in a known format "
       "(Y-m-d, d/m/Y, d b Y, d B Y, d-b-Y, Y/m/d)") for day in ("2024.03.01", "03/01/24", "13/13/2024", "March 1st")),
]


@pytest.mark.parametrize(("text", "problem"), REFUSED)
def test_what_cannot_be_read_is_one_line_naming_the_file_and_the_problem(tmp_path, text, problem):
    path = _csv(tmp_path, text)
    assert refusal(read_bank_csv, path) == f"{path}: {problem}"


def test_a_missing_column_is_the_shared_typed_error(tmp_path):
    with pytest.raises(MissingColumns):
        read_bank_csv(_csv(tmp_path, "id,date,amount\nB1,2024-03-01,1.00\n"))


def _big_file(tmp_path, rows: int):
    """A year's worth of a busy account: amounts in cents, with the running balance."""
    cents = [(i * 7919) % 900_000 - 450_000 for i in range(rows)]
    balances = list(accumulate(cents))
    body = "".join(f"B{i},2024-03-{i % 28 + 1:02d},PAYMENT {i} ACME LTD,{_cents(c)},{_cents(b)}\n"
                   for i, (c, b) in enumerate(zip(cents, balances)))
    return _csv(tmp_path, "id,date,description,amount,balance\n" + body), cents, balances


def _cents(value: int) -> str:
    return f"{'-' if value < 0 else ''}{abs(value) // 100}.{abs(value) % 100:02d}"


def test_a_hundred_thousand_rows_are_read_to_the_last_cent(tmp_path):
    # How fast is for benchmarks/reconcile_speed.py ("read s"); here, that nothing is lost.
    path, cents, balances = _big_file(tmp_path, 100_000)
    statement = read_bank_csv(path)
    assert len(statement.lines) == 100_000 and statement.lines[-1].id == "B99999"
    assert statement.lines[-1].amount == D(_cents(cents[-1])) and statement.lines[-1].citation.row == 100_000
    assert statement.closing.value == D(_cents(balances[-1])) and statement.closing.citation.column == "balance"
