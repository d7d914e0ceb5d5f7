"""Name normalisation, one step at a time, then the whole."""

from __future__ import annotations

import pytest

from kyc.screening.normalise import canonical, drop_honorifics, fold, legal_phrases, normal_form, normalise, words


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
    assert [(t.text, t.role) for t in normalise("Acme Trading GmbH")] == [("ACME", "core"), ("TRADING", "core"), ("GMBH", "legal")]
    assert [(t.text, t.role) for t in normalise("AL-ZAWAHIRI, Ayman")] == [("AL", "particle"), ("ZAWAHIRI", "core"), ("AYMAN", "core")]
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
    assert legal_phrases("UNIVISA SOCIEDAD ANONIMA".split()) == ["UNIVISA", "SA"]
    assert legal_phrases("X SOCIEDAD ANONIMA DE CAPITAL VARIABLE".split()) == ["X", "SA", "DE", "CV"]
    assert normal_form("Acme Limited Liability Company") == "ACME LLC"
