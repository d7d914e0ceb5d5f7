"""Countries as people and lists write them, to ISO 3166-1 alpha-2 codes: the one resolver
for every country the pack reads (list data, `screen --country` and `--file`, registers,
applications).

The table is rigour's territories (OpenSanctions' library, MIT; pinned in pyproject.toml
and constraints.txt): ISO alpha-2 and alpha-3 codes, English names with their official and
short forms ("Hashemite Kingdom of Jordan", "UK", "Great Britain", "U.S.A.", "Ivory
Coast", "Korea, Republic of"), the spellings sanctions lists print ("Korea, North",
"Burma", "Bahamas, The"), nationality adjectives ("Jordanian") and names in other
languages. OpenSanctions maintains it for the same job, reading the lists' country fields,
so a new spelling is fixed upstream rather than in a table kept here.

A country is an ISO 3166-1 territory: a two-letter code with an alpha-3 one (Kosovo's XK
included), not a former country (Soviet Union), not a region of one (England, Crimea), a
city (Tehran) or a body (European Union). Those resolve to no code: a list prints them as
regions, and a customer's value naming one is refused with the country to write instead,
never silently turned into it.

Looking a name up in rigour's whole table costs about 2 s the first time in a process (it
romanises its 25,000 names), so the display names of the countries are tried first; the
lists' own spellings then cost that once, and a stored list is parsed from the cache
(`kyc.screening.store`) after its first use.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import cache, lru_cache

from rigour.territories import Territory, get_territories, lookup_by_identifier, lookup_territory
from rigour.territories.util import normalize_territory_name

# Qualifiers OFAC puts before a country ("possibly Palestinian", "Nationality of
# Registration Korea, North"); they say how the country relates, not which it is.
_PREFIXES = ("possibly ", "of registration ")
_SUGGESTIONS = 3


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """A country named as a list or an address prints it -> its code ('Korea, North' ->
    'KP', 'West Bank' -> 'PS'); None for anything else. Codes are not names here: a
    list's two letters are 'NA' for 'not available', not Namibia. A place the table
    files under a country counts (a list prints "Gaza" where a country goes), unlike in
    a customer's own field (`resolve_country`)."""
    key = name.strip().rstrip(".").strip()
    for prefix in _PREFIXES:
        if key.casefold().startswith(prefix):
            key = key[len(prefix):].strip()
    if not key or _as_code(key) is not None:
        return None
    found = _by_name(key)
    return _iso(found) if found is not None else None


def codes(names: Iterable[str]) -> tuple[str, ...]:
    """Known codes of `names`, first occurrence first, no repeats."""
    found = (country_code(name) for name in names)
    return tuple(dict.fromkeys(code for code in found if code))


@lru_cache(maxsize=4096)
def resolve_country(value: str) -> str:
    """A country as a person writes it: an ISO 3166 alpha-2 or alpha-3 code ('JO',
    'JOR') or a name in any common form ('Jordan', 'Hashemite Kingdom of Jordan') -> 'JO'.
    Anything else is a ValueError naming the value and what to write instead."""
    text = value.strip()
    found = _as_code(text) or (_by_name(text) if text else None)
    if found is not None and not _is_place(text, found) and (code := _iso(found)):
        return code
    raise ValueError(_refusal(text, found))


def country_or_none(value: str | None) -> str | None:
    """`resolve_country` for an optional field: blank is None."""
    return resolve_country(value) if value and value.strip() else None


def known_country(value: str) -> str | None:
    """`resolve_country` for data the pack only reads (an evaluation set's country
    column): None where it would refuse."""
    try:
        return resolve_country(value)
    except ValueError:
        return None


def _as_code(text: str) -> Territory | None:
    if not (len(text) in (2, 3) and text.isascii() and text.isalpha()):
        return None
    return lookup_by_identifier(text)


def _by_name(text: str) -> Territory | None:
    return _display_names().get(normalize_territory_name(text)) or lookup_territory(text)


@cache
def _display_names() -> dict[str, Territory]:
    """The countries' own names and full names: the common case, without loading the
    whole table."""
    return {normalize_territory_name(name): t for t in _countries() for name in (t.name, t.full_name)}


@cache
def _countries() -> tuple[Territory, ...]:
    return tuple(t for t in get_territories() if _iso(t))


def _iso(territory: Territory) -> str | None:
    # rigour also holds regions ("gb-eng"), former countries ("suhh") and bodies ("eu",
    # "zz" for global, "ip" for cyberspace); only ISO 3166-1 territories are countries here.
    usable = (len(territory.code) == 2 and territory.alpha3 and not territory.is_historical
              and territory.region != "Supranational")
    return territory.code.upper() if usable else None


def _is_place(text: str, territory: Territory) -> bool:
    """rigour also finds a territory by its cities ("Tehran" -> Iran); a city is not a
    country, whatever country it is in."""
    key = normalize_territory_name(text)
    return any(normalize_territory_name(place) == key for place in territory.places)


def _refusal(text: str, found: Territory | None) -> str:
    said = f"'{text}' is not an ISO 3166 country code nor a country name"
    if found is not None and _is_place(text, found) and (code := _iso(found)):
        return f"{said}: it is a place in {found.name}; write {code}"
    country = _country_of(found)
    if country is not None:
        return f"{said}: it is part of {country.name}; write {_iso(country)}"
    if found is not None:
        return f"{said}: it names {found.name}, which is not a current country"
    closest = _closest(text)
    return said + (f"; closest: {', '.join(closest)}" if closest else "")


def _country_of(found: Territory | None) -> Territory | None:
    while found is not None and found.parent is not None:
        found = found.parent
        if _iso(found):
            return found
    return None


def _closest(text: str) -> list[str]:
    """The countries whose English names are nearest `text` (difflib), as 'Jordan (JO)'."""
    by_name = {name: t for t in _countries() for name in (t.name, t.full_name)}
    folded = {name.casefold(): name for name in by_name}
    near = difflib.get_close_matches(text.casefold(), list(folded), n=_SUGGESTIONS * 2, cutoff=0.6)
    shown = [f"{by_name[folded[n]].name} ({_iso(by_name[folded[n]])})" for n in near]
    return list(dict.fromkeys(shown))[:_SUGGESTIONS]
