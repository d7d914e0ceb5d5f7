"""Consensus and guidance files: `consensus.csv` (metric, period_end, months, estimate)
and `guidance.csv` (metric, period_end, months, low, high). `metric` is a us-gaap
concept name or one of the metric names in the README. Any problem is one line naming
the file, row and column."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from earnings_review.facts import Period
from earnings_review.vocabulary import METRIC_NAMES
from shared.documents import CsvCitation, CsvDocument, open_csv
from shared.errors import InputError
from shared.money import AmountError, parse_amount

CONCEPT_NAME = re.compile(r"^[A-Z][A-Za-z]+$")


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
    citations: tuple[CsvCitation, ...]


def read_consensus(path: Path) -> tuple[Estimate, ...]:
    document = open_csv(path).require_columns("metric", "period_end", "months", "estimate")
    return tuple(Estimate(_metric(document, n), _period(document, n), _amount(document, n, "estimate"),
                          document.cite(n, "estimate")) for n in _rows(document))


def read_guidance(path: Path) -> tuple[Guidance, ...]:
    document = open_csv(path).require_columns("metric", "period_end", "months", "low", "high")
    return tuple(_guidance(document, n) for n in _rows(document))


def _guidance(document: CsvDocument, row: int) -> Guidance:
    low, high = _amount(document, row, "low"), _amount(document, row, "high")
    if low > high:
        raise InputError(document.path, f"row {row}: low {low} is above high {high}")
    return Guidance(_metric(document, row), _period(document, row), low, high,
                    (document.cite(row, "low"), document.cite(row, "high")))


def _rows(document: CsvDocument) -> range:
    return range(1, len(document.rows) + 1)


def _where(document: CsvDocument, row: int, column: str) -> str:
    return f"{document.path}: row {row}, column '{column}'"


def _metric(document: CsvDocument, row: int) -> str:
    name = document.cell(row, "metric").strip()
    if name in METRIC_NAMES or CONCEPT_NAME.match(name):
        return name
    raise InputError(_where(document, row, "metric"), f"'{name}' is not a us-gaap concept nor a metric name (see README)")


def _period(document: CsvDocument, row: int) -> Period:
    text, months = document.cell(row, "period_end").strip(), document.cell(row, "months").strip()
    try:
        end = date.fromisoformat(text)
    except ValueError:
        raise InputError(_where(document, row, "period_end"), f"'{text}' is not a date (YYYY-MM-DD)") from None
    if months not in ("3", "6", "9", "12"):
        raise InputError(_where(document, row, "months"), f"'{months}' is not 3, 6, 9 or 12")
    return Period(end=end, months=int(months))


def _amount(document: CsvDocument, row: int, column: str) -> Decimal:
    try:
        return parse_amount(document.cell(row, column)).value
    except AmountError as error:
        raise InputError(_where(document, row, column), error.problem) from None
