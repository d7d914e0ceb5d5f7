"""Who filed and for which period, as the memo's headline names them: read from the cover
page or the release's first lines, checked against the statements, and said plainly
when not found. Every corpus PDF must give its right company and period; the rules
name no company (the expected values below are the test's, not the reader's)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from earnings_review import nodes
from earnings_review.cover import (
    COMPANY_MISSING,
    PERIOD_MISSING,
    Stated,
    filing_fields,
    read_cover,
    stated_period,
)
from earnings_review.facts import duration
from earnings_review.memo import render_offline
from earnings_review.metrics import compute_metrics
from shared.workflows import get_workflow
from tests.support.corpus import corpus_glob, corpus_path, needs_corpus

PDFS = [p.name for p in corpus_glob("earnings/pdfs", "*.pdf")]  # empty without a corpus
# name: (company as printed, kind of document, period as the headline says it)
EXPECTED = {
    "ADOBE_2022Q2_10Q.pdf": ("ADOBE INC.", "10-Q", "quarter ended June 2, 2023"),
    "AMAZON_2022_10K.pdf": ("AMAZON.COM, INC.", "10-K", "year ended December 31, 2022"),
    "APPLE_2022_10K.pdf": ("Apple Inc.", "10-K", "year ended September 24, 2022"),
    "APPLE_2023Q3_10Q.pdf": ("Apple Inc.", "10-Q", "quarter ended July 1, 2023"),
    "BESTBUY_2024Q2_10Q.pdf": ("BEST BUY CO., INC.", "10-Q", "quarter ended July 29, 2023"),
    "BESTBUY_2024Q2_EARNINGS.pdf": ("Best Buy Co., Inc.", "earnings release", "quarter ended July 29, 2023"),
    "COSTCO_2023Q3_EARNINGS.pdf": ("Costco Wholesale Corporation", "earnings release", "quarter ended May 7, 2023"),
    "INTEL_2023Q1_EARNINGS.pdf": ("Intel Corporation", "earnings release", "quarter ended April 1, 2023"),
    "LOCKHEEDMARTIN_2023Q1_10Q.pdf": ("Lockheed Martin Corporation", "earnings release",
                                      "quarter ended March 26, 2023"),
    "MCDONALDS_2023Q2_EARNINGS.pdf": ("McDonald's Corporation", "earnings release", "quarter ended June 30, 2023"),
    "MICROSOFT_2015_10K.pdf": ("MICROSOFT CORPORATION", "10-K", "year ended June 30, 2015"),
    "NETFLIX_2022_10K.pdf": ("Netflix, Inc.", "10-K", "year ended December 31, 2022"),
    "NETFLIX_2023Q2_10Q.pdf": ("Netflix, Inc.", "10-Q", "quarter ended June 30, 2023"),
    "PFIZER_2023Q2_EARNINGS.pdf": ("Pfizer Inc.", "earnings release", "quarter ended July 2, 2023"),
    "SALESFORCE_2024Q1_EARNINGS.pdf": ("Salesforce", "earnings release", "quarter ended April 30, 2023"),
    "ULTABEAUTY_2023Q4_EARNINGS.pdf": ("Ulta Beauty, Inc.", "earnings release", "quarter ended January 28, 2023"),
}
SAMPLE = get_workflow("earnings_review").sample_dir / "QUILLFEATHER_2025Q3_10Q_SYNTHETIC.pdf"


def headline(path: Path) -> tuple[dict, str, list]:
    """The filing as the run reads it, and the offline memo's headline."""
    read = nodes.read_filing({"input_path": str(path)}, None)
    metrics = compute_metrics(read["facts"])
    title, _, _ = render_offline(get_workflow("earnings_review").prompt_library(), read["filing"], read["facts"],
                                 metrics, (), read["findings"])
    return read["filing"], title, read["findings"]


@needs_corpus
@pytest.mark.parametrize("name", PDFS)
def test_every_corpus_pdf_gives_its_company_and_period(name: str) -> None:
    assert name in EXPECTED, f"{name} is new in the corpus: add the company and period it states"
    company, kind, period = EXPECTED[name]
    filing, title, findings = headline(corpus_path(f"earnings/pdfs/{name}"))
    assert (filing["company"], filing["document_type"], filing["period_text"]) == (company, kind, period)
    assert title.startswith(f"{company} {kind} for the {period}")
    assert "None" not in title and name.removesuffix(".pdf") not in title
    assert not [f for f in findings if f.code in ("registrant_not_found", "period_not_found", "period_mismatch")]


def test_the_synthetic_sample_gives_its_company_and_period() -> None:
    filing, title, _ = headline(SAMPLE)
    assert (filing["company"], filing["document_type"], filing["period_text"], filing["period_end"]) == (
        "Quillfeather Instruments, Inc.", "10-Q", "quarter ended September 30, 2025", "2025-09-30")
    assert filing["company_source"] == "the cover page's exact name of registrant"
    assert filing["period_source"] == ('page 1: "For the quarterly period ended September 30, 2025", as in the '
                                       "income statement's latest column")
    assert title == ("Quillfeather Instruments, Inc. 10-Q for the quarter ended September 30, 2025: revenue "
                     "$4,812 million, up 8.67% year on year; diluted EPS $2.23.")


@pytest.mark.parametrize(
    ("text", "company", "kind", "end", "months"),
    [
        ("FORM 10-Q\nFor the quarterly period ended June 2, 2023\nCommission File Number: 0-15175\nADOBE INC.\n"
         "(Exact name of registrant as specified in its charter)", "ADOBE INC.", "10-Q", date(2023, 6, 2), 3),
        ("FORM 10-Q\nFOR THE QUARTER ENDED JUNE 30, 2025\n1-2360\n(Commission file number)\nACME MACHINES CORPORATION\n"
         "(Exact name of registrant as specified in its charter)", "ACME MACHINES CORPORATION", "10-Q",
         date(2025, 6, 30), 3),
        ("FORM 10-K\nFor the Fiscal Year Ended June 30, 2015\nCommission File Number 0-14278\nACME CORPORATION\n"
         "WASHINGTON 91-1144442", "ACME CORPORATION", "10-K", date(2015, 6, 30), 12),
        ("FORM 10-K\nFor the fiscal year ended December 31, 2022\nCommission File Number: 001-35727\n"
         "______________________ Acme, Inc.\n(Exact name of registrant as specified in its charter)",
         "Acme, Inc.", "10-K", date(2022, 12, 31), 12),
        ("Acme Reports Second Quarter Results\nMINNEAPOLIS, August 29, 2023 -- Acme Widget Co., Inc. (NYSE: AWC) "
         "today announced results for the 13-week second quarter ended July 29, 2023, as compared to the 13-week "
         "second quarter ended July 30, 2022", "Acme Widget Co., Inc.", "earnings release", date(2023, 7, 29), 3),
        ("NEWS RELEASE\nISSAQUAH, Wash., May 25, 2023 (GLOBE NEWSWIRE) -- Acme Wholesale Corporation "
         "(“Acme” or the “Company”)\n(Nasdaq: ACME) today announced its operating results for the third "
         "quarter "
         "(twelve weeks) and the first 36 weeks of fiscal 2023, ended May 7, 2023.", "Acme Wholesale Corporation",
         "earnings release", date(2023, 5, 7), 3),
        ("CHICAGO, IL - O'Malley's Corporation today announced results for the second quarter ended June 30, 2023.",
         "O'Malley's Corporation", "earnings release", date(2023, 6, 30), 3),
        ("SAN FRANCISCO, Calif. - May 31, 2023 - Acmeforce (NYSE: ACM), the global leader in widgets, today "
         "announced results for its first quarter fiscal 2024 ended April 30, 2023.", "Acmeforce", "earnings release",
         date(2023, 4, 30), 3),
    ],
)
def test_cover_texts(text: str, company: str, kind: str, end: date, months: int) -> None:
    cover = read_cover(text)
    assert (cover.company, cover.document_type, cover.period.end, cover.period.months) == (company, kind, end, months)
    assert cover.period.source.startswith("page 1: ")


def test_a_dateline_is_not_a_name_and_a_release_without_a_date_has_no_period() -> None:
    cover = read_cover("NEW YORK, Tuesday, August 1, 2023 – reported financial results for the second quarter of "
                       "2023.")
    assert (cover.company, cover.company_source, cover.period) == (None, COMPANY_MISSING, None)
    assert cover.document_type == "earnings release"


def test_a_release_whose_first_page_has_no_date_takes_the_one_its_notes_state() -> None:
    pages = ["Acme Reports Second-Quarter 2023 Results", "the quarterly period ended April 2, 2023 (the first quarter)",
             "(1) The financial statements present the three and six months ended July 2, 2023 and July 3, 2022."]
    assert stated_period(pages) == Stated(date(2023, 7, 2), 3, 'page 3: "three and six months ended July 2, 2023"')


def test_what_is_not_found_is_said_plainly_and_is_a_warning() -> None:
    fields, findings = filing_fields(read_cover("Quarterly figures, unaudited"), None)
    assert (fields["company"], fields["company_source"]) == (None, "registrant name not found on the cover page")
    assert (fields["period_text"], fields["period_source"]) == (None, PERIOD_MISSING)
    assert [(f.code, f.severity) for f in findings] == [("registrant_not_found", "warning"),
                                                       ("period_not_found", "warning")]
    library = get_workflow("earnings_review").prompt_library()
    title, _, _ = render_offline(library, {**fields, "path": "x.pdf"}, [], [], (), findings)
    assert title == ("(registrant name not found on the cover page) filing (reporting period not found on the cover "
                     "page or in the statement headers): no statement figures could be read; the findings below say "
                     "why.")


def test_a_cover_that_disagrees_with_the_statements_is_a_warning() -> None:
    cover = read_cover("FORM 10-Q\nFor the quarterly period ended March 31, 2023\nAcme Inc.\n(Exact name of registrant")
    fields, findings = filing_fields(cover, duration(date(2023, 6, 30), 3))
    assert (fields["period_text"], fields["period_end"]) == ("quarter ended June 30, 2023", "2023-06-30")
    (finding,) = findings
    assert (finding.code, finding.severity) == ("period_mismatch", "warning")
    assert 'page 1: "For the quarterly period ended March 31, 2023"' in finding.message
    assert "ends June 30, 2023" in finding.message
    agreeing, none = filing_fields(cover, duration(date(2023, 4, 1), 3))  # a 52/53-week quarter, a day off
    assert (agreeing["period_text"], none) == ("quarter ended April 1, 2023", [])


# The companies of the corpus and of the filings used to judge the reader: none may be
# named by the code that reads covers, writes the memo or lays out the report.
COMPANIES = ("Adobe", "Amazon", "Apple", "Best Buy", "Costco", "Intel", "Lockheed", "McDonald", "Microsoft", "Netflix",
             "Pfizer", "Salesforce", "Ulta", "AbbVie", "Boeing", "Home Depot", "HubSpot", "IBM", "Coca", "Mastercard",
             "Procter", "Exxon")
MODULES = ("cover.py", "wording.py", "report_view.py", "memo.py", "memo_check.py", "body.py", "checks.py",
           "prompts/narrative.md.j2", "prompts/draft_memo.j2", "reports/memo.md.j2", "reports/report.html.j2")


@pytest.mark.parametrize("module", MODULES)
def test_no_rule_names_a_company(module: str) -> None:
    source = (Path(nodes.__file__).parent / module).read_text(encoding="utf-8")
    named = [c for c in COMPANIES if re.search(rf"\b{c}\b", source, re.IGNORECASE)]
    assert named == [], f"{module} names {named}"
