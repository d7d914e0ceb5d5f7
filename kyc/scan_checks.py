"""The checks a field the model read from a picture must pass before it counts.

A picture has no text layer, so nothing the model copies out of it can be found again
and cited. A value counts only where code can check it: a passport's machine-readable
zone by its check digits (`kyc.mrz`), the printed fields against that zone, a date by
parsing it (`kyc.dates`), a name against the application's within the screening engine's
own similarity (`kyc.screening.scoring`), a company number and an incorporation date by
the application's own, an address by the application's postcode. Each
check is recorded for each field, passed, failed or not possible; a field with no check
possible is not used.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from kyc.dates import DateProblem, read_date
from kyc.mrz import MrzCheck, read_mrz
from kyc.schemas import ScanReading
from kyc.screening.normalise import fold
from kyc.screening.scoring import NameForm, name_score

Result = Literal["passed", "failed", "not possible"]
IDENTITY_KINDS = ("passport", "identity_card", "driving_licence")
# Without these (each checked), a scan serves as no document of its kind.
REQUIRED = {"passport": ("surname", "given_names", "expiry_date", "mrz"),
            "identity_card": ("surname", "given_names", "expiry_date"),
            "driving_licence": ("surname", "given_names", "expiry_date"),
            "proof_of_address": ("holder", "address", "issue_date"),
            "certificate_of_incorporation": ("company_name", "company_number", "incorporation_date")}
# Postal codes by shape, the most specific first: British (SW1A 1AA), Canadian (K1A 0B1),
# Irish Eircodes (D02 X285), Dutch (1012 AB), hyphenated digits (US ZIP+4 12345-6789,
# Brazil 01310-100, Japan 100-0001, Poland 00-950), then four to six digits (most
# countries). A shape no pattern knows gives no postcode, and the check says so.
_POSTCODES = tuple(re.compile(pattern) for pattern in (
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", r"\b[A-Z]\d[A-Z]\s*\d[A-Z]\d\b",
    r"\b[A-Z]\d[\dW]\s*[A-Z\d]{4}\b", r"\b\d{4}\s?[A-Z]{2}\b", r"\b\d{2,5}-\d{3,4}\b", r"\b\d{4,6}\b"))
_MRZ_AGREES = "agrees with the MRZ"


class ReadCheck(BaseModel):
    """One check of one field the model read: `text` as the model read it."""

    model_config = ConfigDict(frozen=True)

    field: str
    text: str
    check: str
    result: Result
    detail: str = ""

    def line(self) -> str:
        said = f"{self.field.replace('_', ' ')} {self.text!r}" if self.text else self.field.replace("_", " ")
        return f"{said}: {self.check}, {self.result}" + (f" ({self.detail})" if self.detail else "")


def required_failures(kind: str, checks: Sequence[ReadCheck]) -> list[ReadCheck]:
    """The checks of the kind's required fields that did not pass (a missing one included)."""
    return [c for c in checks if c.field in REQUIRED.get(kind, ()) and c.result != "passed"]


def passed(checks: Sequence[ReadCheck], field: str) -> tuple[str, ...] | None:
    """The checks `field` passed, or None when it failed one or none was possible."""
    mine = [c for c in checks if c.field == field]
    if not mine or any(c.result != "passed" for c in mine):
        return None
    return tuple(c.check for c in mine)


# -- identity documents --------------------------------------------------------------------


def identity_checks(reading: ScanReading, names: Sequence[str],
                    threshold: Decimal) -> tuple[list[ReadCheck], MrzCheck | None]:
    """Every check of an identity scan's fields, and its MRZ when the check digits hold."""
    checks, mrz = mrz_checks(reading)
    for field in ("surname", "given_names"):
        checks += _mrz_name(reading, field, mrz)
    checks += name_checks(reading, names, threshold)
    for field, coded in (("date_of_birth", mrz.date_of_birth if mrz else None),
                         ("expiry_date", mrz.expiry if mrz else None)):
        checks += date_checks(field, getattr(reading, field), coded, required=field in REQUIRED[reading.kind])
    checks += _number(reading.document_number, mrz)
    if reading.nationality:
        checks.append(ReadCheck(field="nationality", text=reading.nationality, check="none possible",
                                 result="not possible", detail="no check digit covers it; not used"))
    return checks, mrz


def mrz_checks(reading: ScanReading) -> tuple[list[ReadCheck], MrzCheck | None]:
    """The MRZ's check digits; a wrong one rejects the MRZ and every field read from it."""
    line1, line2 = (reading.mrz_line_1 or "").strip(), (reading.mrz_line_2 or "").strip()
    shown = f"{line1} / {line2}" if line1 or line2 else ""
    if not (line1 and line2):
        result: Result = "failed" if reading.kind == "passport" else "not possible"
        return [ReadCheck(field="mrz", text=shown, check="MRZ present", result=result,
                           detail="no machine-readable zone read")], None
    mrz = read_mrz(f"{line1}\n{line2}")
    if mrz is None:
        return [ReadCheck(field="mrz", text=shown, check="MRZ format", result="failed",
                           detail="not two TD3 lines of 44 characters")], None
    if mrz.problems:
        return [ReadCheck(field="mrz", text=shown, check="MRZ check digits", result="failed",
                           detail="; ".join(mrz.problems))], None
    return [ReadCheck(field="mrz", text=shown, check="MRZ check digits", result="passed")], mrz


def _mrz_name(reading: ScanReading, field: str, mrz: MrzCheck | None) -> list[ReadCheck]:
    printed = getattr(reading, field)
    if not printed:
        return [ReadCheck(field=field, text="", check="read", result="failed", detail="not read")]
    if mrz is None:
        return []
    coded = mrz.surname if field == "surname" else mrz.given_names
    same = _letters(printed) == _letters(coded)
    return [ReadCheck(field=field, text=printed, check=_MRZ_AGREES, result="passed" if same else "failed",
                       detail="" if same else f"the MRZ gives {coded!r}")]


def name_checks(reading: ScanReading, names: Sequence[str], threshold: Decimal) -> list[ReadCheck]:
    """The full name read, against each name the application gives, by the screening
    engine's name score: it must reach the screening threshold for one of them."""
    full = " ".join(p for p in (reading.given_names, reading.surname) if p)
    if not (reading.given_names and reading.surname):
        return []
    check = f"name agrees with the application (screening similarity >= {threshold})"
    result, detail = similar(full, names, threshold)
    return [ReadCheck(field=field, text=getattr(reading, field), check=check, result=result, detail=detail)
            for field in ("surname", "given_names")]


def similar(read: str, names: Sequence[str], threshold: Decimal) -> tuple[Result, str]:
    """Whether `read` scores at least `threshold` against one of `names` (the best one)."""
    if not names:
        return "not possible", "the application names nobody to compare with"
    listed = NameForm.parse(read)
    score, best = max(((name_score(NameForm.parse(n), listed), n) for n in names), key=lambda pair: pair[0])
    result: Result = "passed" if Decimal(str(score)) >= threshold else "failed"
    return result, f"best {best!r}, score {score:.1f}"


def date_checks(field: str, printed: str | None, coded: object, *, required: bool) -> list[ReadCheck]:
    if not printed:
        return [ReadCheck(field=field, text="", check="read", result="failed", detail="not read")] if required else []
    try:
        value = read_date(printed)
    except DateProblem as problem:
        return [ReadCheck(field=field, text=printed, check="date parses", result="failed", detail=str(problem))]
    checks = [ReadCheck(field=field, text=printed, check="date parses", result="passed", detail=str(value))]
    if coded is not None:
        same = value == coded
        checks.append(ReadCheck(field=field, text=printed, check=_MRZ_AGREES, result="passed" if same else "failed",
                                 detail="" if same else f"the MRZ gives {coded}"))
    return checks


def _number(printed: str | None, mrz: MrzCheck | None) -> list[ReadCheck]:
    if not printed:
        return []
    if mrz is None:
        return [ReadCheck(field="document_number", text=printed, check="none possible", result="not possible",
                           detail="no MRZ to check it against; not used")]
    same = _ident(printed) == _ident(mrz.document_number)
    return [ReadCheck(field="document_number", text=printed, check=_MRZ_AGREES, result="passed" if same else "failed",
                       detail="" if same else f"the MRZ gives {mrz.document_number!r}")]


def rejecting(kind: str, checks: Sequence[ReadCheck]) -> list[ReadCheck]:
    """The failed checks that keep the scan from serving: any of its required fields'; a
    wrong MRZ check digit; a printed field that differs from a valid MRZ (the model's
    reading, or the document, cannot then be trusted). Others only drop their field."""
    fatal = [c for c in checks if c.result == "failed" and (c.check in (_MRZ_AGREES, "MRZ check digits"))]
    return [*required_failures(kind, checks), *(c for c in fatal if c.field not in REQUIRED.get(kind, ()))]


# -- proofs of address --------------------------------------------------------------------


def proof_checks(reading: ScanReading, holder_names: Sequence[str], application_address: str | None,
                 threshold: Decimal) -> list[ReadCheck]:
    checks = []
    if reading.holder:
        result, detail = similar(reading.holder, holder_names, threshold)
        checks.append(ReadCheck(field="holder", text=reading.holder, result=result, detail=detail,
                                 check=f"name agrees with the application (screening similarity >= {threshold})"))
    else:
        checks.append(ReadCheck(field="holder", text="", check="read", result="failed", detail="not read"))
    checks.append(postcode_check(reading.address, application_address))
    return checks + date_checks("issue_date", reading.issue_date, None, required=True)


def postcode_check(address: str | None, application_address: str | None) -> ReadCheck:
    """The address must carry the application's postcode (spaces and case aside)."""
    wanted = postcode(application_address or "")
    check = f"carries the application's postcode {wanted}" if wanted else "carries the application's postcode"
    if not address:
        return ReadCheck(field="address", text="", check="read", result="failed", detail="not read")
    if wanted is None:
        return ReadCheck(field="address", text=address, check=check, result="failed",
                          detail="the application's address gives no postcode to check against")
    read = postcode(address)
    same = read is not None and _same_postcode(read, wanted)
    detail = "" if same else (f"the address read gives {read}" if read else "no postcode in the address read")
    return ReadCheck(field="address", text=address, check=check, result="passed" if same else "failed",
                      detail=detail)


def postcode(address: str) -> str | None:
    """The postcode of an address: the postcode-shaped run that ends last (a house number
    comes before the street, the postcode after the town), of the most specific shape
    where two end together."""
    upper = address.upper()
    found = [(match.end(), -rank, match.group(0)) for rank, pattern in enumerate(_POSTCODES)
             for match in pattern.finditer(upper)]
    return max(found)[2] if found else None


def _same_postcode(read: str, wanted: str) -> bool:
    """Equal, spaces and case aside; a ZIP+4 agrees with its five digits."""
    a, b = _squeezed(read), _squeezed(wanted)
    return a == b or a.startswith(b + "-") or b.startswith(a + "-")


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text.upper())


def _letters(name: str) -> list[str]:
    return re.sub(r"[^A-Z]+", " ", fold(name)).split()


def _ident(text: str) -> str:
    return re.sub(r"[\s\-./<]", "", text).upper()


# -- certificates of incorporation ---------------------------------------------------------


def certificate_checks(reading: ScanReading, legal_name: str, number: str | None, incorporated: date | None,
                       application_address: str | None, threshold: Decimal) -> list[ReadCheck]:
    """The company's name within the screening similarity of the application's, its
    number and date of incorporation equal to the application's, its office's postcode."""
    checks = []
    if reading.company_name:
        result, detail = similar(reading.company_name, [legal_name], threshold)
        checks.append(ReadCheck(field="company_name", text=reading.company_name, result=result, detail=detail,
                                check=f"name agrees with the application (screening similarity >= {threshold})"))
    else:
        checks.append(ReadCheck(field="company_name", text="", check="read", result="failed", detail="not read"))
    checks.append(_company_number(reading.company_number, number))
    checks += date_checks("incorporation_date", reading.incorporation_date, None, required=True)
    checks += _same_date("incorporation_date", reading.incorporation_date, incorporated)
    if reading.registered_office:
        checks.append(postcode_check(reading.registered_office, application_address).model_copy(
            update={"field": "registered_office"}))
    return checks


def _company_number(printed: str | None, declared: str | None) -> ReadCheck:
    check = "equals the application's company number"
    if not printed:
        return ReadCheck(field="company_number", text="", check="read", result="failed", detail="not read")
    if not declared:
        return ReadCheck(field="company_number", text=printed, check=check, result="not possible",
                         detail="the application gives no company number; not used")
    same = _ident(printed).lstrip("0") == _ident(declared).lstrip("0")
    return ReadCheck(field="company_number", text=printed, check=check, result="passed" if same else "failed",
                     detail="" if same else f"the application gives {declared!r}")


def _same_date(field: str, printed: str | None, declared: date | None) -> list[ReadCheck]:
    """A date that parsed, against the application's (none to compare: no check)."""
    if not printed or declared is None:
        return []
    try:
        value = read_date(printed)
    except DateProblem:
        return []  # the parse check has already failed it
    same = value == declared
    detail = "" if same else f"the application gives {declared}"
    return [ReadCheck(field=field, text=printed, check="equals the application's",
                      result="passed" if same else "failed", detail=detail)]
