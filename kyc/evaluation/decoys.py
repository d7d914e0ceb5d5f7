"""Names that must NOT hit, and the check that keeps them honest.

A decoy is only a fair test if no listed party could really be that customer. `Guard`
rejects any decoy whose every word is close to some word of one listed name (e.g.
"Ivan Petrov" against "PETROV, Ivan Ivanovich": an analyst would rightly look at that
one), so a decoy that hits is a false positive, not a mislabelled match.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

from kyc.evaluation import legal_forms
from kyc.evaluation.pools import COMMON_COMPANY_WORDS, COMPANY_WORDS, COUNTRIES, FIRST_NAMES, SURNAMES
from kyc.evaluation.transforms import is_title, parts, titlecase
from kyc.screening.records import ListEntry

# Two words this similar (difflib ratio, in percent) are taken for the same name.
CLOSE_PERCENT = 75


def words(name: str) -> tuple[str, ...]:
    """Case, accents and punctuation folded away: the words two names are compared by."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return tuple("".join(c if c.isalnum() else " " for c in plain).split())


@cache
def _close(a: str, b: str) -> bool:
    if a == b:
        return True
    if a[0] != b[0] or abs(len(a) - len(b)) > 2:
        return False
    matcher = SequenceMatcher(None, a, b)
    # The cheap upper bounds first: most pairs fail them, and ratio() is slow.
    bounds = (matcher.real_quick_ratio, matcher.quick_ratio, matcher.ratio)
    return all(bound() * 100 >= CLOSE_PERCENT for bound in bounds)


@dataclass(frozen=True)
class Guard:
    """Every listed name, as word sets, indexed by first letter for the closeness test."""

    names: tuple[frozenset[str], ...]
    by_initial: dict[str, tuple[str, ...]]
    holders: dict[str, tuple[int, ...]]  # word -> indices of the names that have it
    memo: dict[str, tuple[str, ...]]  # word -> near(word), filled as asked


    @classmethod
    def of(cls, entries: list[ListEntry]) -> Guard:
        names = tuple(frozenset(words(n.name)) for e in entries for n in e.names)
        holders: dict[str, list[int]] = {}
        for index, name in enumerate(names):
            for word in sorted(name):
                holders.setdefault(word, []).append(index)
        by_initial: dict[str, list[str]] = {}
        for word in sorted(holders):
            by_initial.setdefault(word[0], []).append(word)
        return cls(names, {k: tuple(v) for k, v in by_initial.items()},
                   {k: tuple(v) for k, v in holders.items()}, {})

    def near(self, word: str) -> tuple[str, ...]:
        """Listed words close to `word`."""
        if word not in self.memo:
            self.memo[word] = tuple(w for w in self.by_initial.get(word[0], ()) if _close(word, w))
        return self.memo[word]

    def is_listed_like(self, name: str) -> bool:
        """True when one listed name has a close word for every word of `name`, or
        `name` has a close word for every word of a listed name."""
        mine = [w for w in words(name) if w not in _FORM_WORDS]
        if not mine:
            return True
        near = [{i for w in self.near(word) for i in self.holders[w]} for word in mine]
        if set.intersection(*near):
            return True
        candidates = set().union(*near)
        return any(all(any(_close(lw, w) for w in mine) for lw in self.names[i] - _FORM_WORDS)
                   for i in candidates)

    def uses_word(self, word: str) -> bool:
        return bool(self.near(words(word)[0]))


_FORM_WORDS = frozenset(w for g in legal_forms.GROUPS for s in g for w in words(s)) | {"of", "the", "and"}


def unlisted_person(rng: random.Random, guard: Guard) -> tuple[str, str] | None:
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
    return None if guard.is_listed_like(name) else (name, "ordinary name, checked not listed")


def same_surname(entry: ListEntry, givens: tuple[str, ...], rng: random.Random, guard: Guard) -> tuple[str, str] | None:
    """Another first name with the listed surname: a relative or a namesake."""
    listed_given, surname = parts(entry.primary.name)
    if "," not in entry.primary.name or not givens:
        return None
    given = rng.choice(givens)
    taken = [words(w) for w in listed_given if not is_title(w)]
    if any(_close(words(given)[0], w[0]) for w in taken if w):
        return None
    name = titlecase(f"{given} {' '.join(surname)}")
    if guard.is_listed_like(name):
        return None
    return name, f"listed given names {' '.join(listed_given)!r}"


def contradicting_dob(listed: str, rng: random.Random) -> str:
    """A full date of birth 8 to 25 years away from the listed year."""
    year = int(listed[:4]) + rng.choice((-1, 1)) * rng.randint(8, 25)
    year = min(max(year, 1925), 2004)
    return f"{year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def other_country(listed: tuple[str, ...], rng: random.Random) -> str:
    return rng.choice([c for c in COUNTRIES if c not in listed])


def company_words(guard: Guard) -> tuple[str, ...]:
    """The pool's distinctive words that no listed name uses (or nearly uses)."""
    return tuple(w for w in COMPANY_WORDS if not guard.uses_word(w))


def shared_word_company(rng: random.Random, distinct: tuple[str, ...], guard: Guard) -> tuple[str, str] | None:
    """A made-up company sharing one common word ("TRADING", "BANK") with listed ones."""
    common = titlecase(rng.choice(COMMON_COMPANY_WORDS).lower())
    first, second = rng.sample(distinct, 2)
    form = rng.choice(legal_forms.SWAP_TARGETS)
    pattern = rng.randrange(4)
    if pattern == 3 and common != "Bank":  # only a bank is commonly named "X of Y"
        pattern = 1
    name = (f"{first} {common}", f"{first} {common} {form}", f"{first} {second} {common} {form}",
            f"{common} of {first}")[pattern]
    if guard.is_listed_like(name):
        return None
    return name, f"shares {common.upper()!r} with listed names"


def legal_form_only(entry: ListEntry, distinct: tuple[str, ...], rng: random.Random,
                    guard: Guard) -> tuple[str, str] | None:
    """A different company with exactly the listed one's legal form ("X CO., LTD.")."""
    found = legal_forms.split(entry.primary.name)
    if not found.form or found.prefix:
        return None
    base = " ".join(rng.sample(distinct, min(2, len(found.base.split()))))
    name = f"{base.upper()} {found.form}"
    if guard.is_listed_like(name):
        return None
    return name, f"only {found.form!r} in common"
