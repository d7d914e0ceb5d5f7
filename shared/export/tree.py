"""Writing the plugin folder: a new folder, or a previous export of ours replaced whole.

A previous export is known by its marker file, which lists every file the export wrote.
Re-exporting removes exactly those files and writes the new set, so nothing stale is
left; a file the marker does not list is someone else's, and the export refuses rather
than delete it (a `.git` folder, for a plugin kept in a repository, is left alone). The
new plugin is written in full beside the destination first, so a failure while writing
it (a full disk, an unreadable case file) leaves the old plugin as it was.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from shared.errors import InputError
from shared.export.files import PluginFile

MARKER = ".finagents-export.json"
KEPT = ".git"


def write_plugin(dest: Path, files: Sequence[PluginFile], record: dict[str, Any]) -> None:
    previous = previous_export(dest)
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.resolve().name}.", dir=_parent(dest)))
    try:
        _write_all(staging, files, {**record, "files": sorted(f.path for f in files)})
        if previous is not None:
            _remove_listed(dest, previous)
        _move_into(staging, dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def previous_export(dest: Path) -> list[str] | None:
    """The files a previous export wrote at `dest`; None for a missing or empty folder.
    Anything else there is refused: exit 2 naming it."""
    if not dest.exists():
        return None
    if not dest.is_dir():
        raise InputError(dest, "is a file, not a folder for the plugin")
    present = _own_files(dest)
    if not present and not (dest / MARKER).is_file():
        return None
    listed = _marker_files(dest)
    foreign = sorted(set(present) - set(listed) - {MARKER})
    if foreign:
        raise InputError(dest, f"holds {len(foreign)} file(s) no previous `finagents export plugin` wrote "
                               f"(e.g. {foreign[0]}): export into an empty or new folder")
    return listed


def _marker_files(dest: Path) -> list[str]:
    marker = dest / MARKER
    if not marker.is_file():
        raise InputError(dest, "is not empty and is not a previous export of finagents (no "
                               f"{MARKER}): export into an empty or new folder")
    try:
        listed = json.loads(marker.read_text(encoding="utf-8"))["files"]
    except (ValueError, KeyError, TypeError):
        raise InputError(marker, "cannot be read as an export's record: remove the folder or export "
                                 "elsewhere") from None
    return [p for p in listed if isinstance(p, str) and _inside(dest, p)]


def _own_files(dest: Path) -> list[str]:
    """Every file and link under `dest`, relative, except inside a top-level `.git`."""
    return sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*")
                  if (p.is_file() or p.is_symlink()) and p.relative_to(dest).parts[0] != KEPT)


def _inside(dest: Path, relative: str) -> bool:
    # A marker edited to list `../../elsewhere` must not make us delete outside the plugin.
    return (dest / relative).resolve().is_relative_to(dest.resolve()) and not relative.startswith(KEPT + "/")


def _write_all(root: Path, files: Sequence[PluginFile], record: dict[str, Any]) -> None:
    for item in files:
        target = root / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if item.source is not None:
            shutil.copyfile(item.source, target)
        else:
            target.write_text(item.text or "", encoding="utf-8")
    (root / MARKER).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def _remove_listed(dest: Path, listed: list[str]) -> None:
    for relative in [*listed, MARKER]:
        path = dest / relative
        if path.is_symlink() or path.is_file():  # a hand-edited record may name a folder
            path.unlink()
    for folder in sorted((p for p in dest.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if folder.relative_to(dest).parts[0] != KEPT and not any(folder.iterdir()):
            folder.rmdir()


def _move_into(staging: Path, dest: Path) -> None:
    if not dest.exists():
        staging.rename(dest)  # the caller's cleanup then finds nothing to remove
        return
    for entry in staging.iterdir():
        entry.rename(dest / entry.name)


def _parent(dest: Path) -> Path:
    parent = dest.resolve().parent
    if not parent.is_dir():
        raise InputError(dest, f"cannot be made: {parent} does not exist")
    return parent
