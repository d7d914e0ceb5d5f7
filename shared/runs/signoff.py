"""Sign-off bound to the outputs: once the final outputs are rendered, an `outputs_signed`
audit entry records the sha256 of every file of the run folder that a reader takes as the
run's record (result.json, memo.md, report.html, the workbook, `evidence/`, run.json),
and verification re-hashes them, naming each file changed, missing or added since.

What is signed is every file of the folder but the log and its head (they grow after the
signature and are checked as a chain), the checkpoint database of a run made with `--out`,
and hidden files (the lock, a write in progress, a file manager's `.DS_Store`). A file
added later anywhere else is named: whoever reads the folder would take it as signed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Literal

from shared.audit import AUDIT_FILE, HEAD_FILE, AuditEntry, AuditLog, entries_of_type
from shared.runs.checkpoint import CHECKPOINT_DB

SIGNED = "outputs_signed"
FINAL_STATUSES = ("approved", "rejected")
CHUNK = 1 << 20
Change = Literal["changed", "missing", "added"]


def is_machinery(rel: PurePosixPath) -> bool:
    """Not part of the run's record: hidden files, and the checkpoint database (with its
    journal) that a run made with `--out` keeps in its folder."""
    if any(part.startswith(".") for part in rel.parts):
        return True
    return len(rel.parts) == 1 and rel.name.startswith(CHECKPOINT_DB)


def is_signed(rel: PurePosixPath) -> bool:
    return not is_machinery(rel) and str(rel) not in (AUDIT_FILE, HEAD_FILE)


def run_files(run_dir: Path, keep: Callable[[PurePosixPath], bool]) -> list[str]:
    """The files of `run_dir` that `keep` accepts, as sorted paths relative to it."""
    found = []
    for folder, _, names in os.walk(run_dir):
        for name in names:
            rel = PurePosixPath(Path(folder, name).relative_to(run_dir).as_posix())
            if keep(rel) and Path(folder, name).is_file():
                found.append(str(rel))
    return sorted(found)


def sha256_stream(handle: IO[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def folder_hashes(run_dir: Path) -> dict[str, str]:
    """The sha256 of every signed file of the folder, by relative path."""
    hashes = {}
    for rel in run_files(run_dir, is_signed):
        with open(run_dir / rel, "rb") as handle:
            hashes[rel] = sha256_stream(handle)
    return hashes


def sign_outputs(run_dir: Path, audit: AuditLog) -> AuditEntry:
    """Record what the final outputs are, as the reviewer's answer left them."""
    files = [{"path": rel, "sha256": digest} for rel, digest in folder_hashes(run_dir).items()]
    return audit.outputs_signed(files)


def last_signature(log: bytes) -> AuditEntry | None:
    """The latest `outputs_signed` entry (a final step run again after a crash signs again)."""
    signed = entries_of_type(log, SIGNED)
    return signed[-1] if signed else None


def signed_hashes(entry: AuditEntry) -> dict[str, str]:
    return {item["path"]: item["sha256"] for item in entry.data["files"]}


@dataclass(frozen=True)
class FileChange:
    path: str
    change: Change

    def message(self, shown: str, entry: int) -> str:
        if self.change == "missing":
            return f"{shown}: missing (signed off at audit entry {entry})"
        return f"{shown}: {self.change} since sign-off (audit entry {entry})"


def changes(signed: Mapping[str, str], found: Mapping[str, str]) -> list[FileChange]:
    """Every difference between the files signed and the files found, by path."""
    return list(_changes(signed, found))


def _changes(signed: Mapping[str, str], found: Mapping[str, str]) -> Iterator[FileChange]:
    for path in sorted(set(signed) | set(found)):
        if path not in found:
            yield FileChange(path, "missing")
        elif path not in signed:
            yield FileChange(path, "added")
        elif signed[path] != found[path]:
            yield FileChange(path, "changed")
