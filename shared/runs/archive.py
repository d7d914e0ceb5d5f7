"""A run folder, evidence and all, in one zip that verifies on its own: `finagents archive
RUN DEST.zip`, then `finagents audit verify DEST.zip`, which reads the zip in place.

The zip holds every file of the folder under one top folder of the same name, in sorted
order, with fixed times and modes, so that the same folder always gives the same bytes. It
leaves out the machinery (the lock, writes in progress, the checkpoint database of a run
made with --out): the folder's own `audit.head` is what verification needs.
"""

from __future__ import annotations

import zipfile
import zlib
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import IO

from shared.errors import InputError
from shared.runs.signoff import is_machinery, is_signed, run_files, sha256_stream
from shared.runs.verify import Verdict, verify_source

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can record
FILE_MODE = 0o100644
UNIX = 3
# What reading a damaged member raises: a bad CRC, a broken deflate stream, a short file.
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError)
EXISTS = "already exists; an archive is never overwritten, give a new file name"


def write_archive(run_dir: Path, dest: Path) -> int:
    """Write the zip; the number of files it holds. Never overwrites `dest`."""
    check_dest(run_dir, dest)
    files = run_files(run_dir, lambda rel: not is_machinery(rel))
    try:
        raw = open(dest, "xb")  # noqa: SIM115 (closed by `with raw` below; opened apart so only its FileExistsError is caught)
    except FileExistsError:  # created since the check: still never overwritten
        raise InputError(dest, EXISTS) from None
    with raw:
        try:
            _fill(raw, run_dir, files)
        except BaseException:
            dest.unlink(missing_ok=True)  # half an archive must not pass for one
            raise
    return len(files)


def check_dest(run_dir: Path, dest: Path) -> None:
    if dest.exists() or dest.is_symlink():
        raise InputError(dest, EXISTS)
    if not dest.parent.is_dir():
        raise InputError(dest, "its folder does not exist")
    if dest.parent.resolve().is_relative_to(run_dir.resolve()):
        raise InputError(dest, "is inside the run folder it would archive; put the archive elsewhere")


def _fill(raw: IO[bytes], run_dir: Path, files: list[str]) -> None:
    top = run_dir.resolve().name
    with zipfile.ZipFile(raw, "w") as archive:
        for rel in files:
            source = run_dir / rel
            big = source.stat().st_size >= zipfile.ZIP64_LIMIT
            with open(source, "rb") as handle, archive.open(_member(f"{top}/{rel}"), "w", force_zip64=big) as out:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    out.write(chunk)


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = UNIX
    info.external_attr = FILE_MODE << 16
    return info


# -- reading --------------------------------------------------------------------------------


def verify_archive(path: Path) -> Verdict:
    """Verify the run in the zip at `path` as its folder would be, without unpacking it."""
    try:
        with zipfile.ZipFile(path) as archive:
            source = ZipSource(path, archive)
            return Verdict(failed=source.problems) if source.problems else verify_source(source)
    except (zipfile.BadZipFile, OSError):
        raise InputError(path, "cannot be read as a zip archive") from None


class ZipSource:
    """A run's files as members of a zip, named `ZIP:TOP/PATH`."""

    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self._path = path
        self._zip = archive
        names = [info.filename for info in archive.infolist() if not info.is_dir()]
        self.top = next((name.split("/", 1)[0] for name in names if "/" in name), "")
        self.problems = _layout_problems(path, names, self.top)
        self._members = {name.split("/", 1)[1]: name for name in names if "/" in name}

    @property
    def label(self) -> str:
        return f"{self._path}:{self.top}"

    def show(self, rel: str) -> str:
        return f"{self._path}:{self.top}/{rel}"

    def read(self, rel: str) -> bytes | None:
        if rel not in self._members:
            return None
        try:
            return self._zip.read(self._members[rel])
        except DAMAGED:
            raise InputError(self.show(rel), "cannot be read from the archive (damaged)") from None

    def hashes(self) -> dict[str, str]:
        return {rel: self._hash(name) for rel, name in self._members.items() if is_signed(PurePosixPath(rel))}

    def _hash(self, name: str) -> str:
        try:
            with self._zip.open(name) as handle:
                return sha256_stream(handle)
        except DAMAGED:
            return "damaged"  # never a sha256, so the member is named as changed


def _layout_problems(path: Path, names: list[str], top: str) -> tuple[str, ...]:
    """A run archive is one folder of uniquely named, plain relative paths."""
    if not names:
        return (f"{path}: an empty archive, not a run",)
    outside = [n for n in names if not n.startswith(f"{top}/") or _unsafe(n)]
    if outside:
        return (f"{path}:{outside[0]}: not inside the run's folder {top}/ (not a run archive, or added?)",)
    repeated = sorted(name for name, count in Counter(names).items() if count > 1)
    return tuple(f"{path}:{name}: appears more than once in the archive (added?)" for name in repeated)


def _unsafe(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return name.startswith("/") or ".." in parts or "\\" in name
