"""The names a `Screener` compares queries with and the blocking index over them, made
once per set of lists: read from the cache (`kyc.screening.cache`) when the same lists were
indexed before by the same code, else built here and cached.

Building parses every listed name and files it under its keys (seconds for the OFAC and UN
lists); reading the cache takes a small part of that. The cache holds, for each indexed
name, its entry and position (so its `NameForm` is parsed again only when a query first
needs it), the text the prefilter compares, and the index's arrays. Its key covers the
lists (name and sha256), every listed name in order (so lists built in memory, or parsed
by other code, never meet another's index), the pack version, the code and the packages
the names are made with. A few names, spread over the list, are checked against a fresh
parse when a file is read: a normaliser that changed in a way the key cannot see (a
package's data) then rebuilds rather than screening against stale keys.

The last indexes made or read are also kept in memory, so a process that screens again
(a LangGraph server, a test session) does not read the file again; only their
path-free parts are shared, each Screener citing its own lists' files.
"""

from __future__ import annotations

import hashlib
import sys
import threading
from array import array
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kyc.screening import cache
from kyc.screening.index import NameIndex, blocking_keys
from kyc.screening.records import ListEntry, ScreeningList, list_slug
from kyc.screening.scoring import NameForm

KIND = "screening-index"
FORMAT = f"names+index 2, {array('I').itemsize}-byte {sys.byteorder}-endian arrays"
CHECKED = 32  # names re-parsed to check a cached index against today's normaliser
_KEPT_IN_MEMORY = 2


class Names:
    """The indexed names: for each, its entry, its position among that entry's names, the
    text the prefilter compares, and its `NameForm` (parsed when first asked for, if the
    index was read from the cache)."""

    def __init__(self, entries: Sequence[tuple[str, ListEntry]], entry_of: array, name_of: array,
                 texts: list[str], forms: list[NameForm | None] | None = None) -> None:
        self.entries = entries
        self.entry_of = entry_of
        self.name_of = name_of
        self.texts = texts
        self._forms: list[NameForm | None] = forms if forms is not None else [None] * len(texts)

    def __len__(self) -> int:
        return len(self.texts)

    def form(self, number: int) -> NameForm:
        form = self._forms[number]
        if form is None:
            form = self._forms[number] = NameForm.parse(self.listed(number))
        return form

    def listed(self, number: int) -> str:
        return self.entries[self.entry_of[number]][1].names[self.name_of[number]].name

    def for_entries(self, entries: Sequence[tuple[str, ListEntry]]) -> Names:
        """The same names over `entries` (equal names, their own files), sharing the forms."""
        return Names(entries, self.entry_of, self.name_of, self.texts, self._forms)


@dataclass(frozen=True)
class Prepared:
    names: Names
    index: NameIndex


_kept: OrderedDict[str, Prepared] = OrderedDict()
_keeping = threading.Lock()  # a LangGraph server screens for several runs at once


def prepare(lists: Sequence[ScreeningList], *, cached: bool = True) -> Prepared:
    entries = [(list_slug(listed.name), entry) for listed in lists for entry in listed.entries]
    if not cached:
        return build(entries)
    key = index_key(lists, entries)
    kept = _kept.get(key)
    found = Prepared(kept.names.for_entries(entries), kept.index) if kept else _read(key, entries)
    if found is None:
        found = build(entries)
        _write(key, found)
    _keep(key, found)
    return found


def _keep(key: str, found: Prepared) -> None:
    with _keeping:
        _kept[key] = found
        _kept.move_to_end(key)
        while len(_kept) > _KEPT_IN_MEMORY:
            _kept.popitem(last=False)


def build(entries: Sequence[tuple[str, ListEntry]]) -> Prepared:
    entry_of, name_of = array("I"), array("I")
    texts: list[str] = []
    forms: list[NameForm] = []
    for number, (_, entry) in enumerate(entries):
        for position, listed in enumerate(entry.names):
            form = NameForm.parse(listed.name)
            if form.tokens:
                entry_of.append(number)
                name_of.append(position)
                texts.append(prefilter_text(form))
                forms.append(form)
    return Prepared(Names(entries, entry_of, name_of, texts, [*forms]), NameIndex.build(forms))


def prefilter_text(form: NameForm) -> str:
    """The tokens joined by spaces, legal forms out unless nothing else is left."""
    kept = [t.text for t in form.tokens if t.role != "legal"] or [t.text for t in form.tokens]
    return " ".join(kept)


def index_key(lists: Sequence[ScreeningList], entries: Sequence[tuple[str, ListEntry]]) -> str:
    named = hashlib.sha256()
    for slug, entry in entries:
        named.update("\0".join((slug, entry.entry_id, *(n.name for n in entry.names))).encode("utf-8") + b"\n")
    return cache.key_of(KIND, FORMAT, *(f"{listed.name}\0{listed.sha256}" for listed in lists), named.hexdigest())


def _write(key: str, made: Prepared) -> None:
    index = made.index.sections()
    names = made.names
    if index is None or any("\n" in text for text in names.texts):
        return
    cache.write(KIND, key, {"entry_of": names.entry_of.tobytes(), "name_of": names.name_of.tobytes(),
                            "texts": "\n".join(names.texts).encode("utf-8"), **index})


def _read(key: str, entries: Sequence[tuple[str, ListEntry]]) -> Prepared | None:
    sections = cache.read(KIND, key)
    if sections is None:
        return None
    try:
        found = _decode(sections, entries)
    except (KeyError, ValueError, IndexError, UnicodeDecodeError):
        return None
    return found if _agrees(found) else None


def _decode(sections: Mapping[str, memoryview], entries: Sequence[tuple[str, ListEntry]]) -> Prepared:
    entry_of, name_of = array("I"), array("I")
    entry_of.frombytes(sections["entry_of"])
    name_of.frombytes(sections["name_of"])
    text = bytes(sections["texts"]).decode("utf-8")
    texts = text.split("\n") if text else []
    if not len(entry_of) == len(name_of) == len(texts):
        raise ValueError("the names' parts differ in length")
    sizes = [len(entry.names) for _, entry in entries]
    if any(position >= sizes[number] for number, position in zip(entry_of, name_of)):  # IndexError past the entries
        raise ValueError("a name refers past its entry's names")
    names = Names(entries, entry_of, name_of, texts)
    return Prepared(names, NameIndex.from_sections(sections, len(names)))


def _agrees(found: Prepared) -> bool:
    """A sample of names parse, and are filed, as the cached index says."""
    count = len(found.names)
    for number in sorted({count * i // CHECKED for i in range(CHECKED)} if count else ()):
        form = NameForm.parse(found.names.listed(number))
        if prefilter_text(form) != found.names.texts[number]:
            return False
        if any(number not in found.index.posting(key) for key in blocking_keys(form, listed=True)):
            return False
    return True
