"""How old an unmatched item is at the reconciliation date, and its ageing bucket: one
rule for the workbook and the report, so the two never disagree about an item."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

AGE_BUCKETS = ((30, "0-30 days"), (60, "31-60 days"), (90, "61-90 days"))
OVER = "over 90 days"


def as_of(reconciliation: Mapping[str, Any]) -> dt.date | None:
    """The reconciliation's date, which items are aged at (None: not dated)."""
    return dt.date.fromisoformat(reconciliation["as_of"]) if reconciliation.get("as_of") else None


def age_in_days(line: Mapping[str, Any], date: dt.date | None) -> int | None:
    return (date - dt.date.fromisoformat(line["date"])).days if date else None


def age_bucket(age: int | None) -> str:
    if age is None:
        return ""
    return next((label for limit, label in AGE_BUCKETS if age <= limit), OVER)
