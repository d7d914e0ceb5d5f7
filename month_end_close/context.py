"""Month-end close settings: `[month_end_close]` in engagement.toml, with the close
folder's `close.toml` (period, entity, currency, bank balances, column names) in front."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from shared.engagement import WorkflowSettings
from shared.money import Money


class _Table(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class BankBalances(_Table):
    """The statement's balances, for a CSV statement that prints none (no `balance`
    column): without them it cannot be proven."""

    opening: Money | None = None
    closing: Money | None = None


class EntryAccounts(_Table):
    """Where proposed entries post the other side of a bank-only item. Account codes of
    the client's chart; a code the chart does not have is a finding."""

    bank_charges: str = "6900"
    interest_income: str = "7100"
    interest_expense: str = "7200"
    receivables: str = "1100"
    suspense: str = "9999"


class Context(WorkflowSettings):
    period: str | None = Field(None, pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    entity: str = ""
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    bank: BankBalances = BankBalances()
    # A client's export headers for the pack's column names: `amount = "Value"`.
    columns: dict[str, str] = {}
    # The cash account reconciled, if `accounts.csv` does not mark one `cash`.
    cash_account: str | None = None
    # Matching: how far the books may run ahead of the bank (cheques take days to clear)
    # and behind it; subsets for one-to-many matches: their largest size and how many
    # nearby lines are tried.
    window_days: int = Field(7, ge=0, le=60)
    lead_days: int = Field(2, ge=0, le=30)
    max_subset_size: int = Field(5, ge=2, le=8)
    subset_candidates: int = Field(24, ge=2, le=60)
    # Book receipts at most this many days before the statement date are in transit.
    in_transit_days: int = Field(5, ge=0, le=31)
    # Flux: an account is flagged when its change passes BOTH the amount and the percentage.
    materiality_amount: Money = Field(Decimal("1000"), ge=0)
    materiality_pct: Money = Field(Decimal("10"), ge=0)
    # How many of the largest ledger lines are shown as an account's drivers.
    flux_drivers: int = Field(5, ge=1, le=50)
    entry_accounts: EntryAccounts = EntryAccounts()
    # With a model: ask it why each flagged account moved (the figures stay ours).
    explain_flux: bool = True
