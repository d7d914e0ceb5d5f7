"""KYC settings: `[kyc]` in engagement.toml. Every threshold a firm's policy sets lives
here, with the pack's default; the risk grid's lists are the firm's, not ours."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from shared.engagement import WorkflowSettings
from shared.money import Money


class _Table(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RiskGrid(_Table):
    """What raises a case's risk. Countries are ISO 3166 alpha-2 codes."""

    # FATF "call for action" jurisdictions, and a sample of its increased-monitoring list:
    # a firm replaces both with its own current policy lists.
    high_risk_countries: tuple[str, ...] = ("KP", "IR", "MM")
    medium_risk_countries: tuple[str, ...] = ("AE", "NG", "ZA", "VN", "SY", "RU", "PA", "KY", "VG")
    high_risk_industries: tuple[str, ...] = ("money_services", "precious_metals", "crypto_assets")
    medium_risk_industries: tuple[str, ...] = ("real_estate", "shipping")
    medium_risk_customer_types: tuple[str, ...] = ("trust", "foundation", "partnership")
    # Opacity at or above these scores raises the rating (see ownership.opacity).
    opacity_medium: int = Field(2, ge=0)
    opacity_high: int = Field(5, ge=0)
    # This many medium factors together make a case high risk.
    medium_factors_for_high: int = Field(3, ge=1)


class Context(WorkflowSettings):
    # Effective ownership at or above this percentage makes an individual a beneficial
    # owner (25 is the common rule; 10 for high-risk customers under many policies).
    ownership_threshold_pct: Money = Field(Decimal("25"), gt=0, le=100)
    # Officers in these roles are beneficial owners by control whatever they own.
    control_roles: tuple[str, ...] = ("ceo", "managing_director")
    # Screening: hits scoring at or above the threshold are reported for disposition;
    # at or above `certain_score`, with a corroborating date of birth, the case is
    # recommended for decline before any review.
    screening_threshold: Money = Field(Decimal("85"), ge=50, le=100)
    certain_score: Money = Field(Decimal("95"), ge=50, le=100)
    # Documents each customer type must supply; `identity` means an identity document for
    # every individual customer, director and beneficial owner.
    required_documents: dict[str, tuple[str, ...]] = {
        "company": ("application", "certificate_of_incorporation", "ownership", "identity", "proof_of_address"),
        "individual": ("application", "identity", "proof_of_address"),
    }
    # A proof of address older than this (at the application date) is stale.
    proof_of_address_max_age_days: int = Field(92, ge=1)
    risk: RiskGrid = RiskGrid()
    # With a model: ask it to read documents the rules could not place (its values are
    # kept only where they are found in the document).
    read_unplaced_documents: bool = True
    # With a model: ask it to weigh hits below `certain_score` (a recommendation only).
    adjudicate_hits: bool = True
