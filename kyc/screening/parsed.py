"""A stored list version's parsed entries, kept in the user's cache (`kyc.screening.cache`).

Parsing the OFAC and UN files and resolving their countries takes seconds (the country
table's first full look-up alone about two), and a stored version never changes
(`kyc.screening.store` checks its files against their sha256 before reading). So a version
is parsed once and its entries are read back as JSON after that. The key is the version's
sha256, date and date origin, with the pack version and the code (parsers, country table)
that parsed it; the entries' citations point at the version's own files, wherever its
folder is now.
"""

from __future__ import annotations

import json
from pathlib import Path

from kyc.screening import cache
from kyc.screening.records import ListedName, ListEntry, ScreeningList

KIND = "parsed-list"
FORMAT = "entries 1"


def read(sha256: str, date: str, date_origin: str, paths: list[Path]) -> ScreeningList | None:
    """The list stored as `paths` (its files, in the manifest's order), if it was parsed
    before; None when there is no cache file to trust."""
    sections = cache.read(KIND, _key(sha256, date, date_origin))
    if sections is None:
        return None
    try:
        return _decode(json.loads(bytes(sections["list"])), sha256, paths)
    except (KeyError, ValueError, TypeError, IndexError):
        return None


def write(loaded: ScreeningList) -> None:
    body = _encode(loaded)
    if body is not None:
        cache.write(KIND, _key(loaded.sha256, loaded.date, loaded.date_origin), {"list": body})


def _key(sha256: str, date: str, date_origin: str) -> str:
    return cache.key_of(KIND, FORMAT, sha256, date, date_origin)


def _encode(loaded: ScreeningList) -> bytes | None:
    number = {path: at for at, path in enumerate(loaded.files)}
    digests = {n.path: n.doc_sha256 for e in loaded.entries for n in e.names}
    if not set(digests) <= set(number):
        return None  # a name cited from a file outside the set: nothing to rebuild it from
    body = {"name": loaded.name, "sha256": loaded.sha256, "date": loaded.date, "date_origin": loaded.date_origin,
            "files": [[path.name, digests.get(path, "")] for path in loaded.files],
            "entries": [[e.list_name, e.entry_id, e.type, [[n.name, n.kind, number[n.path]] for n in e.names],
                         e.dates_of_birth, e.countries, e.programs] for e in loaded.entries]}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _decode(body: dict, sha256: str, paths: list[Path]) -> ScreeningList | None:
    files = body["files"]
    if body["sha256"] != sha256 or [name for name, _ in files] != [p.name for p in paths]:
        return None
    cited = [(path, digest) for path, (_, digest) in zip(paths, files)]
    entries = tuple(ListEntry(list_name, entry_id, tuple(ListedName(name, kind, *cited[n]) for name, kind, n in names),
                              type_, tuple(dobs), tuple(countries), tuple(programs))
                    for list_name, entry_id, type_, names, dobs, countries, programs in body["entries"])
    return ScreeningList(body["name"], tuple(paths), sha256, body["date"], body["date_origin"], entries)
