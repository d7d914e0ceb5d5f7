"""Building bad inputs at test time: a clean synthetic case copied into a temporary
folder and edited, made-up documents rendered as PDFs, damaged PDFs, and a time limit
for inputs that used to hang. Nothing here is committed as an edited copy."""

from __future__ import annotations

import json
import random
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

from tests.conftest import FIXTURES

CASES = FIXTURES / "kyc" / "cases"
CUSTOMER = "HARBOUR LANE TRADING LIMITED"
ADDRESS = "12 Harbour Lane, Bristol BS1 4DJ, United Kingdom"
REGISTER_HEADER = "owner,owner_type,owned,percent,owner_country,owner_date_of_birth\n"


def runtime(model) -> SimpleNamespace:
    """What a KYC node reads of its runtime, with the pack's default settings."""
    from kyc.context import Context
    from shared.workflows import get_workflow

    settings = SimpleNamespace(workflow=SimpleNamespace(value=Context()))
    return SimpleNamespace(context=SimpleNamespace(
        model=model, settings=settings, prompts=get_workflow("kyc").prompt_library(), engagement_root=None,
        clock=lambda: datetime(2026, 11, 24, tzinfo=UTC)))


def copy_case(tmp: Path, case: str = "clean_company") -> Path:
    folder = tmp / "case"
    shutil.copytree(CASES / case, folder)
    return folder


def write_pdf(path: Path, lines: list[str]) -> Path:
    """A one-page PDF printing `lines`, one per line, each a text run a reader can find."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for number, line in enumerate(lines):
        pdf.set_xy(72, 100 + 16 * number)
        pdf.cell(text=line)
    pdf.output(str(path))
    return path


def passport(path: Path, *, expiry: str, mrz: tuple[str, str] | None = None) -> Path:
    """Eleanor Whitfield's passport data page (clean_company's director), expiring `expiry`."""
    lines = ["UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND", "PASSPORT", "Type: P", "Issuing state: GBR",
             "Passport No.: 548281078", "Surname: WHITFIELD", "Given names: ELEANOR MARY",
             "Nationality: BRITISH CITIZEN", "Date of birth: 14 JUN 1971", "Sex: F", "Date of issue: 03 FEB 2010",
             f"Date of expiry: {expiry}", "Authority: HMPO"]
    return write_pdf(path, lines + list(mrz or ()))


def whitfield_mrz(expires_yymmdd: str) -> tuple[str, str]:
    """A valid TD3 zone for that passport with the expiry given."""
    from kyc.mrz import check_digit

    number, born = "548281078", "710614"
    body = (f"{number}{check_digit(number)}GBR{born}{check_digit(born)}F{expires_yymmdd}"
            f"{check_digit(expires_yymmdd)}{'<' * 14}<")
    composite = body[0:10] + body[13:20] + body[21:43]
    return "P<GBRWHITFIELD<<ELEANOR<MARY".ljust(44, "<"), body + str(check_digit(composite))


def edit_register(folder: Path, rows: list[str]) -> Path:
    path = folder / "register_of_shareholders.csv"
    path.write_text(REGISTER_HEADER + "".join(f"{row}\n" for row in rows))
    return path


def edit_application(folder: Path, **changes) -> Path:
    path = folder / "application.json"
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data, indent=2))
    return path


def page_with_random_bytes(source: Path, target: Path, seed: int = 1) -> Path:
    """`source` with its first page object's dictionary overwritten by random bytes
    (same length, so the cross-reference table still points at every object)."""
    data = bytearray(source.read_bytes())
    start = data.index(b"3 0 obj") + len(b"3 0 obj\n")
    end = data.index(b"endobj", start) - 1
    r = random.Random(seed)
    data[start:end] = bytes(r.randrange(256) for _ in range(end - start))
    target.write_bytes(bytes(data))
    return target


def damaged_at(source: Path, target: Path, seed: int) -> Path:
    """`source` with a run of random bytes at a place picked by `seed` (as a fuzzer would)."""
    r = random.Random(seed)
    data = bytearray(source.read_bytes())
    start, length = r.randrange(9, len(data) - 300), r.choice([4, 20, 100, 300])
    data[start:start + length] = bytes(r.randrange(256) for _ in range(length))
    target.write_bytes(bytes(data))
    return target


def zero_page_pdf(target: Path) -> Path:
    """A well-formed PDF whose page tree holds no page."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    target.write_bytes(bytes(out))
    return target


def alias_bomb() -> str:
    """About 1 KB of YAML whose aliases expand to 10^9 strings."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 10) + "]")
    return "\n".join(lines) + "\n"


class TookTooLong(Exception):
    pass


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail instead of hanging: the input used to take minutes or forever."""
    def stop(signum, frame):
        raise TookTooLong(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
