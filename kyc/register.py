"""Holdings as the packet states them: a register of shareholders or an ownership chart
(CSV, one holding per row), or else the application's list of direct shareholders.

A percentage that is not a number is bad input (exit 2, naming row and column); a total
over 100% is readable but wrong, so it is a finding made later, not an error here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kyc.application import Application, parse_percent
from kyc.dates import read_date
from kyc.ownership import Holding
from kyc.screening.countries import country_or_none
from shared.documents import CsvDocument, open_csv
from shared.documents.errors import DocumentError
from shared.errors import InputError

REQUIRED = ("owner", "owner_type", "owned", "percent")
OWNER_TYPES = ("individual", "entity")


def is_register(header: tuple[str, ...]) -> bool:
    return {"owner", "owned", "percent"} <= {h.strip().lower() for h in header}


def read_register(path: Path) -> tuple[Holding, ...]:
    try:
        document = open_csv(path)
    except DocumentError as exc:
        raise InputError(path, exc.problem) from None
    return holdings_in(document)


def holdings_in(document: CsvDocument) -> tuple[Holding, ...]:
    """The holdings of an opened register, one per row."""
    try:
        document.require_columns(*REQUIRED)
    except DocumentError as exc:
        raise InputError(document.path, exc.problem) from None
    return tuple(_holding(document.path, document, number) for number in range(1, len(document.rows) + 1))


def _holding(path: Path, document, number: int) -> Holding:
    row = document.rows[number - 1]
    return Holding(
        owner=_cell(path, number, row, "owner", _name), owner_type=_cell(path, number, row, "owner_type", _owner_type),
        owned=_cell(path, number, row, "owned", _name), percent=_cell(path, number, row, "percent", parse_percent),
        owner_country=_cell(path, number, row, "owner_country", country),
        owner_date_of_birth=_cell(path, number, row, "owner_date_of_birth", date_of_birth),
        citations=(document.cite(number, "owner"), document.cite(number, "percent")),
    )


def _cell(path: Path, number: int, row: dict, column: str, read: Callable[[str], Any]) -> Any:
    """The cell read by `read`; a bad value is exit 2 naming the file, row and column."""
    try:
        return read((row.get(column) or "").strip())
    except ValueError as exc:
        raise InputError(path, f"row {number} column {column!r}: {exc}") from None


def _name(text: str) -> str:
    if not text:
        raise ValueError("the name is empty")
    return text


def _owner_type(text: str) -> str:
    if text.lower() not in OWNER_TYPES:
        raise ValueError(f"{text!r} is not individual or entity")
    return text.lower()


def country(text: str) -> str | None:
    """An ISO 3166 code (two or three letters) or a country's name -> its alpha-2 code;
    blank is None (`kyc.screening.countries`)."""
    return country_or_none(text)


def date_of_birth(text: str) -> str | None:
    """A register's date of birth as screening takes it: ISO at the precision given
    (1971, 1971-06, 1971-06-14), or a full date in any form `kyc.dates` reads. One that
    is impossible or ambiguous between day and month is refused, not guessed."""
    if not text:
        return None
    if re.fullmatch(r"\d{4}(-\d{2})?", text):
        if len(text) == 7 and not 1 <= int(text[5:]) <= 12:
            raise ValueError(f"{text!r} is not a real month")
        return text
    return read_date(text).isoformat()


def holdings_from_application(application: Application) -> tuple[Holding, ...]:
    """The direct shareholders the application declares, when no register came with it."""
    form = application.form
    return tuple(
        Holding(owner=s.name, owner_type=s.type, owned=form.legal_name, percent=s.percent, owner_country=s.country,
                owner_date_of_birth=s.date_of_birth.isoformat() if s.date_of_birth else None,
                citations=application.cite(f"shareholders.{i}.name") + application.cite(f"shareholders.{i}.percent"))
        for i, s in enumerate(form.shareholders)
    )
