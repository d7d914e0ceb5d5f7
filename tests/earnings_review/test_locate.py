"""Finding the statements by their titles, with full-text search only."""

from __future__ import annotations

import pytest

from earnings_review.locate import locate, title_of
from shared.documents import PdfDocument, open_pdf
from tests.earnings_review.filings import filing


@pytest.fixture
def text_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Locating must not open a page with pdfplumber (the slow reader)."""
    monkeypatch.setattr(PdfDocument, "plumber_page", lambda *_: pytest.fail("pdfplumber opened while locating"))


# The pages were read off each PDF by eye: the statement, not its table-of-contents entry,
# its auditor's-report mention or a note about it.
@pytest.mark.parametrize(("name", "pages"), [
    ("APPLE_2023Q3_10Q.pdf", {"income": (4,), "balance": (6,), "cash_flow": (8,)}),
    ("APPLE_2022_10K.pdf", {"income": (32,), "balance": (34,), "cash_flow": (36,)}),
    ("NETFLIX_2022_10K.pdf", {"income": (40,), "balance": (43,), "cash_flow": (42,)}),
    ("MICROSOFT_2015_10K.pdf", {"income": (53,), "balance": (55,), "cash_flow": (56,)}),
    ("AMAZON_2022_10K.pdf", {"income": (37,), "balance": (39,), "cash_flow": (36,)}),
    ("LOCKHEEDMARTIN_2023Q1_10Q.pdf", {"income": (17,), "balance": (20,), "cash_flow": (21,)}),
    ("INTEL_2023Q1_EARNINGS.pdf", {"income": (6,), "balance": (7,), "cash_flow": (8,)}),
])
def test_each_statement_is_found_on_its_page(text_only, name, pages) -> None:
    with open_pdf(filing(name)) as pdf:
        assert locate(pdf) == pages


def test_a_balance_sheet_that_starts_mid_page_runs_on_to_the_next(text_only) -> None:
    # Costco's release prints the income statement and the top of the balance sheet on
    # page 3; the liabilities and equity are on page 4, which has no title of its own.
    with open_pdf(filing("COSTCO_2023Q3_EARNINGS.pdf")) as pdf:
        assert locate(pdf) == {"income": (3,), "balance": (3, 4)}


def test_a_title_repeated_on_the_next_page_continues_the_statement(text_only) -> None:
    # McDonald's: the quarter's income statement on page 5, the six months' on page 6.
    with open_pdf(filing("MCDONALDS_2023Q2_EARNINGS.pdf")) as pdf:
        assert locate(pdf) == {"income": (5, 6)}


@pytest.mark.parametrize(("line", "statement"), [
    ("CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS (Unaudited)", "income"),
    ("Consolidated Condensed Statements of Income and Other Information", "income"),
    ("Consolidated Statements of Earnings1", "income"),
    ("CONSOLIDATED STATEMENTS OF INCOME(1)", "income"),
    ("INCOME STATEMENTS", "income"),
    ("Consolidated Statements of Operations and Comprehensive Loss", "income"),
    ("CONSOLIDATED BALANCE SHEETS", "balance"),
    ("Consolidated Balance Sheets (Continued)", "balance"),
    ("Consolidated Statements of Financial Position", "balance"),
    ("CASH FLOWS STATEMENTS", "cash_flow"),
    ("Condensed Consolidated Statements of Cash Flows", "cash_flow"),
    ("Consolidated Statements of Comprehensive Income", None),
    ("Consolidated Statements of Stockholders’ Equity", None),
    ("Consolidated Balance Sheets 31", None),  # a table of contents' entry
    ("Consolidated Balance Sheets as of September 24, 2022 and September 25, 2021 31", None),
    ("5. Balance Sheet Components", None),  # a note
    ("Consolidated Statements of Cash Flows Reconciliation", None),
    ("the related consolidated statements of operations, comprehensive income and cash flows", None),
])
def test_a_title_is_a_whole_line(line, statement) -> None:
    assert title_of(line) == statement


def test_a_pdf_without_statements_locates_nothing(make_pdf) -> None:
    form = make_pdf("blank-form.pdf", text="Name: ______  Signature: ______")
    with open_pdf(form) as pdf:
        assert locate(pdf) == {}


def test_a_table_of_contents_alone_is_not_a_statement(make_pdf) -> None:
    contents = make_pdf("contents.pdf", text="Consolidated Balance Sheets")
    with open_pdf(contents) as pdf:
        assert locate(pdf) == {}
