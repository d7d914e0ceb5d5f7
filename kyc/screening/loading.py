"""`finagents lists load FILE...`: files a user downloaded, checked, dated and stored.

Every file is read before any is stored, so one bad file stores nothing. A file that
prints its own date (the UN XML) is dated by it, whatever `--date` says (a difference is
a warning). A file identical to a stored version dated earlier is refused: storing it
under a later date would make an old list look current.

A list that would go into force must also look like the list it replaces: one with
nameless entries, or with fewer than half the entries of the version in force, is
refused unless `force` (a cut-short or wrong file would otherwise quietly replace a
thousand names with one, and every screening after it would find nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from kyc.screening.lists import date_warning, load_list
from kyc.screening.records import ScreeningList
from kyc.screening.store import Stored, identical_version, lists_folder, newest, read_version, store_version, versions
from shared.errors import InputError

SANITY_SHARE = Decimal("0.5")  # of the entries of the version in force
_FORCE = "nothing stored; give --force to store it anyway"


@dataclass(frozen=True)
class Outcome:
    lines: tuple[str, ...]  # what was stored, for stdout
    warnings: tuple[str, ...]  # for stderr


def load_files(files: list[Path], date: str | None, engagement_root: Path | None, force: bool = False) -> Outcome:
    loaded: dict[tuple[Path, ...], ScreeningList] = {}
    warnings = []
    for path in files:
        item = load_list(path, date=date)
        warning = date_warning(item, date)
        if warning and warning not in warnings:
            warnings.append(warning)
        loaded.setdefault(item.files, item)
    for item in loaded.values():
        refuse_backdating(item, engagement_root)
        if not force:
            refuse_implausible(item, engagement_root)
    stored = [store_version(item, engagement_root, source=f"loaded from {item.files[0].parent}")
              for item in loaded.values()]
    return Outcome(tuple(describe(s, engagement_root) for s in stored), tuple(warnings))


def refuse_backdating(item: ScreeningList, engagement_root: Path | None) -> None:
    same = identical_version(item, engagement_root)
    if same is not None and same.date < item.date:
        raise InputError(item.files[0], f"is identical (sha256 {item.sha256[:12]}...) to the stored version "
                                        f"{same.label} dated {same.date}: storing it as {item.date} would make an "
                                        "old list look current; nothing stored")


def refuse_implausible(item: ScreeningList, engagement_root: Path | None) -> None:
    nameless = [e.entry_id for e in item.entries if not any(n.name.strip() for n in e.names)]
    if nameless:
        shown = ", ".join(nameless[:5]) + (", ..." if len(nameless) > 5 else "")
        raise InputError(item.files[0], f"holds {len(nameless)} of {len(item.entries)} entries with no name (entry "
                                        f"{shown}): a damaged or wrong file? {_FORCE}")
    stored = versions(engagement_root, item.name)
    in_force = newest(stored) if stored else None
    if in_force is None or item.date < in_force.date:
        return  # it would not go into force
    before = len(read_version(in_force.folder).entries)
    if len(item.entries) < before * SANITY_SHARE:
        raise InputError(item.files[0], f"holds {len(item.entries)} entries, fewer than half the {before} of the "
                                        f"version in force ({in_force.label}, dated {in_force.date}): a cut-short or "
                                        f"wrong file? {_FORCE}")


def describe(stored: Stored, engagement_root: Path | None) -> str:
    """One line: what was stored (or that nothing was), and whether it is in force."""
    v = stored.version
    if not stored.new:
        return (f"{v.name}: identical to the stored version {v.label} (dated {v.date}, {v.date_origin}, "
                f"sha256 {v.sha256}); nothing new stored")
    line = (f"stored {v.name}: {stored.entries} entries, dated {v.date} ({v.date_origin}), sha256 {v.sha256}, "
            f"as {v.label} in {lists_folder(engagement_root)}")
    if stored.in_force.folder != v.folder:
        line += f"; not in force: {stored.in_force.label} dated {stored.in_force.date} is newer"
    return line
