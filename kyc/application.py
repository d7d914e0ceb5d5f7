"""The customer's application: `application.json`, `application.yaml` or a filled PDF
form (a W-9), validated strictly and with every value cited to the line or form field
it was read from.

A misspelt field or a malformed date is bad input (exit 2, one line naming the field),
not a finding: an application we cannot read says nothing about the customer.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from kyc.forms import read_form_values
from kyc.screening.countries import country_or_none
from kyc.structured import read_structured
from shared.documents.citation import Citation
from shared.errors import InputError

CustomerType = Literal["company", "individual", "trust", "foundation", "partnership"]
APPLICATION_NAMES = ("application.json", "application.yaml", "application.yml", "application.pdf")


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def _country(value: str | None) -> str | None:
    return country_or_none(value)


# An ISO 3166 code (two or three letters) or a country's name, kept as its alpha-2 code;
# the one resolver every country the pack reads goes through (kyc.screening.countries).
Country = Annotated[str | None, AfterValidator(_country)]


class Officer(_Strict):
    name: str = Field(min_length=1)
    role: str = Field(min_length=1)
    date_of_birth: date | None = None
    nationality: Country = None
    pep: bool = False


class Shareholder(_Strict):
    name: str = Field(min_length=1)
    type: Literal["individual", "entity"]
    percent: Decimal
    country: Country = None
    date_of_birth: date | None = None

    @field_validator("percent", mode="before")
    @classmethod
    def _percent(cls, value: Any) -> Decimal:
        return parse_percent(value)


class ApplicationForm(_Strict):
    """What the customer declared, as written in the application."""

    customer_type: CustomerType
    legal_name: str = Field(min_length=1)
    date: date  # a field named as its type: the fields below it spell the type in full
    industry: str = Field(min_length=1)
    registration_number: str | None = None
    jurisdiction: Country = None
    incorporation_date: datetime.date | None = None
    registered_address: str | None = None
    residential_address: str | None = None
    date_of_birth: datetime.date | None = None
    nationality: Country = None
    occupation: str | None = None
    pep: bool = False
    tax_id: str | None = None
    officers: tuple[Officer, ...] = ()
    shareholders: tuple[Shareholder, ...] = ()

    @property
    def address(self) -> str | None:
        return self.registered_address or self.residential_address

    @property
    def country(self) -> str | None:
        return self.jurisdiction or self.nationality


def parse_percent(value: Any) -> Decimal:
    """A percentage as written ("60", "33.33", "60%"); floats are refused because JSON
    numbers like 33.33 are not exact in binary."""
    if isinstance(value, (bool, float)):
        raise ValueError(f"percentage {value!r} must be written as a string or whole number")
    text = str(value).strip().removesuffix("%").strip()
    try:
        percent = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"percentage {value!r} is not a number") from None
    # One holding is at most the whole; holdings that add up to more are a finding, later.
    if not percent.is_finite() or not 0 <= percent <= 100:
        raise ValueError(f"percentage {value!r} is not a number from 0 to 100")
    return percent


class Application(BaseModel):
    """The validated form and, for each field path ("officers.0.name"), its citation."""

    model_config = ConfigDict(frozen=True)

    path: str
    sha256: str
    form: ApplicationForm
    citations: dict[str, Citation]

    def cite(self, field: str) -> tuple[Citation, ...]:
        citation = self.citations.get(field)
        return (citation,) if citation is not None else ()


def find_application(folder: Path) -> Path:
    found = [folder / name for name in APPLICATION_NAMES if (folder / name).is_file()]
    if not found:
        raise InputError(folder, f"holds no application (expected one of: {', '.join(APPLICATION_NAMES)})")
    if len(found) > 1:
        raise InputError(folder, f"holds {len(found)} applications ({', '.join(p.name for p in found)}); keep one")
    return found[0]


def read_application(path: Path) -> Application:
    reader = read_form_values if path.suffix.lower() == ".pdf" else read_structured
    data, sha256, citations = reader(path)
    return Application(path=str(path), sha256=sha256, form=validate_form(data, path), citations=citations)


def validate_form(data: Mapping[str, Any], source: Path) -> ApplicationForm:
    try:
        return ApplicationForm.model_validate(dict(data))
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"]) or "(top level)"
        if error["type"] == "extra_forbidden":
            raise InputError(source, f"unknown field '{where}'") from None
        raise InputError(source, f"field '{where}': {_message(error)}") from None


def _message(error: Mapping[str, Any]) -> str:
    message = str(error["msg"]).removeprefix("Value error, ")
    if "input" in error and error["type"].startswith("date"):
        return f"{error['input']!r} is not a date (YYYY-MM-DD)"
    return message
