"""Each workflow's report printed to PDF by headless Chromium (as a reviewer prints it,
A4 with the report's own page margins): every table keeps all its columns on the paper,
and nothing is printed across the page's edge. The printed text is read back with
pdfplumber (`printed.py` says how a header row is found); the PDFs are kept with the
screenshots (conftest.py, which also holds the fixtures `browser` and `sample_runs`).

The earnings sample's income statement names a concept of 91 letters
(IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest)
beside four period columns: unwrapped, it pushed the last period off the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.chromium import LOAD_TIMEOUT_MS, WORKFLOWS
from tests.browser.printed import missing_header_rows, printed_words

PAPER = "A4"  # narrower than Letter: what fits on it fits on both
TABLE_HEADINGS = """() => Array.from(document.querySelectorAll('table'))
    .map(t => Array.from(t.querySelectorAll('thead th')).map(th => th.innerText.trim()))
    .filter(headings => headings.length)"""


def print_report(browser: Any, report: Path, pdf: Path) -> list[list[str]]:
    """Print `report` to `pdf` from a fresh context; the headings of each of its tables,
    as the page has them."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(report.as_uri(), wait_until="load", timeout=LOAD_TIMEOUT_MS)
        page.emulate_media(media="print")
        tables = page.evaluate(TABLE_HEADINGS)
        page.pdf(path=str(pdf), format=PAPER, print_background=True)
    finally:
        context.close()
    return tables


@pytest.mark.parametrize("workflow", WORKFLOWS)
def test_every_column_header_is_on_the_printed_page(workflow, browser, sample_runs, artifacts) -> None:
    pdf = artifacts / f"{workflow}.pdf"
    tables = print_report(browser, (sample_runs[workflow] / "report.html").resolve(), pdf)

    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert len(tables) >= 3, tables  # the report's tables were found, so the check below means something
    assert missing_header_rows(pdf, tables) == []
    pages, across = printed_words(pdf)
    assert across == [] and len(pages) > 1


def test_the_check_sees_a_column_pushed_off_the_page(browser, tmp_path) -> None:
    """A table wider than the page, whose label cannot wrap: its last column is not on
    the paper, and the check must say which header row lost it; a narrow table passes."""
    report = tmp_path / "report.html"
    long_label = "Income" * 60
    report.write_text(
        "<!doctype html><title>wide</title><style>th, td { padding: 0 .5rem; }</style>"
        "<table><thead><tr><th>line</th><th>3 months to 2025-09-30</th><th>9 months to 2024-09-30</th></tr></thead>"
        f"<tbody><tr><th style='white-space:nowrap'>{long_label}</th><td>1</td><td>2</td></tr></tbody></table>"
        "<table><thead><tr><th>check</th><th>result</th></tr></thead><tbody><tr><td>a</td><td>b</td></tr></tbody>"
        "</table>")

    tables = print_report(browser, report, tmp_path / "wide.pdf")

    assert tables == [["line", "3 months to 2025-09-30", "9 months to 2024-09-30"], ["check", "result"]]
    assert missing_header_rows(tmp_path / "wide.pdf", tables) == [tables[0]]
