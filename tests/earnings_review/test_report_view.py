"""The earnings report as a reviewer reads it: the filing named as its cover names it,
money written as the memo writes it, and each statement as printed, its unmapped lines
in place (marked, and linked to where they were read) so that its rows add up."""

from __future__ import annotations

import pytest

from shared.money import parse_amount
from shared.workflows import get_workflow
from tests.reports.page import Report, read_report, text
from tests.support.shared_runs import shared_run


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Report:
    return read_report(shared_run("earnings_review", get_workflow("earnings_review").sample_dir, tmp_path_factory))


def _rows(report: Report, statement: str) -> list[tuple[str, bool, list[str]]]:
    rows = report.all(f"//section[@id='statement-{statement}']//tbody/tr")
    return [(text(r.xpath("./th")[0]), r.get("data-item") == "unmapped", [text(td) for td in r.xpath("./td")])
            for r in rows]


def test_the_filing_is_named_as_its_cover_names_it(report: Report) -> None:
    assert text(report.one("//h2[@id='commentary-h']")) == (
        "Quillfeather Instruments, Inc. 10-Q for the quarter ended September 30, 2025")
    assert text(report.one("//h1")).startswith("Earnings review: Quillfeather Instruments, Inc. 10-Q")


def test_unmapped_lines_stand_in_their_statement_and_the_rows_add_up(report: Report) -> None:
    rows = _rows(report, "income")
    assert [(label.split(" unmapped")[0], unmapped) for label, unmapped, _ in rows[:3]] == [
        ("Products", True), ("Services", True), ("Total revenues Revenues", False)]
    assert rows[0][0] == "Products unmapped: no concept for this line (under Revenues)"
    products, services, total = ([parse_amount(c).value for c in cells] for _, _, cells in rows[:3])
    assert [p + s for p, s in zip(products, services)] == total == [4812, 4428, 14015, 12868]
    cash = _rows(report, "cash_flow")
    operating = [cells for label, _, cells in cash][:11]  # net income, its adjustments, then the total
    assert cash[10][0].startswith("Net cash provided by operating activities")
    assert [sum(parse_amount(c[i]).value for c in operating[:10]) for i in (0, 1)] == \
        [parse_amount(operating[10][i]).value for i in (0, 1)] == [2979, 2613]
    assert report.all("//section[@id='unmapped']") == []  # nothing left that could not be placed


def _line(link) -> str:
    """The words of the line a figure's link stands on, before its concept or mark."""
    return link.xpath("ancestor::tr/th")[0].text.strip()


def test_each_unmapped_figure_links_to_where_it_was_read(report: Report) -> None:
    body = report.result["body"]
    as_facts = {(f["citation"]["page"], tuple(f["citation"]["bbox"])) for f in body["facts"]}
    unmapped = sorted((u["label"], c["text"]) for u in body["unmapped"] for c in u["citations"]
                      if (c["page"], tuple(c["bbox"])) not in as_facts)  # a closing balance is also a fact
    shown = report.all("//section[starts-with(@id, 'statement-')]//td/a[@data-cite]")  # a fact's link is in its span
    assert len(unmapped) > 50 and sorted((_line(a), text(a)) for a in shown) == unmapped
    for link in shown:
        assert text(report.evidence(link).xpath(".//q")[0]) == text(link)


def test_report_tables_write_money_as_the_memo_does(report: Report) -> None:
    row = report.one("//tr[@data-item='comparison'][@data-id='consensus:NetIncomeLoss:3 months to 2025-09-30']")
    assert [text(td) for td in row.xpath("./th|./td")][1:7] == [
        "net income", "3 months to 2025-09-30", "$904 million", "$925 million", "miss", "$(21) million (2.27% below)"]
    failed = report.one("//tr[@data-item='tieout'][@data-id='tieout:assets = liabilities_and_equity:at 2025-09-30']")
    assert [text(c) for c in failed.xpath("./th|./td")][:5] == [
        "assets = liabilities and equity", "at 2025-09-30", "$16,449 million", "$16,494 million", "$45 million"]
    names = {text(r.xpath("./th")[0]) for r in report.all("//tr[@data-item='metric']")}
    assert {"gross margin", "operating margin", "free cash flow", "revenue growth, year on year"} <= names
    assert not [n for n in names if "_" in n]


# -- where each figure stands, on made-up statements ------------------------------------------------

from datetime import date  # noqa: E402
from decimal import Decimal  # noqa: E402

from earnings_review.extract import UnmappedRow  # noqa: E402
from earnings_review.facts import Fact, duration, instant  # noqa: E402
from earnings_review.report_view import statement_rows  # noqa: E402
from shared.documents.citation import PdfCitation  # noqa: E402

NOW, BEFORE = duration(date(2025, 9, 30), 9), duration(date(2024, 9, 30), 9)


def _cite(text: str, x: float, y: float) -> PdfCitation:
    return PdfCitation(doc_sha256="a" * 64, path="x.pdf", page=5, bbox=(x, y, x + 20, y + 8), text=text)


def _fact(concept: str, label: str, period, printed: str, x: float, y: float) -> Fact:
    return Fact(concept=concept, label=label, period=period, value=Decimal(printed.replace(",", "")) * 1_000_000,
                unit="USD", statement="cash_flow", citation=_cite(printed, x, y))


def _printed_line(label: str, cells: list[tuple[str, float]], y: float) -> UnmappedRow:
    citations = tuple(_cite(t, x, y) for t, x in cells)
    return UnmappedRow(statement="cash_flow", label=label, section="Financing activities:",
                       printed=tuple(t for t, _ in cells), citations=citations, values=(),
                       periods=(NOW, BEFORE)[: len(cells)])


def test_a_closing_balance_stands_in_the_column_it_was_printed_in() -> None:
    CASH = "CashAndCashEquivalentsAtCarryingValue"
    facts = [_fact("NetCashProvidedByUsedInOperatingActivities", "Net cash from operations", NOW, "2,979", 400, 100),
             _fact("NetCashProvidedByUsedInOperatingActivities", "Net cash from operations", BEFORE, "2,613", 500, 100),
             _fact(CASH, "Cash, end of period", instant(date(2024, 9, 30)), "2,574", 500, 300)]
    lines = [_printed_line("Repayments of debt", [("(500)", 400), ("(200)", 500)], 200),
             _printed_line("Cash, end of period", [("2,846", 400), ("2,574", 500)], 300)]  # kept as a line too
    columns, rows = statement_rows(facts, lines)
    assert [c.describe() for c in columns] == ["9 months to 2025-09-30", "9 months to 2024-09-30"]
    assert [(r["label"], r["unmapped"], r["cells"]) for r in rows] == [
        ("Net cash from operations", False, ["2,979", "2,613"]),
        ("Repayments of debt", True, ["(500)", "(200)"]),
        ("Cash, end of period", False, ["2,846", "2,574"]),  # one row: the fact and the figure left unmapped
    ]
    closing = rows[2]
    assert closing["facts"] == [None, f"cash_flow:{CASH}:at 2024-09-30"]
    assert [c and c["text"] for c in closing["citations"]] == ["2,846", None]
    assert rows[1]["section"] == "Financing activities"


def test_a_balance_with_no_line_goes_to_the_period_ending_or_starting_that_day() -> None:
    CASH = "CashAndCashEquivalentsAtCarryingValue"
    flows = [_fact("NetCashProvidedByUsedInOperatingActivities", "Operations", p, v, x, 100)
             for p, v, x in ((NOW, "2,979", 400), (BEFORE, "2,613", 500))]
    balances = [_fact(CASH, "Cash, beginning of period", instant(date(2024, 12, 31)), "2,391", 400, 280),
                _fact(CASH, "Cash, end of period", instant(date(2024, 9, 30)), "2,574", 500, 300)]
    columns, rows = statement_rows(flows + balances, [])
    assert [c.describe() for c in columns] == ["9 months to 2025-09-30", "9 months to 2024-09-30"]
    assert [(r["label"], r["cells"]) for r in rows] == [("Operations", ["2,979", "2,613"]),
                                                         ("Cash, beginning of period", ["2,391", ""]),
                                                         ("Cash, end of period", ["", "2,574"])]
