"""Company legal forms: finding one at the end (or, for Russian forms, the start) of a name,
and writing the same form another way, or another form.

A company's legal form is the least distinctive part of its name: "X CO., LTD." and
"X COMPANY LIMITED" are the same company, and "X LLC" may be the same company after a
re-registration; "Y CO., LTD." is a different one. The variants and the decoys both need
to know where the form is.
"""

from __future__ import annotations

from dataclasses import dataclass

# Each group is one legal form; its members are ways of writing it (normalised: upper
# case, no dots or commas). The first member is the usual printed spelling.
GROUPS: tuple[tuple[str, ...], ...] = (
    ("CO., LTD.", "CO LTD", "COMPANY LIMITED", "CO LIMITED", "COMPANY LTD"),
    ("LTD.", "LTD", "LIMITED"),
    ("LLC", "LIMITED LIABILITY COMPANY", "L.L.C."),
    ("INC.", "INC", "INCORPORATED"),
    ("CORP.", "CORP", "CORPORATION"),
    ("S.A. DE C.V.", "SA DE CV", "SOCIEDAD ANONIMA DE CAPITAL VARIABLE"),
    ("S. DE R.L. DE C.V.", "S DE RL DE CV", "SOCIEDAD DE RESPONSABILIDAD LIMITADA DE CAPITAL VARIABLE"),
    ("S.A.S.", "SAS", "SOCIEDAD POR ACCIONES SIMPLIFICADA"),
    ("S.A.L.", "SAL", "SOCIETE ANONYME LIBANAISE"),
    ("S.A.", "SA", "SOCIEDAD ANONIMA"),
    ("C.A.", "CA", "COMPANIA ANONIMA"),
    ("LTDA.", "LTDA", "LIMITADA"),
    ("S.R.L.", "SRL", "SOCIEDAD DE RESPONSABILIDAD LIMITADA"),
    ("GMBH", "GESELLSCHAFT MIT BESCHRANKTER HAFTUNG"),
    ("PTE. LTD.", "PTE LTD", "PRIVATE LIMITED"),
    ("PLC", "PUBLIC LIMITED COMPANY"),
    ("JSC", "JOINT STOCK COMPANY"),
    ("FZE", "FREE ZONE ESTABLISHMENT"),
    ("FZCO", "FREE ZONE COMPANY"),
    ("EOOD",),
    ("OOD",),
)
# Forms a re-registered company commonly takes: the targets of a "swap", written the
# way a mixed-case name prints them (upper-cased for a name in capitals).
SWAP_TARGETS: tuple[str, ...] = ("Ltd.", "LLC", "Inc.", "Corp.", "S.A.", "GmbH", "Co., Ltd.")
# Russian forms printed before the name; each is written after it in English as the form given.
PREFIXES: dict[str, str] = {"OOO": "LLC", "OAO": "JSC", "ZAO": "JSC", "PAO": "JSC", "AO": "JSC", "TOO": "LLP"}


def norm(text: str) -> str:
    """Upper case, dots gone ("S.A." -> "SA"), commas as spaces: how forms are compared.
    A word count of the result is the word count of the printed form."""
    return " ".join(text.upper().replace(".", "").replace(",", " ").split())


# Longest first, so "CO LTD" wins over "LTD" and "SA DE CV" over "SA".
_ALL = sorted(((norm(spelling), group) for group in GROUPS for spelling in group),
              key=lambda item: -len(item[0].split()))


@dataclass(frozen=True)
class Split:
    """A company name cut into its distinctive part and its legal form (as printed)."""

    base: str
    form: str  # as printed in the name; "" when there is none
    group: tuple[str, ...]  # the form's group; () when there is none
    prefix: bool = False  # a Russian form printed before the name


def split(name: str) -> Split:
    tokens = name.split()
    if len(tokens) >= 2 and norm(tokens[0]) in PREFIXES:
        english = PREFIXES[norm(tokens[0])]
        group = next((g for g in GROUPS if english in g), (english,))
        return Split(" ".join(tokens[1:]), tokens[0], group, prefix=True)
    for spelling, group in _ALL:
        size = len(spelling.split())
        if len(tokens) > size and norm(" ".join(tokens[-size:])) == spelling:
            base = " ".join(tokens[:-size]).rstrip(" ,")
            if base:
                return Split(base, " ".join(tokens[-size:]), group)
    return Split(name.strip(), "", ())


def other_spelling(found: Split) -> str | None:
    """The same form written another way (abbreviated or spelled out), or None."""
    current = norm(found.form)
    choices = [s for s in found.group if norm(s) != current]
    return choices[0] if choices else None
