"""Consensus and guidance files, which the analyst brings alongside the filing.

`consensus.csv`: metric, period_end, months, estimate. `guidance.csv`: metric,
period_end, months, low, high. `metric` is a us-gaap concept name
(`NetIncomeLoss`, or `us-gaap:NetIncomeLoss`) or one of the metric names in `vocabulary.METRICS` (listed in the
README); amounts are unscaled (dollars, not millions), margins in percent. Expectations
are for periods (3, 6, 9 or 12 months), never for an instant.

Any problem is an `InputError` of one line naming the file, the row (1-based, header
excluded, as in citations) and the column: a figure the review compares against must be
exactly what the analyst meant, so nothing is guessed or skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from earnings_review.facts import Period, duration
from earnings_review.vocabulary import METRIC_NAMES
from shared.documents import CsvCitation, CsvDocument, open_csv
from shared.errors import InputError
from shared.money import AmountError, parse_amount

CONSENSUS_COLUMNS = ("metric", "period_end", "months", "estimate")
GUIDANCE_COLUMNS = ("metric", "period_end", "months", "low", "high")
CONCEPT_NAME = re.compile(r"[A-Z][A-Za-z]+")
MONTHS = ("3", "6", "9", "12")


@dataclass(frozen=True)
class Estimate:
    metric: str
    period: Period
    estimate: Decimal
    citation: CsvCitation


@dataclass(frozen=True)
class Guidance:
    metric: str
    period: Period
    low: Decimal
    high: Decimal
    citations: tuple[CsvCitation, ...]  # low, then high


def read_consensus(path: str | Path) -> tuple[Estimate, ...]:
    document = open_csv(path).require_columns(*CONSENSUS_COLUMNS)
    estimates = tuple(_estimate(document, row) for row in _rows(document))
    _no_repeats(document, estimates)
    return estimates


def read_guidance(path: str | Path) -> tuple[Guidance, ...]:
    document = open_csv(path).require_columns(*GUIDANCE_COLUMNS)
    guidance = tuple(_guidance(document, row) for row in _rows(document))
    _no_repeats(document, guidance)
    return guidance


def _estimate(document: CsvDocument, row: int) -> Estimate:
    return Estimate(_metric(document, row), _period(document, row), _amount(document, row, "estimate"),
                    document.cite(row, "estimate"))


def _guidance(document: CsvDocument, row: int) -> Guidance:
    metric, period = _metric(document, row), _period(document, row)
    low, high = _amount(document, row, "low"), _amount(document, row, "high")
    if low > high:
        raise InputError(document.path, f"row {row}: low {low} is above high {high}")
    return Guidance(metric, period, low, high, (document.cite(row, "low"), document.cite(row, "high")))


def _rows(document: CsvDocument) -> range:
    return range(1, len(document.rows) + 1)


def _where(document: CsvDocument, row: int, column: str) -> str:
    return f"{document.path}: row {row}, column '{column}'"


def _metric(document: CsvDocument, row: int) -> str:
    name = document.cell(row, "metric").strip()
    if name in METRIC_NAMES:
        return name
    concept = name.removeprefix("us-gaap:")  # facts name concepts without the prefix
    if CONCEPT_NAME.fullmatch(concept):
        return concept
    raise InputError(_where(document, row, "metric"),
                     f"'{name}' is not a us-gaap concept nor a metric name (see README)")


def _period(document: CsvDocument, row: int) -> Period:
    text, months = document.cell(row, "period_end").strip(), document.cell(row, "months").strip()
    try:
        end = date.fromisoformat(text)
    except ValueError:
        raise InputError(_where(document, row, "period_end"), f"'{text}' is not a date (YYYY-MM-DD)") from None
    if months not in MONTHS:
        # 0 or empty would be an instant: expectations are for a period's results.
        raise InputError(_where(document, row, "months"), f"'{months}' is not 3, 6, 9 or 12")
    return duration(end, int(months))


def _amount(document: CsvDocument, row: int, column: str) -> Decimal:
    try:
        return parse_amount(document.cell(row, column)).value
    except AmountError as error:
        raise InputError(_where(document, row, column), error.problem) from None


def _no_repeats(document: CsvDocument, records: Sequence[Estimate | Guidance]) -> None:
    """Two rows for one metric and period: which one the analyst meant is unknown, and
    the comparison each row becomes is a review item whose id must be unique."""
    seen: dict[tuple, int] = {}
    for row, record in enumerate(records, start=1):
        key = (record.metric, record.period.key)
        if key in seen:
            raise InputError(document.path, f"row {row}: {record.metric} for {record.period.describe()} "
                                            f"is already in row {seen[key]}")
        seen[key] = row
