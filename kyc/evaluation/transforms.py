"""One name in, the same party's name as an analyst might meet it out.

Each transform takes a listed name (as printed: "NORIEGA, Manuel Antonio") and a seeded
`random.Random`, and returns `(query name, detail)` or None when it does not apply to
that name (no middle name to drop, no spelling rule that fires...). `detail` says what
changed, so a miss can be read without re-running anything.
"""

from __future__ import annotations

import random
import re

from kyc.evaluation import legal_forms
from kyc.evaluation.pools import ADDED_TITLES, RULES, SPELLINGS, TITLES

Change = tuple[str, str]
_SPELLING = {form: group for group in SPELLINGS for form in group}
# Neighbouring keys on a QWERTY keyboard: the substitutions a hurried typist makes.
_KEYS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def parts(listed: str) -> tuple[list[str], list[str]]:
    """(given names, surname words) of an individual's listed name.

    OFAC prints "SURNAME, Given Names"; a name with no comma is taken as given names
    then one surname word, the way it would be written on a form.
    """
    if "," in listed:
        surname, given = listed.split(",", 1)
        return given.split(), surname.split()
    words = listed.split()
    return words[:-1], words[-1:]


def is_title(word: str) -> bool:
    return word.upper().replace(".", "") in TITLES


def natural(listed: str) -> str:
    """'NORIEGA, Manuel Antonio' -> 'Manuel Antonio Noriega': how a customer writes it."""
    given, surname = parts(listed)
    return titlecase(" ".join(given + surname))


def titlecase(text: str) -> str:
    """'AL-ZAWAHIRI' -> 'Al-Zawahiri', "O'BRIEN" -> "O'Brien", but "MA'N" -> "Ma'n": a
    letter after an apostrophe starts a word only after a one-letter prefix (O', D', L')."""
    return _WORD_START.sub(lambda m: m.group(0).upper(), text.lower())


_WORD_START = re.compile(r"(?<![\w'])\w|(?<=\b\w')\w|(?<=(?<!\w)')\w")


def typo(name: str, rng: random.Random) -> Change | None:
    """One keyboard slip in one word of five letters or more, never its first letter."""
    words = name.split()
    candidates = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not candidates:
        return None
    index = rng.choice(candidates)
    word = words[index]
    kind = rng.choice(("substitution", "deletion", "transposition", "doubling"))
    at = rng.randrange(1, len(word) - 1)
    changed = _slip(word, kind, at, rng)
    if changed.upper() == word.upper():
        return None
    words[index] = changed
    return " ".join(words), f"{kind} in {word!r} -> {changed!r}"


def _slip(word: str, kind: str, at: int, rng: random.Random) -> str:
    if kind == "deletion":
        return word[:at] + word[at + 1:]
    if kind == "transposition":
        return word[:at] + word[at + 1] + word[at] + word[at + 2:]
    if kind == "doubling":
        return word[:at] + word[at] + word[at:]
    neighbours = _neighbours(word[at].lower())
    if not neighbours:
        return word
    letter = rng.choice(neighbours)
    return word[:at] + (letter.upper() if word[at].isupper() else letter) + word[at + 1:]


def _neighbours(letter: str) -> str:
    for row in _KEYS:
        at = row.find(letter)
        if at >= 0:
            return row[max(at - 1, 0):at] + row[at + 1:at + 2]
    return ""


def transliteration(name: str, rng: random.Random) -> Change | None:
    """Another romanisation of one word: a known spelling first, else a spelling rule."""
    words = name.split()
    options: list[tuple[int, str]] = []
    for i, word in enumerate(words):
        key = word.upper().rstrip(",")
        options.extend((i, other) for other in _SPELLING.get(key, ()) if other != key)
    if not options:
        for i, word in enumerate(words):
            key = word.upper()
            options.extend((i, new) for pattern, repl in RULES
                           if (new := re.sub(pattern, repl, key, count=1)) != key)
    if not options:
        return None
    index, spelled = rng.choice(sorted(options))
    before = words[index]
    words[index] = spelled if before.isupper() else titlecase(spelled.lower())
    return " ".join(words), f"{before!r} -> {words[index]!r}"


def word_order(listed: str) -> Change | None:
    """Surname first without the comma ('Noriega Manuel Antonio'), as many forms and
    East Asian or Hungarian names put it."""
    given, surname = parts(listed)
    if "," not in listed or not given:
        return None
    return titlecase(" ".join(surname + given)), "surname first, no comma"


def missing_middle(listed: str) -> Change | None:
    """First given name and surname only: the middle names a customer leaves out."""
    given, surname = parts(listed)
    given = [w for w in given if not is_title(w)]
    if len(given) < 2:
        return None
    dropped = " ".join(given[1:])
    return titlecase(" ".join(given[:1] + surname)), f"dropped {dropped!r}"


def honorific(listed: str, rng: random.Random) -> Change:
    """The list's title removed if it prints one ('Dr. Ayman'), else a title added."""
    given, surname = parts(listed)
    titles = [w for w in given if is_title(w)]
    if titles:
        kept = [w for w in given if not is_title(w)]
        return titlecase(" ".join(kept + surname)), f"removed {' '.join(titles)!r}"
    title = rng.choice(ADDED_TITLES)
    return f"{title} {natural(listed)}", f"added {title!r}"


def legal_form(name: str, rng: random.Random) -> Change | None:
    """The company's legal form spelled another way, dropped, or changed to another
    (a re-registration); None for a name with no legal form."""
    found = legal_forms.split(name)
    if not found.form:
        return None
    moves = ["dropped", "changed"] + (["respelled"] if legal_forms.other_spelling(found) else [])
    move = rng.choice(moves)
    if move == "dropped":
        return found.base, f"dropped {found.form!r}"
    if move == "respelled":
        form = legal_forms.other_spelling(found) or ""
    else:
        taken = {legal_forms.norm(f) for f in found.group} | {legal_forms.norm(found.form)}
        form = rng.choice([f for f in legal_forms.SWAP_TARGETS if legal_forms.norm(f) not in taken])
    form = form.upper() if found.base.isupper() else form
    return f"{found.base} {form}", f"{move} {found.form!r} -> {form!r}"
