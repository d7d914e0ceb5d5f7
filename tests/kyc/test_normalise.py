"""Name normalisation, one step at a time, then the whole."""

from __future__ import annotations

import pytest

from kyc.screening.normalise import (
    HONORIFICS,
    LEGAL_FORMS,
    PARTICLES,
    VARIANTS,
    _nicknames,
    canonical,
    drop_honorifics,
    fold,
    latin,
    legal_phrases,
    name_parts,
    normal_form,
    normalise,
    words,
)


@pytest.mark.parametrize(("raw", "folded"), [
    ("Müller", "MULLER"),
    ("Straße", "STRASSE"),
    ("Øster Ærø", "OSTER AERO"),
    ("Łukasz Đorđević", "LUKASZ DORDEVIC"),
    ("José Núñez", "JOSE NUNEZ"),
    ("Œuvre", "OEUVRE"),
])
def test_fold_case_and_diacritics(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@pytest.mark.parametrize(("folded", "split"), [
    ("ANGLO-CARIBBEAN CO., LTD.", ["ANGLO", "CARIBBEAN", "CO", "LTD"]),
    ("GAMA'AT", ["GAMAAT"]),
    ("S.A. DE C.V.", ["SA", "DE", "CV"]),
    ("AL ZAWAHIRI, DR. AYMAN", ["AL", "ZAWAHIRI", "DR", "AYMAN"]),
])
def test_words_punctuation(folded: str, split: list[str]) -> None:
    assert words(folded) == split


def test_honorifics_dropped_unless_nothing_else() -> None:
    assert drop_honorifics(["DR", "AYMAN", "SHEIKH", "HAJI"]) == ["AYMAN"]
    assert drop_honorifics(["DR"]) == ["DR"]


@pytest.mark.parametrize(("tokens", "expected"), [
    (["MOHAMED", "MOHAMMED", "MUHAMMAD"], ["MUHAMMAD"] * 3),
    (["MUAMMAR", "GADDAFI"], ["MUAMMAR", "QADHAFI"]),
    (["ABD", "AL", "RAHMAN"], ["ABDUL", "RAHMAN"]),
    (["ABDEL", "AZIZ"], ["ABDUL", "AZIZ"]),
    (["OSAMA"], ["USAMA"]),
])
def test_transliteration_variants(tokens: list[str], expected: list[str]) -> None:
    assert canonical(tokens) == expected


def test_roles_weight_legal_forms_and_particles() -> None:
    assert [(t.text, t.role) for t in normalise("Acme Trading GmbH")] == [
        ("ACME", "core"), ("TRADING", "core"), ("GMBH", "legal")]
    assert [(t.text, t.role) for t in normalise("AL-ZAWAHIRI, Ayman")] == [
        ("AL", "particle"), ("ZAWAHIRI", "core"), ("AYMAN", "core")]
    assert [t.role for t in normalise("Co. Ltd")] == ["core", "core"]  # nothing else to match on


@pytest.mark.parametrize(("raw", "form"), [
    ("AL ZAWAHIRI, Dr. Ayman", "AL ZAWAHIRI AYMAN"),
    ("Sheikh Mohamed Abd al-Rahman", "MUHAMMAD ABDUL RAHMAN"),
    ("Müller-Lüdenscheidt GmbH", "MULLER LUDENSCHEIDT GMBH"),
    ("BANCO NACIONAL DE CUBA", "BANCO NACIONAL DE CUBA"),
])
def test_normal_form_end_to_end(raw: str, form: str) -> None:
    assert normal_form(raw) == form


def test_legal_forms_written_in_full_are_abbreviated() -> None:
    assert legal_phrases(["UNIVISA", "SOCIEDAD", "ANONIMA"]) == ["UNIVISA", "SA"]
    assert legal_phrases(["X", "SOCIEDAD", "ANONIMA", "DE", "CAPITAL", "VARIABLE"]) == ["X", "SA", "DE", "CV"]
    assert normal_form("Acme Limited Liability Company") == "ACME LLC"


@pytest.mark.parametrize(("raw", "form"), [
    ("Col. Ye Aung", "YE AUNG"), ("Hon. Na Chu", "NA CHU"), ("Gen. Eng. Ali Hassan", "ALI HASAN"),
    ("Robert E Smith Sr", "ROBERT E SMITH"),  # a generational suffix is not the name
    ("H.E. Ali Hassan", "ALI HASAN"),  # "His Excellency", known by its dots...
    ("He Jiankui", "HE JIANKUI"),  # ...because "HE" is also a surname
])
def test_more_titles_dropped(raw: str, form: str) -> None:
    assert normal_form(raw) == form


def test_a_title_word_that_is_the_surname_stays() -> None:
    assert drop_honorifics(["MUHAMMAD", "AL", "SHAYKH"]) == ["MUHAMMAD", "AL", "SHAYKH"]  # after the article
    assert normal_form("AL-SHAYKH, Muhammad") == "AL SHAYKH MUHAMMAD"
    assert normal_form("SHAYKH, Muhammad") == "SHAYKH MUHAMMAD"  # the only surname there is
    assert normal_form("SATAR, Haji") == "SATAR"  # a title alone after the comma is still a title
    assert drop_honorifics(["SHEIKH", "AHMAD"]) == ["AHMAD"]


def test_surname_before_the_comma() -> None:
    tokens, surname = name_parts("AL-TIKRITI, Barzan abd al-Ghafur")
    assert ([t.text for t in tokens], surname) == (["AL", "TIKRITI", "BARZAN", "ABDUL", "GHAFUR"], 2)
    assert name_parts("Barzan Al-Tikriti")[1] == 0  # natural order: nothing to say
    assert name_parts("ANGLO-CARIBBEAN CO., LTD.")[1] == 0  # a legal form after the comma
    assert name_parts("A, B, C")[1] == 0


@pytest.mark.parametrize(("raw", "form"), [
    ("GOODY PET SOCIEDAD POR ACCIONES SIMPLIFICADA", "GOODY PET SAS"),
    ("ACUAMATERIALES Y CIA. LIMITADA", "ACUAMATERIALES Y CIA LTDA"),  # a one-word phrase
    ("Siemens Aktiengesellschaft", "SIEMENS AG"),
    ("DECART EOOD", "DECART EOOD"),
])
def test_more_legal_forms(raw: str, form: str) -> None:
    assert normal_form(raw) == form
    assert normalise(raw)[-1].role == "legal"


def test_a_legal_phrase_with_one_typo() -> None:
    assert legal_phrases(["OPEN", "JOINT", "STOCK", "CMPANY", "X"]) == ["OPEN", "JSC", "X"]
    assert legal_phrases(["JOINT", "STOKC", "COMPANY", "X"]) == ["JSC", "X"]
    # not two typos, not in the first word, not in a word shorter than five letters
    assert legal_phrases(["JOINT", "STOKC", "CMPANY"]) == ["JOINT", "STOKC", "CMPANY"]
    assert legal_phrases(["JOINR", "STOCK", "COMPANY"]) == ["JOINR", "STOCK", "COMPANY"]
    assert legal_phrases(["SOCIEDAD", "ANONIMA"]) == ["SA"]


@pytest.mark.parametrize(("tokens", "expected"), [
    (["DIYAB", "EL", "SHAYKH"], ["DIYAB", "AL", "SHAYKH"]),  # one spelling of the article
    (["ABD", "FITWI"], ["ABDUL", "FITWI"]),  # ABD alone is ABDUL too
    (["ABDU", "AL", "MATAR"], ["ABDU", "AL", "MATAR"]),  # ABDU is a name: the article is Matar's
    (["ALY"], ["ALI"]), (["MHD"], ["MUHAMMAD"]),
    (["BOB", "SMITH"], ["ROBERT", "SMITH"]), (["EDDIE"], ["EDWARD"]), (["ALEX"], ["ALEKSANDR"]),
])
def test_particles_variants_and_nicknames(tokens: list[str], expected: list[str]) -> None:
    assert canonical(tokens) == expected


def test_nickname_table_merges_no_other_kind_of_word() -> None:
    table = _nicknames()
    assert len(table) > 50
    for nickname in table:
        assert nickname not in PARTICLES | LEGAL_FORMS | HONORIFICS | set(VARIANTS), nickname
        assert nickname not in set(table.values()), nickname  # a nickname is not itself a formal name


@pytest.mark.parametrize(("raw", "romanised"), [
    ("Владимир Путин", "Vladimir Putin"),
    ("习近平", " Xi  Jin  Ping "),  # a syllable a word
    ("김정은", " Gim  Jeong  Eun "),
    ("محمد علي", "mhmd `ly"),  # Arabic script writes no short vowels
    ("José Müller", "José Müller"),  # Latin letters keep the usual path
])
def test_other_scripts_romanised(raw: str, romanised: str) -> None:
    assert latin(raw) == romanised


def test_fold_romanises_before_folding() -> None:
    assert fold("Андрей Й") == "ANDREY Y"
    assert normal_form("习近平") == "XI JIN PING"
