"""The name form every comparison uses, built in small steps a test can check one by one.

fold (other scripts romanised, case, diacritics, letters NFKD does not split) -> the
surname cut off at the comma of "SURNAME, Given" -> tokens (punctuation out, "S.A." ->
"SA", hyphens split, apostrophes joined) -> drop honorifics -> legal forms written in
full abbreviated ("SOCIEDAD ANONIMA" -> "SA", one typo allowed) -> canonical spellings
of common transliteration variants and nicknames -> each token tagged with its role:
"core" (counts fully), "particle" (AL, BIN, DE..., counts a little), "legal" (LTD,
GMBH..., counts a little, and matches another legal form fairly well).
Token order is kept; the scorer decides how order matters.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from anyascii import anyascii
from rapidfuzz.distance import OSA

NICKNAMES_FILE = Path(__file__).resolve().parents[1] / "data" / "nicknames.toml"
# NFKD splits "é" into "e" + accent but leaves these whole letters alone.
_LETTERS = str.maketrans({
    "ß": "ss", "ẞ": "SS", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH",
    "ı": "i", "ħ": "h", "Ħ": "H", "ŀ": "l", "Ŀ": "L", "ĸ": "k",
})
# Scripts whose every character is a syllable (or a word): romanised one character at a time.
_SYLLABIC_SCRIPTS = ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH", "HANGUL SYLLABLE", "HIRAGANA", "KATAKANA")
# Apostrophes (and the ayn/hamza marks transliterations use) sit inside a word:
# "GAMA'AT" is one word, not "GAMA AT".
_JOINERS = re.compile(r"['\u2018\u2019\u02bb\u02bc\u02be\u02bf`´]")
# Dots inside abbreviations join: "S.A." -> "SA", "U.S.A." -> "USA".
_DOTS = re.compile(r"(?<=\w)\.(?=\w)|(?<=\b\w)\.")
_SEPARATORS = re.compile(r"[^\w]+|_")
# Titles only recognisable by their dots: "H.E." (His Excellency) would otherwise become
# "HE", a common Chinese surname.
_DOTTED_TITLES = re.compile(r"(?<!\w)H\.\s?(?:E|H|R\.\s?H)\.(?!\w)")
# "SURNAME, Given Names": the way lists print a person. One comma, words on both sides.
_SURNAME_COMMA = re.compile(r"^([^,]*\w[^,]*),([^,]*\w[^,]*)$")

HONORIFICS = frozenset(
    ["MR", "MRS", "MS", "MISS", "MX", "DR", "PROF", "SIR", "DAME", "LORD", "LADY", "HON", "REV", "ENG", "COL", "GEN",
     "LT", "MAJ", "CAPT", "CPT", "BRIG", "ADM", "SGT", "SHEIKH", "SHEIK", "SHAIKH", "SHAYKH", "SHAYK", "HAJI",
     "HAJJI", "HADJI", "HAJ", "HAJJ", "ALHAJI", "ALHAJ", "ALHAJJ", "MULLAH", "MULLA", "MAULANA", "MAWLANA", "MAWLAWI",
     "MAWLAVI", "MAULAVI", "MAULVI", "QARI"]
    # Generational suffixes say which of two namesakes, which the date of birth says better.
    + ["SR", "SNR", "JR", "JNR"]
)
LEGAL_FORMS = frozenset(
    ["LTD", "LIMITED", "CORP", "CORPORATION", "INC", "INCORPORATED", "LLC", "LLP", "LP", "PLC", "CO", "COMPANY", "SA",
     "SAS", "SARL", "SRL", "SPA", "AG", "GMBH", "KG", "BV", "NV", "AB", "AS", "ASA", "OY", "OYJ", "PTE", "PTY", "BHD",
     "SDN", "JSC", "OJSC", "CA", "CJSC", "PJSC", "OOO", "OAO", "ZAO", "PAO", "TOO", "LLP", "FZE", "FZC", "FZCO", "FZ",
     "LTDA", "CIA", "SL", "SCA", "CV", "RL", "SAPI", "SAB", "EIRL", "GROUP", "HOLDING", "HOLDINGS", "KK", "SAL",
     "EOOD", "OOD", "EAD"]
)
# The Arabic article as lists print it; "EL" and "UL" are spellings of "AL" (`_VARIANTS`).
ARTICLES = frozenset(["AL", "EL", "UL"])
PARTICLES = frozenset(["AL", "EL", "UL", "AD", "AS", "AZ", "ASH", "BIN", "BINT", "IBN", "BEN", "BENT", "DE", "DEL",
                       "DELA", "DA", "DI", "DOS", "DAS", "DU", "LA", "LE", "VAN", "VON", "DER", "DEN", "Y"])
# One spelling for each family of transliterations (Arabic and Persian names mostly);
# the phonetic key in `index` catches the many families not listed here.
_VARIANTS = {
    "MUHAMMAD": "MOHAMMED MOHAMMAD MOHAMED MOHAMAD MUHAMMED MUHAMAD MUHAMED MOHAMMET MUHAMMET MOHAMMEED MOHD MOHAMMAED "
                "MOUHAMED MOUHAMMAD MOHAMMADI MHD MHMD",
    "AHMAD": "AHMED AHMAT",
    "QADHAFI": "QADDAFI GADDAFI GADHAFI KADHAFI KADDAFI QADAFI GADAFI KHADAFI QATHAFI KADAFI",
    "HUSAYN": "HUSSEIN HUSSAIN HUSEIN HUSAIN HOSSEIN HOSEIN HUSSAYN HUSEYIN",
    "HASAN": "HASSAN HASAAN",
    "USAMA": "OSAMA OUSAMA OSSAMA",
    "YUSUF": "YOUSEF YOUSSEF YOUSUF YUSEF JUSUF YOUSIF YOUSSOUF",
    "ABDUL": "ABDEL ABDOUL ABDUL ABDAL ABDOL ABD",
    "ALI": "ALY",
    "ABU": "ABOU ABO",
    "AL": "EL UL",
    "MUSTAFA": "MOSTAFA MUSTAPHA MOSTAPHA MOUSTAFA",
    "MAHMUD": "MAHMOUD MAHMOOD",
    "MUSA": "MOUSSA MOUSA MOOSA",
    "UMAR": "OMAR OMER UMER",
    "UTHMAN": "OTHMAN OSMAN USMAN OUSMANE OUSMAN",
    "SAID": "SAEED SAIED SAYEED SAEID",
    "ABDULLAH": "ABDALLAH ABDULLA ABDULAH ABDOULLAH ABDELLAH",
    "KHALID": "KHALED",
    "NASIR": "NASSER NASER NASSIR",
    "JAMAL": "GAMAL",
    "IBRAHIM": "EBRAHIM IBRAHEEM",
    "YAHYA": "YAHIA",
    "HIZBALLAH": "HEZBOLLAH HIZBOLLAH HEZBALLAH HIZBULLAH",
    "QAIDA": "QAEDA QAEDAH QAIDAH",
    "ALEKSANDR": "ALEXANDER ALEKSANDER ALEXANDR",
    "SERGEY": "SERGEI SERGEJ",
    "YURIY": "YURI YURIJ IURII",
    "DMITRIY": "DMITRY DMITRI DMITRIJ",
}
VARIANTS = {spelling: canonical for canonical, spellings in _VARIANTS.items() for spelling in spellings.split()}
# Legal forms written out in full become their abbreviation, so "X SOCIEDAD ANONIMA"
# and "X S.A." differ by nothing.
_PHRASES = {
    "SOCIEDAD ANONIMA": "SA", "SOCIEDADE ANONIMA": "SA", "SOCIETE ANONYME": "SA", "COMPANIA ANONIMA": "CA",
    "SOCIEDAD DE RESPONSABILIDAD LIMITADA": "SRL", "SOCIETA A RESPONSABILITA LIMITATA": "SRL",
    "SOCIEDAD LIMITADA": "SL", "SOCIETA PER AZIONI": "SPA", "CAPITAL VARIABLE": "CV",
    "LIMITED LIABILITY COMPANY": "LLC", "LIMITED LIABILITY PARTNERSHIP": "LLP", "PUBLIC LIMITED COMPANY": "PLC",
    "GESELLSCHAFT MIT BESCHRANKTER HAFTUNG": "GMBH", "AKTIENGESELLSCHAFT": "AG",
    "BESLOTEN VENNOOTSCHAP": "BV", "NAAMLOZE VENNOOTSCHAP": "NV", "JOINT STOCK COMPANY": "JSC",
    "OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU": "OOO", "PRIVATE LIMITED": "PTE LTD",
    "SOCIEDAD POR ACCIONES SIMPLIFICADA": "SAS", "SOCIETE PAR ACTIONS SIMPLIFIEE": "SAS",
    "SOCIETE ANONYME LIBANAISE": "SAL", "FREE ZONE ESTABLISHMENT": "FZE", "FREE ZONE COMPANY": "FZCO",
    "LIMITADA": "LTDA", "SOCIETE A RESPONSABILITE LIMITEE": "SARL",
    "EDNOLICHNO DRUZHESTVO S OGRANICHENA OTGOVORNOST": "EOOD", "DRUZHESTVO S OGRANICHENA OTGOVORNOST": "OOD",
}
_LONGEST_PHRASE = max(len(p.split()) for p in _PHRASES)
# Phrases of two words or more by their first word, longest first, for the typo-tolerant look-up.
_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in sorted(_PHRASES, key=lambda p: -len(p.split())):
    if " " in _phrase:
        _BY_FIRST.setdefault(_phrase.split()[0], []).append(tuple(_phrase.split()))
# A word this long with one letter wrong is still that word ("CMPANY", "STOKC").
TYPO_MIN_LENGTH = 5
# "ABD AL RAHMAN" is how a list spells "ABDUL RAHMAN"; two tokens become one. Only after
# "ABD": "ABDU" is a name of its own, and in "ABDU AL-MATAR" the article is the surname's.
_ARTICLE_AFTER_ABD = frozenset(["AL", "EL", "UL", "UR", "AR", "AS", "AZ", "AN", "AD"])


@dataclass(frozen=True)
class Token:
    text: str
    role: str  # "core" | "particle" | "legal"


def fold(text: str) -> str:
    """Upper case, no diacritics, Latin letters: 'Müller-Lüdenscheidt Straße' ->
    'MULLER-LUDENSCHEIDT STRASSE', 'Владимир Путин' -> 'VLADIMIR PUTIN'."""
    decomposed = unicodedata.normalize("NFKD", latin(text.translate(_LETTERS)))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.translate(_LETTERS).upper()


def latin(text: str) -> str:
    """Letters of other scripts written in Latin ones (anyascii's romanisation), so a
    name in Cyrillic, Arabic, Chinese... can meet its Latin spelling on a list. Each
    Chinese, Japanese or Korean character is a syllable and becomes a word of its own
    ('习近平' -> 'Xi Jin Ping'); joining words of different lengths is the scorer's job."""
    if text.isascii():
        return text
    out = []
    for char in text:
        if char.isascii() or not char.isalpha() or _JOINERS.match(char) or _is_latin(char):
            out.append(char)
        elif _syllable(char):
            out.append(f" {anyascii(char)} ")
        else:
            out.append(anyascii(char))
    return "".join(out)


def _is_latin(char: str) -> bool:
    """Latin letters keep their own path (NFKD and `_LETTERS`), as before."""
    return unicodedata.name(char, "").startswith("LATIN")


def _syllable(char: str) -> bool:
    return unicodedata.name(char, "").startswith(_SYLLABIC_SCRIPTS)


def words(folded: str) -> list[str]:
    """'ANGLO-CARIBBEAN CO., LTD.' -> ['ANGLO', 'CARIBBEAN', 'CO', 'LTD']."""
    joined = _DOTS.sub("", _JOINERS.sub("", folded))
    return [w for w in _SEPARATORS.split(joined) if w]


def drop_honorifics(tokens: list[str], keep_alone: bool = True) -> list[str]:
    """Titles say nothing about who someone is, so they go, except where the word is
    the name: after an Arabic article ("AL-SHAYKH" is a family name, a title never takes
    the article) or when nothing but particles would be left ("SHAYKH, Muhammad" keeps
    its surname; a name that is only a title keeps it)."""
    kept = [t for at, t in enumerate(tokens) if t not in HONORIFICS or (at and tokens[at - 1] in ARTICLES)]
    return kept if not keep_alone or any(t not in PARTICLES for t in kept) else tokens


def legal_phrases(tokens: list[str]) -> list[str]:
    """['X', 'SOCIEDAD', 'ANONIMA'] -> ['X', 'SA']: the longest phrase first."""
    out: list[str] = []
    at = 0
    while at < len(tokens):
        found = _phrase_at(tokens, at)
        if found:
            out += found[0].split()
            at += found[1]
        else:
            out.append(tokens[at])
            at += 1
    return out


def _phrase_at(tokens: list[str], at: int) -> tuple[str, int] | None:
    """(short form, words used) of the legal phrase starting at `at`: written exactly, or
    else with one typo in one word (not the first) of `TYPO_MIN_LENGTH` letters or more."""
    for size in range(min(_LONGEST_PHRASE, len(tokens) - at), 0, -1):
        short = _PHRASES.get(" ".join(tokens[at:at + size]))
        if short:
            return short, size
    for phrase in _BY_FIRST.get(tokens[at], ()):
        if _one_typo(tokens[at:at + len(phrase)], phrase):
            return _PHRASES[" ".join(phrase)], len(phrase)
    return None


def _one_typo(written: list[str], phrase: tuple[str, ...]) -> bool:
    if len(written) != len(phrase):
        return False
    wrong = [(w, p) for w, p in zip(written, phrase) if w != p]
    return len(wrong) == 1 and len(wrong[0][1]) >= TYPO_MIN_LENGTH and OSA.distance(*wrong[0]) <= 1


def canonical(tokens: list[str]) -> list[str]:
    """One spelling per transliteration family, a nickname as its formal name ("BOB" ->
    "ROBERT"); "ABD" alone or with its article is "ABDUL"."""
    nicknames = _nicknames()
    return [VARIANTS.get(nicknames.get(token, token), nicknames.get(token, token)) for at, token in enumerate(tokens)
            if not (at and tokens[at - 1] == "ABD" and token in _ARTICLE_AFTER_ABD)]


@lru_cache(maxsize=1)
def _nicknames() -> dict[str, str]:
    """Nickname -> formal name, from `NICKNAMES_FILE` (read once, on first use)."""
    with NICKNAMES_FILE.open("rb") as handle:
        table = tomllib.load(handle)["nicknames"]
    return {nickname: formal for formal, nicknames in table.items() for nickname in nicknames}


def role(token: str) -> str:
    if token in LEGAL_FORMS:
        return "legal"
    return "particle" if token in PARTICLES else "core"


def _steps(folded: str, keep_alone: bool = True) -> list[str]:
    return canonical(legal_phrases(drop_honorifics(words(folded), keep_alone)))


def _tagged(tokens: list[str]) -> tuple[Token, ...]:
    tagged = tuple(Token(t, role(t)) for t in tokens)
    if tagged and all(t.role != "core" for t in tagged):
        return tuple(Token(t.text, "core") for t in tagged)
    return tagged


@lru_cache(maxsize=65536)
def name_parts(name: str) -> tuple[tuple[Token, ...], int]:
    """The tokens of `name` and how many of the first are its surname: a name printed
    "SURNAME, Given Names" says which words are the surname, and the scorer needs that
    to tell a dropped middle name from a different person. 0 when the name does not say
    (no comma, or what follows the comma is a legal form: "X CO., LTD.")."""
    folded = _DOTTED_TITLES.sub(" ", fold(name))
    if not words(folded):  # the name is only "H.E.": keep it
        folded = fold(name)
    match = _SURNAME_COMMA.match(folded)
    if match:
        # A title alone after the comma ("SATAR, Haji") is still a title; a surname
        # that is only a title word ("SHAYKH, Muhammad") is the surname.
        surname, given = _steps(match.group(1)), _steps(match.group(2), keep_alone=False)
        if surname and any(role(t) == "core" for t in given):
            return _tagged(surname + given), len(surname)
    return _tagged(_steps(folded)), 0


def normalise(name: str) -> tuple[Token, ...]:
    """The tokens of `name`, each with its role. A name made only of legal-form words or
    particles ("AL", "CO LTD") keeps them as core: there is nothing else to match on."""
    return name_parts(name)[0]


def normal_form(name: str) -> str:
    """The normalised name as one string, for display and tests."""
    return " ".join(token.text for token in normalise(name))
