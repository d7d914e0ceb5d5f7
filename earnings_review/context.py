"""The earnings review's settings: `[earnings_review]` in engagement.toml. Each field's
description is what `finagents new` writes above it in a client project's file."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from shared.engagement import WorkflowSettings
from shared.money import Money


class Context(WorkflowSettings):
    working_capital_threshold_pct: Money = Field(
        Decimal("10"), ge=0,
        description="A receivables or inventory balance growing faster than revenue by more than this many "
                    "percentage points (year on year) is flagged as a working-capital signal.")
    classify_unknown_labels: bool = Field(
        True, description="With a model: ask it to classify statement lines the label table does not know.")
    max_labels_to_classify: int = Field(
        60, ge=0, description="At most this many unknown lines go to the model in one run (cost control).")
