"""What the dispositions memory keys a hit on: the list entry's content and the party's
screened data, each the sha256 of its canonical JSON.

Neither says where the data was read from (the list file's path and hash, the case and
the party's citations): the same entry in the next version of a list, or the same person
screened from another case, has the same fingerprint, and any change to what was compared
gives another one.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from kyc.screening.records import ListEntry


def entry_sha256(entry: ListEntry) -> str:
    """The entry's record as loaded: its names (with their kind) in the list's order,
    type, dates of birth, countries and programmes."""
    return _sha256({
        "list": entry.list_name, "entry_id": entry.entry_id, "type": entry.type,
        "names": [[listed.name, listed.kind] for listed in entry.names],
        "dates_of_birth": list(entry.dates_of_birth), "countries": list(entry.countries),
        "programs": list(entry.programs),
    })


def party_sha256(name: str, type: str | None, dob: str | None, country: str | None) -> str:
    """The party's screened data: what the screener compared with the list."""
    return _sha256({"name": name, "type": type, "dob": dob, "country": country})


def _sha256(record: Any) -> str:
    text = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
