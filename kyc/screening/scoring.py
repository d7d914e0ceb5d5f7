"""Scores, each a similarity from 0 to 100 with its reason visible.

Name: query tokens are paired with listed tokens (best pairs first, each token used
once); a pair scores its Indel similarity, raised to 85 when both tokens share a
phonetic key of three or more consonants and are already
60 alike, to 75 for an initial ("J" and "JOHN"), and to 80 between two legal-form
words ("LTD" and "GMBH"). Each token weighs 1 (core), 0.3 (particle: AL, BIN, DE...) or
0.2 (legal form: LTD, GMBH...). The name score is the weighted mean of the pairs'
similarities, where a listed token left unpaired (a middle name the query lacks) costs
0.3 of its weight and a query token left unpaired 0.5 of its weight; middle names left
out on one side, when both sides' first given name and surname pair, cost together at
most one listed word (`MIDDLE_CAP`), and the breakdown says so. When the two sides
split the name (legal forms aside) into a different number of words ("ABDULRAHMAN" / "ABDUL RAHMAN"), the
similarity of the names written without spaces is used if it is higher.

A query romanised from Arabic or Hebrew (`NameForm.abjad`) lacks the short vowels its
script does not write, so two more rules apply to it, and only to it (Latin queries score
as they always did): a pair of tokens whose consonant keys (`abjad_key`) agree scores at
least 0.80-0.92 by the key's length, and two names split into a different number of words
whose keys written without spaces agree score `COMPACT_KEY`.

Date of birth, country and type are evidence: each is a field with a score and a weight,
and the hit's score is the weighted mean of all fields present on both sides (name
weight 1). See `dob_score`, `country_score` and `type_score` for the values.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rapidfuzz.fuzz import ratio

from kyc.screening.normalise import Token, name_parts

WEIGHTS = {"core": 1.0, "particle": 0.3, "legal": 0.2}
UNPAIRED_LISTED = 0.3
UNPAIRED_QUERY = 0.5
# Middle names one side leaves out, when both sides' given name and surname pair, cost
# together at most what one unpaired listed word costs: lists print every patronymic
# and a customer may give one first name (or the reverse), so how many are absent, and
# on which side, says little.
MIDDLE_CAP = UNPAIRED_LISTED * WEIGHTS["core"]
MIN_PAIR = 0.6
PHONETIC = 0.85
# Short or unlike spellings share phonetic keys by chance ('MAHMUD', 'MUHAMMAD': MHMD).
PHONETIC_FLOOR = 0.6
INITIAL = 0.75
LEGAL_PAIR = 0.8
DOB_WEIGHT = 0.15
DOB_SWAPPED = 80.0
COUNTRY_WEIGHT = 0.10
TYPE_WEIGHT = {"same": 0.10, "other": 0.10, "individual-vs-craft": 0.50, "entity-vs-craft": 0.20}
# The most evidence can add: a name below this share of the threshold cannot reach it.
MAX_EVIDENCE_WEIGHT = DOB_WEIGHT + COUNTRY_WEIGHT + TYPE_WEIGHT["same"]

_VOWELS = frozenset("AEIOUY")
_DIGRAPHS = (("PH", "F"), ("CK", "K"), ("KH", "K"), ("GH", "G"), ("TH", "T"), ("DH", "D"),
             ("SH", "S"), ("CH", "S"), ("DJ", "J"), ("Q", "K"), ("C", "K"), ("Z", "S"),
             ("X", "KS"), ("W", "V"))
# The consonant key reads W as a vowel: Arabic and Hebrew write w and u (y and i) with one letter.
_KEY_DIGRAPHS = _DIGRAPHS[:-1] + (("TS", "S"),)
_KEY_VOWELS = frozenset("AEIOUYW")
# Equal keys are weaker evidence when short: 'HSN' is Hasan, Husayn and Hassan alike.
KEY_EQUAL = {2: 0.80, 3: 0.88}
KEY_EQUAL_LONG = 0.92
COMPACT_KEY = 90.0
COMPACT_KEY_MIN = 4
CONSONANTS_AGREE = "consonants agree (Arabic and Hebrew write no short vowels)"
COMPACT_CONSONANTS_AGREE = ("consonants of the names written without spaces agree "
                            "(Arabic and Hebrew write no short vowels)")


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


def abjad_key(text: str) -> str:
    """The consonants an Arabic or Hebrew spelling writes: the first letter ('A' for a
    vowel), then consonants without vowels, W or Y, doubles collapsed, a final H after a
    vowel (ta marbuta: HAMZAH, HAMZA) dropped. 'MUHAMMAD' and 'MHMD' -> 'MHMD'."""
    if not (text.isascii() and text.isalpha()):
        return text
    if len(text) > 2 and text.endswith("H") and text[-2] in "AEIOU":
        text = text[:-1]
    for digraph, sound in _KEY_DIGRAPHS:
        text = text.replace(digraph, sound)
    out = ["A" if text[0] in "AEIOU" else text[0]]  # a first Y or W is a consonant: YUSUF, WALI
    for letter in text[1:]:
        if letter not in _KEY_VOWELS and letter != out[-1]:
            out.append(letter)
    return "".join(out)


@dataclass(frozen=True)
class NameForm:
    """A normalised name ready for scoring: tokens with roles, weights and keys, and
    where its given name, surname and middle names sit."""

    tokens: tuple[Token, ...]
    skeletons: tuple[str, ...]
    weights: tuple[float, ...]
    compact: str  # core and particle tokens joined without spaces, in order
    compact_sorted: str
    words: int  # how many core and particle tokens
    given: int = -1  # position of the first given name's core token; -1 unknown
    surname: frozenset[int] = frozenset()  # positions of the surname's core tokens
    middle: frozenset[int] = frozenset()  # positions of the words between the two
    abjad: bool = False  # romanised from Arabic or Hebrew: the consonant rules apply

    @classmethod
    def of(cls, tokens: tuple[Token, ...], surname_length: int = 0, abjad: bool = False) -> NameForm:
        """`surname_length`: how many leading tokens are the surname ("SURNAME, Given"),
        0 when the name is written in its natural order (given names first)."""
        kept = [t.text for t in tokens if t.role != "legal"]
        given, surname, middle = _name_structure(tokens, surname_length)
        return cls(tokens, tuple(skeleton(t.text) for t in tokens), tuple(WEIGHTS[t.role] for t in tokens),
                   "".join(kept), "".join(sorted(kept)), len(kept), given, surname, middle, abjad)

    @classmethod
    def parse(cls, name: str, abjad: bool = False) -> NameForm:
        return cls.of(*name_parts(name), abjad=abjad)


def _name_structure(tokens: tuple[Token, ...], surname_length: int) -> tuple[int, frozenset[int], frozenset[int]]:
    """(first given name, surname, middle names) as token positions. "SURNAME, Given
    Middle" says it; a name in natural order is taken as given name first, surname last.
    A name with fewer than two core words, or with a legal form, has no such structure."""
    core = [at for at, t in enumerate(tokens) if t.role == "core"]
    if len(core) < 2 or any(t.role == "legal" for t in tokens):
        return -1, frozenset(), frozenset()
    if surname_length:
        given_core = [at for at in core if at >= surname_length]
        surname = frozenset(at for at in core if at < surname_length)
        if not given_core or not surname:
            return -1, frozenset(), frozenset()
        return given_core[0], surname, frozenset(range(given_core[0] + 1, len(tokens)))
    return core[0], frozenset({core[-1]}), frozenset(range(core[0] + 1, core[-1]))


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


def abjad_similarity(a: Token, b: Token, plain: float) -> float:
    """A query token romanised from Arabic or Hebrew against a listed one: `plain`, or
    what their consonant keys say when they agree (core tokens of two letters or more)."""
    if plain >= KEY_EQUAL_LONG or len(a.text) < 2 or len(b.text) < 2 or a.role != "core" or b.role != "core":
        return plain
    key = abjad_key(a.text)
    if len(key) < 2 or key != abjad_key(b.text):
        return plain
    return max(plain, KEY_EQUAL.get(len(key), KEY_EQUAL_LONG))


def name_score(query: NameForm, listed: NameForm, memo: dict[tuple[int, str], float] | None = None) -> float:
    """0-100: how alike two normalised names are (see the module docstring). `memo`
    keeps token similarities across the candidates of one query: list names share
    many tokens."""
    return name_match(query, listed, memo)[0]


def name_match(query: NameForm, listed: NameForm,
               memo: dict[tuple[int, str], float] | None = None) -> tuple[float, str | None]:
    """The name score and, when a rule beyond plain pairing decided it, why (for the
    breakdown): middle names left out, or the names compared without spaces."""
    score, detail = _paired_score(query, listed, {} if memo is None else memo)
    if query.abjad and detail is None and score > _paired_score(replace(query, abjad=False), listed, {})[0]:
        detail = CONSONANTS_AGREE
    if query.words != listed.words and score < 100:
        merged = max(ratio(query.compact, listed.compact), ratio(query.compact_sorted, listed.compact_sorted))
        if merged > score:
            score, detail = merged, "compared without spaces between words"
        if query.abjad and score < COMPACT_KEY and compact_keys_agree(query, listed):
            return COMPACT_KEY, COMPACT_CONSONANTS_AGREE
    return score, detail


def compact_keys_agree(query: NameForm, listed: NameForm) -> bool:
    """"HADAIT ALLAH" and "HIDAYATULLAH": the same consonants once the spaces are gone."""
    key = abjad_key(query.compact)
    return len(key) >= COMPACT_KEY_MIN and key == abjad_key(listed.compact)


def _pairs(query: NameForm, listed: NameForm, memo: dict[tuple[int, str], float]) -> dict[int, tuple[int, float]]:
    """Best pairs first, each token used once: listed position -> (query position,
    similarity). Between equally good pairs the earlier words win: a query's "IBRAHIM"
    is the listed given name "IBRAHIM", not a later one repeated among the middle names."""
    pairs = []
    for i in range(len(query.tokens)):
        for j, l in enumerate(listed.tokens):
            similarity = memo.get((i, l.text + l.role))
            if similarity is None:
                similarity = memo[i, l.text + l.role] = _similarity(query, i, l, listed.skeletons[j])
            if similarity >= MIN_PAIR:
                pairs.append((-similarity, i, j))
    pairs.sort()
    used_q: set[int] = set()
    paired: dict[int, tuple[int, float]] = {}
    for negative, i, j in pairs:
        if i in used_q or j in paired:
            continue
        used_q.add(i)
        paired[j] = (i, -negative)
    return paired


def _similarity(query: NameForm, i: int, listed: Token, listed_skeleton: str) -> float:
    plain = token_similarity(query.tokens[i], listed, query.skeletons[i], listed_skeleton)
    return abjad_similarity(query.tokens[i], listed, plain) if query.abjad else plain


def _paired_score(query: NameForm, listed: NameForm, memo: dict[tuple[int, str], float]) -> tuple[float, str | None]:
    paired = _pairs(query, listed, memo)
    numerator = denominator = 0.0
    for j, (i, similarity) in paired.items():
        weight = (query.weights[i] + listed.weights[j]) / 2
        numerator += similarity * weight
        denominator += weight
    if not numerator:
        return 0.0, None
    query_paired = {i: j for j, (i, _) in paired.items()}
    listed_paired = {j: i for j, (i, _) in paired.items()}
    query_cost, query_middle = _unpaired_cost(query, UNPAIRED_QUERY, query_paired, listed)
    listed_cost, listed_middle = _unpaired_cost(listed, UNPAIRED_LISTED, listed_paired, query)
    score = 100 * numerator / (denominator + query_cost + listed_cost)
    if listed_middle:
        return score, f"middle names not given ({listed_middle}): counted as one missing word"
    if query_middle:
        return score, f"middle names not on the list ({query_middle}): counted as one missing word"
    return score, None


def _unpaired_cost(form: NameForm, unit: float, paired: dict[int, int], other: NameForm) -> tuple[float, str]:
    """What the words of `form` left unpaired cost (`unit` of their weight each), and the
    middle names among them when the rule for left-out middle names capped their cost."""
    missing = [k for k in range(len(form.tokens)) if k not in paired]
    cost = unit * sum(form.weights[k] for k in missing)
    middle = [k for k in missing if k in form.middle]
    middle_cost = unit * sum(form.weights[k] for k in middle)
    if middle_cost <= MIDDLE_CAP or not _ends_paired(form, other, paired):
        return cost, ""
    return cost - middle_cost + MIDDLE_CAP, " ".join(form.tokens[k].text for k in middle)


def _ends_paired(form: NameForm, other: NameForm, paired: dict[int, int]) -> bool:
    """The first given name of `form` and a word of its surname are both paired with core
    words of `other`, and every core word of `other` is paired: the same name with middle
    names left out on one side."""
    if form.given not in paired or not any(k in paired for k in form.surname):
        return False
    ends = [paired[form.given]] + [paired[k] for k in form.surname if k in paired]
    used = set(paired.values())
    return (all(other.tokens[k].role == "core" for k in ends)
            and all(k in used for k, t in enumerate(other.tokens) if t.role == "core"))


def dob_score(query: str, listed: str) -> float:
    """100 same full date; 90 same at the precision both give (year, or year and month);
    80 the same date with day and month swapped (one side wrote it the other country's
    way: weak corroboration, not a contradiction); 60 a year apart (lists often print an
    approximate year); otherwise 0: a contradiction."""
    if query == listed:
        return 100.0 if len(query) == 10 else 90.0
    shared = min(len(query), len(listed))
    if query[:shared] == listed[:shared]:
        return 90.0
    day_and_month_swapped = query[5:7] == listed[8:10] and query[8:10] == listed[5:7]
    if len(query) == len(listed) == 10 and query[:4] == listed[:4] and day_and_month_swapped:
        return DOB_SWAPPED
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
