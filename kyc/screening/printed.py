"""What a list prints about an entry beyond what screening compares, each value as
printed (`kyc.screening.entries` reads it; `entry_csv` and `entry_xml` per format)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Printed:
    dates_of_birth: tuple[str, ...] = ()
    places_of_birth: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    citizenships: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    address_countries: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()  # passport, ID, registration numbers... with their label
    other: tuple[str, ...] = ()  # "label: value" (title, listed on, gender, vessel flag...)
    remarks: tuple[str, ...] = ()  # what no field above holds, as printed


def joined(*parts: str, sep: str = ", ") -> str:
    return sep.join(part for part in parts if part)


def unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for value in values if value))
