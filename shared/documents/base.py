"""What every document has in common: its identity, its hash, and reading its bytes
with one clear error naming the file. The readers (pdf, tabular, html, text) build on
it; `shared.documents.opening` picks among them."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Protocol, runtime_checkable

from shared.documents.errors import DocumentError, EmptyFile, FileMissing

PDF_MAGIC = b"%PDF-"
HEAD_SIZE = 1024  # the PDF spec lets the header sit anywhere in the first 1024 bytes
_CHUNK = 1 << 20


@runtime_checkable
class Document(Protocol):
    """The identity every opened document carries into its citations."""

    @property
    def path(self) -> Path: ...

    @property
    def sha256(self) -> str: ...

    @property
    def kind(self) -> str: ...


def sha256_file(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks so a large file never sits in memory."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except OSError as exc:
        raise _os_error(path, exc) from exc
    return digest.hexdigest()


def check_file(path: str | Path) -> int:
    """The file's size, after making sure it is an existing, non-empty regular file."""
    target = Path(path)
    try:
        info = target.stat()
    except FileNotFoundError as exc:
        raise FileMissing(path) from exc
    except OSError as exc:
        raise _os_error(path, exc) from exc
    if target.is_dir():
        raise DocumentError(path, "is a folder, not a file")
    if info.st_size == 0:
        raise EmptyFile(path)
    return info.st_size


def read_head(path: str | Path, size: int = HEAD_SIZE) -> bytes:
    return read_range(path, 0, size)


def read_range(path: str | Path, start: int, size: int) -> bytes:
    """`size` bytes from `start`; a negative start counts from the end of the file."""
    try:
        with open(path, "rb") as handle:
            handle.seek(start, 0 if start >= 0 else 2)
            return handle.read(size)
    except OSError as exc:
        raise _os_error(path, exc) from exc


def read_bytes(path: str | Path) -> bytes:
    check_file(path)
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise _os_error(path, exc) from exc


def looks_binary(head: bytes) -> bool:
    """NUL bytes mean binary, except in UTF-16 text, which is full of them."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in head


def _os_error(path: str | Path, exc: OSError) -> DocumentError:
    if isinstance(exc, IsADirectoryError):
        return DocumentError(path, "is a folder, not a file")
    reason = exc.strerror or type(exc).__name__
    return DocumentError(path, f"cannot be read ({reason.lower()})")
