"""The earnings demo sample (earnings_review/sample/): made by the project, labelled
synthetic on every page, reproduced by its generator, and read by the review as any 10-Q
is read: three statements found, every key figure extracted and cited, every tie-out
passing but the seeded one, and the expected beats, misses and ranges.

The expected figures are written out here from the printed statements, not taken from
the generator's figure table, so that a slip in one is not hidden by the same slip in the
other."""

from __future__ import annotations

import importlib.util
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from earnings_review.checks import PRETAX, cash_reconciling_items, run_tieouts, tieout_findings
from earnings_review.expectations import read_consensus, read_guidance
from earnings_review.extract import extract_statements
from earnings_review.facts import duration, instant
from earnings_review.filing import identify
from earnings_review.metrics import compare_expectations, compute_metrics
from earnings_review.segments import segment_facts
from shared.documents import CitationVerifier, open_pdf
from shared.workflows import get_workflow
from tests.conftest import REPO_ROOT
from tests.reports.page import read_report
from tests.support.shared_runs import shared_run

GENERATOR = REPO_ROOT / "fixtures" / "earnings" / "make_sample.py"
PDF = "QUILLFEATHER_2025Q3_10Q_SYNTHETIC.pdf"
FOOTER = "SYNTHETIC SAMPLE made by finagents: not a real filing, not a real company"
QUARTER, NINE = duration(date(2025, 9, 30), 3), duration(date(2025, 9, 30), 9)
END, YEAR_END = instant(date(2025, 9, 30)), instant(date(2024, 12, 31))

# The key figures (the us-gaap line items the evaluation's truth covers), as printed.
KEY_FIGURES = {
    ("Revenues", QUARTER): "4,812", ("CostOfRevenue", QUARTER): "2,173", ("GrossProfit", QUARTER): "2,639",
    ("ResearchAndDevelopmentExpense", QUARTER): "694", ("SellingGeneralAndAdministrativeExpense", QUARTER): "811",
    ("OperatingExpenses", QUARTER): "1,505", ("OperatingIncomeLoss", QUARTER): "1,134", (PRETAX, QUARTER): "1,116",
    ("IncomeTaxExpenseBenefit", QUARTER): "212", ("NetIncomeLoss", QUARTER): "904",
    ("EarningsPerShareBasic", QUARTER): "2.25", ("EarningsPerShareDiluted", QUARTER): "2.23",
    ("WeightedAverageNumberOfSharesOutstandingBasic", QUARTER): "402",
    ("WeightedAverageNumberOfDilutedSharesOutstanding", QUARTER): "405",
    ("CashAndCashEquivalentsAtCarryingValue", END): "2,846", ("AccountsReceivableNetCurrent", END): "2,217",
    ("InventoryNet", END): "1,362", ("AssetsCurrent", END): "8,057", ("Assets", END): "16,494",
    ("LiabilitiesCurrent", END): "3,741", ("LongTermDebtNoncurrent", END): "3,230", ("Liabilities", END): "8,111",
    ("StockholdersEquity", END): "8,338", ("LiabilitiesAndStockholdersEquity", END): "16,449",
    ("NetCashProvidedByUsedInOperatingActivities", NINE): "2,979",
    ("NetCashProvidedByUsedInInvestingActivities", NINE): "(562)",
    ("NetCashProvidedByUsedInFinancingActivities", NINE): "(1,950)",
    ("PaymentsToAcquirePropertyPlantAndEquipment", NINE): "(446)",
}
VALUES = {("Revenues", QUARTER): "4812000000", ("EarningsPerShareDiluted", QUARTER): "2.23",
          ("WeightedAverageNumberOfDilutedSharesOutstanding", QUARTER): "405000000",
          ("Assets", END): "16494000000", ("NetCashProvidedByUsedInInvestingActivities", NINE): "-562000000",
          ("PaymentsToAcquirePropertyPlantAndEquipment", NINE): "446000000"}


def sample_dir() -> Path:
    return get_workflow("earnings_review").sample_dir


def read(folder: Path):
    with open_pdf(folder / PDF) as pdf:
        extraction = extract_statements(pdf)
        segments, ties = segment_facts(pdf, extraction.facts)
        texts = [pdf.page_text(page) for page in range(1, pdf.page_count + 1)]
        cover = identify(texts[0], pdf.path)
    return extraction, segments, ties, texts, cover


@pytest.fixture(scope="module")
def sample():
    return read(sample_dir())


def _generator():
    spec = importlib.util.spec_from_file_location("make_sample", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _as_read(extraction, segments) -> list[tuple]:
    return [(f.concept, f.period.key, f.value, f.member, f.citation.page, f.citation.text, f.citation.bbox)
            for f in (*extraction.facts, *segments)]


def test_regenerating_the_sample_gives_the_same_content(sample, tmp_path: Path) -> None:
    written = _generator().generate(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in sample_dir().iterdir() if p.name != "README.md")
    extraction, segments, _, texts, _ = read(tmp_path)
    committed, committed_segments, _, committed_texts, _ = sample
    assert texts == committed_texts
    assert _as_read(extraction, segments) == _as_read(committed, committed_segments)
    for name in ("consensus.csv", "guidance.csv"):
        assert (tmp_path / name).read_bytes() == (sample_dir() / name).read_bytes()


def test_every_page_says_it_is_synthetic(sample) -> None:
    _, _, _, texts, cover = sample
    assert len(texts) == 8 and all(FOOTER in " ".join(text.split()) for text in texts)
    assert "THIS IS A SYNTHETIC SAMPLE" in texts[0]
    assert (cover.company, cover.document_type) == ("Quillfeather Instruments, Inc.", "10-Q")


def test_the_three_statements_are_found_with_their_periods_and_scale(sample) -> None:
    extraction = sample[0]
    assert extraction.pages == {"income": (3,), "balance": (4,), "cash_flow": (5,)}
    assert extraction.periods["income"] == (QUARTER, duration(date(2024, 9, 30), 3), NINE,
                                            duration(date(2024, 9, 30), 9))
    assert extraction.periods["balance"] == (END, YEAR_END)
    assert extraction.periods["cash_flow"] == (NINE, duration(date(2024, 9, 30), 9))
    assert {name: [n.text for n in notes] for name, notes in extraction.scale_notes.items()} == {
        "income": ["(In millions, except per-share amounts)"], "balance": ["(In millions)"],
        "cash_flow": ["(In millions)"]}
    assert extraction.findings == ()


def test_every_key_figure_is_extracted_and_cited(sample) -> None:
    extraction, segments, _, _, _ = sample
    facts = {(f.concept, f.period.key): f for f in extraction.facts}
    assert {(c, p): facts[(c, p.key)].citation.text for c, p in KEY_FIGURES} == KEY_FIGURES
    for (concept, period), value in VALUES.items():
        assert str(facts[(concept, period.key)].value) == value
    counted = {s: sum(1 for f in extraction.facts if f.statement == s) for s in ("income", "balance", "cash_flow")}
    # "Deferred revenue" is left unmapped (a contract liability or not, the line cannot
    # say); the cash flow statement's closing cash, tied to the balance sheet at
    # 2025-09-30, also gives the balance at 2024-09-30.
    assert counted == {"income": 56, "balance": 48, "cash_flow": 21}
    closing = facts[("CashAndCashEquivalentsAtCarryingValue", instant(date(2024, 9, 30)).key)]
    assert closing.statement == "cash_flow" and closing.citation.text == "2,574"
    cited = [f.citation for f in (*extraction.facts, *segments)]
    cited += [n for g in extraction.scale_notes.values() for n in g]
    with CitationVerifier() as verifier:
        assert all(v.ok for v in verifier.verify_all(cited))


def test_every_tie_out_passes_but_the_seeded_total_assets(sample) -> None:
    extraction, _, segment_ties, _, _ = sample
    tieouts = run_tieouts(extraction.facts, extraction.unmapped)
    (failed,) = [t for t in tieouts if not t.passed]
    assert (failed.check, failed.period) == ("assets = liabilities_and_equity", "at 2025-09-30")
    assert (failed.expected, failed.actual, failed.difference, failed.tolerance) == (
        Decimal("16449000000"), Decimal("16494000000"), Decimal("45000000"), Decimal("1000000"))
    assert [c.text for c in failed.citations] == ["16,449", "16,494"]
    (finding,) = tieout_findings(tieouts)
    assert (finding.code, finding.severity) == ("tieout_failed", "error")
    assert "Total assets is $16,494 million: a difference of $45 million" in finding.message
    assert len(tieouts) == 26  # 5 checks x 4 periods, 2 x 2 balance sheet dates, 2 cash roll-forwards
    balanced = [t for t in tieouts if t.check.startswith("liabilities_and_equity")]
    assert [(t.period, t.passed) for t in balanced] == [("at 2025-09-30", True), ("at 2024-12-31", True)]
    assert len(extraction.footings) == 22 and all(t.passed for t in extraction.footings)
    assert len(segment_ties) == 4 and all(t.passed for t in segment_ties)
    assert cash_reconciling_items(extraction.facts, extraction.unmapped) == ()  # no restricted cash


def test_the_segment_table_adds_up_to_total_revenues(sample) -> None:
    segments = sample[1]
    quarter = {f.member: f.value for f in segments if f.period.key == QUARTER.key}
    assert quarter == {"Test and Measurement": Decimal("2049000000"), "Industrial Sensing": Decimal("1165000000"),
                       "Software and Services": Decimal("1598000000")}
    assert len(segments) == 12 and {f.citation.page for f in segments} == {7}


def test_the_expectations_give_beats_misses_and_each_side_of_a_range(sample) -> None:
    facts = sample[0].facts
    comparisons = compare_expectations(compute_metrics(facts), facts, read_consensus(sample_dir() / "consensus.csv"),
                                       read_guidance(sample_dir() / "guidance.csv"))
    assert [(c.id.split(":")[0], c.metric, c.outcome, str(c.actual), str(c.difference)) for c in comparisons] == [
        ("consensus", "revenue", "beat", "4812000000", "62000000"),
        ("consensus", "eps_diluted", "miss", "2.23", "-0.08"),
        ("consensus", "NetIncomeLoss", "miss", "904000000", "-21000000"),
        ("consensus", "gross_margin", "beat", "54.84", "0.64"),
        ("guidance", "revenue", "above_range", "4812000000", "12000000"),
        ("guidance", "gross_margin", "within_range", "54.84", "0"),
        ("guidance", "operating_margin", "below_range", "23.57", "-0.43"),
    ]


def test_the_demo_run_stops_for_review_with_the_seeded_error_and_evidence_crops(tmp_path_factory) -> None:
    report = read_report(shared_run("earnings_review", sample_dir(), tmp_path_factory))
    assert report.result["status"] == "awaiting_review"
    errors = [f for f in report.result["findings"] if f["severity"] == "error"]
    assert [f["id"] for f in errors] == ["tieout:assets = liabilities_and_equity:at 2025-09-30"]
    assets = next(c for c in report.all("//span[@data-item='fact']") if c.get("data-value") == "16494000000")
    entry = report.evidence(assets.xpath(".//a")[0])
    assert entry.get("data-evidence") == "image"
    (image,) = entry.xpath(".//img")
    assert (report.run_dir / image.get("src")).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
