"""The files of a case folder the workflow does not read, and why.

A case folder is what a client sent. A file in it that is not read (a passport scanned
as a JPEG, a Word document, a folder of attachments) is listed in the run's findings
with the reason, never passed over in silence: otherwise the reviewer sees "no identity
document" and not the picture of one sitting beside the packet. Where such a file could
have been a document the packet lacks, the `missing_document` finding names it too.

Hidden files and READMEs are not the client's documents but notes beside them (a case
generator's truth, a consultant's notes), and are left out without a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from shared.documents import open_pdf
from shared.documents.errors import DocumentError
from shared.findings import Finding, finding

IMAGES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".bmp", ".heic", ".heif", ".webp"})
READS = "this workflow reads PDF documents and CSV ownership registers"
# Words in a file's name that say which document it is. Short ones must be whole words
# ("id" in "id_andrew.jpg"); longer ones may be run together ("utilitybill.png").
KIND_WORDS = {
    "identity": ("passport", "id", "identity", "identification", "idcard", "licence", "license", "driving",
                 "driver", "drivers", "permit"),
    "proof_of_address": ("address", "poa", "utility", "bill", "statement", "council", "electricity", "gas",
                         "water", "tenancy", "lease"),
    "certificate_of_incorporation": ("certificate", "incorporation", "incorporated", "coi", "registration"),
    "ownership": ("ownership", "register", "shareholder", "shareholders", "chart", "structure", "psc", "owners"),
}
WHOLE_WORD_ONLY = 4


class NotRead(BaseModel):
    """A file (or folder) of the case folder that was not read, and why."""

    model_config = ConfigDict(frozen=True)

    path: str
    reason: str
    folder: bool = False

    @property
    def name(self) -> str:
        return Path(self.path).name + ("/" if self.folder else "")


def is_note(path: Path) -> bool:
    """A hidden file or a README: beside the packet, not part of it."""
    return path.name.startswith(".") or path.name.upper().startswith("README")


def not_read(path: Path) -> NotRead:
    """`path`, a file of a type the workflow does not read, with the reason."""
    suffix = path.suffix.lower()
    if suffix in IMAGES:
        reason = f"an image: {READS}, not pictures"
    elif suffix:
        reason = f"a {suffix} file: {READS}"
    else:
        reason = f"a file with no extension: {READS}"
    return NotRead(path=str(path), reason=reason)


def is_scan(path: Path) -> bool:
    """A PDF that opens but has no text on any page: a scan, for a model to read. One
    that does not open is left to the reader that refuses it with its problem."""
    try:
        with open_pdf(path, require_text=False) as pdf:
            return not pdf.has_text()
    except DocumentError:
        return False


def scanned_pdf(path: Path) -> NotRead:
    return NotRead(path=str(path), reason=f"a PDF with no text layer (a scan): {READS} with text")


def subfolders(folder: Path) -> list[NotRead]:
    """The folders inside the case folder: a client's attachments put in a folder are
    not read, only the files directly in the case folder are."""
    return [NotRead(path=str(p), reason="a folder: only the files directly in the case folder are read", folder=True)
            for p in sorted(folder.iterdir()) if p.is_dir() and not p.is_symlink() and not is_note(p)]


def files_not_read(unread: Sequence[NotRead]) -> list[Finding]:
    """One info finding listing every file not read, with the reason (none when all were)."""
    if not unread:
        return []
    listed = "; ".join(f"{item.name} ({item.reason})" for item in unread)
    folders = sum(1 for item in unread if item.folder)
    counts = [_count(len(unread) - folders, "file"), _count(folders, "folder")]
    return [finding("files_not_read", "case folder",
                    f"Not read in the case folder ({' and '.join(c for c in counts if c)}): {listed}. A document "
                    "among them counts for nothing until it is given in a form the workflow reads", "info")]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}" if n else ""


def could_be(unread: Iterable[NotRead], kind: str, person: str | None = None,
             people: Sequence[str] = ()) -> list[NotRead]:
    """The files not read that could have been the missing `kind` of document (for
    `person`'s identity, among `people`): those whose names say that kind or say no kind
    at all, and, for an identity document, name that person or nobody in the case."""
    found = []
    for item in unread:
        words = _words(Path(item.path).name)
        kinds = {k for k, vocabulary in KIND_WORDS.items() if _says(words, vocabulary)}
        if kinds and kind not in kinds:
            continue
        named = [p for p in people if _surname(p) in words]
        if person is not None and named and person not in named:
            continue
        found.append(item)
    return found


def might_be_text(candidates: Sequence[NotRead]) -> str:
    """The clause a missing_document finding ends with when files not read could be it."""
    if not candidates:
        return ""
    return "; not read, and could be it: " + "; ".join(f"{c.name} ({c.reason})" for c in candidates)


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", Path(name).stem.lower()) if w]


def _says(words: Sequence[str], vocabulary: Sequence[str]) -> bool:
    joined = "".join(words)
    return any(v in words or (len(v) > WHOLE_WORD_ONLY and v in joined) for v in vocabulary)


def _surname(name: str) -> str:
    tokens = _words(name)
    return tokens[-1] if tokens else ""
