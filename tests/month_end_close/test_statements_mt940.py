"""The MT940 reader: every corpus file equals its expected file transaction by transaction,
records and line ranges are cited and verify, several statements in one file, and a
malformed file is one clear input error."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from month_end_close.proof import prove
from month_end_close.statements import read_statement
from shared.documents.citation import TextCitation
from shared.documents.verify import CitationVerifier
from tests.month_end_close.statement_files import refusal
from tests.support.corpus import corpus_glob, corpus_path, needs_corpus

D = Decimal
MT940 = "close/mt940"
ALL = [p.name for p in corpus_glob(MT940, "*.sta")]  # empty without a corpus
WITH_TRUTH = [p.name for p in corpus_glob(MT940, "*.sta") if p.with_name(f"{p.stem}.expected.json").is_file()]


def _file(name: str) -> Path:
    return corpus_path(f"{MT940}/{name}")


def _expected(name: str) -> dict:
    return json.loads(_file(name).with_suffix(".expected.json").read_text(encoding="utf-8"))


@needs_corpus
@pytest.mark.parametrize("name", WITH_TRUTH)
def test_every_transaction_equals_the_expected_file(name):
    lines = [line for s in read_statement(_file(name)) for line in s.lines]
    expected = _expected(name)["transactions"]
    # The expected files leave a reversal of a credit (RC) positive; it is money out.
    truth = [(D(t["amount"]["amount"]) * (-1 if t["status"] == "RC" else 1), t["date"]) for t in expected]
    assert [(line.amount, line.date.isoformat()) for line in lines] == truth
    assert [line.id for line in lines] == [f"{name}:{n}" for n in range(1, len(lines) + 1)]


@needs_corpus
@pytest.mark.parametrize("name", WITH_TRUTH)
def test_final_balances_equal_the_expected_file(name):
    statements = read_statement(_file(name))
    truth = _expected(name)["statement"]
    finals = [s for s in statements if s.opening and ":60F:" in _line(s.opening.citation)]
    assert finals[-1].opening.value == D(truth["final_opening_balance"]["amount"]["amount"])
    closings = [s for s in statements if s.closing and ":62F:" in _line(s.closing.citation)]
    assert closings[-1].closing.value == D(truth["final_closing_balance"]["amount"]["amount"])


def _line(citation: TextCitation) -> str:
    return _file(citation.path.split("/")[-1]).read_text(encoding="utf-8").splitlines()[citation.line - 1]


def test_record_number_line_range_and_printed_amount_are_cited():
    first, second = read_statement(_file("jejik_abnamro.sta"))
    line = first.lines[0]
    assert (line.citation.record, line.citation.lines, line.citation.text) == (1, (8, 11), "9,")
    assert (line.date, line.amount) == (date(2011, 5, 24), D("-9"))
    assert line.description.startswith("GIRO 428428 KPN - DIGITENNE")
    assert second.lines[0].citation.record == 9 and second.lines[0].id == "jejik_abnamro.sta:9"
    assert (first.opening.value, first.closing.value, second.opening.value, second.closing.value) == (
        D("3236.28"), D("876.84"), D("2876.84"), D("1849.75"))
    assert (first.account, first.currency, first.period_start) == ("517852257", "EUR", date(2011, 5, 22))


@needs_corpus
@pytest.mark.parametrize("name", ALL)
def test_every_citation_verifies(name):
    statements = read_statement(_file(name))
    cited = [line.citation for s in statements for line in s.lines]
    cited += [f.citation for s in statements for f in (s.opening, s.closing) if f]
    with CitationVerifier() as verifier:
        assert [(c.text, r.reason) for c in cited if not (r := verifier.verify(c))] == []


def test_details_lines_of_a_record_end_before_the_next_tag():
    (statement,) = read_statement(_file("mBank_mt940.sta"))
    assert [line.citation.lines for line in statement.lines] == [(6, 11), (12, 17), (18, 23)]
    assert statement.lines[0].amount == D("0.01")


def test_one_statement_per_20_block_and_the_asn_file_proves():
    sns = read_statement(_file("jejik_sns.sta"))
    assert [len(s.lines) for s in sns] == [2, 0]
    asn = read_statement(_file("ASNB_mt940.sta"))
    assert len(asn) == 31 and sum(len(s.lines) for s in asn) == 8
    assert asn[0].lines[0].amount == D("-65.00") and asn[0].lines[0].reference == "NL47INGB9999999999"
    assert prove(asn) == []


def test_a_reversed_credit_is_money_out_and_its_statement_proves():
    first = read_statement(_file("betterplace_sepa_mt9401.sta"))[0]
    reversal = next(line for line in first.lines if line.citation.text == "204,88")
    assert reversal.amount == D("-204.88")
    assert [f for f in prove([first]) if f.code == "statement_does_not_prove"] == []


def _write(tmp_path, text: str):
    path = tmp_path / "bank.sta"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_malformed_transaction_line_names_the_file_and_the_line(tmp_path, capfd):
    path = _write(tmp_path, ":20:X\n:25:1\n:60F:C200101EUR1,00\n:61:20010101Q65,00NOVB\n:62F:C200101EUR1,00\n")
    assert refusal(read_statement, path) == f"{path}: is not a readable MT940 file: line 4: cannot read the :61: " \
                                            "tag '20010101Q65,00NOVB'"
    assert capfd.readouterr().err == ""  # the package's own error log is kept off the terminal


def test_a_malformed_balance_names_its_tag(tmp_path):
    path = _write(tmp_path, ":20:X\n:25:1\n:60F:C200101EUR1,00\n:62F:X200101EUR1,00\n")
    assert refusal(read_statement, path) == f"{path}: is not a readable MT940 file: line 4: cannot read the :62F: " \
                                            "tag 'X200101EUR1,00'"


def test_a_file_with_no_mt940_tags_is_refused(tmp_path):
    path = _write(tmp_path, "Date;Amount\n2024-01-02;5,00\n")
    assert refusal(read_statement, path) == f"{path}: is not an MT940 statement (no :20: or :61: tag)"
