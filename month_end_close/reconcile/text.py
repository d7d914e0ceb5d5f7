"""Descriptions compared the way a reconciler reads them: the payee and the reference
matter, the bank's transaction-type codes and filler words do not."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

# Transaction-type codes banks print before the payee (UK and US statements), and words
# either side uses for any payment; they say nothing about which payment it is.
_NOISE = frozenset(
    ["bp", "vis", "dd", "so", "cr", "dr", "tfr", "atm", "chq", "cheque", "fpi", "fpo", "bgc", "bacs", "sto", "pos",
     "ach", "wire", "ref", "payment", "payments", "pay", "paid", "to", "from", "the", "and", "for", "of", "inv",
     "invoice", "receipt", "received", "deposit", "transfer", "ltd", "limited", "plc", "inc", "llc", "co", "card",
     "purchase", "debit", "credit", "direct", "standing", "order", "faster", "deb", "dep", "check", "checkcard",
     "des", "ccd", "ppd"]
)
# Letters and digits apart: a bank prints "ADS2430494" where the books write "ads".
_WORD = re.compile(r"[a-z]+|[0-9]+")
# A run of three or more digits (an invoice, cheque or mandate number) identifies a payment.
_REFERENCE = re.compile(r"\d{3,}")


@lru_cache(maxsize=262_144)
def words(description: str) -> str:
    """The description's meaningful words, lower case, in order, joined by spaces. An
    apostrophe joins its word ("Sainsbury's" is the bank's "SAINSBURYS")."""
    description = description.replace("'", "").replace("\u2019", "")
    return " ".join(w for w in _WORD.findall(description.casefold()) if w not in _NOISE)


@lru_cache(maxsize=262_144)
def references(description: str, reference: str | None = None) -> frozenset[str]:
    """The numbers in a description (and its reference field) that identify a payment,
    leading zeros dropped so '000123' and '123' agree."""
    found = {m.lstrip("0") for m in _REFERENCE.findall(f"{description} {reference or ''}")}
    return frozenset(f for f in found if f)


def similarity(a: str, b: str) -> float:
    """0 to 1: how alike two descriptions' meaningful words are (word order ignored)."""
    left, right = words(a), words(b)
    if not left or not right:
        return 0.0
    return fuzz.token_set_ratio(left, right) / 100.0


def similarities(description: str, others: list[str]) -> list[float]:
    """`similarity` of one description against many, in one call."""
    mine, theirs = words(description), [words(o) for o in others]
    if not mine:
        return [0.0] * len(others)
    scored = [0.0] * len(others)
    for _, score, index in process.extract(mine, theirs, scorer=fuzz.token_set_ratio, limit=None):
        scored[index] = score / 100.0 if theirs[index] else 0.0
    return scored


# Payee alike: the descriptions' meaningful words are this alike, or share a word this
# long (a bank truncates "TESCO STORES 4412" where the books write "Tesco - supplies").
PAYEE_ALIKE = 0.6
_NAME_WORD = 4


@lru_cache(maxsize=262_144)
def name_words(description: str) -> frozenset[str]:
    """The words that can name a payee: meaningful, not numbers, at least four letters
    (three-letter words are mostly codes and kinds: "ads", "gas", "inc")."""
    return frozenset(w for w in words(description).split() if len(w) >= _NAME_WORD and not w.isdigit())


def payee_alike(a: str, b: str) -> bool:
    """Whether two descriptions name the same payee: a shared name word (or one the
    other cut short or abbreviated, as a bank's narrow column does: "CALDER LOGIS",
    "FACEBK"), or words alike."""
    return shares_name(a, b) or similarity(a, b) >= PAYEE_ALIKE


def shares_name(a: str, b: str) -> bool:
    """A name word on both sides, or one cut short or abbreviated on one of them."""
    mine, theirs = name_words(a), name_words(b)
    return bool(mine & theirs) or any(_cut_short(x, y) for x in mine for y in theirs)


def same_name(a: str, b: str) -> bool:
    """Every name word of one side is on the other (or cut short or abbreviated there):
    "KIRKBY ELEC" names Kirkby Electrical, not Kirkby Veterinary."""
    mine, theirs = name_words(a), name_words(b)
    return words_within(mine, theirs) or words_within(theirs, mine)


_CUT = 4


def words_within(some: frozenset[str], others: frozenset[str]) -> bool:
    """Whether every one of `some` (at least one) is among `others`, or cut short of one."""
    return bool(some) and all(w in others or any(_cut_short(w, o) for o in others) for w in some)


def _cut_short(x: str, y: str) -> bool:
    """One word is the other cut short ("logis") or abbreviated by dropping letters
    ("facebk", "mgmt", "svcs"): the same first letter, the rest in the same order."""
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    if len(short) < _CUT or short[0] != long[0]:
        return False
    letters = iter(long)
    return all(letter in letters for letter in short)


# What a paying-in is made of: the bank prints one credit for the cheques and cash paid
# in over the counter, and the books record each cheque or cash receipt (UK and US words).
_PAYING_IN = re.compile(r"\b(paid in|paying in|paying-in|deposit|dep|counter credit|lodgement|lodgment|"
                        r"branch credit)\b")
_CHEQUE_OR_CASH = re.compile(r"\b(chq|chqs|ck|cheque|cheques|check|checks|cash)\b")


def paying_in(description: str) -> bool:
    return _PAYING_IN.search(description.casefold()) is not None


def cheque_or_cash(description: str) -> bool:
    return _CHEQUE_OR_CASH.search(description.casefold()) is not None
