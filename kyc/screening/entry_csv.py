"""An OFAC legacy CSV set's entries in full (`kyc.screening.entries`): the primary row's
other columns, the alt rows' remarks, the addresses, and the Remarks column (with its
continuation in the comments file) sorted clause by clause into the fields it gives.

Every clause of the remarks lands in exactly one place: a date or place of birth, a
nationality, a citizenship, an identifier (a clause with a number and a label such as
"Passport", "National ID No.", "Registration Number"), another labelled detail, or the
remarks left as printed. A weak alias ("a.k.a. 'BNC'") is left out only when it is among
the entry's names already, where its kind is shown.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from kyc.screening import ofac_csv
from kyc.screening import remarks as rem
from kyc.screening.files import ListFile
from kyc.screening.printed import Printed, joined, unique
from kyc.screening.records import ListEntry

Rows = Mapping[str, list[list[str]]]
ROLES = ("primary", "alt", "add", "comments")
_PRIMARY_DETAILS = (("title", 4), ("call sign", 5), ("vessel type", 6), ("tonnage", 7),
                    ("gross registered tonnage", 8), ("vessel flag", 9), ("vessel owner", 10))
_LABELLED = (("dates_of_birth", re.compile(r"^DOB\b\s*")), ("places_of_birth", re.compile(r"^POB\b\s*")),
             ("nationalities", re.compile(r"^nationality\s+", re.I)),
             ("citizenships", re.compile(r"^citizen\s+", re.I)), ("gender", re.compile(r"^gender\s+", re.I)))
_ALIAS = re.compile(r"^[afn]\.k\.a\. '([^']+)'$")
_IDENTIFIER = re.compile(r"passport|\bid\b|identification|\bno\b|number|#|cedula|r\.?f\.?c|c\.?u\.?r\.?p|d\.n\.i|"
                         r"d-u-n-s|swift|\bbic\b|licen[cs]e|registr|matr[ií]cula|folio|v\.a\.t|\btax\b|mmsi|\bimo\b|"
                         r"serial|\bssn\b|certificate|card|credencial|cartilla|\bcode\b", re.I)


def printed_entries(files: Sequence[ListFile], wanted: Mapping[str, ListEntry]) -> dict[str, Printed]:
    layout = ofac_csv.set_named(files[0].path)
    if layout is None:
        return {}
    rows = {ROLES[layout.members.index(f.path.name.lower())]: _rows(f, set(wanted)) for f in files}
    return {key: _printed(entry, {role: rows.get(role, {}).get(key, []) for role in ROLES})
            for key, entry in wanted.items()}


def _rows(file: ListFile, ids: set[str]) -> dict[str, list[list[str]]]:
    found: dict[str, list[list[str]]] = defaultdict(list)
    for row in csv.reader(file.text.splitlines()):
        if row and row[0].strip() in ids:
            found[row[0].strip()].append(["" if c.strip() == "-0-" else c.strip() for c in row])
    return found


def _printed(entry: ListEntry, rows: Rows) -> Printed:
    primary = rows["primary"][0] if rows["primary"] else [""] * 12
    fields = sorted_remarks(primary[11] + "".join(r[1] for r in rows["comments"]), {n.name for n in entry.names})
    other = [f"{label}: {primary[at]}" for label, at in _PRIMARY_DETAILS if primary[at]]
    other += [f"gender: {value}" for value in fields["gender"]]
    other += [f"alias {alt[3]}: {alt[4]}" for alt in rows["alt"] if alt[4]]
    addresses = [joined(joined(*add[2:5]), f"({add[5]})" if add[5] else "", sep=" ") for add in rows["add"]]
    return Printed(
        dates_of_birth=unique(fields["dates_of_birth"]), places_of_birth=unique(fields["places_of_birth"]),
        nationalities=unique(fields["nationalities"]), citizenships=unique(fields["citizenships"]),
        addresses=unique(addresses), address_countries=unique([add[4] for add in rows["add"]]),
        identifiers=unique(fields["identifiers"]), other=unique(other), remarks=tuple(fields["remarks"]))


def sorted_remarks(remarks: str, names: set[str]) -> dict[str, list[str]]:
    """The remarks' clauses by the field each gives (see the module's docstring)."""
    fields: dict[str, list[str]] = defaultdict(list)
    for clause in rem.clauses(remarks):
        field, value = _field(clause.removeprefix("alt. "))
        if field == "alias" and value in names:
            continue
        if field in ("alias", "remarks"):
            field, value = "remarks", clause
        fields[field].append(value)
    return fields


def _field(clause: str) -> tuple[str, str]:
    for field, pattern in _LABELLED:
        found = pattern.match(clause)
        if found:
            return field, clause[found.end():].strip()
    alias = _ALIAS.match(clause)
    if alias:
        return "alias", alias.group(1).strip()
    label = re.split(r"\d", clause, maxsplit=1)[0]
    if len(label) < len(clause) and _IDENTIFIER.search(label):
        return "identifiers", clause
    return "remarks", clause
