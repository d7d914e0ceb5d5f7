"""Turning the bytes of a text file (CSV, MT940, OFX, plain text) into a string.

UTF-8 is the default, with or without the byte-order mark Excel writes; a UTF-16 file
with its BOM (Excel's "Unicode text" export) is recognised by that mark. Any other
encoding must be named by the caller: guessing would silently turn "é" into "Ã©" in a
name that is later screened against a sanctions list.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from shared.documents.base import looks_binary
from shared.documents.errors import (
    DocumentError,
    EncodingProblem,
    UnsupportedFormat,
    binary_kind,
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_UTF8_NAMES = frozenset({"utf-8", "utf8", "utf-8-sig", "u8"})
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def decode_text(
    path: str | Path, data: bytes, encoding: str = "utf-8", expected: str = "a text file"
) -> str:
    """Decode a whole file; undecodable bytes raise `EncodingProblem` naming the first one."""
    codec, skip = _choose_codec(path, data, encoding)
    reject_binary(path, data, expected, nul_allowed=codec != "utf-8")
    try:
        return data[skip:].decode(codec)
    except UnicodeDecodeError as exc:
        bad = data[skip + exc.start]
        raise EncodingProblem(path, codec, bad, skip + exc.start) from exc


def reject_binary(
    path: str | Path, data: bytes, expected: str, *, nul_allowed: bool = False
) -> None:
    """Refuse a well-known binary format, or NUL bytes where the encoding has none.

    A NUL byte is valid UTF-8, but no text file a user means to give us holds one.
    """
    if binary_kind(data) or (not nul_allowed and looks_binary(data[:8192])):
        raise UnsupportedFormat(path, data[:16], expected)


def split_lines(text: str) -> tuple[str, ...]:
    """Lines as a reader counts them: only CR, LF and CRLF end a line.

    `str.splitlines` would also split on form feeds and Unicode separators, making line
    numbers disagree with every editor the user might check a citation in.
    """
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return tuple(lines)


def _choose_codec(path: str | Path, data: bytes, encoding: str) -> tuple[str, int]:
    """The codec to use and how many leading BOM bytes to skip."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError as exc:
        raise DocumentError(path, f"cannot be decoded: unknown encoding '{encoding}'") from exc
    if name.replace("_", "-") not in _UTF8_NAMES:
        return encoding, 0
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    return "utf-8", 0
