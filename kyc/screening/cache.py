"""What screening derives from the lists, kept in the user's cache folder
(`~/.cache/finagents/kyc/screening/`, or under XDG_CACHE_HOME) so the next run does not
redo it: the screening index (`kyc.screening.prepared`) and each stored list's parsed
entries (`kyc.screening.parsed`).

A cache file is named by its key: the sha256 of everything it was made from (the lists'
sha256, the pack version, the code and data that made it). It holds a header line (its
kind, its key, its sections' lengths and the sha256 of the bytes after the header), then
the sections. It is written under a temporary name and renamed into place, so a reader
sees a whole file or none, and two processes writing the same key write the same bytes.

A cache file is never trusted:
- one that cannot be read, or whose kind, key, lengths or sha256 do not match its header,
  is ignored and made again;
- its sections are parsed (JSON, text, arrays of integers), never executed: no pickle,
  since unpickling runs whatever code the file names;
- a file or folder that another user could have written (owned by someone else, or
  writable by group or others) is not read at all. The index decides which listed names a
  customer is compared with, so a planted index could hide a listed party. Files are
  written private (0600, in a 0700 folder).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import threading
from functools import cache
from importlib import metadata
from pathlib import Path

import shared
from shared.corpus import cache_home

MAGIC = b"finagents-cache 1\n"
# Files of each kind kept: the lists in force, the versions before them (a rescreen reads
# both), and some room for an engagement that keeps its own lists.
KEPT = 6
# Packages whose output is in what is cached: the romaniser in names, the country table
# in entries. A new package that changes names or entries belongs here.
PACKAGES = ("anyascii", "rigour", "arabic-name-romanizer")


def cache_folder() -> Path:
    return cache_home() / "kyc" / "screening"


def key_of(*parts: str) -> str:
    """The sha256 naming a cache file made from `parts`, with the pack version and the
    code that makes it (so an edit to the screening code or an upgrade rebuilds)."""
    digest = hashlib.sha256()
    for part in (shared.__version__, code_fingerprint(), *parts):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


@cache
def code_fingerprint() -> str:
    """sha256 of the screening package's sources, the kyc data tables and the versions of
    `PACKAGES`: whatever the parsers, the normaliser and the index are made of."""
    package = Path(__file__).resolve().parent
    files = sorted(package.glob("*.py")) + sorted((package.parent / "data").rglob("*.toml"))
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    for name in PACKAGES:
        digest.update(f"{name}=={metadata.version(name)}\0".encode())
    return digest.hexdigest()


def path_for(kind: str, key: str) -> Path:
    return cache_folder() / f"{kind}-{key[:40]}.bin"


def read(kind: str, key: str) -> dict[str, memoryview] | None:
    """The sections of the cache file for (`kind`, `key`), or None when there is none
    to be trusted."""
    path = path_for(kind, key)
    try:
        if not (_private(path) and _private(path.parent)):
            return None
        data = path.read_bytes()
    except OSError:
        return None
    sections = _sections(memoryview(data), kind, key)
    if sections is not None:
        _touch(path)
    return sections


def write(kind: str, key: str, sections: dict[str, bytes]) -> None:
    """Keep `sections` under (`kind`, `key`). Best effort: a cache that cannot be written
    only costs the next run the time to make it again."""
    path = path_for(kind, key)
    payload = b"".join(sections.values())
    header = {"kind": kind, "key": key, "sections": [[name, len(data)] for name, data in sections.items()],
              "sha256": hashlib.sha256(payload).hexdigest()}
    # One temporary name per writer (a LangGraph server runs several runs in one process).
    partial = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.part")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(MAGIC + json.dumps(header).encode("utf-8") + b"\n")
            out.write(payload)
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)
        return
    _prune(path.parent, kind)


def _sections(data: memoryview, kind: str, key: str) -> dict[str, memoryview] | None:
    """The file's sections if every check of its header passes."""
    try:
        if bytes(data[:len(MAGIC)]) != MAGIC:
            return None
        end = bytes(data[:4096]).index(b"\n", len(MAGIC))
        header = json.loads(bytes(data[len(MAGIC):end]))
        payload = data[end + 1:]
        lengths = [(str(name), int(length)) for name, length in header["sections"]]
        if (header["kind"], header["key"]) != (kind, key) or sum(n for _, n in lengths) != len(payload):
            return None
        if hashlib.sha256(payload).hexdigest() != header["sha256"]:
            return None
    except (ValueError, KeyError, TypeError):
        return None
    sections, at = {}, 0
    for name, length in lengths:
        sections[name] = payload[at:at + length]
        at += length
    return sections


def _private(path: Path) -> bool:
    """Owned by this user and writable by nobody else. Where there are no POSIX owners
    (Windows), the profile folder's own permissions stand in."""
    if not hasattr(os, "getuid"):
        return True
    info = path.stat()
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _touch(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.utime(path)  # pruning keeps the files used most recently


def _prune(folder: Path, kind: str) -> None:
    try:
        found = sorted(folder.glob(f"{kind}-*.bin"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in found[KEPT:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass
