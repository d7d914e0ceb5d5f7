"""Stored lists: every version kept, each in its own folder, the newest in force.

Layout: `<lists folder>/<list slug>/<version>/` holds the list's files under their own
names and `list.toml` (name, date, date_origin, sha256, files, source, stored_at). A
version is named by its date and the start of its sha256 (`2026-01-06-c979577ac815`), so
two downloads of the same day that differ are two versions. The version in force is the
newest by date (then by when it was stored). The lists folder is `<engagement>/lists/`
inside an engagement, else the user's data folder (`$XDG_DATA_HOME/finagents/lists`, by
default `~/.local/share/finagents/lists`).

A stored version is never changed; it is re-read from its copy and must still hash to
what was stored. Parsing a list takes a moment, so a version is parsed once: its entries
are kept in the user's cache (`kyc.screening.parsed`) and in memory for the process
(while its files still hash the same).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tomllib
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path

# `lists` by module: it reads the lists in force from this store (a cycle resolved at call time)
from kyc.screening import lists, parsed
from kyc.screening.files import combined_sha256
from kyc.screening.records import ScreeningList, list_slug
from shared.documents.base import sha256_file
from shared.errors import InputError

MANIFEST = "list.toml"
# The order lists are shown and screened in; others follow by name.
ORDER = ("OFAC SDN", "OFAC Consolidated (non-SDN)", "UN Consolidated")
_KEPT_PARSED = 8


@dataclass(frozen=True)
class Version:
    folder: Path
    name: str
    date: str
    date_origin: str
    sha256: str
    files: tuple[str, ...]
    source: str
    stored_at: str

    @property
    def label(self) -> str:
        """'ofac-sdn/2026-01-06-c979577ac815': how messages name a version."""
        return f"{self.folder.parent.name}/{self.folder.name}"


@dataclass(frozen=True)
class Stored:
    """What storing a list did: `new` is False when an identical version was there."""

    version: Version
    new: bool
    in_force: Version
    entries: int


def lists_folder(engagement_root: Path | None) -> Path:
    if engagement_root is not None:
        return Path(engagement_root) / "lists"
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "finagents" / "lists"


def version_name(loaded: ScreeningList) -> str:
    return f"{loaded.date}-{loaded.sha256[:12]}"


# -- reading what is stored -------------------------------------------------------------


def versions(engagement_root: Path | None, name: str | None = None) -> list[Version]:
    """Every stored version (of the list called `name`, or of all lists)."""
    folder = lists_folder(engagement_root)
    slugs = [folder / list_slug(name)] if name else _children(folder)
    return [read_manifest(v) for slug in slugs for v in _children(slug) if (v / MANIFEST).is_file()]


def _children(folder: Path) -> list[Path]:
    # Hidden folders are versions still being written.
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def read_manifest(folder: Path) -> Version:
    path = folder / MANIFEST
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        return Version(folder, data["name"], data["date"], data["date_origin"], data["sha256"],
                       tuple(data["files"]), data.get("source", ""), data.get("stored_at", ""))
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise InputError(path, f"is not a stored list's manifest ({type(exc).__name__}: {exc}): remove the "
                               "folder and store the list again") from None


def newest(found: list[Version]) -> Version:
    return max(found, key=lambda v: (v.date, v.stored_at))


def in_force_versions(engagement_root: Path | None) -> list[Version]:
    by_name: dict[str, list[Version]] = {}
    for version in versions(engagement_root):
        by_name.setdefault(version.name, []).append(version)
    chosen = [newest(found) for found in by_name.values()]
    return sorted(chosen, key=lambda v: (ORDER.index(v.name) if v.name in ORDER else len(ORDER), v.name))


def has_stored_lists(engagement_root: Path | None) -> bool:
    return bool(versions(engagement_root))


def lists_stored(engagement_root: Path | None) -> tuple[ScreeningList, ...]:
    """The list in force of each name: its newest stored version, parsed."""
    return tuple(read_version(v.folder) for v in in_force_versions(engagement_root))


_parsed: OrderedDict[tuple[Path, str], ScreeningList] = OrderedDict()


def read_version(folder: Path) -> ScreeningList:
    """The version stored in `folder`, checked against its manifest; parsed once per
    process while its files hash the same."""
    folder = Path(folder).resolve()
    version = read_manifest(folder)
    paths = [folder / name for name in version.files]
    actual = files_sha256(paths)
    if actual != version.sha256:
        raise InputError(folder, f"holds a list that changed since it was stored (sha256 {actual[:12]}..., stored "
                                 f"{version.sha256[:12]}...): remove it and store the list again")
    key = (folder, version.sha256)
    if key not in _parsed:
        _parsed[key] = _parse(version, paths)
        while len(_parsed) > _KEPT_PARSED:
            _parsed.popitem(last=False)
    _parsed.move_to_end(key)
    return _parsed[key]


def _parse(version: Version, paths: list[Path]) -> ScreeningList:
    """The version's entries: from the user's cache when it was parsed before (its files
    were just checked against the manifest's sha256), else parsed and cached."""
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise InputError(missing[0], "is missing from a stored list: remove the version and store the list again")
    loaded = parsed.read(version.sha256, version.date, version.date_origin, paths)
    if loaded is None:
        declared = None if version.date_origin == "published" else version.date
        loaded = lists.load_list(paths[0], date=declared, date_origin=version.date_origin)
        parsed.write(loaded)
    return replace(loaded, source=f"{version.label}: {version.source}" if version.source else version.label)


def files_sha256(paths: list[Path]) -> str:
    """As `ScreeningList.sha256`: one file's own sha256, or that of the set's
    `sha256sum` lines in order."""
    return combined_sha256([(sha256_file(p) if p.is_file() else "missing", p.name) for p in paths])


# -- storing ---------------------------------------------------------------------------


def identical_version(loaded: ScreeningList, engagement_root: Path | None) -> Version | None:
    """A stored version of the same list with the same content, the earliest dated."""
    same = [v for v in versions(engagement_root, loaded.name) if v.sha256 == loaded.sha256]
    return min(same, key=lambda v: (v.date, v.stored_at)) if same else None


def store_version(loaded: ScreeningList, engagement_root: Path | None, *, source: str,
                  now: dt.datetime | None = None) -> Stored:
    """Keep `loaded` as a new version beside the others, unless an identical one is
    stored already (then nothing is written). The copy is written under a hidden name
    and renamed into place only when complete."""
    same = identical_version(loaded, engagement_root)
    version = same or _write(loaded, engagement_root, source, now or dt.datetime.now(dt.UTC))
    current = newest(versions(engagement_root, loaded.name))
    return Stored(version, same is None, current, len(loaded.entries))


def _write(loaded: ScreeningList, engagement_root: Path | None, source: str, now: dt.datetime) -> Version:
    final = lists_folder(engagement_root) / loaded.slug / version_name(loaded)
    staging = final.with_name(f".{final.name}.incoming")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for path in loaded.files:
        shutil.copyfile(path, staging / path.name)
    stored_at = now.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    (staging / MANIFEST).write_text(_manifest(loaded, source, stored_at), encoding="utf-8")
    staging.rename(final)
    return read_manifest(final)


def _manifest(loaded: ScreeningList, source: str, stored_at: str) -> str:
    # JSON strings are valid TOML basic strings, quotes and backslashes escaped.
    values = {"name": loaded.name, "date": loaded.date, "date_origin": loaded.date_origin, "sha256": loaded.sha256,
              "source": source, "stored_at": stored_at}
    lines = [f"{key} = {json.dumps(value)}" for key, value in values.items()]
    lines.append(f"files = [{', '.join(json.dumps(path.name) for path in loaded.files)}]")
    return "\n".join(lines) + "\n"
