"""Holdings as the packet states them: a register of shareholders or an ownership chart
(CSV, one holding per row), or else the application's list of direct shareholders.

A percentage that is not a number is bad input (exit 2, naming row and column); a total
over 100% is readable but wrong, so it is a finding made later, not an error here.
"""

from __future__ import annotations

from pathlib import Path

from kyc.application import Application, parse_percent
from kyc.ownership import Holding
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
    try:
        percent = parse_percent(row["percent"])
    except ValueError as exc:
        raise InputError(path, f"row {number} column 'percent': {exc}") from None
    owner_type = row["owner_type"].strip().lower()
    if owner_type not in OWNER_TYPES:
        raise InputError(path, f"row {number} column 'owner_type': {row['owner_type']!r} is not individual or entity")
    return Holding(
        owner=row["owner"].strip(), owner_type=owner_type, owned=row["owned"].strip(), percent=percent,
        owner_country=(row.get("owner_country") or "").strip().upper() or None,
        owner_date_of_birth=(row.get("owner_date_of_birth") or "").strip() or None,
        citations=(document.cite(number, "owner"), document.cite(number, "percent")),
    )


def holdings_from_application(application: Application) -> tuple[Holding, ...]:
    """The direct shareholders the application declares, when no register came with it."""
    form = application.form
    return tuple(
        Holding(owner=s.name, owner_type=s.type, owned=form.legal_name, percent=s.percent, owner_country=s.country,
                owner_date_of_birth=s.date_of_birth.isoformat() if s.date_of_birth else None,
                citations=application.cite(f"shareholders.{i}.name") + application.cite(f"shareholders.{i}.percent"))
        for i, s in enumerate(form.shareholders)
    )
