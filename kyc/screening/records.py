"""The immutable records a loaded screening list is made of."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ListedName:
    """One name of an entry, exactly as printed in `path` (so a citation can find it)."""

    name: str
    kind: str  # "primary", "aka", "fka", "nka", "low quality aka", "original script"...
    path: Path
    doc_sha256: str


@dataclass(frozen=True)
class ListEntry:
    """One listed party.

    `dates_of_birth` are ISO strings at the precision the list gives ("1962",
    "1960-03", "1960-03-12"); a range ("DOB 1957 to 1959", UN "BETWEEN") is expanded to
    each of its years, so matching never has to parse a range.
    `countries` are ISO 3166 alpha-2 codes: nationality, citizenship, then addresses.
    """

    list_name: str
    entry_id: str
    names: tuple[ListedName, ...]
    type: str  # "individual" | "entity" | "vessel" | "aircraft"
    dates_of_birth: tuple[str, ...]
    countries: tuple[str, ...]
    programs: tuple[str, ...]

    @property
    def primary(self) -> ListedName:
        return self.names[0]


@dataclass(frozen=True)
class ScreeningList:
    """A list as loaded.

    `sha256` identifies the list: for a one-file list it is that file's sha256; for a
    set of files, the sha256 of the lines "<file sha256>  <file name>\\n" in the order of
    `files` (the `sha256sum` format), so a change to any file changes it.
    """

    name: str
    files: tuple[Path, ...]
    sha256: str
    date: str  # YYYY-MM-DD
    # Where the date came from: "published" (printed in the file itself), "last_modified"
    # (the publisher's server, for a file that prints none) or "declared" (by the user).
    date_origin: str
    entries: tuple[ListEntry, ...]
    source: str = ""  # where this copy came from, as result.json shows it

    @property
    def slug(self) -> str:
        return list_slug(self.name)


def list_slug(name: str) -> str:
    """'OFAC Consolidated (non-SDN)' -> 'ofac-consolidated-non-sdn': safe in ids and paths."""
    words = "".join(c.lower() if c.isalnum() else " " for c in name).split()
    return "-".join(words)
