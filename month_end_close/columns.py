"""A close file missing a column the pack reads, with the `[columns]` line that fixes it.

Clients' exports name their columns their own way ("GL Code" for `account`, "Narrative"
for `description`); `[columns]` in close.toml (or `[month_end_close.columns]` in
engagement.toml) maps the pack's name onto theirs. The one line a missing column gives
says so, with the file's likeliest header as the example, because "missing column
'account'" alone sends a consultant to rename columns in the client's export.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

from month_end_close.context import PACK_COLUMNS
from shared.documents.errors import DocumentError, MissingColumns

WHERE = "close.toml's [columns] or in engagement.toml's [month_end_close.columns]"


class UnmappedColumns(MissingColumns):
    """`MissingColumns`, telling how to name the client's header for the pack's column."""

    def __init__(self, error: MissingColumns, columns: Mapping[str, str]) -> None:
        self.missing, self.found = error.missing, error.found
        hint = mapping_hint(error.missing, error.found, columns)
        DocumentError.__init__(self, error.path, f"{error.problem}: {hint}")


@contextmanager
def columns_mapped(columns: Mapping[str, str]) -> Iterator[None]:
    """Reading a ledger or bank CSV under `columns`: a missing column says how to map it."""
    try:
        yield
    except MissingColumns as error:
        raise UnmappedColumns(error, columns) from None


def mapping_hint(missing: Sequence[str], found: Sequence[str], columns: Mapping[str, str]) -> str:
    """What to write in `[columns]` for the first missing header."""
    pack_name = {header: name for name, header in columns.items()}.get(missing[0], missing[0])
    example = f'{pack_name} = "{_likeliest_header(pack_name, found, columns)}"'
    if pack_name in columns:
        lead = f'[columns] maps {pack_name} = "{columns[pack_name]}", a header this file does not have: correct it ' \
               "in close.toml or engagement.toml"
    else:
        lead = f"if this file calls it something else, name that header in {WHERE}"
    pair = " (or debit and credit for two columns)" if pack_name == "amount" else ""
    return f"{lead}, e.g. {example}{pair}"


def _likeliest_header(pack_name: str, found: Sequence[str], columns: Mapping[str, str]) -> str:
    """A header of the file that no pack column reads, the closest in spelling first."""
    read = {columns.get(name, name) for name in PACK_COLUMNS}
    spare = {header.lower(): header for header in found if header not in read}
    close = difflib.get_close_matches(pack_name, list(spare), n=1, cutoff=0.5)
    return spare[close[0]] if close else next(iter(spare.values()), "Your header")
