"""The earnings review's settings: `[earnings_review]` in engagement.toml."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from shared.engagement import WorkflowSettings
from shared.money import Money


class Context(WorkflowSettings):
    # A receivables or inventory balance growing faster than revenue by more than this
    # many percentage points (year on year) is flagged as a working-capital signal.
    working_capital_threshold_pct: Money = Field(Decimal("10"), ge=0)
    # With a model: ask it to classify statement lines the label table does not know.
    classify_unknown_labels: bool = True
    # At most this many unknown lines go to the model in one run (cost control).
    max_labels_to_classify: int = Field(60, ge=0)
