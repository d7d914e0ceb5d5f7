"""Rescreen settings: `[kyc_rescreen]` in engagement.toml."""

from __future__ import annotations

from pydantic import Field

from shared.engagement import WorkflowSettings
from shared.money import Money


class Context(WorkflowSettings):
    screening_threshold: Money | None = Field(
        None, ge=50, le=100,
        description="Hits scoring at or above this are reported; not set: each party at the threshold of the run "
                    "that last screened it, so that a changed threshold does not pass for a changed list.")
