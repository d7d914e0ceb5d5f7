"""Errors raised when a document cannot be opened or read.

Each one is an `InputError` (exit status 2) built from the path as the user gave it, so
the one line the user sees names their file, not an absolute path they never typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from shared.errors import InputError


class DocumentError(InputError):
    """A document that cannot be used; the base of every error in this package."""

    def __init__(self, path: str | Path, problem: str) -> None:
        # Library messages can span lines; the user's terminal gets exactly one.
        super().__init__(path, " ".join(problem.split()))
        self.path = str(path)


class FileMissing(DocumentError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(path, "does not exist")


class EmptyFile(DocumentError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(path, "is empty")


class NotAPdf(DocumentError):
    def __init__(self, path: str | Path, head: bytes) -> None:
        self.head = head[:16]
        super().__init__(path, f"is not a PDF ({describe_head(head)})")


class CorruptPdf(DocumentError):
    def __init__(self, path: str | Path, detail: str) -> None:
        self.detail = detail
        super().__init__(path, f"is a damaged PDF that cannot be read ({detail})")


class TruncatedPdf(DocumentError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(path, "is truncated (no end-of-file marker)")


class PasswordRequired(DocumentError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(path, "needs a password to open")


class NoTextLayer(DocumentError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(path, "has no text layer (a scanned image?); run OCR first")


class EncodingProblem(DocumentError):
    """Bytes that do not decode; `byte` and `offset` locate the first bad one."""

    def __init__(self, path: str | Path, encoding: str, byte: int, offset: int) -> None:
        self.encoding, self.byte, self.offset = encoding, byte, offset
        super().__init__(
            path,
            f"is not {_encoding_label(encoding)} text (byte {byte:#04x} at offset {offset}); "
            "save it as UTF-8 or set its encoding",
        )


class UnsupportedFormat(DocumentError):
    def __init__(self, path: str | Path, head: bytes, expected: str) -> None:
        self.head = head[:16]
        super().__init__(path, f"is not {expected} ({describe_head(head)})")


class MissingColumns(DocumentError):
    def __init__(self, path: str | Path, missing: Sequence[str], found: Sequence[str]) -> None:
        self.missing, self.found = tuple(missing), tuple(found)
        names = ", ".join(f"'{name}'" for name in missing)
        super().__init__(path, f"missing column(s) {names} (found: {', '.join(found)})")


# Files are often renamed by hand (an .xlsx saved as .csv, a screenshot as .pdf); naming
# what the bytes really are tells the user what to do next.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive, e.g. .xlsx or .docx"),
    (b"\xd0\xcf\x11\xe0", "an old Office file, e.g. .xls or .doc"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF-", "a PDF"),
    (b"\x1f\x8b", "a gzip archive"),
)


def describe_head(head: bytes) -> str:
    """Say what the first bytes of a file look like, in a few words on one line."""
    shown = _printable_prefix(head)
    start = f"starts with '{shown}'" if shown else f"starts with bytes {head[:4].hex(' ')}"
    kind = binary_kind(head)
    return f"{start}: {kind}" if kind else start


def binary_kind(head: bytes) -> str | None:
    """The name of a well-known binary format these bytes start with, if any."""
    return next((name for magic, name in _MAGIC if head.startswith(magic)), None)


def _printable_prefix(head: bytes) -> str:
    text = head[:8].decode("latin-1")
    if text[:1] == "\x89":  # PNG's first byte is deliberately non-ASCII
        text = text[1:]
    prefix = ""
    for char in text:
        if not (char.isascii() and char.isprintable()):
            break
        prefix += char
    return prefix.strip()


def _encoding_label(encoding: str) -> str:
    normal = encoding.lower().replace("_", "-")
    return "UTF-8" if normal in ("utf-8", "utf8", "utf-8-sig") else encoding
