"""The memo as a reader gets it: money written one way (the filing's scale, negatives in
parentheses), names in words, no stray punctuation where a figure is missing, every
figure checked; and the memo's tables, statements shown as printed."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from earnings_review.facts import Fact, duration
from earnings_review.memo import checked_memo, known_figures, render_offline
from earnings_review.metrics import compare_expectations, compute_metrics
from shared.documents.citation import PdfCitation
from shared.money import parse_amount
from shared.workflows import get_workflow
from tests.support.shared_runs import shared_run

YEAR, PRIOR = duration(date(2022, 12, 31), 12), duration(date(2021, 12, 31), 12)
MILLION = Decimal(1_000_000)
FILING = {"path": "x.pdf", "company": "Acme Online, Inc.",
          "company_source": "the cover page's exact name of registrant", "document_type": "10-K",
          "period_text": "year ended December 31, 2022", "period_source": "page 1"}


def fact(concept: str, printed: str, period=YEAR, scale=MILLION, unit="USD") -> Fact:
    citation = PdfCitation(doc_sha256="a" * 64, path="x.pdf", page=3, bbox=(1, 2, 3, 4), text=printed)
    return Fact(concept=concept, label=concept, period=period, value=parse_amount(printed).value * scale, unit=unit,
                statement="income", citation=citation)


def loss_year() -> list[Fact]:
    """A year with a net loss and no gross profit line (made-up figures)."""
    return [fact("Revenues", "513,983"), fact("Revenues", "469,822", PRIOR), fact("OperatingIncomeLoss", "12,248"),
            fact("NetIncomeLoss", "(2,722)"),
            fact("EarningsPerShareDiluted", "(0.27)", scale=Decimal(1), unit="USD/share")]


def narrative(facts, estimates=()):
    metrics = compute_metrics(facts)
    comparisons = compare_expectations(metrics, facts, estimates, ())
    headline, text, _ = render_offline(get_workflow("earnings_review").prompt_library(), FILING, facts, metrics,
                                       comparisons, ())
    return checked_memo("offline template", headline, text, known_figures(facts, metrics, comparisons))


class Estimate:
    def __init__(self, metric: str, estimate: str) -> None:
        self.metric, self.period, self.estimate = metric, YEAR, Decimal(estimate)


def test_a_loss_is_written_in_parentheses_and_a_missing_margin_leaves_no_gap() -> None:
    memo = narrative(loss_year(), [Estimate("eps_diluted", "-0.20"), Estimate("operating_margin", "2.5")])
    assert memo.headline == ("Acme Online, Inc. 10-K for the year ended December 31, 2022: revenue $513,983 million, "
                             "up 9.40% year on year; diluted EPS $(0.27).")
    lines = memo.text.splitlines()
    assert lines[:4] == [
        "Margins: operating 2.38%, net (0.53)%.",
        "Net income was $(2,722) million on operating income of $12,248 million.",
        "Diluted EPS: miss (actual $(0.27) against $(0.20) expected).",
        "Operating margin: miss (actual 2.38% against 2.5% expected).",
    ]
    assert memo.unverified == () and memo.figures_checked == 11
    for wrong in ("Margins: ,", "$-", "_margin", "eps_", "None"):
        assert wrong not in memo.headline + memo.text


def test_a_fall_in_revenue_is_said_in_words() -> None:
    facts = loss_year()
    facts[1] = fact("Revenues", "520,000", PRIOR)
    assert "revenue $513,983 million, down 1.16% year on year" in narrative(facts).headline


def test_a_filing_in_thousands_is_written_in_thousands() -> None:
    facts = [fact("Revenues", "31,615,550", scale=Decimal(1000)),
             fact("NetIncomeLoss", "4,491,924", scale=Decimal(1000))]
    memo = narrative(facts)
    assert "revenue $31,615,550 thousand" in memo.headline
    assert "Net income was $4,491,924 thousand." in memo.text and memo.unverified == ()


def _table(memo: str, heading: str) -> list[list[str]]:
    section = memo.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    return [[c.strip() for c in line.strip("|").split("|")] for line in section.splitlines()
            if line.startswith("| ") and not line.startswith("| line") and not line.startswith("| metric")]


def test_the_sample_memo_writes_every_table_in_the_filings_money(tmp_path_factory) -> None:
    memo = (shared_run("earnings_review", get_workflow("earnings_review").sample_dir, tmp_path_factory)
            / "memo.md").read_text()
    assert memo.splitlines()[2] == ("# Earnings review: Quillfeather Instruments, Inc. 10-Q for the quarter ended "
                                    "September 30, 2025")
    consensus = _table(memo, "Against consensus and guidance")
    assert consensus[:2] == [
        ["revenue", "3 months to 2025-09-30", "$4,812 million", "$4,750 million", "beat", "$62 million (1.31% above)"],
        ["diluted EPS", "3 months to 2025-09-30", "$2.23", "$2.31", "miss", "$(0.08) (3.46% below)"]]
    assert consensus[-1] == ["operating margin", "3 months to 2025-09-30", "23.57%", "24.0% to 25.0%", "below range",
                             "(0.43) points"]
    tables = memo.split("## Findings")[0]
    assert not re.search(r"\|\s*-?\d{7,}\s*\|", tables)  # no unscaled figure in any table
    assert "$-" not in memo and "| eps_" not in memo and "| gross_margin" not in memo
    failed = [row for row in _table(memo, "Tie-outs") if row[-1] == "FAILED"]
    assert failed == [["assets = liabilities and equity", "at 2025-09-30", "$16,449 million", "$16,494 million",
                       "$45 million", "FAILED"]]


def test_the_sample_memo_shows_unmapped_lines_in_place_so_rows_add_up(tmp_path_factory) -> None:
    memo = (shared_run("earnings_review", get_workflow("earnings_review").sample_dir, tmp_path_factory)
            / "memo.md").read_text()
    income = _table(memo, "Income statement")
    labels = [row[0] for row in income]
    assert labels[:3] == ["Products _(unmapped)_", "Services _(unmapped)_", "Total revenues"]
    products, services, total = ([parse_amount(c).value for c in row[1:]] for row in income[:3])
    assert [p + s for p, s in zip(products, services)] == total == [4812, 4428, 14015, 12868]
    operating, other, pretax = (labels.index(n) for n in ("Operating income", "Interest and other income (expense), "
                                                          "net _(unmapped)_", "Income before income taxes"))
    assert operating + 1 == other == pretax - 1
    sums = [parse_amount(a).value + parse_amount(b).value for a, b in zip(income[operating][1:], income[other][1:])]
    assert sums == [parse_amount(c).value for c in income[pretax][1:]] == [1116, 896, 3123, 2492]
    assert "## Lines that could not be placed" not in memo
