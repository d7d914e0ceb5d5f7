"""Reading the company and document type off real cover pages."""

from pathlib import Path

import pytest

from earnings_review.filing import identify
from shared.documents import open_pdf
from tests.earnings_review.filings import filing


@pytest.mark.parametrize(
    ("name", "company", "document_type"),
    [
        ("APPLE_2023Q3_10Q.pdf", "Apple Inc.", "10-Q"),
        ("INTEL_2023Q1_EARNINGS.pdf", "Intel Corporation", "earnings release"),
    ],
)
def test_cover_pages(name: str, company: str, document_type: str) -> None:
    with open_pdf(filing(name)) as pdf:
        identity = identify(pdf.page_text(1), pdf.path)
    assert (identity.company, identity.document_type) == (company, document_type)


@pytest.mark.parametrize(
    ("text", "company", "document_type"),
    [
        ("FORM 10-K\nCommission File Number 0-14278\nMICROSOFT CORPORATION\nWASHINGTON 91-1144442",
         "MICROSOFT CORPORATION", "10-K"),
        ("Exhibit 99.1\nNews Release\nBETHESDA, Md., April. 18, 2023 – Lockheed Martin Corporation [NYSE: LMT] "
         "today reported first quarter", "Lockheed Martin Corporation", "earnings release"),
        ("NEWS RELEASE\nISSAQUAH, Wash., May 25, 2023 (GLOBE NEWSWIRE) -- Costco Wholesale Corporation "
         "(“Costco” or the “Company”)\n(Nasdaq: COST) today announced its operating results",
         "Costco Wholesale Corporation", "earnings release"),
        ("FORM 10-K\n(Mark One)\nAMAZON.COM, INC.\n(Exact name of registrant as specified in its charter)",
         "AMAZON.COM, INC.", "10-K"),
    ],
)
def test_cover_page_texts(text: str, company: str, document_type: str) -> None:
    identity = identify(text, Path("x.pdf"))
    assert (identity.company, identity.document_type) == (company, document_type)


def test_an_unreadable_cover_falls_back_to_the_file_name() -> None:
    assert identify("Quarterly figures", Path("acme-q3.pdf")).company == "acme-q3"
