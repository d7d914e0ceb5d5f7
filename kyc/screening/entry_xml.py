"""The UN consolidated list's entries in full (`kyc.screening.entries`), and the demo
list's, which is written in the same shape. The file is parsed once for all the entries
asked for."""

from __future__ import annotations

from typing import Any

from kyc.screening.files import ListFile
from kyc.screening.printed import Printed, joined, unique
from kyc.screening.un_xml import parse_xml

_PLACE = ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY", "NOTE")
_ADDRESS = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY", "NOTE")
_DETAILS = (("reference number", "REFERENCE_NUMBER"), ("listed on", "LISTED_ON"), ("gender", "GENDER"))
_VALUED = (("title", "TITLE"), ("designation", "DESIGNATION"), ("last updated", "LAST_DAY_UPDATED"))


def printed_entries(file: ListFile, ids: set[str]) -> dict[str, Printed]:
    root = parse_xml(file.path, file.text.encode("utf-8"))
    nodes = (node for tag in ("INDIVIDUAL", "ENTITY") for node in root.iter(tag))
    return {_text(node, "DATAID"): _printed(node) for node in nodes if _text(node, "DATAID") in ids}


def _text(node: Any, tag: str) -> str:
    found = node.find(tag)
    return " ".join((found.text or "").split()) if found is not None else ""


def _parts(node: Any, tags: tuple[str, ...]) -> str:
    return joined(*(_text(node, tag) for tag in tags))


def _printed(node: Any) -> Printed:
    aliases = [a for tag in ("INDIVIDUAL_ALIAS", "ENTITY_ALIAS") for a in node.iter(tag)]
    addresses = [a for tag in ("INDIVIDUAL_ADDRESS", "ENTITY_ADDRESS") for a in node.iter(tag)]
    dates = [_date(d) for d in node.iter("INDIVIDUAL_DATE_OF_BIRTH")] + _of_aliases(aliases, "DATE_OF_BIRTH")
    places = [_parts(p, _PLACE) for p in node.iter("INDIVIDUAL_PLACE_OF_BIRTH")]
    notes = [f"alias {_text(a, 'ALIAS_NAME')}: {_text(a, 'NOTE')}" for a in aliases if _text(a, "NOTE")]
    return Printed(
        dates_of_birth=unique(dates),
        places_of_birth=unique(places + _of_aliases(aliases, "CITY_OF_BIRTH", "COUNTRY_OF_BIRTH")),
        nationalities=unique(_values(node, "NATIONALITY")),
        addresses=unique([_parts(a, _ADDRESS) for a in addresses]),
        address_countries=unique([_text(a, "COUNTRY") for a in addresses]),
        identifiers=unique([_document(d) for d in node.iter("INDIVIDUAL_DOCUMENT")]),
        other=unique(_details(node) + notes),
        remarks=unique([_text(node, "COMMENTS1")]),
    )


def _values(node: Any, tag: str) -> list[str]:
    """The <VALUE>s of every `tag` (NATIONALITY, TITLE, DESIGNATION...)."""
    return [" ".join((v.text or "").split()) for found in node.iter(tag) for v in found.iter("VALUE")]


def _date(node: Any) -> str:
    kind = _text(node, "TYPE_OF_DATE").lower()
    span = joined(_text(node, "FROM_YEAR"), _text(node, "TO_YEAR"), sep=" and " if kind == "between" else " to ")
    when = _text(node, "DATE") or _text(node, "YEAR") or span
    return joined(kind if kind not in ("", "exact") else "", when, _text(node, "NOTE"), sep=" ") if when else ""


def _of_aliases(aliases: list[Any], *tags: str) -> list[str]:
    """Dates or places of birth the list gives with one alias, naming the alias."""
    found = [(a, _parts(a, tags)) for a in aliases]
    return [f"{value} (with the alias {_text(a, 'ALIAS_NAME')})" for a, value in found if value]


def _document(node: Any) -> str:
    kind = joined(_text(node, "TYPE_OF_DOCUMENT"), _text(node, "TYPE_OF_DOCUMENT2"), sep=" / ")
    if not (kind or _text(node, "NUMBER")):
        return ""
    issued = joined(_text(node, "ISSUING_COUNTRY"), _text(node, "COUNTRY_OF_ISSUE"), _text(node, "CITY_OF_ISSUE"))
    on, note = _text(node, "DATE_OF_ISSUE"), _text(node, "NOTE")
    return joined(kind, _text(node, "NUMBER"), f"issued by {issued}" if issued else "", f"on {on}" if on else "",
                  f"({note})" if note else "", sep=" ")


def _details(node: Any) -> list[str]:
    found = [f"{label}: {_text(node, tag)}" for label, tag in _DETAILS if _text(node, tag)]
    return found + [f"{label}: {value}" for label, tag in _VALUED for value in _values(node, tag) if value]
