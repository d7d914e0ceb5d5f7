"""Country names as lists print them, to ISO 3166 alpha-2 codes (table in kyc/data)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

TABLE = Path(__file__).resolve().parents[1] / "data" / "lists" / "countries.toml"
# Qualifiers OFAC puts before a country ("possibly Palestinian", "Nationality of
# Registration Korea, North"); they say how the country relates, not which it is.
_PREFIXES = ("possibly ", "of registration ")


@cache
def _names() -> dict[str, str]:
    with TABLE.open("rb") as handle:
        table = tomllib.load(handle)["names"]
    return {name.casefold(): code for name, code in table.items()}


def country_code(name: str) -> str | None:
    """'Korea, North' -> 'KP'; None for a region or a name the table lacks."""
    key = name.strip().rstrip(".").strip().casefold()
    for prefix in _PREFIXES:
        key = key.removeprefix(prefix)
    return _names().get(key)


def codes(names: list[str]) -> tuple[str, ...]:
    """Known codes of `names`, first occurrence first, no repeats."""
    found = (country_code(name) for name in names)
    return tuple(dict.fromkeys(code for code in found if code))
