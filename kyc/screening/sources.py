"""The publishers' files of each list `lists update` can download (kyc/data/lists/sources.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from shared.errors import InputError

TABLE = Path(__file__).resolve().parents[1] / "data" / "lists" / "sources.toml"


@dataclass(frozen=True)
class SourceFile:
    file: str  # the name the download is stored under
    url: str


@dataclass(frozen=True)
class Source:
    key: str  # what `--list` names it by
    name: str
    publisher: str
    files: tuple[SourceFile, ...]


def sources() -> tuple[Source, ...]:
    with TABLE.open("rb") as handle:
        table = tomllib.load(handle)
    return tuple(Source(key, item["name"], item["publisher"],
                        tuple(SourceFile(f["file"], f["url"]) for f in item["files"]))
                 for key, item in table.items())


def chosen(option: str | None) -> tuple[Source, ...]:
    """The sources `--list a,b` names (all of them when not given), in the table's order."""
    known = sources()
    if option is None:
        return known
    keys = [key.strip() for key in option.split(",") if key.strip()]
    for key in keys:
        if key not in {s.key for s in known}:
            known_keys = ", ".join(s.key for s in known)
            raise InputError("--list", f"'{key}' is not a list the pack downloads (one of: {known_keys})")
    if not keys:
        raise InputError("--list", "names no list")
    return tuple(s for s in known if s.key in keys)
