"""Inline-XBRL input: Apple's 10-Q checked against the filing's own XBRL instance, and
small hand-made filings for each way a tagged figure can be written."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from earnings_review.facts import months_between
from earnings_review.ixbrl import NoStatementFigures, NotAFiling, read_ixbrl, statements
from earnings_review.vocabulary import EQUIVALENT_CONCEPTS, METRIC_CONCEPTS
from shared.cli import main
from shared.documents import CitationVerifier, open_html
from tests.support.corpus import in_corpus, needs_corpus, skip_without_corpus
from tests.support.stderr import last_line

HTML = in_corpus("earnings/ixbrl_html/aapl-20250329.htm")
INSTANCE = in_corpus("earnings/ixbrl_html/aapl-20250329_htm.xml")
XBRLI = "{http://www.xbrl.org/2003/instance}"
QUARTER = ("duration", date(2025, 3, 29), 3)
AT_END = ("instant", date(2025, 3, 29))


def _instance_periods(root: ET.Element) -> dict[str, tuple]:
    """Context id -> period key, for contexts without dimensions."""
    periods = {}
    for context in root.iter(f"{XBRLI}context"):
        if context.find(f"{XBRLI}entity/{XBRLI}segment") is not None:
            continue
        period = context.find(f"{XBRLI}period")
        if (at := period.find(f"{XBRLI}instant")) is not None:
            periods[context.get("id")] = ("instant", date.fromisoformat(at.text))
        else:
            start, end = (date.fromisoformat(period.find(f"{XBRLI}{n}").text) for n in ("startDate", "endDate"))
            periods[context.get("id")] = ("duration", end, months_between(start, end))
    return periods


@pytest.fixture(scope="module")
def truth() -> dict[tuple, Decimal]:
    """(concept, period key) -> value: the instance's non-dimensional us-gaap figures."""
    skip_without_corpus()
    root = ET.parse(INSTANCE).getroot()
    periods = _instance_periods(root)
    return {(e.tag.rsplit("}", 1)[1], periods[e.get("contextRef")]): Decimal(e.text)
            for e in root if e.tag.startswith("{http://fasb.org/us-gaap/") and e.get("unitRef")
            and e.get("contextRef") in periods and e.text is not None}  # nil facts have no text


@pytest.fixture(scope="module")
def apple():
    skip_without_corpus()
    return read_ixbrl(open_html(HTML))


def test_every_figure_read_is_the_instance_figure(apple, truth) -> None:
    assert len(apple.facts) == 136 and apple.conflicts == () and apple.unread == ()
    for fact in apple.facts:
        assert truth[(fact.concept, fact.period.key)] == fact.value, fact.id


def test_every_statement_figure_of_the_instance_is_read(apple, truth) -> None:
    wanted = {key for key in truth if key[0] in statements() and (key[1][0] == "instant" or key[1][2])}
    assert wanted == {(f.concept, f.period.key) for f in apple.facts}


def test_key_figures_against_the_instance(apple, truth) -> None:
    by_key = {(f.concept, f.period.key): f for f in apple.facts}
    for concept, period, shown, label in [
        ("RevenueFromContractWithCustomerExcludingAssessedTax", QUARTER, "95,359", "Total net sales"),
        ("NetIncomeLoss", QUARTER, "24,780", "Net income"),
        ("EarningsPerShareDiluted", QUARTER, "1.65", "Diluted"),
        ("Assets", AT_END, "331,233", "Total assets"),
    ]:
        fact = by_key[(concept, period)]
        assert fact.value == truth[(concept, period)] and fact.citation.text == shown and fact.label == label
    assert str(by_key[("RevenueFromContractWithCustomerExcludingAssessedTax", QUARTER)].value) == "95359000000"
    assert by_key[("EarningsPerShareDiluted", QUARTER)].unit == "USD/share"
    # Shown without its parentheses, tagged sign="-": other expense of $279 million.
    assert by_key[("NonoperatingIncomeExpense", QUARTER)].value == Decimal("-279000000")


def test_the_filing_itself(apple) -> None:
    assert (apple.document_type, apple.registrant, apple.period_end) == ("10-Q", "Apple Inc.", date(2025, 3, 29))
    quarter = next(f for f in apple.facts if f.period.key == QUARTER)
    assert quarter.period.start == date(2024, 12, 29) and quarter.mapped_by == "ixbrl"


def test_apple_citations_verify(apple) -> None:
    with CitationVerifier() as verifier:
        assert all(v.ok for v in verifier.verify_all([f.citation for f in apple.facts]))


def test_the_statement_table_places_every_concept_the_review_uses() -> None:
    used = set(METRIC_CONCEPTS.values()).union(*EQUIVALENT_CONCEPTS)
    assert used <= set(statements())


@needs_corpus
def test_an_inline_xbrl_filing_runs_to_the_gate(isolated_home: Path, capsys) -> None:
    status = main(["run", "earnings_review", str(HTML)])
    out, err = capsys.readouterr()
    assert status == 0, err
    result = json.loads((Path(out.splitlines()[0]) / "result.json").read_text())
    assert result["body"]["filing"]["format"] == "ixbrl" and result["body"]["filing"]["company"] == "Apple Inc."
    assert all(t["passed"] for t in result["body"]["tieouts"]) and result["body"]["tieouts"]


# -- hand-made filings ----------------------------------------------------------------------

NAMESPACES = " ".join(f'xmlns:{p}="{u}"' for p, u in {
    "ix": "http://www.xbrl.org/2013/inlineXBRL", "xbrli": "http://www.xbrl.org/2003/instance",
    "xbrldi": "http://xbrl.org/2006/xbrldi", "iso4217": "http://www.xbrl.org/2003/iso4217",
    "gaap": "http://fasb.org/us-gaap/2024", "dei": "http://xbrl.sec.gov/dei/2024",
    "ixt": "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12",
    "ixt-sec": "http://www.sec.gov/inlineXBRL/transformation/2015-08-31",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance", "acme": "http://acme.example/2025"}.items())
ENTITY = '<xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1</xbrli:identifier>{}</xbrli:entity>'
SEGMENT = ('<xbrli:segment><xbrldi:explicitMember dimension="acme:RegionAxis">acme:EuropeMember'
           '</xbrldi:explicitMember></xbrli:segment>')


def _context(cid: str, period: str, segment: str = "") -> str:
    return f'<xbrli:context id="{cid}">{ENTITY.format(segment)}<xbrli:period>{period}</xbrli:period></xbrli:context>'


QTR = "<xbrli:startDate>2024-12-29</xbrli:startDate><xbrli:endDate>2025-03-29</xbrli:endDate>"
RESOURCES = "".join([
    _context("q", QTR), _context("europe", QTR, SEGMENT),
    _context("at", "<xbrli:instant>2025-03-29</xbrli:instant>"),
    _context("march", "<xbrli:startDate>2025-03-01</xbrli:startDate><xbrli:endDate>2025-03-29</xbrli:endDate>"),
    '<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>',
    '<xbrli:unit id="eur"><xbrli:measure>iso4217:EUR</xbrli:measure></xbrli:unit>',
    '<xbrli:unit id="pure"><xbrli:measure>xbrli:pure</xbrli:measure></xbrli:unit>',
    '<xbrli:unit id="usdPerShare"><xbrli:divide><xbrli:unitNumerator><xbrli:measure>iso4217:USD</xbrli:measure>'
    '</xbrli:unitNumerator><xbrli:unitDenominator><xbrli:measure>xbrli:shares</xbrli:measure></xbrli:unitDenominator>'
    '</xbrli:divide></xbrli:unit>',
])
DEI = ('<ix:nonNumeric name="dei:DocumentType" contextRef="q" id="d1">10-Q</ix:nonNumeric>'
       '<ix:nonNumeric name="dei:EntityRegistrantName" contextRef="q" id="d2">Acme Corp</ix:nonNumeric>')


def tag(text: str, name: str = "gaap:NetIncomeLoss", context: str = "q", **attrs: str) -> str:
    defaults = {"unitRef": "usd", "scale": "6", "decimals": "-6", "format": "ixt:num-dot-decimal"}
    written = " ".join(f'{k}="{v}"' for k, v in ({**defaults, **attrs}).items() if v is not None)
    return f'<ix:nonFraction name="{name}" contextRef="{context}" {written}>{text}</ix:nonFraction>'


def filing(folder: Path, *rows: str, hidden: str = "", declaration: bool = True, dei: str = DEI):
    """A one-table filing whose rows are (label, tagged figure) pairs."""
    table = "".join(f"<tr><td>{label}</td><td>$</td><td>{figure}</td></tr>" for label, figure in rows)
    page = (f'<html xmlns="http://www.w3.org/1999/xhtml" {NAMESPACES}><body>'
            f'<div style="display:none"><ix:header><ix:hidden>{hidden}{dei}</ix:hidden>'
            f"<ix:resources>{RESOURCES}</ix:resources></ix:header></div><table>{table}</table></body></html>")
    path = folder / "filing.htm"
    path.write_text(('<?xml version="1.0" encoding="utf-8"?>\n' if declaration else "") + page, encoding="utf-8")
    return read_ixbrl(open_html(path))


@pytest.mark.parametrize(
    ("shown", "attrs", "value", "unit"),
    [
        ("1,234", {}, "1234000000", "USD"),
        ("1,234", {"sign": "-"}, "-1234000000", "USD"),
        ("&#8212;", {"format": "ixt:fixed-zero"}, "0", "USD"),
        ("&#8212;", {"format": "ixt:fixed-zero", "sign": "-"}, "0", "USD"),
        ("no", {"format": "ixt-sec:numwordsen", "scale": "0"}, "0", "USD"),
        ("twenty-two", {"format": "ixt-sec:numwordsen", "scale": "0"}, "22", "USD"),
        ("1.234,5", {"format": "ixt:num-comma-decimal", "scale": "3"}, "1234500", "USD"),
        ("1.65", {"unitRef": "usdPerShare", "scale": "0", "decimals": "2"}, "1.65", "USD/share"),
        ("2.00", {"unitRef": "usdPerShare", "scale": "0", "decimals": "2"}, "2.00", "USD/share"),
        ("66", {"unitRef": "pure", "scale": "-2", "format": None}, "0.66", "pure"),
    ],
)
def test_formats_scale_and_sign(tmp_path: Path, shown: str, attrs: dict, value: str, unit: str) -> None:
    (fact,) = filing(tmp_path, ("Net income", tag(shown, id="f1", **attrs))).facts
    assert (str(fact.value), fact.unit, fact.label) == (value, unit, "Net income")
    assert fact.period.key == QUARTER and fact.statement == "income"


def test_only_statement_totals_of_us_gaap_concepts_are_kept(tmp_path: Path) -> None:
    read = filing(tmp_path,
                  ("Europe", tag("400", id="f1", context="europe")),  # a breakdown by region
                  ("Acme's own", tag("401", id="f2", name="acme:NetIncomeLoss")),
                  ("Not on a statement", tag("402", id="f3", name="gaap:InterestPaidNet")),
                  ("March alone", tag("403", id="f4", context="march")),
                  ("In euros", tag("404", id="f5", unitRef="eur")),
                  ("Total assets", tag("405", id="f6", name="gaap:Assets", context="at")))
    (fact,) = read.facts
    assert (fact.concept, fact.statement, fact.period.key, fact.value) == ("Assets", "balance", AT_END,
                                                                            Decimal("405000000"))


def test_copies_of_one_figure(tmp_path: Path) -> None:
    read = filing(tmp_path,
                  ("Net sales, in MD&A", tag("1.2", id="a1", name="gaap:Revenues", scale="9", decimals="-8")),
                  ("Net sales", tag("1,234", id="a2", name="gaap:Revenues")),
                  ("Net sales again", tag("1,234", id="a3", name="gaap:Revenues")),
                  ("Net income", tag("500", id="b1")),
                  hidden=tag("500", id="b0"))
    assert {f.concept: f.citation.element_id for f in read.facts} == {"Revenues": "a2", "NetIncomeLoss": "b1"}
    assert read.conflicts == ()


def test_copies_that_disagree_are_left_out_and_reported(tmp_path: Path) -> None:
    read = filing(tmp_path, ("Net income", tag("500", id="b1")), ("Net income, in the notes", tag("501", id="b2")),
                  ("Total assets", tag("405", id="c1", name="gaap:Assets", context="at")))
    assert [f.concept for f in read.facts] == ["Assets"]
    (conflict,) = read.conflicts
    assert [f.citation.element_id for f in conflict.facts] == ["b1", "b2"]
    assert conflict.describe() == "NetIncomeLoss for 3 months to 2025-03-29 is tagged as '500' (b1) and '501' (b2)"


def test_a_figure_the_format_does_not_read(tmp_path: Path) -> None:
    read = filing(tmp_path, ("Net income", tag("n/a", id="f1")),
                  ("Total assets", tag("405", id="c1", name="gaap:Assets", context="at")))
    assert [f.concept for f in read.facts] == ["Assets"]
    assert read.unread == ("f1: NetIncomeLoss shows 'n/a', which format num-dot-decimal does not read",)


def test_a_nil_figure_is_not_reported(tmp_path: Path) -> None:
    read = filing(tmp_path, ("Commitments", tag("", id="n1", **{"xsi:nil": "true", "format": None})),
                  ("Net income", tag("500", id="f1")))
    assert [f.citation.element_id for f in read.facts] == ["f1"] and read.unread == ()


def test_a_figure_without_a_context_takes_no_context_without_an_id(tmp_path: Path) -> None:
    # Contexts were filed by id, one without an id under None; a figure without a
    # contextRef looked itself up under None too, and was read at that context's period.
    nameless = f"<xbrli:context>{ENTITY.format('')}<xbrli:period><xbrli:instant>2025-03-29</xbrli:instant>" \
               "</xbrli:period></xbrli:context>"
    untied = ('<ix:nonFraction name="gaap:Assets" unitRef="usd" scale="6" decimals="-6" '
              'format="ixt:num-dot-decimal" id="u1">405</ix:nonFraction>')
    read = filing(tmp_path, ("Total assets", untied), ("Net income", tag("500", id="f1")), hidden=nameless)
    assert [f.citation.element_id for f in read.facts] == ["f1"]


def test_citations_without_ids_and_without_an_xml_declaration_verify(tmp_path: Path) -> None:
    with_path = filing(tmp_path, ("Net income", tag("500")))
    (tmp_path / "html").mkdir()
    as_html = filing(tmp_path / "html", ("Net income", tag("500", id="f1")), declaration=False)
    (by_path,), (by_id,) = with_path.facts, as_html.facts
    assert by_path.citation.element_id is None and by_path.citation.xpath
    assert by_id.citation.element_id == "f1" and by_id.value == Decimal("500000000")
    assert (as_html.document_type, as_html.registrant) == ("10-Q", "Acme Corp")
    with CitationVerifier() as verifier:
        assert all(v.ok for v in verifier.verify_all([by_path.citation, by_id.citation]))


def test_period_end_from_the_cover(tmp_path: Path) -> None:
    cover = DEI + '<ix:nonNumeric name="dei:DocumentPeriodEndDate" contextRef="q" id="d3" ' \
                  'format="ixt:date-monthname-day-year-en">March 29, 2025</ix:nonNumeric>'
    assert filing(tmp_path, ("Net income", tag("500", id="f1")), dei=cover).period_end == date(2025, 3, 29)
    assert filing(tmp_path, ("Net income", tag("500", id="f1"))).period_end is None


def test_html_that_is_not_a_filing(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Hello</p></body></html>")
    with pytest.raises(NotAFiling) as caught:
        read_ixbrl(open_html(page))
    assert str(caught.value) == f"{page}: is not an inline-XBRL filing (no tagged figures found)"
    assert caught.value.exit_code == 2


def test_a_filing_with_nothing_the_review_reads(tmp_path: Path) -> None:
    with pytest.raises(NoStatementFigures) as caught:
        filing(tmp_path, ("In euros", tag("404", id="f5", unitRef="eur")))
    assert str(caught.value) == (f"{tmp_path / 'filing.htm'}: tags 1 figure but none is a us-gaap primary-statement "
                                 "figure in US dollars (an IFRS or non-USD filing?)")


def test_html_that_is_not_a_filing_is_exit_2(isolated_home: Path, capsys) -> None:
    page = isolated_home / "page.html"
    page.write_text("<html><body><p>Quarterly results soon.</p></body></html>")
    status = main(["run", "earnings_review", str(page)])
    _, err = capsys.readouterr()
    assert status == 2
    assert last_line(err) == f"finagents: {page}: is not an inline-XBRL filing (no tagged figures found)\n"
