"""The list versions a party's last screening used (every version is kept:
`kyc.screening.store`), and what changed in an entry between two of them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kyc.screening.records import ListEntry
from kyc.screening.store import read_version, versions
from shared.runs.result import ListUse


class StoredEntries:
    """Entries of the stored versions, found by the sha256 a result.json recorded for
    each list; each version is read once."""

    def __init__(self, engagement_root: Path | None) -> None:
        self._root = engagement_root
        self._by_sha: dict[str, dict[str, ListEntry]] = {}

    def entry(self, lists: Sequence[ListUse], list_name: str, entry_id: str) -> ListEntry | None:
        """The entry as the version of `list_name` among `lists` held it; None when that
        version is no longer stored."""
        used = next((listed for listed in lists if listed.name == list_name), None)
        return self._entries(used.sha256).get(entry_id) if used else None

    def _entries(self, sha256: str) -> dict[str, ListEntry]:
        if sha256 not in self._by_sha:
            self._by_sha[sha256] = self._read(sha256)
        return self._by_sha[sha256]

    def _read(self, sha256: str) -> dict[str, ListEntry]:
        stored = [v for v in versions(self._root) if v.sha256 == sha256]
        return {entry.entry_id: entry for entry in read_version(stored[0].folder).entries} if stored else {}


def difference(before: ListEntry | None, now: ListEntry | None) -> str | None:
    """What a reviewer needs to see of a changed entry, field by field: 'programs SYRIA ->
    SYRIA, SYRIA-EO13894; name added: HAMSHO, Mohammed'. None when either is unknown."""
    if before is None or now is None:
        return None
    names_then, names_now = [n.name for n in before.names], [n.name for n in now.names]
    parts = [f"{'name' if len(names) == 1 else 'names'} {what}: {'; '.join(names)}" for what, names in
             (("added", [n for n in names_now if n not in names_then]),
              ("removed", [n for n in names_then if n not in names_now])) if names]
    for field in ("type", "dates_of_birth", "countries", "programs"):
        then, current = getattr(before, field), getattr(now, field)
        if then != current:
            parts.append(f"{field.replace('_', ' ')} {_shown(then)} -> {_shown(current)}")
    return "; ".join(parts) or "the order or kind of its names changed"


def _shown(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(value) or "none"
    return str(value)
