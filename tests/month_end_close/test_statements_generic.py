"""The layout-agnostic reader on real statements read in place from the corpus: the two
statements of other banks in `statements_more` against their truth (every line's date and
amount, the balances, the proof), and every HSBC statement read line for line as the
HSBC layout readers read it."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from decimal import Decimal
from functools import cache

import pytest

from month_end_close.proof import proof_summary, prove
from month_end_close.statements import read_statement
from month_end_close.statements.generic import read_generic
from month_end_close.statements.pdf import _known_layout
from shared.documents.pdf import open_pdf
from shared.documents.verify import CitationVerifier
from tests.month_end_close.statement_files import HSBC
from tests.support.corpus import corpus_glob, corpus_path, needs_corpus

D = Decimal
MORE = "close/statements_more"
GRAVY, POSTBANK = "gravy_toast_2025-01.pdf", "postbank_demokonto_2020-01.pdf"


@cache
def more(name: str):
    (read,) = read_statement(corpus_path(f"{MORE}/{name}"))
    return read


def truth(name: str) -> dict:
    text = corpus_path(f"{MORE}/{name.removesuffix('.pdf')}.truth.json").read_text(encoding="utf-8")
    return json.loads(text, parse_float=Decimal)


@pytest.mark.parametrize("name", [GRAVY, POSTBANK])
def test_every_line_date_and_amount_and_the_balances_equal_the_truth(name):
    read, expected = more(name), truth(name)
    assert Counter((line.date.isoformat(), line.amount) for line in read.lines) == Counter(
        (t["date"], t["amount"]) for t in expected["transactions"])
    assert (read.opening.value, read.closing.value) == (D(expected["opening_balance"]), D(expected["closing_balance"]))
    assert (read.period_start.isoformat(), read.period_end.isoformat()) == (expected["period"]["from"],
                                                                            expected["period"]["to"])
    assert proof_summary(read)["proves"] is True and read.method == "rules"


def test_postbank_reads_its_own_notation_its_summary_and_its_wrapped_lines():
    read = more(POSTBANK)
    assert read.opening.citation.text == "+2.853.82" and read.closing.citation.text == "+5.314,05"
    assert (read.total_in.value, read.total_out.value) == (D("4764.70"), D("2304.47"))
    third = read.lines[2]
    assert (third.id, third.date, third.amount, third.citation.text) == (
        f"{POSTBANK}:1:3", date(2020, 1, 21), D("-125.80"), "- 125,80")
    assert third.description.startswith("SDD Lastschr Referenz I3634266643356018L Mandat G55-20204665778 TELEFON")
    assert read.account == "DE31 2001 0020 9999 9999 99" and read.currency == "EUR"
    assert prove([read]) == []


def test_gravy_toast_a_line_carried_over_the_page_break_and_a_balance_overdrawn():
    lines = {line.id: line for line in more(GRAVY).lines}
    carried = lines[f"{GRAVY}:2:1"]  # "Transaction 31" on page 1, its 0.00 on page 2
    assert (carried.date, carried.amount, carried.description) == (date(2025, 1, 17), D("0.00"),
                                                                   "Transaction 31 Goes over multiple pages")
    overdrawn = lines[f"{GRAVY}:2:4"]
    assert (overdrawn.amount, overdrawn.balance.value, overdrawn.balance.citation.text) == (
        D("-10123.12"), D("-16144.58"), "16,144.58 DR")
    assert len(lines) == 62  # the four lines repeated on page 3 are not the statement's


def test_gravy_toast_a_balance_printed_short_of_a_digit_is_named_and_the_lines_still_prove():
    (misprint,) = prove([more(GRAVY)])
    assert (misprint.code, misprint.severity, misprint.subject) == ("running_balance_misprint", "warning",
                                                                    f"{GRAVY}:1:30")
    assert "is 3,978.53, but the lines give 73,978.53" in misprint.message
    assert misprint.citations[0].text == "3978.53 CR"


@needs_corpus
@pytest.mark.parametrize("name", [GRAVY, POSTBANK])
def test_every_citation_verifies(name):
    read = more(name)
    cited = [line.citation for line in read.lines] + [line.balance.citation for line in read.lines if line.balance]
    cited += [f.citation for f in (read.opening, read.closing, read.total_in, read.total_out) if f]
    with CitationVerifier() as verifier:
        assert [(c.page, c.text) for c in cited if not verifier.verify(c)] == []


@needs_corpus
@pytest.mark.parametrize("path", corpus_glob(HSBC, "*/*.pdf"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_generic_reader_reads_hsbc_line_for_line_as_its_layout_reader(path):
    with open_pdf(path) as document:
        (layout,), (generic,) = _known_layout(document), read_generic(document)
    shown = [(line.id, line.date, line.amount, line.description, line.citation.bbox,
              line.balance.value if line.balance else None) for line in layout.lines]
    assert [(line.id, line.date, line.amount, line.description, line.citation.bbox,
             line.balance.value if line.balance else None) for line in generic.lines] == shown
    assert (generic.opening.value, generic.closing.value) == (layout.opening.value, layout.closing.value)
    assert (generic.period_start, generic.period_end) == (layout.period_start, layout.period_end)
