"""The OFX reader: amounts, dates as printed, ledger balances and accounts of each
corpus file, records numbered through the file and cited, and malformed files refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from month_end_close.statements import read_statement
from shared.documents.verify import CitationVerifier
from tests.month_end_close.statement_files import refusal
from tests.support.corpus import corpus_path

D = Decimal


def _file(name: str) -> Path:
    """A corpus file, read in place (the test skips without a corpus)."""
    return corpus_path(f"close/ofx/{name}")


# Read from each file by eye: (account, currency, ledger balance, [(date, amount)]).
EXPECTED = {
    "anzcc.ofx": [("1234123412341234", "AUD", "-123.45", [("2017-05-08", "-5.50")])],
    "bank_medium.ofx": [("12300 000012345678", "CAD", "382.34",
                         [("2009-04-01", "-6.60"), ("2009-04-02", "-316.67"), ("2009-04-03", "-22.00")])],
    "checking.ofx": [("1452687~7", "USD", "100.99",
                      [("2011-03-31", "0.01"), ("2011-04-05", "-34.51"), ("2011-04-07", "-25.00")])],
    "multiple_accounts2.ofx": [("9100", "USD", "111", []), ("9200", "USD", "222", [])],
    "suncorp.ofx": [("123456789", "AUD", "1234.12", [("2013-12-15", "-16.85")])],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_accounts_balances_and_lines_equal_the_file(name):
    statements = read_statement(_file(name))
    read = [(s.account, s.currency, s.closing.value, [(line.date.isoformat(), line.amount) for line in s.lines])
            for s in statements]
    assert read == [(a, c, D(b), [(d, D(x)) for d, x in lines]) for a, c, b, lines in EXPECTED[name]]
    assert all(s.opening is None and s.format == "ofx" for s in statements)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_citation_verifies(name):
    statements = read_statement(_file(name))
    cited = [line.citation for s in statements for line in s.lines] + [s.closing.citation for s in statements]
    with CitationVerifier() as verifier:
        assert [(c.text, r.reason) for c in cited if not (r := verifier.verify(c))] == []


def test_a_record_is_cited_by_its_number_lines_and_printed_amount():
    (statement,) = read_statement(_file("checking.ofx"))
    line = statement.lines[2]
    assert (line.id, line.citation.record, line.citation.lines, line.citation.text) == (
        "checking.ofx:3", 3, (62, 70), "-25.00")
    assert line.reference == "319" and line.description.startswith("RETURNED CHECK FEE, CHECK # 319")
    assert (statement.period_start, statement.period_end) == (date(2000, 1, 1), date(2013, 5, 25))


def test_the_posted_date_is_taken_as_printed_not_moved_to_utc():
    (statement,) = read_statement(_file("bank_medium.ofx"))
    # DTPOSTED 20090401122017.000[-5:EST]: the package would give 17:20 UTC; the date stays.
    assert statement.lines[0].date == date(2009, 4, 1)
    assert [line.citation.lines for line in statement.lines] == [(15, 15), (16, 16), (17, 17)]


ACCOUNT = ("<STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>1<ACCTID>{id}<ACCTTYPE>CHECKING</BANKACCTFROM>"
           "<BANKTRANLIST><DTSTART>20240101<DTEND>20240131\n{lines}</BANKTRANLIST>"
           "<LEDGERBAL><BALAMT>{balance}<DTASOF>20240131</LEDGERBAL></STMTRS></STMTTRNRS>\n")
LINE = "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>202401{day}<TRNAMT>{amount}<FITID>{day}<NAME>Shop</STMTTRN>\n"
HEADER = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1>\n"


def _ofx(tmp_path, body: str):
    path = tmp_path / "export.ofx"
    path.write_text(HEADER + body + "</BANKMSGSRSV1></OFX>\n", encoding="utf-8")
    return path


def test_records_are_numbered_through_the_file_across_accounts(tmp_path):
    first = ACCOUNT.format(id="A", balance="90.00", lines=LINE.format(day="02", amount="-10.00"))
    second = ACCOUNT.format(id="B", balance="5.00", lines=LINE.format(day="03", amount="-1.50")
                            + LINE.format(day="04", amount="6.50"))
    path = _ofx(tmp_path, first + second)
    a, b = read_statement(path)
    assert [line.id for line in a.lines + b.lines] == ["export.ofx:1", "export.ofx:2", "export.ofx:3"]
    assert [line.amount for line in b.lines] == [D("-1.50"), D("6.50")]
    assert (a.account, a.closing.value, b.account, b.closing.value) == ("A", D("90.00"), "B", D("5.00"))


def test_an_amount_that_is_not_a_number_is_an_input_error(tmp_path):
    path = _ofx(tmp_path, ACCOUNT.format(id="A", balance="1.00", lines=LINE.format(day="02", amount="ten")))
    assert refusal(read_statement, path) == f"{path}: is not a readable OFX file: OfxParserException: Invalid " \
                                            "Transaction Amount: 'ten'"


def test_a_file_that_is_not_ofx_is_refused(tmp_path):
    path = tmp_path / "export.qfx"
    path.write_text("Date,Amount\n2024-01-02,5.00\n", encoding="utf-8")
    assert refusal(read_statement, path) == f"{path}: is not an OFX file (no <OFX> element)"


def test_an_ofx_file_with_no_account_statement_is_refused(tmp_path):
    path = _ofx(tmp_path, "")
    assert refusal(read_statement, path) == f"{path}: is not an OFX statement (no <STMTRS> or <CCSTMTRS> account)"
