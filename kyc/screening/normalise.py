"""The name form every comparison uses, built in small steps a test can check one by one.

fold (case, diacritics, letters NFKD does not split) -> tokens (punctuation out,
"S.A." -> "SA", hyphens split, apostrophes joined) -> drop honorifics -> legal forms
written in full abbreviated ("SOCIEDAD ANONIMA" -> "SA") -> canonical
spellings of common transliteration variants -> each token tagged with its role:
"core" (counts fully), "particle" (AL, BIN, DE..., counts a little), "legal" (LTD,
GMBH..., counts a little, and matches another legal form fairly well).
Token order is kept; the scorer decides how order matters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# NFKD splits "é" into "e" + accent but leaves these whole letters alone.
_LETTERS = str.maketrans({
    "ß": "ss", "ẞ": "SS", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH",
    "ı": "i", "ħ": "h", "Ħ": "H", "ŀ": "l", "Ŀ": "L", "ĸ": "k",
})
# Apostrophes (and the ayn/hamza marks transliterations use) sit inside a word:
# "GAMA'AT" is one word, not "GAMA AT".
_JOINERS = re.compile(r"['\u2018\u2019\u02bb\u02bc\u02be\u02bf`´]")
# Dots inside abbreviations join: "S.A." -> "SA", "U.S.A." -> "USA".
_DOTS = re.compile(r"(?<=\w)\.(?=\w)|(?<=\b\w)\.")
_SEPARATORS = re.compile(r"[^\w]+|_")

HONORIFICS = frozenset(
    "MR MRS MS MISS MX DR PROF SIR DAME LORD LADY SHEIKH SHEIK SHAIKH SHAYKH SHAYK HAJI HAJJI "
    "HADJI HAJ HAJJ ALHAJI ALHAJ ALHAJJ MULLAH MULLA MAULANA MAWLANA MAWLAWI MAWLAVI MAULAVI "
    "MAULVI QARI".split()
)
LEGAL_FORMS = frozenset(
    "LTD LIMITED CORP CORPORATION INC INCORPORATED LLC LLP LP PLC CO COMPANY SA SAS SARL SRL SPA "
    "AG GMBH KG BV NV AB AS ASA OY OYJ PTE PTY BHD SDN JSC OJSC CA CJSC PJSC OOO OAO ZAO PAO TOO "
    "LLP FZE FZC FZCO FZ LTDA CIA SL SCA CV RL SAPI SAB EIRL GROUP HOLDING HOLDINGS KK".split()
)
PARTICLES = frozenset("AL EL UL AD AS AZ ASH BIN BINT IBN BEN BENT DE DEL DELA DA DI DOS DAS DU LA LE VAN VON DER DEN Y".split())
# One spelling for each family of transliterations (Arabic and Persian names mostly);
# the phonetic key in `index` catches the many families not listed here.
_VARIANTS = {
    "MUHAMMAD": "MOHAMMED MOHAMMAD MOHAMED MOHAMAD MUHAMMED MUHAMAD MUHAMED MOHAMMET MUHAMMET MOHAMMEED MOHD MOHAMMAED MOUHAMED MOUHAMMAD MOHAMMADI",
    "AHMAD": "AHMED AHMAT",
    "QADHAFI": "QADDAFI GADDAFI GADHAFI KADHAFI KADDAFI QADAFI GADAFI KHADAFI QATHAFI KADAFI",
    "HUSAYN": "HUSSEIN HUSSAIN HUSEIN HUSAIN HOSSEIN HOSEIN HUSSAYN HUSEYIN",
    "HASAN": "HASSAN HASAAN",
    "USAMA": "OSAMA OUSAMA OSSAMA",
    "YUSUF": "YOUSEF YOUSSEF YOUSUF YUSEF JUSUF YOUSIF YOUSSOUF",
    "ABDUL": "ABDEL ABDOUL ABDUL ABDAL ABDOL",
    "ABU": "ABOU ABO",
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
}
_LONGEST_PHRASE = max(len(p.split()) for p in _PHRASES)
# "ABD AL RAHMAN" is how a list spells "ABDUL RAHMAN"; two tokens become one.
_ABD = ("ABD", "ABDU")


@dataclass(frozen=True)
class Token:
    text: str
    role: str  # "core" | "particle" | "legal"


def fold(text: str) -> str:
    """Upper case, no diacritics: 'Müller-Lüdenscheidt Straße' -> 'MULLER-LUDENSCHEIDT STRASSE'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.translate(_LETTERS).upper()


def words(folded: str) -> list[str]:
    """'ANGLO-CARIBBEAN CO., LTD.' -> ['ANGLO', 'CARIBBEAN', 'CO', 'LTD']."""
    joined = _DOTS.sub("", _JOINERS.sub("", folded))
    return [w for w in _SEPARATORS.split(joined) if w]


def drop_honorifics(tokens: list[str]) -> list[str]:
    """Titles say nothing about who someone is; a name that is only a title keeps it."""
    kept = [t for t in tokens if t not in HONORIFICS]
    return kept or tokens


def legal_phrases(tokens: list[str]) -> list[str]:
    """['X', 'SOCIEDAD', 'ANONIMA'] -> ['X', 'SA']: the longest phrase first."""
    out: list[str] = []
    at = 0
    while at < len(tokens):
        for size in range(min(_LONGEST_PHRASE, len(tokens) - at), 1, -1):
            short = _PHRASES.get(" ".join(tokens[at:at + size]))
            if short:
                out += short.split()
                at += size
                break
        else:
            out.append(tokens[at])
            at += 1
    return out


def canonical(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for token in tokens:
        if out and out[-1] in _ABD and token in ("AL", "EL", "UL", "UR", "AR", "AS", "AZ", "AN", "AD"):
            out[-1] = "ABDUL"
            continue
        out.append(VARIANTS.get(token, token))
    return out


def role(token: str) -> str:
    if token in LEGAL_FORMS:
        return "legal"
    return "particle" if token in PARTICLES else "core"


@lru_cache(maxsize=65536)
def normalise(name: str) -> tuple[Token, ...]:
    """The tokens of `name`, each with its role. A name made only of legal-form words or
    particles ("AL", "CO LTD") keeps them as core: there is nothing else to match on."""
    tokens = canonical(legal_phrases(drop_honorifics(words(fold(name)))))
    tagged = tuple(Token(t, role(t)) for t in tokens)
    if tagged and all(t.role != "core" for t in tagged):
        return tuple(Token(t.text, "core") for t in tagged)
    return tagged


def normal_form(name: str) -> str:
    """The normalised name as one string, for display and tests."""
    return " ".join(token.text for token in normalise(name))
