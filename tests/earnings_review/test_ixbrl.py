"""Inline-XBRL input, checked against the filing's own XBRL instance document."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from earnings_review.facts import months_between
from earnings_review.ixbrl import read_ixbrl
from shared.cli import main
from shared.documents import CitationVerifier, open_html
from tests.conftest import FIXTURES

HTML = FIXTURES / "earnings" / "ixbrl_html" / "aapl-20250329.htm"
INSTANCE = FIXTURES / "earnings" / "ixbrl_html" / "aapl-20250329_htm.xml"
XBRLI = "{http://www.xbrl.org/2003/instance}"


def _instance_truth() -> dict[tuple, Decimal]:
    """(concept, period key) -> value for non-dimensional us-gaap facts of the instance."""
    root = ET.parse(INSTANCE).getroot()
    periods = {}
    for context in root.iter(f"{XBRLI}context"):
        if context.find(f"{XBRLI}entity/{XBRLI}segment") is not None:
            continue
        instant = context.find(f"{XBRLI}period/{XBRLI}instant")
        if instant is not None:
            periods[context.get("id")] = ("instant", date.fromisoformat(instant.text))
        else:
            start = date.fromisoformat(context.find(f"{XBRLI}period/{XBRLI}startDate").text)
            end = date.fromisoformat(context.find(f"{XBRLI}period/{XBRLI}endDate").text)
            periods[context.get("id")] = ("duration", end, months_between(start, end))
    truth = {}
    for element in root:
        text = (element.text or "").strip()
        numeric = text.lstrip("-").replace(".", "", 1).isdigit()  # text blocks are facts too
        if element.tag.startswith("{http://fasb.org/us-gaap/") and element.get("contextRef") in periods and numeric:
            truth[(element.tag.rsplit("}", 1)[1], periods[element.get("contextRef")])] = Decimal(text)
    return truth


@pytest.fixture(scope="module")
def read():
    return read_ixbrl(open_html(HTML))


def test_every_fact_read_equals_the_instance(read) -> None:
    truth = _instance_truth()
    assert len(read.facts) >= 80
    for fact in read.facts:
        assert truth[(fact.concept, fact.period.key)] == fact.value, fact.id


def test_key_figures_and_units(read) -> None:
    by_id = {f.id: f for f in read.facts}
    revenue = by_id["income:RevenueFromContractWithCustomerExcludingAssessedTax:3 months to 2025-03-29"]
    # The first revenue figure in the document (f-54) is the Products line, a breakdown
    # by dimension; the total the statement shows is the one kept.
    assert str(revenue.value) == "95359000000" and revenue.citation.text == "95,359"
    assert revenue.citation.element_id != "f-54"
    assert str(by_id["income:EarningsPerShareDiluted:3 months to 2025-03-29"].value) == "1.65"
    assert by_id["income:EarningsPerShareDiluted:3 months to 2025-03-29"].unit == "USD/share"
    assert (read.document_type, read.registrant) == ("10-Q", "Apple Inc.")


def test_citations_verify_against_the_html(read) -> None:
    with CitationVerifier() as verifier:
        assert all(v.ok for v in verifier.verify_all([f.citation for f in read.facts]))


def test_an_inline_xbrl_filing_runs_to_the_gate(isolated_home: Path, capsys) -> None:
    status = main(["run", "earnings_review", str(HTML)])
    out, err = capsys.readouterr()
    assert status == 0, err
    result = json.loads((Path(out.splitlines()[0]) / "result.json").read_text())
    assert result["body"]["filing"]["format"] == "ixbrl" and result["body"]["filing"]["company"] == "Apple Inc."
    assert all(t["passed"] for t in result["body"]["tieouts"]) and result["body"]["tieouts"]


def test_html_that_is_not_a_filing_is_exit_2(isolated_home: Path, capsys) -> None:
    page = isolated_home / "page.html"
    page.write_text("<html><body><p>Quarterly results soon.</p></body></html>")
    status = main(["run", "earnings_review", str(page)])
    _, err = capsys.readouterr()
    assert status == 2 and err == f"finagents: {page}: is not an inline-XBRL filing (no tagged figures found)\n"
