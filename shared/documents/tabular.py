"""CSV documents: a header and rows of text cells, each cell citable by row and column.

Cells stay text: turning "1.234,50" or "(1,234)" into an amount is the money parser's
job, which knows the notation; a CSV reader guessing numbers would lose the original.
Row numbers are 1-based and exclude the header, so row 1 is the first data row. Blank
lines are skipped and do not count as rows.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from shared.documents.base import read_bytes
from shared.documents.citation import CsvCitation
from shared.documents.decoding import decode_text
from shared.documents.errors import DocumentError, EmptyFile, MissingColumns

_DELIMITERS = (",", ";", "\t", "|")
_QUOTED = re.compile(r'"[^"]*"')


@dataclass(frozen=True)
class CsvDocument:
    path: Path
    sha256: str
    header: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    delimiter: str = ","
    kind: ClassVar[str] = "csv"

    def cell(self, row: int, column: str) -> str:
        """The raw cell text at a 1-based row (header excluded) and a column name."""
        if not 1 <= row <= len(self.rows):
            raise DocumentError(self.path, f"has no row {row} (it has {len(self.rows)})")
        self.require_columns(column)
        return self.rows[row - 1][column]

    def cite(self, row: int, column: str) -> CsvCitation:
        return CsvCitation(
            doc_sha256=self.sha256,
            path=str(self.path),
            text=self.cell(row, column).strip(),
            row=row,
            column=column,
        )

    def require_columns(self, *names: str) -> CsvDocument:
        """Raise `MissingColumns` unless every name is in the header; returns self."""
        missing = [name for name in names if name not in self.header]
        if missing:
            raise MissingColumns(self.path, missing, self.header)
        return self


def open_csv(
    path: str | Path, *, encoding: str = "utf-8", delimiter: str | None = None
) -> CsvDocument:
    """Read a CSV file; `delimiter` is guessed from the header line when not given."""
    data = read_bytes(path)
    text = decode_text(path, data, encoding, expected="a CSV file")
    if not text.strip():
        raise EmptyFile(path)
    delimiter = delimiter or sniff_delimiter(text)
    records = _records(path, text, delimiter)
    header = _header(path, next(records))
    rows = tuple(_row(path, number, header, cells) for number, cells in enumerate(records, 1))
    return CsvDocument(Path(path), hashlib.sha256(data).hexdigest(), header, rows, delimiter)


def sniff_delimiter(text: str) -> str:
    """The candidate found most often in the first non-blank line, outside quotes.

    Excel writes ";" where the decimal separator is a comma and a tab in its "Unicode
    text" export; a single-column file has none and falls back to ",".
    """
    first = next(line for line in text.splitlines() if line.strip())
    unquoted = _QUOTED.sub("", first)
    counts = {candidate: unquoted.count(candidate) for candidate in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda candidate: counts[candidate])
    return best if counts[best] else ","


def _records(path: str | Path, text: str, delimiter: str) -> Iterator[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            if record:
                yield record
    except csv.Error as exc:
        raise DocumentError(path, f"is not valid CSV at line {reader.line_num}: {exc}") from exc


def _header(path: str | Path, cells: list[str]) -> tuple[str, ...]:
    header = tuple(cell.strip() for cell in cells)
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise DocumentError(path, f"has the column '{name}' twice in its header")
        seen.add(name)
    return header


def _row(
    path: str | Path, number: int, header: tuple[str, ...], cells: list[str]
) -> dict[str, str]:
    """One data row as a dict; short rows are padded, long ones refused.

    Trailing empty cells beyond the header (a trailing comma) carry nothing and are
    dropped; a non-empty extra cell means the columns are shifted, so every value in the
    row may be under the wrong name.
    """
    extra = cells[len(header) :]
    if any(cell.strip() for cell in extra):
        raise DocumentError(
            path, f"row {number} has {len(cells)} cells but the header has {len(header)}"
        )
    padded = cells[: len(header)] + [""] * (len(header) - len(cells))
    return dict(zip(header, padded, strict=True))
