"""Plain-text documents, bank statement files (MT940, OFX/QFX) included.

Lines are 1-based. MT940 and OFX are parsed elsewhere; this module gives their parsers
the decoded lines and a way to cite a record by the lines it spans.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal

from shared.documents.base import read_bytes
from shared.documents.citation import Mt940Citation, OfxCitation, TextCitation
from shared.documents.decoding import decode_text, split_lines
from shared.documents.errors import DocumentError, EmptyFile


@dataclass(frozen=True)
class TextDocument:
    path: Path
    sha256: str
    lines: tuple[str, ...]
    kind: ClassVar[str] = "text"

    def line(self, number: int) -> str:
        self._check_line(number)
        return self.lines[number - 1]

    def cite(self, line: int, text: str | None = None) -> TextCitation:
        """Cite `text` on a line; without `text`, the whole line (stripped)."""
        cited = self.line(line).strip() if text is None else text
        return TextCitation(doc_sha256=self.sha256, path=str(self.path), text=cited, line=line)

    def cite_records(
        self,
        kind: Literal["mt940", "ofx"],
        record: int,
        first_line: int,
        last_line: int,
        text: str,
    ) -> Mt940Citation | OfxCitation:
        """Cite a statement record (a transaction) that spans `first_line..last_line`."""
        self._check_line(first_line)
        self._check_line(last_line)
        model: type[Mt940Citation | OfxCitation] = Mt940Citation if kind == "mt940" else OfxCitation
        return model(
            doc_sha256=self.sha256,
            path=str(self.path),
            text=text,
            record=record,
            lines=(first_line, last_line),
        )

    def _check_line(self, number: int) -> None:
        if not 1 <= number <= len(self.lines):
            raise DocumentError(self.path, f"has no line {number} (it has {len(self.lines)})")


def open_text(path: str | Path, *, encoding: str = "utf-8") -> TextDocument:
    data = read_bytes(path)
    text = decode_text(path, data, encoding)
    if not text.strip():
        raise EmptyFile(path)
    return TextDocument(Path(path), hashlib.sha256(data).hexdigest(), split_lines(text))
