"""A listed entry in full, as its list prints it, for the model that weighs a hit
(`kyc.hit_evidence`): every name with its kind, dates and places of birth as printed,
nationalities, citizenships, addresses, programmes, identifiers, remarks.

The parsed `ListEntry` keeps only what screening compares (and the index and the parsed
cache are built on it, so it stays as it is). The rest is read back from the list's own
files: once for all the entries asked for, never once per hit, and only after checking
that the files still hash to the list that screened the case. Names, type and programmes
come from the parsed entry, so their kinds are the ones the engine screened with.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from kyc.screening import demo, entry_csv, entry_xml, ofac_csv, store
from kyc.screening.files import read_list_file, set_sha256
from kyc.screening.printed import Printed
from kyc.screening.records import ListEntry, ScreeningList

__all__ = ["FullEntry", "Printed", "entries_in_full", "screened_list"]


@dataclass(frozen=True)
class FullEntry:
    """The parsed entry the engine screened with, and what its list prints beside it."""

    entry: ListEntry
    printed: Printed


def screened_list(name: str, sha256: str | None, engagement_root: Path | None,
                  case: Path | None) -> ScreeningList | None:
    """The list called `name` that screened `case`: the stored version with `sha256` (in
    force or not), or the version in force when `sha256` is None; None when no such
    version is stored any more. May raise InputError (a stored version's files changed)."""
    if case is not None and demo.is_pack_sample(case):
        sample = demo.demo_list(case)
        return sample if sample.name == name and sha256 in (None, sample.sha256) else None
    found = [v for v in store.versions(engagement_root, name) if v.name == name and sha256 in (None, v.sha256)]
    return store.read_version(store.newest(found).folder) if found else None


def entries_in_full(listed: ScreeningList, ids: Collection[str]) -> dict[str, FullEntry] | None:
    """The entries of `listed` whose ids are in `ids` (ids it does not hold are left out);
    None when its files no longer hash to `listed.sha256`."""
    wanted = {entry.entry_id: entry for entry in listed.entries if entry.entry_id in ids}
    if not wanted:
        return {}
    files = [read_list_file(Path(path)) for path in listed.files]
    if set_sha256(files) != listed.sha256:
        return None
    if ofac_csv.set_named(files[0].path) is not None:
        printed = entry_csv.printed_entries(files, wanted)
    else:
        printed = entry_xml.printed_entries(files[0], set(wanted))
    return {key: FullEntry(entry, printed.get(key, Printed())) for key, entry in wanted.items()}
