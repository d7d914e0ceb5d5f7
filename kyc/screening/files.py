"""Reading a list file's bytes once: its text (decoded as citations will decode it) and
its sha256."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from shared.documents.base import read_bytes
from shared.documents.decoding import decode_text


@dataclass(frozen=True)
class ListFile:
    path: Path
    sha256: str
    text: str


def read_list_file(path: Path) -> ListFile:
    """The file's text; the same decoding `verify()` uses, so a name read here is found
    again there. OFAC ends its CSV files with a DOS end-of-file byte (0x1A), dropped."""
    data = read_bytes(path)
    text = decode_text(path, data, "utf-8", expected="a screening list file")
    return ListFile(path, hashlib.sha256(data).hexdigest(), text.rstrip("\x1a\r\n "))


def set_sha256(files: list[ListFile]) -> str:
    return combined_sha256([(f.sha256, f.path.name) for f in files])


def combined_sha256(named: list[tuple[str, str]]) -> str:
    """One file: its own sha256. Several: sha256 of their `sha256sum` lines (digest, two
    spaces, name), in order."""
    if len(named) == 1:
        return named[0][0]
    manifest = "".join(f"{digest}  {name}\n" for digest, name in named)
    return hashlib.sha256(manifest.encode("utf-8")).hexdigest()
