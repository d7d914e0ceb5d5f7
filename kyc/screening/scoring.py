"""Scores, each a similarity from 0 to 100 with its reason visible.

Name: query tokens are paired with listed tokens (best pairs first, each token used
once); a pair scores its Indel similarity, raised to 85 when both tokens share a
phonetic key of three or more consonants and are already
60 alike, to 75 for an initial ("J" and "JOHN"), and to 80 between two legal-form
words ("LTD" and "GMBH"). Each token weighs 1 (core), 0.3 (particle: AL, BIN, DE...) or
0.2 (legal form: LTD, GMBH...). The name score is the weighted mean of the pairs'
similarities, where a listed token left unpaired (a middle name the query lacks) costs
0.3 of its weight and a query token left unpaired 0.5 of its weight. When the two sides
split the name (legal forms aside) into a different number of words ("ABDULRAHMAN" / "ABDUL RAHMAN"), the
similarity of the names written without spaces is used if it is higher.

Date of birth, country and type are evidence: each is a field with a score and a weight,
and the hit's score is the weighted mean of all fields present on both sides (name
weight 1). See `dob_score`, `country_score` and `type_score` for the values.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.fuzz import ratio

from kyc.screening.normalise import Token

WEIGHTS = {"core": 1.0, "particle": 0.3, "legal": 0.2}
UNPAIRED_LISTED = 0.3
UNPAIRED_QUERY = 0.5
MIN_PAIR = 0.6
PHONETIC = 0.85
# Short or unlike spellings share phonetic keys by chance ('MAHMUD', 'MUHAMMAD': MHMD).
PHONETIC_FLOOR = 0.6
INITIAL = 0.75
LEGAL_PAIR = 0.8
DOB_WEIGHT = 0.15
COUNTRY_WEIGHT = 0.10
TYPE_WEIGHT = {"same": 0.10, "other": 0.10, "individual-vs-craft": 0.50, "entity-vs-craft": 0.20}
# The most evidence can add: a name below this share of the threshold cannot reach it.
MAX_EVIDENCE_WEIGHT = DOB_WEIGHT + COUNTRY_WEIGHT + TYPE_WEIGHT["same"]

_VOWELS = frozenset("AEIOUY")
_DIGRAPHS = (("PH", "F"), ("CK", "K"), ("KH", "K"), ("GH", "G"), ("TH", "T"), ("DH", "D"),
             ("SH", "S"), ("CH", "S"), ("DJ", "J"), ("Q", "K"), ("C", "K"), ("Z", "S"),
             ("X", "KS"), ("W", "V"))


def skeleton(text: str) -> str:
    """A phonetic key: consonants after the first letter, similar sounds merged, doubles
    collapsed ('HUSSEIN' and 'HUSAYN' -> 'HSN', 'OSAMA' and 'USAMA' -> 'ASM')."""
    if not (text.isascii() and text.isalpha()):
        return text
    for digraph, sound in _DIGRAPHS:
        text = text.replace(digraph, sound)
    head = "A" if text[0] in _VOWELS else text[0]
    out = [head]
    for letter in text[1:]:
        if letter not in _VOWELS and letter != out[-1]:
            out.append(letter)
    return "".join(out)


@dataclass(frozen=True)
class NameForm:
    """A normalised name ready for scoring: tokens with roles, weights and keys."""

    tokens: tuple[Token, ...]
    skeletons: tuple[str, ...]
    weights: tuple[float, ...]
    compact: str  # core and particle tokens joined without spaces, in order
    compact_sorted: str
    words: int  # how many core and particle tokens

    @classmethod
    def of(cls, tokens: tuple[Token, ...]) -> NameForm:
        kept = [t.text for t in tokens if t.role != "legal"]
        return cls(tokens, tuple(skeleton(t.text) for t in tokens), tuple(WEIGHTS[t.role] for t in tokens),
                   "".join(kept), "".join(sorted(kept)), len(kept))


def token_similarity(a: Token, b: Token, skel_a: str, skel_b: str) -> float:
    if a.text == b.text:
        return 1.0
    similarity = ratio(a.text, b.text) / 100
    if a.role == "legal" and b.role == "legal":
        return max(similarity, LEGAL_PAIR)
    if len(a.text) == 1 or len(b.text) == 1:
        initial = a.text[0] == b.text[0] and a.role == b.role == "core"
        return INITIAL if initial else similarity
    if similarity >= PHONETIC_FLOOR and skel_a == skel_b and len(skel_a) >= 3:
        return max(similarity, PHONETIC)
    return similarity


def name_score(query: NameForm, listed: NameForm, memo: dict[tuple[int, str], float] | None = None) -> float:
    """0-100: how alike two normalised names are (see the module docstring). `memo`
    keeps token similarities across the candidates of one query: list names share
    many tokens."""
    score = _paired_score(query, listed, {} if memo is None else memo)
    if query.words != listed.words and score < 100:
        merged = max(ratio(query.compact, listed.compact), ratio(query.compact_sorted, listed.compact_sorted))
        score = max(score, merged)
    return score


def _paired_score(query: NameForm, listed: NameForm, memo: dict[tuple[int, str], float]) -> float:
    pairs = []
    for i, q in enumerate(query.tokens):
        for j, l in enumerate(listed.tokens):
            similarity = memo.get((i, l.text + l.role))
            if similarity is None:
                similarity = memo[i, l.text + l.role] = token_similarity(q, l, query.skeletons[i], listed.skeletons[j])
            pairs.append((similarity, i, j))
    pairs.sort(reverse=True)
    used_q: set[int] = set()
    used_l: set[int] = set()
    numerator = denominator = 0.0
    for similarity, i, j in pairs:
        if similarity < MIN_PAIR:
            break
        if i in used_q or j in used_l:
            continue
        used_q.add(i)
        used_l.add(j)
        weight = (query.weights[i] + listed.weights[j]) / 2
        numerator += similarity * weight
        denominator += weight
    denominator += UNPAIRED_QUERY * sum(w for i, w in enumerate(query.weights) if i not in used_q)
    denominator += UNPAIRED_LISTED * sum(w for j, w in enumerate(listed.weights) if j not in used_l)
    return 100 * numerator / denominator if denominator else 0.0


def dob_score(query: str, listed: str) -> float:
    """100 same full date; 90 same at the precision both give (year, or year and month);
    60 a year apart (lists often print an approximate year); 50 the same date with day
    and month swapped; otherwise 0: a contradiction."""
    if query == listed:
        return 100.0 if len(query) == 10 else 90.0
    shared = min(len(query), len(listed))
    if query[:shared] == listed[:shared]:
        return 90.0
    if len(query) == len(listed) == 10 and query[:4] == listed[:4] and query[5:7] == listed[8:10] and query[8:10] == listed[5:7]:
        return 50.0
    if abs(int(query[:4]) - int(listed[:4])) == 1 and not (len(query) == len(listed) == 10):
        return 60.0
    return 0.0


def best_dob(query: str, listed: tuple[str, ...]) -> tuple[float, str]:
    """The listed date of birth that agrees best, with its score."""
    return max(((dob_score(query, d), d) for d in listed), key=lambda pair: pair[0])


def country_score(query: str, listed: tuple[str, ...]) -> float:
    """100 when the query's country is among the entry's (nationality, citizenship,
    address), else 0."""
    return 100.0 if query in listed else 0.0


def type_score(query: str, listed: str) -> tuple[float, float]:
    """(score, weight). Same type 100; a person against an organisation 0 at the usual
    weight; a person against a vessel or aircraft 0 at weight 0.5, so such a hit needs
    far more than a name; an organisation against a vessel or aircraft 50 (vessels are
    often named after their owners)."""
    if query == listed:
        return 100.0, TYPE_WEIGHT["same"]
    if listed in ("vessel", "aircraft"):
        if query == "individual":
            return 0.0, TYPE_WEIGHT["individual-vs-craft"]
        return 50.0, TYPE_WEIGHT["entity-vs-craft"]
    return 0.0, TYPE_WEIGHT["other"]


def name_floor(threshold: float) -> float:
    """The lowest name score that evidence could still lift to `threshold`."""
    return threshold * (1 + MAX_EVIDENCE_WEIGHT) - 100 * MAX_EVIDENCE_WEIGHT
