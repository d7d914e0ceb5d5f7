"""KYC settings: `[kyc]` in engagement.toml. Every threshold a firm's policy sets lives
here, with the pack's default; the risk grid's lists are the firm's, not ours. Each
field's description is what `finagents new` writes above it in a client project's file."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from shared.engagement import WorkflowSettings
from shared.money import Money


class _Table(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RiskGrid(_Table):
    """What raises a case's risk. Countries are ISO 3166 alpha-2 codes."""

    high_risk_countries: tuple[str, ...] = Field(
        ("KP", "IR", "MM"),
        description="FATF 'call for action' jurisdictions: a firm replaces them with its own current policy list.")
    medium_risk_countries: tuple[str, ...] = Field(
        ("AE", "NG", "ZA", "VN", "SY", "RU", "PA", "KY", "VG"),
        description="A sample of FATF's increased-monitoring list: a firm replaces it with its own current list.")
    high_risk_industries: tuple[str, ...] = Field(
        ("money_services", "precious_metals", "crypto_assets"), description="Industries that make a case high risk.")
    medium_risk_industries: tuple[str, ...] = Field(
        ("real_estate", "shipping"), description="Industries that count as a medium risk factor.")
    medium_risk_customer_types: tuple[str, ...] = Field(
        ("trust", "foundation", "partnership"), description="Customer types that count as a medium risk factor.")
    opacity_medium: int = Field(
        2, ge=0, description="Ownership opacity at or above this score is a medium risk factor.")
    opacity_high: int = Field(5, ge=0, description="Ownership opacity at or above this score makes a case high risk.")
    medium_factors_for_high: int = Field(
        3, ge=1, description="This many medium factors together make a case high risk.")


class Context(WorkflowSettings):
    ownership_threshold_pct: Money = Field(
        Decimal("25"), gt=0, le=100,
        description="Effective ownership at or above this percentage makes an individual a beneficial owner "
                    "(25 is the common rule; 10 for high-risk customers under many policies).")
    control_roles: tuple[str, ...] = Field(
        ("ceo", "managing_director"),
        description="Officers in these roles are beneficial owners by control whatever they own.")
    screening_threshold: Money = Field(
        Decimal("85"), ge=50, le=100,
        description="Screening hits scoring at or above this are reported for disposition.")
    certain_score: Money = Field(
        Decimal("95"), ge=50, le=100,
        description="A hit at or above this score, with a corroborating date of birth, recommends decline "
                    "before any review.")
    required_documents: dict[str, tuple[str, ...]] = Field(
        {
            "company": ("application", "certificate_of_incorporation", "ownership", "identity", "proof_of_address"),
            "individual": ("application", "identity", "proof_of_address"),
        },
        description="Documents each customer type must supply; 'identity' means an identity document for every "
                    "individual customer, director and beneficial owner.")
    proof_of_address_max_age_days: int = Field(
        92, ge=1, description="A proof of address older than this many days (at the application date) is stale.")
    risk: RiskGrid = Field(RiskGrid(), description="The risk grid: what raises a case's risk.")
    read_unplaced_documents: bool = Field(
        True, description="With a model: ask it to read documents the rules could not place (its values are kept "
                          "only where they are found in the document).")
    adjudicate_hits: bool = Field(
        True, description="With a model: ask it to weigh hits below certain_score (a recommendation only).")
