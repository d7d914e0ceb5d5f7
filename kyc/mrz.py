"""The machine-readable zone of a passport (ICAO 9303, TD3: two lines of 44 characters).

Its check digits catch a forged or mistyped data page that reads plausibly to a person,
and its fields are a second reading of the printed ones to compare against.
"""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, ConfigDict

_LINE = re.compile(r"^[A-Z0-9<]{44}$")
_WEIGHTS = (7, 3, 1)


class MrzCheck(BaseModel):
    model_config = ConfigDict(frozen=True)

    line1: str
    line2: str
    document_number: str
    nationality: str
    date_of_birth: date | None
    expiry: date | None
    surname: str
    given_names: str
    problems: tuple[str, ...]

    @property
    def valid(self) -> bool:
        return not self.problems


def check_digit(field: str) -> int:
    total = 0
    for position, char in enumerate(field):
        if char.isdigit():
            value = int(char)
        elif char.isalpha():
            value = ord(char) - ord("A") + 10
        else:
            value = 0
        total += value * _WEIGHTS[position % 3]
    return total % 10


def read_mrz(text: str) -> MrzCheck | None:
    """The first pair of consecutive TD3 lines in `text`, checked; None if there is none."""
    lines = [line.strip().replace(" ", "") for line in text.splitlines()]
    for first, second in zip(lines, lines[1:]):
        if first.startswith("P") and _LINE.match(first) and _LINE.match(second):
            return _parse(first, second)
    return None


def _parse(line1: str, line2: str) -> MrzCheck:
    names = line1[5:].split("<<", 1)
    checks = {
        "document number": (line2[0:9], line2[9]),
        "date of birth": (line2[13:19], line2[19]),
        "date of expiry": (line2[21:27], line2[27]),
        "personal number": (line2[28:42], line2[42]),
        "composite": (line2[0:10] + line2[13:20] + line2[21:43], line2[43]),
    }
    problems = tuple(f"{name} check digit is {digit}, expected {check_digit(field)}"
                     for name, (field, digit) in checks.items() if not _digit_ok(field, digit))
    return MrzCheck(
        line1=line1, line2=line2, document_number=line2[0:9].rstrip("<"), nationality=line2[10:13].rstrip("<"),
        date_of_birth=_yymmdd(line2[13:19], past=True), expiry=_yymmdd(line2[21:27], past=False),
        surname=names[0].replace("<", " ").strip(),
        given_names=names[1].replace("<", " ").strip() if len(names) > 1 else "",
        problems=problems,
    )


def _digit_ok(field: str, digit: str) -> bool:
    # An unused optional field may be filled with '<' throughout, check digit included.
    if digit == "<":
        return set(field) <= {"<"}
    return digit.isdigit() and int(digit) == check_digit(field)


def _yymmdd(text: str, *, past: bool) -> date | None:
    """Two-digit years: a birth date is in the last century when it would otherwise be
    in the future; an expiry is always 20xx (passports last ten years at most)."""
    if not text.isdigit():
        return None
    year, month, day = int(text[0:2]), int(text[2:4]), int(text[4:6])
    century = 1900 if past and year > date.today().year % 100 else 2000
    try:
        return date(century + year, month, day)
    except ValueError:
        return None
