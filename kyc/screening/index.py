"""Candidate generation by blocking, so a query is scored against tens of names, not all.

Every listed name is filed under keys: each core token, its phonetic key, its first
four letters, the token with any one letter deleted (two spellings one typo apart -- a
letter changed, added, dropped or two swapped -- share such a key), each pair of its
core tokens, and the whole name (tokens sorted, so word order does not matter); and the
consonant key of the name written without spaces, which only queries romanised from
Arabic or Hebrew look up ("HADAIT ALLAH" finds HIDAYATULLAH). A query looks up the same keys. A key
shared by more than `CAP` names ("MUHAMMAD", "BANK", "AL") is not followed: it says too
little, and the pair keys and rarer tokens of the same query find the names that matter.
Candidates are ranked by how many keys they share with the query, the rarest keys
counting most, and at most `MAX_CANDIDATES` are scored.
"""

from __future__ import annotations

import math
from array import array
from collections import defaultdict
from collections.abc import Mapping, Sequence
from itertools import combinations

from kyc.screening.scoring import COMPACT_KEY_MIN, NameForm, abjad_key

CAP = 400
# The best-ranked names by shared rare keys; a variant's own entry ranks near the top.
MAX_CANDIDATES = 120
PREFIX = 4
MIN_DELETION = 4


def blocking_keys(form: NameForm, listed: bool = False) -> set[str]:
    """The keys `form` is filed under (`listed`) or looks up."""
    core = [t.text for t in form.tokens if t.role == "core"]
    keys = {"n:" + " ".join(sorted(t.text for t in form.tokens))}
    for text, skel in zip((t.text for t in form.tokens), form.skeletons):
        if text not in core:
            continue
        keys.add("t:" + text)
        if len(skel) >= 2:
            keys.add("p:" + skel)
        if len(text) > PREFIX:
            keys.add("f:" + text[:PREFIX])
        if len(text) >= MIN_DELETION:
            keys.add("d:" + text)  # an added letter on the other side
            keys.update("d:" + text[:i] + text[i + 1:] for i in range(len(text)))
    keys.update("2:" + a + "|" + b for a, b in combinations(sorted(set(core)), 2))
    compact = abjad_key(form.compact)
    if (listed or form.abjad) and len(compact) >= COMPACT_KEY_MIN:
        keys.add("k:" + compact)
    return keys


class NameIndex:
    """Key -> the positions of the names filed under it, held flat (one array of
    positions, and where each key's run starts) so that it is written to and read from
    the cache as a few arrays rather than 250,000 lists."""

    def __init__(self, keys: dict[str, int], starts: array, positions: array) -> None:
        self._keys = keys  # key -> its number; its positions are positions[starts[n]:starts[n + 1]]
        self._starts = starts
        self._positions = positions

    @classmethod
    def build(cls, forms: Sequence[NameForm]) -> NameIndex:
        postings: dict[str, list[int]] = defaultdict(list)
        for number, form in enumerate(forms):
            for key in blocking_keys(form, listed=True):
                postings[key].append(number)
        starts, positions = array("I", [0]), array("I")
        for items in postings.values():
            positions.extend(items)
            starts.append(len(positions))
        return cls({key: n for n, key in enumerate(postings)}, starts, positions)

    def posting(self, key: str) -> Sequence[int]:
        """The positions filed under `key`, in ascending order (empty if none)."""
        number = self._keys.get(key)
        if number is None:
            return ()
        return self._positions[self._starts[number]:self._starts[number + 1]]

    def candidates(self, form: NameForm) -> list[int]:
        """Positions of the names worth scoring against `form`, most promising first."""
        weight: dict[int, float] = defaultdict(float)
        for key in blocking_keys(form):
            number = self._keys.get(key)
            if number is None:
                continue
            start, end = self._starts[number], self._starts[number + 1]
            if end - start > CAP:
                continue
            rarity = 1.0 / math.log2(2 + end - start)
            for position in self._positions[start:end]:
                weight[position] += rarity
        if len(weight) <= MAX_CANDIDATES:
            return list(weight)
        return sorted(weight, key=weight.__getitem__, reverse=True)[:MAX_CANDIDATES]

    def sections(self) -> dict[str, bytes] | None:
        """The index as the cache keeps it; None if a key could not be written (a key
        holding a line break: names are folded to letters, so it never should)."""
        if any("\n" in key for key in self._keys):
            return None
        return {"keys": "\n".join(self._keys).encode("utf-8"), "starts": self._starts.tobytes(),
                "positions": self._positions.tobytes()}

    @classmethod
    def from_sections(cls, sections: Mapping[str, bytes | memoryview], names: int) -> NameIndex:
        """The index `sections` wrote, for `names` names; ValueError if the parts do not
        fit together (a file from another build, or damaged)."""
        text = bytes(sections["keys"]).decode("utf-8")
        keys = text.split("\n") if text else []
        starts, positions = _array(sections["starts"]), _array(sections["positions"])
        numbered = {key: n for n, key in enumerate(keys)}
        fits = (len(numbered) == len(keys) and len(starts) == len(keys) + 1 and starts[0] == 0
                and starts[-1] == len(positions) and (not positions or max(positions) < names))
        if not fits:
            raise ValueError("the index's parts do not fit together")
        return cls(numbered, starts, positions)


def _array(data: bytes | memoryview) -> array:
    numbers = array("I")
    numbers.frombytes(data)  # ValueError when the length is not a whole number of items
    return numbers
