"""Candidate generation by blocking, so a query is scored against tens of names, not all.

Every listed name is filed under keys: each core token, its phonetic key, its first
four letters, the token with any one letter deleted (two spellings one typo apart -- a
letter changed, added, dropped or two swapped -- share such a key), each pair of its
core tokens, and the whole name (tokens sorted, so word order does not matter). A query looks up the same keys. A key
shared by more than `CAP` names ("MUHAMMAD", "BANK", "AL") is not followed: it says too
little, and the pair keys and rarer tokens of the same query find the names that matter.
Candidates are ranked by how many keys they share with the query, the rarest keys
counting most, and at most `MAX_CANDIDATES` are scored.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from kyc.screening.scoring import NameForm

CAP = 400
# The best-ranked names by shared rare keys; a variant's own entry ranks near the top.
MAX_CANDIDATES = 120
PREFIX = 4
MIN_DELETION = 4


@dataclass(frozen=True)
class IndexedName:
    entry: int  # position of the entry in the Screener's entry table
    name: int  # position of the name in that entry's names
    form: NameForm
    text: str  # the tokens joined by spaces (legal forms out), for the prefilter


def blocking_keys(form: NameForm) -> set[str]:
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
    return keys


class NameIndex:
    def __init__(self, names: list[IndexedName]) -> None:
        self.names = names
        postings: dict[str, list[int]] = defaultdict(list)
        for number, name in enumerate(names):
            for key in blocking_keys(name.form):
                postings[key].append(number)
        self._postings = dict(postings)

    def candidates(self, form: NameForm) -> list[int]:
        """Positions in `names` worth scoring against `form`, most promising first."""
        weight: dict[int, float] = defaultdict(float)
        for key in blocking_keys(form):
            posting = self._postings.get(key)
            if not posting or len(posting) > CAP:
                continue
            rarity = 1.0 / math.log2(2 + len(posting))
            for number in posting:
                weight[number] += rarity
        if len(weight) <= MAX_CANDIDATES:
            return list(weight)
        return sorted(weight, key=weight.__getitem__, reverse=True)[:MAX_CANDIDATES]
