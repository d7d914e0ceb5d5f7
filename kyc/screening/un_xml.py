"""The UN Security Council Consolidated List, as the UN publishes it in XML
(https://scsanctions.un.org/resources/xml/en/consolidated.xml).

The pack's demo list (`kyc.screening.demo`) is written in the same shape under its own
root, `<DEMO_LIST>`, so that it can never be taken for the UN's list.

Individuals print their name in parts (FIRST_NAME .. FOURTH_NAME), joined here with
spaces in that order, which is how the UN's own HTML list shows them. Aliases carry a
QUALITY: "Low" ones become kind "low quality aka"; the original-script name (Arabic,
Cyrillic...) is kept as kind "original script".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from kyc.screening.countries import codes
from kyc.screening.dates import check_date
from kyc.screening.files import ListFile, read_list_file
from kyc.screening.records import ListedName, ListEntry, ScreeningList
from shared.errors import InputError

LIST_NAME = "UN Consolidated"
ROOT = "CONSOLIDATED_LIST"
DEMO_ROOT = "DEMO_LIST"
NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_QUALITY = {"good": "aka", "a.k.a.": "aka", "": "aka", "low": "low quality aka", "f.k.a.": "fka"}


def parse_xml(path: Path, data: bytes) -> Any:
    """An lxml tree, parsed without entities, DTDs or network: list files are input."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"is not well-formed XML ({exc})") from None


def load_un(path: Path) -> ScreeningList:
    """The UN list, dated by its own `dateGenerated` (a date declared for it is the
    caller's to compare: the file's own date wins)."""
    return load_xml_list(path, ROOT, LIST_NAME)


def load_xml_list(path: Path, root_tag: str, list_name: str) -> ScreeningList:
    file = read_list_file(path)
    root = parse_xml(path, file.text.encode("utf-8"))
    if root.tag == DEMO_ROOT and root_tag != DEMO_ROOT:
        raise InputError(path, "is the pack's DEMO LIST of invented names, not a real sanctions list: it is used "
                               "only for runs on the pack's own sample and cannot be loaded")
    if root.tag != root_tag:
        raise InputError(path, f"is XML but not the UN consolidated list (its root is <{root.tag}>, not <{root_tag}>)")
    date = _published(path, root)
    entries = [_entry(node, "individual", file, list_name) for node in root.iter("INDIVIDUAL")]
    entries += [_entry(node, "entity", file, list_name) for node in root.iter("ENTITY")]
    return ScreeningList(list_name, (path,), file.sha256, date, "published", tuple(entries))


def _published(path: Path, root: Any) -> str:
    generated = (root.get("dateGenerated") or "")[:10]
    if not generated:
        raise InputError(path, f"has no dateGenerated attribute on <{root.tag}>, so its date is unknown")
    return check_date(generated, path)


def _text(node: Any, tag: str) -> str:
    found = node.find(tag)
    return " ".join((found.text or "").split()) if found is not None else ""


def _entry(node: Any, kind: str, file: ListFile, list_name: str) -> ListEntry:
    primary = " ".join(part for part in (_text(node, tag) for tag in NAME_PARTS) if part)
    names = [ListedName(primary, "primary", file.path, file.sha256)]
    names += _aliases(node, kind, file)
    return ListEntry(
        list_name=list_name,
        entry_id=_text(node, "DATAID"),
        names=tuple(dict.fromkeys(n for n in names if n.name)),
        type=kind,
        dates_of_birth=tuple(dict.fromkeys(_dates(node))),
        countries=codes(_countries(node, kind)),
        programs=(_text(node, "UN_LIST_TYPE"),) if _text(node, "UN_LIST_TYPE") else (),
    )


def _aliases(node: Any, kind: str, file: ListFile) -> list[ListedName]:
    tag = "INDIVIDUAL_ALIAS" if kind == "individual" else "ENTITY_ALIAS"
    names = []
    for alias in node.iter(tag):
        quality = _QUALITY.get(_text(alias, "QUALITY").lower(), "aka")
        names.append(ListedName(_text(alias, "ALIAS_NAME"), quality, file.path, file.sha256))
    script = _text(node, "NAME_ORIGINAL_SCRIPT")
    if script:
        names.append(ListedName(script, "original script", file.path, file.sha256))
    return names


def _dates(node: Any) -> list[str]:
    found: list[str] = []
    for dob in node.iter("INDIVIDUAL_DATE_OF_BIRTH"):
        date, year = _text(dob, "DATE")[:10], _text(dob, "YEAR")
        first, last = _text(dob, "FROM_YEAR"), _text(dob, "TO_YEAR")
        if date:
            found.append(date)
        elif year:
            found.append(year)
        elif first.isdigit() and last.isdigit() and 0 <= int(last) - int(first) <= 10:
            found.extend(str(y) for y in range(int(first), int(last) + 1))
        else:
            found.extend(y for y in (first, last) if y)
    return found


def _countries(node: Any, kind: str) -> list[str]:
    nationality = [(v.text or "").strip() for n in node.iter("NATIONALITY") for v in n.iter("VALUE")]
    address_tag = "INDIVIDUAL_ADDRESS" if kind == "individual" else "ENTITY_ADDRESS"
    addresses = [_text(a, "COUNTRY") for a in node.iter(address_tag)]
    return [name for name in nationality + addresses if name]
