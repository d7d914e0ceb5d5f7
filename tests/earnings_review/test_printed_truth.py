"""The truth of a printed iXBRL filing, derived from its own tags, on a small iXBRL
document written here (synthetic): scale, sign and formats applied, contexts with
dimensions left out, the statement's unrounded tag preferred over a rounded quote, and
which tables are the primary statements, decided from the titles printed above them.
Also the printing cache, with a stand-in for Chromium, and the evaluation without it."""

from __future__ import annotations

import stat
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from earnings_review.evaluation.placement import title_kind
from earnings_review.evaluation.printing import Browser, PrintFailed, find_browser, missing_line, printed_pdf
from earnings_review.evaluation.tags import judged, read_tags, shown
from earnings_review.facts import Period
from earnings_review.vocabulary import concept_class

NAMESPACES = ('xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" '
              'xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12" '
              'xmlns:us-gaap="http://fasb.org/us-gaap/2024" xmlns:xbrli="http://www.xbrl.org/2003/instance" '
              'xmlns:xbrldi="http://xbrl.org/2006/xbrldi" xmlns:acme="http://acme.example/2024"')
ENTITY = '<xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000000000</xbrli:identifier>'


def _context(ident: str, period: str, member: str = "") -> str:
    segment = (f'<xbrli:segment><xbrldi:explicitMember dimension="acme:SegmentAxis">{member}</xbrldi:explicitMember>'
               "</xbrli:segment>") if member else ""
    return (f'<xbrli:context id="{ident}">{ENTITY}{segment}</xbrli:entity>'
            f"<xbrli:period>{period}</xbrli:period></xbrli:context>")


def _fact(name: str, context: str, shown_text: str, *, scale: int = 6, decimals: str = "-6",
          form: str = "ixt:num-dot-decimal", sign: str = "") -> str:
    signed = f' sign="{sign}"' if sign else ""
    return (f'<ix:nonFraction name="{name}" contextRef="{context}" unitRef="usd" scale="{scale}" decimals="{decimals}" '
            f'format="{form}"{signed}>{shown_text}</ix:nonFraction>')


YEAR = "<xbrli:startDate>2024-01-01</xbrli:startDate><xbrli:endDate>2024-12-31</xbrli:endDate>"
DOCUMENT = f"""<?xml version="1.0" encoding="utf-8"?>
<html {NAMESPACES}><head><title>ACME CORP. 10-K (SYNTHETIC)</title></head><body>
<div style="display:none"><ix:header><ix:resources>
{_context("FY24", YEAR)}{_context("I24", "<xbrli:instant>2024-12-31</xbrli:instant>")}
{_context("FY24_WIDGETS", YEAR, "acme:WidgetsMember")}
<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
</ix:resources></ix:header></div>
<p>Revenue grew to {_fact("us-gaap:Revenues", "FY24", "1.2", scale=9, decimals="-8")} billion.</p>
<div>ACME CORP. AND SUBSIDIARIES</div><div>CONSOLIDATED STATEMENTS OF OPERATIONS</div><div>(In millions)</div>
<table><tr><td>Year ended December 31,</td><td>2024</td></tr>
<tr><td>Revenues</td><td>{_fact("us-gaap:Revenues", "FY24", "1,234")}</td></tr>
<tr><td>Widgets</td><td>{_fact("us-gaap:Revenues", "FY24_WIDGETS", "500")}</td></tr>
<tr><td>Other expense</td><td>\
{_fact("us-gaap:OtherNonoperatingIncomeExpense", "FY24", "—", form="ixt:fixed-zero")}</td></tr>
<tr><td>Income tax benefit</td><td>({_fact("us-gaap:IncomeTaxExpenseBenefit", "FY24", "12", sign="-")})</td></tr>
<tr><td>Net income</td><td>{_fact("us-gaap:NetIncomeLoss", "FY24", "246")}</td></tr></table>
<div>CONSOLIDATED STATEMENTS OF COMPREHENSIVE INCOME</div>
<table><tr><td>Net income</td><td>{_fact("us-gaap:NetIncomeLoss", "FY24", "246")}</td></tr>
<tr><td>Comprehensive income</td><td>{_fact("us-gaap:ComprehensiveIncomeNetOfTax", "FY24", "250")}</td></tr></table>
<div>CONSOLIDATED BALANCE SHEETS</div>
<table><tr><td>Total assets</td><td>{_fact("us-gaap:Assets", "I24", "5,000")}</td></tr></table>
<div>62</div><div>Table of Contents</div>
<table><tr><td>Total liabilities</td><td>{_fact("us-gaap:Liabilities", "I24", "3,000")}</td></tr></table>
<div>Note 7. Debt</div><div>Long-term debt consisted of the following (in millions):</div>
<table><tr><td>Total liabilities</td><td>{_fact("us-gaap:Liabilities", "I24", "3,000")}</td></tr>
<tr><td>Notes due 2030</td><td>{_fact("us-gaap:LongTermDebtNoncurrent", "I24", "1,500")}</td></tr></table>
</body></html>
"""
FY24, AT = Period(end=date(2024, 12, 31), months=12), Period(instant=date(2024, 12, 31))


@pytest.fixture
def filing(tmp_path: Path) -> Path:
    path = tmp_path / "acme-10-k.html"
    path.write_text(DOCUMENT, encoding="utf-8")
    return path


def test_tags_are_read_with_scale_sign_and_format_and_without_breakdowns(filing: Path) -> None:
    tags = read_tags(filing)
    assert {(t.concept, t.value, t.statement) for t in tags if t.period.key == FY24.key} == {
        ("Revenues", Decimal("1200000000"), None),  # the MD&A's rounded quote
        ("Revenues", Decimal("1234000000"), "income"),
        ("OtherNonoperatingIncomeExpense", Decimal(0), "income"),  # a dash under ixt:fixed-zero
        ("IncomeTaxExpenseBenefit", Decimal("-12000000"), "income"),  # sign="-": a benefit
        ("NetIncomeLoss", Decimal("246000000"), "income"),
        ("NetIncomeLoss", Decimal("246000000"), None),  # the statement of comprehensive income is not primary
        ("ComprehensiveIncomeNetOfTax", Decimal("250000000"), None)}
    assert not [t for t in tags if t.value == 500_000_000]  # the widgets segment: a breakdown


def test_the_statement_s_unrounded_tag_is_the_truth(filing: Path) -> None:
    truth = judged(read_tags(filing))
    assert truth[(concept_class("Revenues"), FY24.key)] == {Decimal("1234000000"): "Revenues"}


def test_recall_counts_key_figures_inside_the_primary_statements_only(filing: Path) -> None:
    classes = {concept_class(c) for c in ("Revenues", "NetIncomeLoss", "Assets", "Liabilities",
                                          "LongTermDebtNoncurrent", "IncomeTaxExpenseBenefit")}
    scope = shown(read_tags(filing), classes)
    assert {(sorted(k[0])[0], k[1]): v for k, v in scope.items()} == {
        ("RevenueFromContractWithCustomerExcludingAssessedTax", FY24.key): {Decimal("1234000000")},
        ("NetIncomeLoss", FY24.key): {Decimal("246000000")},
        ("IncomeTaxExpenseBenefit", FY24.key): {Decimal("-12000000")},
        ("Assets", AT.key): {Decimal("5000000000")},
        ("Liabilities", AT.key): {Decimal("3000000000")},  # the balance sheet's next page, under page furniture
    }  # the debt note's table is not a statement


@pytest.mark.parametrize(("line", "kind"), [
    ("CONSOLIDATED STATEMENTS OF INCOME", "income"),
    ("Unaudited Consolidated Statements of Operations", "income"),
    ("CONSOLIDATED INCOME STATEMENT", "income"),
    ("Consolidated Statements of Operations and Comprehensive Loss", "income"),
    ("Condensed Consolidated Statements of Financial Position", "balance"),
    ("CONSOLIDATED BALANCE SHEET – (CONTINUED)", "balance"),
    ("ACME CORP. CONSOLIDATED STATEMENTS OF CASH FLOWS (Unaudited)", "cash_flow"),
    ("Consolidated Statements of Comprehensive Income", "other"),
    ("CONSOLIDATED STATEMENTS OF SHAREOWNERS’ EQUITY", "other"),
    ("Notes to Consolidated Financial Statements — (continued)", "other"),
    ("the total amounts shown in our consolidated statements of cash flows (in millions):", None),
    ("Revenue by geography", None),
])
def test_statement_titles(line: str, kind: str | None) -> None:
    assert title_kind(line) == kind


# -- printing ------------------------------------------------------------------------------------


def _stand_in(tmp_path: Path, body: str) -> Browser:
    """A script taking Chromium's place: it notes each call and writes `body` where
    --print-to-pdf= says."""
    script = tmp_path / "chromium"
    script.write_text("#!/bin/sh\n"
                      f'echo called >> "{tmp_path}/calls"\n'
                      'for a in "$@"; do case "$a" in --print-to-pdf=*) '
                      f'printf "{body}" > "${{a#--print-to-pdf=}}";; esac; done\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return Browser(script, "Chromium 1.2.3")


def test_a_printed_filing_is_cached_by_its_sha256_and_the_browser_s_version(tmp_path: Path, filing: Path) -> None:
    browser, cache = _stand_in(tmp_path, "%%PDF-1.4 stand-in"), tmp_path / "cache"
    first = printed_pdf(filing, browser, cache)
    assert printed_pdf(filing, browser, cache) == first and first.read_bytes() == b"%PDF-1.4 stand-in"
    assert (tmp_path / "calls").read_text().count("called") == 1  # the second time, from the cache
    assert "chromium-1.2.3" in first.name
    printed_pdf(filing, Browser(browser.path, "Chromium 1.2.4"), cache)  # another version prints again
    filing.write_text(DOCUMENT.replace("1,234", "1,235"), encoding="utf-8")
    printed_pdf(filing, browser, cache)  # and so does a changed file
    assert (tmp_path / "calls").read_text().count("called") == 3 and len(list(cache.glob("*.pdf"))) == 3


def test_a_browser_that_prints_no_pdf_is_an_error_naming_the_file(tmp_path: Path, filing: Path) -> None:
    with pytest.raises(PrintFailed, match="printed no PDF") as raised:
        printed_pdf(filing, _stand_in(tmp_path, "not a pdf"), tmp_path / "cache")
    assert str(filing) in str(raised.value) and not list((tmp_path / "cache").iterdir())


def test_without_chromium_the_printed_cases_are_skipped_with_one_line(monkeypatch, tmp_path: Path,
                                                                      filing: Path) -> None:
    import earnings_review.evaluate as evaluate

    assert find_browser(tmp_path / "no-chromium") is None
    monkeypatch.setattr(evaluate, "find_browser", lambda: None)
    report = evaluate.evaluate([filing], cache=tmp_path / "cache")
    assert report.scores == () and report.chromium is None and report.notes == (missing_line(),)
    assert report.table().splitlines()[-2] == (
        "printed iXBRL cases skipped: Chromium not found at /usr/bin/chromium (.ci/run installs it: apt-get install "
        "chromium)")
