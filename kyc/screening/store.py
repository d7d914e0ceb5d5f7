"""Lists stored with `finagents lists load`: a copy of the files plus a small manifest.

Layout: `<lists folder>/<list slug>/` holds the list's files under their own names and
`list.toml` (name, date, date_origin, sha256, files). The lists folder is
`<engagement>/lists/` inside an engagement, else the user's data folder
(`$XDG_DATA_HOME/finagents/lists`, by default `~/.local/share/finagents/lists`).
A stored list is re-read from its copy, and must still hash to what was stored.
"""

from __future__ import annotations

import json
import os
import shutil
import tomllib
from pathlib import Path

from kyc.screening.records import ScreeningList
from shared.errors import InputError

MANIFEST = "list.toml"


def lists_folder(engagement_root: Path | None) -> Path:
    if engagement_root is not None:
        return Path(engagement_root) / "lists"
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "finagents" / "lists"


def store_list(loaded: ScreeningList, engagement_root: Path | None) -> ScreeningList:
    """Copy `loaded` into the lists folder, replacing an earlier copy of the same list
    only once the new one is complete; returns the list as read from the copy."""
    folder = lists_folder(engagement_root)
    final = folder / loaded.slug
    staging = folder / f".{loaded.slug}.incoming"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for path in loaded.files:
        shutil.copyfile(path, staging / path.name)
    (staging / MANIFEST).write_text(_manifest(loaded), encoding="utf-8")
    _replace(staging, final)
    return read_stored(final)


def _manifest(loaded: ScreeningList) -> str:
    # JSON strings are valid TOML basic strings, quotes and backslashes escaped.
    values = {"name": loaded.name, "date": loaded.date, "date_origin": loaded.date_origin, "sha256": loaded.sha256}
    lines = [f"{key} = {json.dumps(value)}" for key, value in values.items()]
    lines.append(f"files = [{', '.join(json.dumps(path.name) for path in loaded.files)}]")
    return "\n".join(lines) + "\n"


def _replace(staging: Path, final: Path) -> None:
    retired = final.with_name(f".{final.name}.old")
    shutil.rmtree(retired, ignore_errors=True)
    if final.exists():
        final.rename(retired)
    staging.rename(final)
    shutil.rmtree(retired, ignore_errors=True)


def read_stored(folder: Path) -> ScreeningList:
    from kyc.screening.lists import load_list

    manifest_path = folder / MANIFEST
    with manifest_path.open("rb") as handle:
        manifest = tomllib.load(handle)
    declared = manifest["date"] if manifest["date_origin"] == "declared" else None
    loaded = load_list(folder / manifest["files"][0], date=declared)
    if loaded.sha256 != manifest["sha256"]:
        raise InputError(folder, f"holds a list that changed since it was stored (sha256 {loaded.sha256[:12]}..., stored {manifest['sha256'][:12]}...): load it again with `finagents lists load`")
    return loaded


def stored_lists(engagement_root: Path | None) -> tuple[ScreeningList, ...]:
    folder = lists_folder(engagement_root)
    if not folder.is_dir():
        return ()
    found = sorted(p for p in folder.iterdir() if (p / MANIFEST).is_file() and not p.name.startswith("."))
    return tuple(read_stored(p) for p in found)
