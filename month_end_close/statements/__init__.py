"""Bank statements in, as `Statement` records: PDF, OFX/QFX, MT940 and bank CSV.

`read_statement` picks the reader by content first (a PDF is a PDF whatever its name, an
OFX file says so in its header), then by suffix. A file that cannot be read raises a
`DocumentError` (an `InputError`: exit 2) whose one line names the file and the problem.
Every transaction in a file becomes a `BankLine`, cited where it is printed.
"""

from __future__ import annotations

from pathlib import Path

from month_end_close.records import Statement
from month_end_close.statements.bank_csv import read_bank_csv
from month_end_close.statements.mt940 import read_mt940
from month_end_close.statements.ofx import read_ofx
from month_end_close.statements.pdf import read_pdf
from shared.documents.base import PDF_MAGIC, check_file, read_head
from shared.documents.errors import DocumentError

__all__ = ["read_bank_csv", "read_statement"]

_OFX_SUFFIXES = (".ofx", ".qfx")
_MT940_SUFFIXES = (".sta", ".mt940", ".940")


def read_statement(path: Path) -> tuple[Statement, ...]:
    """Every statement in the file (an OFX file may hold several accounts, an MT940
    file several statements). A `bank*.csv` is read with the default columns; use
    `read_bank_csv` to map a client's headers or give its opening and closing."""
    check_file(path)
    head = read_head(path)
    suffix = Path(path).suffix.lower()
    if PDF_MAGIC in head or suffix == ".pdf":
        return read_pdf(path)
    if suffix in _OFX_SUFFIXES or b"OFXHEADER" in head or b"<OFX>" in head.upper():
        return read_ofx(path)
    if suffix in _MT940_SUFFIXES:
        return read_mt940(path)
    if suffix == ".csv" and Path(path).name.lower().startswith("bank"):
        return (read_bank_csv(path),)
    raise DocumentError(path, "is not a bank statement file (expected .pdf, .ofx or .qfx, .sta or .mt940, "
                              "or a CSV named bank*.csv)")
