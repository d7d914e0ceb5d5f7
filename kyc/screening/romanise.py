"""A name written in another script -> the Latin forms a list may print it under.

Only the query is romanised; list names are indexed as printed (a list's own
original-script alias is then met by the query's anyascii form, kept as a candidate).
Each form says what made it, for the hit's breakdown. Per script:

- Arabic (and Persian letters): arabic-name-romanizer's attested spellings (the top
  `ARABIC_SPELLINGS`), our letter table, and the table read the Persian way when ض ذ ظ ث
  occur;
- Hebrew: our letter table, with waw read as a vowel and as v;
- Hangul: the surname in its common spellings, the given name in Revised Romanisation
  and in McCune-Reischauer vowels;
- Greek: the transliteration, and again without the nominative ending;
- everything else (Cyrillic, Han as pinyin, Thai...): anyascii alone, as before.
Japanese kanji get no reading of their own (pinyin, as before): see kyc/README.md.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata

from anyascii import anyascii

LIBRARY = "arabic-name-romanizer"
# The UN list's original-script names found at 85 with 1, 2, 3 spellings: 0.902, 0.913, 0.915
# (5 found no more than 3 in the research). Fewer spellings barely cut wrong hits (kyc/README.md).
ARABIC_SPELLINGS = 3
ABJADS = frozenset({"arabic", "hebrew"})
AS_WRITTEN = "as written"  # the source of a Latin name's one form
_SCRIPTS = (("ARABIC", "arabic"), ("HEBREW", "hebrew"), ("HANGUL", "hangul"), ("GREEK", "greek"),
            ("LATIN", "latin"))


@dataclass(frozen=True)
class Romanised:
    text: str  # a form `NameForm.parse` reads; the original itself for the anyascii form
    source: str  # what made it, as the breakdown shows it
    abjad: bool  # written in a script with no short vowels: the consonant rules apply


def script_of(name: str) -> str:
    """The one script of `name`'s letters other than Latin: 'latin' when there is none,
    'mixed' when there are several (digits and punctuation say nothing)."""
    found = {_char_script(c) for c in name if c.isalpha()} - {"latin"}
    if not found:
        return "latin"
    return found.pop() if len(found) == 1 else "mixed"


def _char_script(char: str) -> str:
    name = unicodedata.name(char, "")
    return next((script for prefix, script in _SCRIPTS if name.startswith(prefix)), "other")


def romanise(name: str) -> tuple[str, ...]:
    """The candidate forms' texts, best first; `(name,)` for a Latin name."""
    return tuple(form.text for form in forms(name))


@lru_cache(maxsize=4096)
def forms(name: str) -> tuple[Romanised, ...]:
    """Candidate forms, best first, each once; the original (read through anyascii by
    the normaliser) is always among them."""
    script = script_of(name)
    made = _BY_SCRIPT.get(script, lambda _: ())(name)
    first: dict[str, str] = {}  # a form two ways make is credited to the first
    for text, source in (*made, (name, "anyascii" if script != "latin" else AS_WRITTEN)):
        if text.strip():
            first.setdefault(text, source)
    return tuple(Romanised(text, source, script in ABJADS) for text, source in first.items())


# -- Arabic --------------------------------------------------------------------------------

# One Latin spelling a letter, the one English-language lists use most. Vowels come only
# from the letters that also write long vowels (alif, waw, ya): a name written without
# harakat comes out without its short vowels, which the consonant rule forgives.
_ARABIC_LETTERS = {
    "ا": "A", "أ": "A", "إ": "I", "آ": "A", "ٱ": "A", "ء": "", "ؤ": "'", "ئ": "I", "ب": "B", "ت": "T",
    "ث": "TH", "ج": "J", "ح": "H", "خ": "KH", "د": "D", "ذ": "DH", "ر": "R", "ز": "Z", "س": "S",
    "ش": "SH", "ص": "S", "ض": "D", "ط": "T", "ظ": "Z", "غ": "GH", "ف": "F", "ق": "Q", "ك": "K",
    "ل": "L", "م": "M", "ن": "N", "ه": "H", "ى": "A", "ة": "A", "پ": "P", "چ": "CH", "ژ": "ZH",
    "گ": "G", "ک": "K", "ی": "I",
}
_HARAKAT = {"\u064e": "A", "\u0650": "I", "\u064f": "U", "\u064b": "AN", "\u064d": "IN", "\u064c": "UN"}
_SILENT = frozenset("\u0652\u0640\u0670")  # sukun, tatweel, dagger alif
_SHADDA = "\u0651"
# Persian, Dari, Pashto and Urdu say these as z and s: Fazal, not Fadl.
_PERSIAN = str.maketrans({"ض": "ز", "ذ": "ز", "ظ": "ز", "ث": "س"})
_ARTICLES = ("ال", "إل")


def arabic_forms(name: str) -> tuple[tuple[str, str], ...]:
    """(form, source): the library's spellings, then our table (twice for Persian letters)."""
    made = list(_library_forms(name))
    made.append((arabic_table(name), "our Arabic letter table"))
    persian = name.translate(_PERSIAN)
    if persian != name:
        made.append((arabic_table(persian), "our Arabic letter table, Persian reading of ض ذ ظ ث"))
    return tuple(made)


def arabic_table(name: str) -> str:
    """'محمد علي' -> 'MHMD ALI'; 'التكريتي' -> 'AL-TKRITI' (the article its own word, as lists print it)."""
    return " ".join(_arabic_word(word) for word in name.split())


def _arabic_word(word: str) -> str:
    article = ""
    if word.startswith(_ARTICLES) and len(word) > 3:
        article, word = "AL-", word[2:]
    out: list[str] = []
    for at, char in enumerate(word):
        out.append(_arabic_letter(word, at, char, out[-1][-1:] if out and out[-1] else ""))
    return article + "".join(out)


def _arabic_letter(word: str, at: int, char: str, before: str) -> str:
    if char in _SILENT:
        return ""
    if char == _SHADDA:  # the consonant before it, doubled
        return before
    if char in _HARAKAT:
        return _HARAKAT[char]
    if char == "ع":  # ayn: heard as a vowel at the start, written as an apostrophe inside
        return "A" if at == 0 else "'"
    if char in "وي":
        return _waw_or_ya(word, at, char)
    return _ARABIC_LETTERS.get(char, anyascii(char).upper())


def _waw_or_ya(word: str, at: int, char: str) -> str:
    """A consonant (W, Y) at the start or after a long vowel, else a long vowel (U, I);
    a final ya is always the vowel (the nisba of 'TIKRITI')."""
    consonant = at == 0 or word[at - 1] in "اوي"
    if char == "و":
        return "W" if consonant else "U"
    return "Y" if consonant and at < len(word) - 1 else "I"


@lru_cache(maxsize=16384)
def _library_forms(name: str) -> tuple[tuple[str, str], ...]:
    """The library's best `ARABIC_SPELLINGS` spellings of the whole name. Cached by name:
    its model takes about 10 ms a word it has not seen. Not by word: the library ranks a
    name's spellings with each word's role in the name, and word-by-word spellings found
    fewer UN names (0.899 against 0.910)."""
    found = _transliterator().transliterate(name, top_k=ARABIC_SPELLINGS)
    spellings = [found] if isinstance(found, str) else [c.text for c in found]  # one spelling is a str
    texts = list(dict.fromkeys(" ".join(split_article(w) for w in s.upper().split()) for s in spellings))
    version = metadata.version(LIBRARY)
    return tuple((text, f"{LIBRARY} {version}, spelling {k} of {len(texts)}") for k, text in enumerate(texts, 1))


@lru_cache(maxsize=1)
def _transliterator():  # -> arabic_name_romanizer.Transliterator; loaded on first use (about 0.5 s)
    from arabic_name_romanizer import Transliterator  # noqa: PLC0415 (0.16 s, and its model loads onnxruntime: only for a name in Arabic script)

    return Transliterator()


# The article written joined to its noun ("ALTAHER"): split off, as the Arabic writes it.
# Only before a consonant (ALI, ELIAS stay whole) and not before L (ALLAH).
_JOINED_ARTICLE = re.compile(r"\b(AL|EL)(?=[B-DF-HJKMNP-TV-Z][A-Z]{2})")


def split_article(spelling: str) -> str:
    return _JOINED_ARTICLE.sub(r"\1-", spelling)


# -- Hebrew --------------------------------------------------------------------------------

_HEBREW_LETTERS = {
    "א": "", "ב": "V", "ג": "G", "ד": "D", "ה": "H", "ז": "Z", "ח": "KH", "ט": "T", "כ": "KH", "ך": "KH",
    "ל": "L", "מ": "M", "ם": "M", "נ": "N", "ן": "N", "ס": "S", "ע": "", "פ": "F", "ף": "F", "צ": "TS",
    "ץ": "TS", "ק": "K", "ר": "R", "ש": "SH", "ת": "T",
}
# A word's first letter is hard (it carries a dagesh): Binyamin, Kohen, Peretz.
_HEBREW_FIRST = {"ב": "B", "כ": "K", "פ": "P", "א": "A", "ע": "A"}


def hebrew_forms(name: str) -> tuple[tuple[str, str], ...]:
    """Waw inside a word is a vowel (Moshe) or v (David): one form each."""
    return tuple((" ".join(_hebrew_word(w, waw) for w in name.split()), f"our Hebrew letter table, waw as {waw}")
                 for waw in ("O", "V"))


def _hebrew_word(word: str, waw: str) -> str:
    return "".join(_hebrew_letter(word, at, char, waw) for at, char in enumerate(word))


def _hebrew_letter(word: str, at: int, char: str, waw: str) -> str:
    if at == 0 and char in _HEBREW_FIRST:
        return _HEBREW_FIRST[char]
    if char == "ה" and at == len(word) - 1:  # a final he writes a vowel
        return "E"
    if char == "י":
        return "Y" if at == 0 else "I"
    if char == "ו":
        return "V" if at == 0 else waw
    return _HEBREW_LETTERS.get(char, anyascii(char).upper())


# -- Korean --------------------------------------------------------------------------------

# The usual spellings of the commonest surnames, as passports and lists print them (North
# Korean names: Ri, Pak, Choe, Jong). Revised Romanisation gives Gim, I, Bak, which nobody uses.
KOREAN_SURNAMES = {
    "김": "KIM", "이": "LEE RI YI", "리": "RI LEE", "박": "PARK PAK", "최": "CHOI CHOE",
    "정": "JUNG JONG JEONG CHUNG", "강": "KANG", "조": "CHO JO", "윤": "YOON YUN", "장": "JANG CHANG",
    "임": "LIM IM", "림": "RIM LIM", "한": "HAN", "오": "OH O", "서": "SEO SUH", "신": "SHIN SIN",
    "권": "KWON", "황": "HWANG", "안": "AHN AN", "송": "SONG", "류": "RYU YOO", "유": "YOO YU",
    "홍": "HONG", "전": "JEON JON CHUN", "고": "KO", "문": "MOON MUN", "양": "YANG", "손": "SON SOHN",
    "배": "BAE PAE", "백": "BAEK PAEK", "허": "HEO HUR", "노": "NOH ROH", "로": "RO", "남": "NAM",
    "심": "SHIM SIM", "하": "HA", "곽": "KWAK", "성": "SUNG SONG", "차": "CHA", "주": "JOO JU",
    "우": "WOO U", "구": "KOO KU", "민": "MIN", "진": "JIN CHIN", "지": "JI CHI", "엄": "UM EOM",
    "채": "CHAE", "원": "WON", "천": "CHUN CHON", "방": "BANG PANG", "공": "KONG", "현": "HYUN",
    "함": "HAM", "변": "BYUN PYON", "염": "YEOM YOM", "여": "YEO YO", "추": "CHOO CHU", "도": "DO TO",
    "석": "SEOK SOK", "선": "SUN SON", "설": "SEOL SOL", "마": "MA", "길": "GIL KIL", "연": "YEON YON",
    "위": "WI", "표": "PYO", "명": "MYUNG MYONG", "기": "KI", "반": "BAN PAN", "나": "NA", "라": "RA",
    "왕": "WANG", "금": "KEUM KUM", "옥": "OK", "육": "YOOK YUK", "인": "IN", "맹": "MAENG",
    "제": "JE", "모": "MO", "탁": "TAK", "국": "KOOK KUK",
}
# Two-syllable surnames, taken as one only in a name of three syllables or more.
KOREAN_DOUBLE_SURNAMES = {"남궁": "NAMGUNG", "황보": "HWANGBO", "제갈": "JEGAL", "선우": "SUNWOO",
                          "독고": "DOKGO", "사공": "SAGONG", "서문": "SEOMUN"}
# McCune-Reischauer writes these vowels (without its breves) where Revised Romanisation writes two letters.
_MCCUNE_REISCHAUER = (("EO", "O"), ("EU", "U"))


def korean_forms(name: str) -> tuple[tuple[str, str], ...]:
    """'김정은' -> KIM JONG UN, KIM JEONG EUN, ...: each syllable a word, as the lists print them."""
    surname, given = _korean_parts(name.split())
    revised = " ".join(_syllables(word) for word in given)
    mccune = revised
    for long, short in _MCCUNE_REISCHAUER:
        mccune = mccune.replace(long, short)
    spellings = _korean_surnames(surname)[:2]
    made = [(f"{s} {g}".strip(), f"Korean surname table, {how}") for g, how in
            ((mccune, "McCune-Reischauer vowels"), (revised, "Revised Romanisation")) for s in spellings]
    return tuple(made + [(f"{_syllables(surname)} {revised}".strip(), "Revised Romanisation")])


def _korean_parts(words: list[str]) -> tuple[str, list[str]]:
    """(surname, given-name words): a name written as one word starts with its surname."""
    if len(words) > 1 or len(words[0]) < 2:
        return words[0], words[1:]
    word = words[0]
    size = 2 if len(word) >= 3 and word[:2] in KOREAN_DOUBLE_SURNAMES else 1
    return word[:size], [word[size:]]


def _korean_surnames(surname: str) -> list[str]:
    known = KOREAN_DOUBLE_SURNAMES.get(surname) or KOREAN_SURNAMES.get(surname)
    return known.split() if known else [_syllables(surname).replace(" ", "")]


def _syllables(word: str) -> str:
    """Revised Romanisation one syllable a word: anyascii reads each syllable alone, as
    names are read (no sound changes across syllables)."""
    return " ".join(anyascii(c).upper() for c in word if c.strip())


# -- Greek ---------------------------------------------------------------------------------

# English forms drop the nominative ending: Alexandros -> Alexander, Georgios -> George.
_GREEK_ENDING = re.compile(r"(?<=\w{4})(OS|AS|IS)\b")


def greek_forms(name: str) -> tuple[tuple[str, str], ...]:
    plain = anyascii(name).upper()
    return ((_GREEK_ENDING.sub("", plain), "anyascii, nominative ending dropped"),)


_BY_SCRIPT = {"arabic": arabic_forms, "hebrew": hebrew_forms, "hangul": korean_forms, "greek": greek_forms}
