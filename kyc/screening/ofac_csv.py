"""OFAC's legacy CSV sets: the SDN list (sdn.csv, alt.csv, add.csv, sdn_comments.csv)
and the consolidated non-SDN lists (cons_prim.csv, cons_alt.csv, ...), same layout.

The files have no header. Columns, from OFAC's published data specification:
- primary: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage,
  GRT, Vess_flag, Vess_owner, Remarks
- alt: ent_num, alt_num, alt_type, alt_name, alt_remarks
- add: ent_num, add_num, address, city/state/postal, country, add_remarks
- comments: ent_num, the rest of a Remarks value longer than the primary file holds
"-0-" means empty.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from kyc.screening import remarks as rem
from kyc.screening.countries import codes
from kyc.screening.files import ListFile, read_list_file, set_sha256
from kyc.screening.records import ListedName, ListEntry, ScreeningList
from shared.errors import InputError


@dataclass(frozen=True)
class CsvSet:
    list_name: str
    primary: str
    alt: str
    add: str
    comments: str

    @property
    def members(self) -> tuple[str, ...]:
        return (self.primary, self.alt, self.add, self.comments)


SDN = CsvSet("OFAC SDN", "sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")
CONSOLIDATED = CsvSet(
    "OFAC Consolidated (non-SDN)", "cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv"
)
SETS = (SDN, CONSOLIDATED)
_WIDTH = {"primary": 12, "alt": 5, "add": 6, "comments": 2}
_TYPES = {"individual": "individual", "vessel": "vessel", "aircraft": "aircraft"}


def set_named(path: Path) -> CsvSet | None:
    """The set whose member file `path` is, by file name."""
    name = path.name.lower()
    return next((s for s in SETS if name in s.members), None)


def set_in_folder(folder: Path) -> CsvSet | None:
    return next((s for s in SETS if (folder / s.primary).is_file()), None)


def set_files(folder: Path, layout: CsvSet) -> list[Path]:
    """The set's files present in `folder`, primary first; primary and alt are required
    (without alt.csv every alias would be silently missing from screening)."""
    for required in (layout.primary, layout.alt):
        if not (folder / required).is_file():
            raise InputError(folder / required,
                             f"is missing: an {layout.list_name} CSV set needs {layout.primary} and {layout.alt}")
    return [folder / name for name in layout.members if (folder / name).is_file()]


def load_set(folder: Path, layout: CsvSet, date: str, date_origin: str) -> ScreeningList:
    """The set in `folder`; its files print no date, so `date` (and where it came from,
    `date_origin`) is given."""
    files = {name: read_list_file(path) for name, path in zip(_roles(folder, layout), set_files(folder, layout))}
    rows = {role: _rows(file, role) for role, file in files.items()}
    entries = _entries(layout, files, rows)
    ordered = list(files.values())
    return ScreeningList(layout.list_name, tuple(f.path for f in ordered), set_sha256(ordered), date, date_origin,
                         entries)


def _roles(folder: Path, layout: CsvSet) -> list[str]:
    roles = zip(("primary", "alt", "add", "comments"), layout.members)
    return [role for role, name in roles if (folder / name).is_file()]


def _rows(file: ListFile, role: str) -> list[list[str]]:
    rows = []
    for number, row in enumerate(csv.reader(file.text.splitlines()), 1):
        if not row:
            continue
        if len(row) != _WIDTH[role] or not row[0].strip().isdigit():
            raise InputError(file.path, f"line {number} has {len(row)} fields; an OFAC legacy CSV {role} file has "
                                        f"{_WIDTH[role]}, the first a number")
        rows.append([_value(cell) for cell in row])
    return rows


def _value(cell: str) -> str:
    cell = cell.strip()
    return "" if cell == "-0-" else cell


def _entries(layout: CsvSet, files: dict[str, ListFile], rows: dict[str, list[list[str]]]) -> tuple[ListEntry, ...]:
    by_id: dict[str, dict[str, list[list[str]]]] = defaultdict(lambda: defaultdict(list))
    for role in ("alt", "add", "comments"):
        for row in rows.get(role, []):
            by_id[row[0]][role].append(row)
    return tuple(_entry(layout, files, row, by_id[row[0]]) for row in rows["primary"])


def _entry(layout: CsvSet, files: dict[str, ListFile], row: list[str], extra: dict[str, list[list[str]]]) -> ListEntry:
    primary_remarks = row[11]
    more = "".join(r[1] for r in extra["comments"])  # OFAC cuts long remarks mid-word
    remarks = primary_remarks + more
    names = [_name(row[1], "primary", files["primary"])]
    names += [_name(alt[3], alt[2].lower() or "aka", files["alt"]) for alt in extra["alt"] if alt[3]]
    names += _weak_names(remarks, primary_remarks, more, files)
    countries = rem.country_names(remarks) + [add[4] for add in extra["add"] if add[4]]
    return ListEntry(
        list_name=layout.list_name,
        entry_id=row[0],
        names=tuple(dict.fromkeys(names)),
        type=_TYPES.get(row[2].lower(), "entity"),
        dates_of_birth=tuple(rem.dates_of_birth(remarks)),
        countries=codes(countries),
        programs=tuple(p.strip() for p in row[3].split("] [") if p.strip()),
    )


def _name(name: str, kind: str, file: ListFile) -> ListedName:
    return ListedName(name.strip(), kind, file.path, file.sha256)


def _weak_names(remarks: str, primary: str, more: str, files: dict[str, ListFile]) -> list[ListedName]:
    """Aliases from Remarks, cited in the file that prints them whole; one cut in two by
    OFAC's split into the comments file cannot be cited, so it is left out."""
    names = []
    for kind, name in rem.weak_aliases(remarks):
        quoted = f"'{name}'"
        if quoted in primary:
            names.append(_name(name, kind, files["primary"]))
        elif quoted in more and "comments" in files:
            names.append(_name(name, kind, files["comments"]))
    return names
