"""Consensus and guidance files: values as written, and one exact line for each bad file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from earnings_review.expectations import read_consensus, read_guidance
from earnings_review.facts import Period
from shared.documents import CitationVerifier
from shared.errors import InputError
from tests.conftest import REPO_ROOT

SAMPLE = REPO_ROOT / "earnings_review" / "sample"
QUARTER = Period(end=date(2025, 9, 30), months=3)  # the sample's quarter
CONSENSUS = "metric,period_end,months,estimate\n"
GUIDANCE = "metric,period_end,months,low,high\n"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_sample_consensus() -> None:
    estimates = read_consensus(SAMPLE / "consensus.csv")
    assert [(e.metric, e.period, e.estimate) for e in estimates] == [
        ("revenue", QUARTER, Decimal("4750000000")),
        ("eps_diluted", QUARTER, Decimal("2.31")),
        ("NetIncomeLoss", QUARTER, Decimal("925000000")),
        ("gross_margin", QUARTER, Decimal("54.2")),
    ]
    assert (estimates[0].citation.row, estimates[0].citation.column, estimates[0].citation.text) == (
        1, "estimate", "4,750,000,000")


def test_the_sample_guidance() -> None:
    guidance = read_guidance(SAMPLE / "guidance.csv")
    assert [(g.metric, g.period, g.low, g.high) for g in guidance] == [
        ("revenue", QUARTER, Decimal("4700000000"), Decimal("4800000000")),
        ("gross_margin", QUARTER, Decimal("54.0"), Decimal("55.0")),
        ("operating_margin", QUARTER, Decimal("24.0"), Decimal("25.0")),
    ]
    assert [(c.row, c.column, c.text) for c in guidance[0].citations] == [
        (1, "low", "4,700,000,000"), (1, "high", "4,800,000,000")]
    assert [(c.row, c.column) for c in guidance[2].citations] == [(3, "low"), (3, "high")]


def test_sample_citations_verify() -> None:
    citations = [e.citation for e in read_consensus(SAMPLE / "consensus.csv")]
    citations += [c for g in read_guidance(SAMPLE / "guidance.csv") for c in g.citations]
    with CitationVerifier() as verifier:
        assert all(v.ok for v in verifier.verify_all(citations))


def test_amounts_in_financial_notation(tmp_path: Path) -> None:
    path = _write(tmp_path, "consensus.csv", CONSENSUS + 'revenue,2023-09-30,12,"1,234.5"\n'
                                                     "eps_basic,2023-09-30,9,(0.10)\n"
                                                     "\nus-gaap:OperatingIncomeLoss,2023-06-30,6,-3\n")
    assert [(e.metric, e.period.key, e.estimate) for e in read_consensus(path)] == [
        ("revenue", ("duration", date(2023, 9, 30), 12), Decimal("1234.5")),
        ("eps_basic", ("duration", date(2023, 9, 30), 9), Decimal("-0.10")),
        ("OperatingIncomeLoss", ("duration", date(2023, 6, 30), 6), Decimal("-3")),
    ]


def test_a_file_with_only_a_header_has_no_expectations(tmp_path: Path) -> None:
    assert read_consensus(_write(tmp_path, "consensus.csv", CONSENSUS)) == ()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("metric,period_end,months\nrevenue,2023-07-01,3\n",
         "missing column(s) 'estimate' (found: metric, period_end, months)"),
        (CONSENSUS + "revenue,2023-07-01,3,5\neps_diluted,2023-07-01,3,1\nrevenue,2023-07-01,3,n/a\n",
         "row 3, column 'estimate': not an amount: 'n/a' (not a number)"),
        (CONSENSUS + "revenue,2023-07-01,3,\n", "row 1, column 'estimate': not an amount: '' (no number)"),
        (CONSENSUS + "revenue,2023-07-01,3,5\nrevenue,2023-07-01,6,5\n"
                     "eps_basic,2023-07-01,3,1\nrevnue,2023-07-01,3,5\n",
         "row 4, column 'metric': 'revnue' is not a us-gaap concept nor a metric name (see README)"),
        (CONSENSUS + "us-gaap:Net-Income,2023-07-01,3,5\n",
         "row 1, column 'metric': 'us-gaap:Net-Income' is not a us-gaap concept nor a metric name (see README)"),
        (CONSENSUS + "Net income,2023-07-01,3,5\n",
         "row 1, column 'metric': 'Net income' is not a us-gaap concept nor a metric name (see README)"),
        (CONSENSUS + "revenue,July 2023,3,5\n", "row 1, column 'period_end': 'July 2023' is not a date (YYYY-MM-DD)"),
        (CONSENSUS + "revenue,2023-07-01,4,5\n", "row 1, column 'months': '4' is not 3, 6, 9 or 12"),
        (CONSENSUS + "revenue,2023-07-01,0,5\n", "row 1, column 'months': '0' is not 3, 6, 9 or 12"),
        (CONSENSUS + "revenue,2023-07-01,,5\n", "row 1, column 'months': '' is not 3, 6, 9 or 12"),
        (CONSENSUS + "revenue,2023-07-01,3,5\nrevenue,2023-07-01,3,6\n",
         "row 2: revenue for 3 months to 2023-07-01 is already in row 1"),
    ],
)
def test_bad_consensus_files(tmp_path: Path, text: str, problem: str) -> None:
    path = _write(tmp_path, "consensus.csv", text)
    with pytest.raises(InputError) as caught:
        read_consensus(path)
    assert str(caught.value) == f"{path}: {problem}" and caught.value.exit_code == 2


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("metric,period_end,months,low\ngross_margin,2023-07-01,3,44\n",
         "missing column(s) 'high' (found: metric, period_end, months, low)"),
        (GUIDANCE + "gross_margin,2023-07-01,3,44,44.5\ngross_margin,2023-04-01,3,95,90\n",
         "row 2: low 95 is above high 90"),
        (GUIDANCE + "gross_margin,2023-07-01,3,44,about 45\n",
         "row 1, column 'high': not an amount: 'about 45' (not a number)"),
        (GUIDANCE + "gross_margin,2023-07-01,12,44,45\ngross_margin,2023-07-01,12,43,46\n",
         "row 2: gross_margin for 12 months to 2023-07-01 is already in row 1"),
    ],
)
def test_bad_guidance_files(tmp_path: Path, text: str, problem: str) -> None:
    path = _write(tmp_path, "guidance.csv", text)
    with pytest.raises(InputError) as caught:
        read_guidance(path)
    assert str(caught.value) == f"{path}: {problem}"


def test_the_message_names_the_file_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "consensus.csv", CONSENSUS + "revenue,2023-07-01,3,5\neps_diluted,2023-07-01,3,1\n"
                                                  "revenue,2023-04-01,3,n/a\n")
    with pytest.raises(InputError, match=r"^consensus\.csv: row 3, column 'estimate': not an amount: 'n/a'"):
        read_consensus("consensus.csv")
