"""Month-end close settings: `[month_end_close]` in engagement.toml, with the close
folder's `close.toml` (period, entity, currency, bank balances, column names) in front."""

from __future__ import annotations

import difflib
import re
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from shared.engagement import WorkflowSettings
from shared.money import Money


class _Table(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class BankBalances(_Table):
    """The statement's balances, for a CSV statement that prints none (no `balance`
    column): without them it cannot be proven."""

    opening: Money | None = Field(None, description="The statement's opening balance.")
    closing: Money | None = Field(None, description="The statement's closing balance.")


class EntryAccounts(_Table):
    """Where proposed entries post the other side of a bank-only item. Account codes of
    the client's chart; a code the chart does not have is a finding."""

    bank_charges: str = Field("6900", description="Bank charges and fees.")
    interest_income: str = Field("7100", description="Interest received.")
    interest_expense: str = Field("7200", description="Interest paid.")
    receivables: str = Field("1100", description="Customer receipts the books have not recorded.")
    suspense: str = Field("9999", description="Anything the close cannot place.")


# The columns the pack reads in ledger.csv and bank*.csv, which `columns` may rename.
PACK_COLUMNS = ("id", "date", "account", "description", "amount", "debit", "credit", "reference", "balance")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


class Context(WorkflowSettings):
    period: str | None = Field(
        None, description="The month closed, as YYYY-MM; usually set in the close folder's close.toml.")
    entity: str = Field("", description="The entity's name as reports show it; usually set in close.toml.")
    currency: str | None = Field(
        None, description="ISO 4217 code of the bank account, for statements that print none.")
    bank: BankBalances = Field(
        BankBalances(), description="Balances for a CSV statement that prints none; without them it cannot be proven.")
    columns: dict[str, str] = Field(
        {}, description="Your export's header for each of the pack's column names that yours names otherwise, "
                        f'e.g. account = "GL Code". The pack\'s names: {", ".join(PACK_COLUMNS)}.')
    cash_account: str | None = Field(
        None, description="The cash account reconciled, if accounts.csv does not mark one 'cash'.")
    window_days: int = Field(
        7, ge=0, le=60, description="Matching: how many days the books may run ahead of the bank "
                                    "(cheques take days to clear).")
    lead_days: int = Field(2, ge=0, le=30, description="Matching: how many days the books may run behind the bank.")
    max_subset_size: int = Field(
        6, ge=2, le=8, description="One-to-many matches: the largest number of lines that may make up one amount.")
    subset_candidates: int = Field(
        32, ge=2, le=60, description="One-to-many matches: how many nearby lines are tried.")
    in_transit_days: int = Field(
        5, ge=0, le=31, description="Book receipts at most this many days before the statement date are in transit.")
    materiality_amount: Money = Field(
        Decimal("1000"), ge=0, description="Flux: an account is flagged when its change passes BOTH this amount "
                                           "and materiality_pct.")
    materiality_pct: Money = Field(
        Decimal("10"), ge=0, description="Flux: the percentage change an account must also pass to be flagged.")
    flux_drivers: int = Field(
        5, ge=1, le=50, description="How many of the largest ledger lines are shown as an account's drivers.")
    entry_accounts: EntryAccounts = Field(
        EntryAccounts(), description="Where proposed entries post the other side of a bank-only item.")
    explain_flux: bool = Field(
        True, description="With a model: ask it why each flagged account moved (the figures stay ours).")

    # The messages show the value and how to write it: a pattern such as ^\d{4}-(0[1-9]|1[0-2])$
    # says neither to the person who typed 2024-13.
    @field_validator("period", mode="before")
    @classmethod
    def _a_month(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value)):
            return value
        raise PydanticCustomError("not_a_month", "'{given}' is not a month: write it as YYYY-MM, e.g. \"{example}\"",
                                  {"given": str(value), "example": month_example(str(value))})

    @field_validator("currency", mode="before")
    @classmethod
    def _a_currency(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and re.fullmatch(r"[A-Z]{3}", value)):
            return value
        example = str(value).upper() if re.fullmatch(r"[A-Za-z]{3}", str(value)) else "GBP"
        raise PydanticCustomError("not_a_currency", "'{given}' is not a currency code: write its ISO 4217 code in "
                                  "capitals, e.g. \"{example}\"", {"given": str(value), "example": example})

    @field_validator("columns", mode="before")
    @classmethod
    def _pack_columns(cls, value: Any) -> Any:
        unknown = [key for key in value if key not in PACK_COLUMNS] if isinstance(value, dict) else []
        if not unknown:
            return value
        close = difflib.get_close_matches(unknown[0], PACK_COLUMNS, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise PydanticCustomError(
            "unknown_column", "maps '{given}', which is not a column the pack reads{hint}; the pack's columns: "
            "{names}",
            {"given": unknown[0], "hint": hint, "names": ", ".join(PACK_COLUMNS)})


def month_example(text: str) -> str:
    """The month a mistyped period most likely meant (2024-3 or 2024-03-31: 2024-03)."""
    found = _MONTH.match(text)
    if found and 1 <= int(found[2]) <= 12:
        return f"{found[1]}-{int(found[2]):02d}"
    return "2024-12"
