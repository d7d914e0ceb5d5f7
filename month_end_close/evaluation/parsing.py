"""Statement parsing accuracy: every statement in the corpus's `close/` folder (read in
place, never copied into the project) against its truth.

- HSBC PDFs (`bank_statements_pdf_hsbc_uk_anonymised/`, shown as `statements_pdf/`):
  each good statement's summary box, period and proof against `statement_summaries.json`;
  each seeded error must be caught (an error finding) and located (a finding citing the
  altered figure on the page named, and stating the difference to the cent).
- MT940 (`mt940/`): every transaction's amount and date, and the balances, against the
  `*.expected.json` beside the file. Those were dumped with the package's 5.0-compatible
  defaults, which leave an RC (reversal of a credit) positive; it is money out, and the
  statement holding it proves only so, so the truth is read with that sign. A file
  without an expected file (ASN) is checked by proving each of its statements.
- OFX (`ofx/`): what the file itself says, scanned as text: every `<TRNAMT>` and each
  account's `<LEDGERBAL>`.

Every citation of every statement read must verify, or that is a mismatch too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from month_end_close.evaluation.parsing_report import table
from month_end_close.proof import prove
from month_end_close.records import Statement
from month_end_close.statements import read_statement
from shared.documents.citation import TextCitation
from shared.documents.verify import CitationVerifier
from shared.errors import InputError


@dataclass(frozen=True)
class FileScore:
    """One statement file: what was compared with the truth and what differed."""

    path: str
    kind: str
    statements: int
    statements_exact: int
    transactions: int = 0
    transactions_exact: int = 0
    mismatches: tuple[str, ...] = ()


@dataclass(frozen=True)
class SeededScore:
    path: str
    caught: bool
    located: bool
    findings: tuple[str, ...]


@dataclass(frozen=True)
class ParsingScore:
    files: tuple[FileScore, ...]
    seeded: tuple[SeededScore, ...] = field(default_factory=tuple)

    @property
    def statements_checked(self) -> int:
        return sum(f.statements for f in self.files)

    @property
    def statements_exact(self) -> int:
        return sum(f.statements_exact for f in self.files)

    @property
    def transactions_checked(self) -> int:
        return sum(f.transactions for f in self.files)

    @property
    def transactions_exact(self) -> int:
        return sum(f.transactions_exact for f in self.files)

    @property
    def seeded_caught(self) -> int:
        return sum(s.caught for s in self.seeded)

    @property
    def seeded_located(self) -> int:
        return sum(s.located for s in self.seeded)

    @property
    def mismatches(self) -> tuple[str, ...]:
        found = [f"{f.path}: {m}" for f in self.files for m in f.mismatches]
        return tuple(found + [f"{s.path}: seeded error not {'located' if s.caught else 'caught'}"
                              for s in self.seeded if not s.located])

    @property
    def meets_target(self) -> bool:
        return (self.statements_exact == self.statements_checked and self.transactions_exact ==
                self.transactions_checked and len(self.seeded) == 2 and self.seeded_located == len(self.seeded)
                and not self.mismatches)

    def table(self) -> str:
        return table(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "statements_checked": self.statements_checked, "statements_exact": self.statements_exact,
            "transactions_checked": self.transactions_checked, "transactions_exact": self.transactions_exact,
            "seeded_errors": len(self.seeded), "seeded_caught": self.seeded_caught,
            "seeded_located": self.seeded_located, "meets_target": self.meets_target,
            "mismatches": list(self.mismatches),
        }


HSBC = "bank_statements_pdf_hsbc_uk_anonymised"
# The rows keep the name the HSBC folder had in the project's fixtures, so tables and
# eval.json files from before the corpus moved out compare row for row.
HSBC_SHOWN = "statements_pdf"


def evaluate_parsing(close_dir: Path) -> ParsingScore:
    """`close_dir` is the corpus's `close/` folder (or one laid out like it)."""
    pdf_root = close_dir / HSBC
    truth = _json(pdf_root / "statement_summaries.json")
    files = [*(_pdf_file(pdf_root, key, expected) for key, expected in truth.items() if key.startswith("good/")),
             *(_mt940_file(path) for path in sorted((close_dir / "mt940").glob("*.sta"))),
             *(_ofx_file(path) for path in sorted((close_dir / "ofx").glob("*.ofx")))]
    seeded = [_seeded(pdf_root, key, expected) for key, expected in truth.items() if "seeded_error" in expected]
    return ParsingScore(tuple(files), tuple(seeded))


def _json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise InputError(path, "is missing: the parsing evaluation's truth")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    return data


def _shown(path: Path) -> str:
    """The file as the table names it: its folder and name."""
    if path.parent.name in ("good", "bad_seeded_error"):
        return "/".join((HSBC_SHOWN, *path.parts[-2:]))
    return "/".join(path.parts[-2:])


# -- HSBC PDFs ----------------------------------------------------------------------


def _pdf_file(root: Path, key: str, expected: dict[str, Any]) -> FileScore:
    path = root / key
    (statement,) = read_statement(path)
    wrong = [*_summary_mismatches(statement, expected), *_proof_mismatches([statement]), *_unverified([statement])]
    return FileScore(_shown(path), "pdf", 1, int(not wrong), mismatches=tuple(wrong))


def _summary_mismatches(statement: Statement, expected: dict[str, Any]) -> list[str]:
    pairs: dict[str, object]
    if "new_balance" in expected:  # a card: what is owed is negative from the holder's side
        pairs = {"previous_balance": _value(statement.opening, -1), "debits": _value(statement.total_out),
                 "credits": _value(statement.total_in), "new_balance": _value(statement.closing, -1),
                 "statement_date": statement.period_end}
    else:
        period = f"{statement.period_start}/{statement.period_end}"
        pairs = {"opening_balance": _value(statement.opening), "payments_in": _value(statement.total_in),
                 "payments_out": _value(statement.total_out), "closing_balance": _value(statement.closing),
                 "period": period}
    return [f"{name} read {found}, truth {expected[name]}" for name, found in pairs.items()
            if _normal(found) != _normal(expected[name])]


def _value(figure: Any, sign: int = 1) -> Decimal | None:
    return figure.value * sign if figure is not None else None


def _normal(value: Any) -> str:
    """Figures to the cent, whether the truth holds them as JSON numbers or strings."""
    if isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value):
        value = Decimal(value)
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value.isoformat() if isinstance(value, date) else str(value)


def _proof_mismatches(statements: Sequence[Statement]) -> list[str]:
    return [f"does not prove: {f.message}" for f in prove(statements) if f.severity == "error"]


def _unverified(statements: Iterable[Statement]) -> list[str]:
    citations = [c for s in statements for c in _citations(s)]
    with CitationVerifier() as verifier:
        failed = [(c, verifier.verify(c)) for c in citations]
    return [f"citation {c.text!r} does not verify: {result.reason}" for c, result in failed if not result]


def _citations(statement: Statement) -> list[Any]:
    figures = [statement.opening, statement.closing, statement.total_in, statement.total_out]
    found = [line.citation for line in statement.lines]
    found += [line.balance.citation for line in statement.lines if line.balance and line.balance.citation]
    return found + [f.citation for f in figures if f is not None and f.citation is not None]


def _seeded(root: Path, key: str, expected: dict[str, Any]) -> SeededScore:
    """Caught: an error finding. Located: a finding that cites the altered figure on the
    page the truth names and states the difference to the cent."""
    description = str(expected["seeded_error"])
    page = int(_part(r"page (\d+)", description))
    altered = _part(r"(?:-> |changed to ')(\d[\d,]*\.\d\d)", description)
    difference = _part(r"(\d[\d,]*\.\d\d) discrepancy", description)
    findings = [f for f in prove(read_statement(root / key)) if f.severity == "error"]
    located = any(f"difference of {difference}" in f.message and
                  any(getattr(c, "page", None) == page and c.text == altered for c in f.citations) for f in findings)
    return SeededScore(_shown(root / key), bool(findings), located, tuple(f.message for f in findings))


def _part(pattern: str, description: str) -> str:
    match = re.search(pattern, description)
    if match is None:
        raise ValueError(f"the seeded error's description does not say /{pattern}/: {description!r}")
    return match.group(1)


# -- MT940 --------------------------------------------------------------------------


def _mt940_file(path: Path) -> FileScore:
    statements = read_statement(path)
    expected_path = path.with_name(f"{path.stem}.expected.json")
    if not expected_path.is_file():
        wrong = [*_proof_mismatches(statements), *_unverified(statements)]
        return FileScore(_shown(path), "mt940 (proved)", len(statements), 0 if wrong else len(statements),
                         mismatches=tuple(wrong))
    expected = _json(expected_path)
    transactions = expected["transactions"]
    lines = [line for statement in statements for line in statement.lines]
    wrong = [f"{len(lines)} transactions read, truth {len(transactions)}"] if len(lines) != len(transactions) else []
    bad_lines = [f"{line.id}: read {line.amount} on {line.date}, truth {_expected_amount(t)} on {t['date']}"
                 for line, t in zip(lines, transactions, strict=False)
                 if line.amount != _expected_amount(t) or line.date.isoformat() != t["date"]]
    wrong += bad_lines + _mt940_balances(path, statements, expected["statement"]) + _unverified(statements)
    exact_lines = min(len(lines), len(transactions)) - len(bad_lines)
    return FileScore(_shown(path), "mt940", len(statements), 0 if wrong else len(statements),
                     len(transactions), exact_lines, tuple(wrong))


def _expected_amount(transaction: dict[str, Any]) -> Decimal:
    amount = Decimal(transaction["amount"]["amount"])
    return -abs(amount) if transaction["status"] == "RC" else amount


def _mt940_balances(path: Path, statements: Sequence[Statement], expected: dict[str, Any]) -> list[str]:
    """The truth keeps the last balance of each tag (:60F:, :62F:, :60M:, :62M:); each is
    compared with the last statement whose balance came from that tag."""
    lines = path.read_text(encoding="utf-8").splitlines()
    read: dict[str, Decimal] = {}
    for statement in statements:
        for figure in (statement.opening, statement.closing):
            if figure is not None and isinstance(figure.citation, TextCitation):
                read[_BALANCE_KEYS[lines[figure.citation.line - 1][1:4]]] = figure.value
    return [f"{key} read {read.get(key)}, truth {expected[key]['amount']['amount']}" for key in _BALANCE_KEYS.values()
            if key in expected and read.get(key) != Decimal(expected[key]["amount"]["amount"])]


_BALANCE_KEYS = {"60F": "final_opening_balance", "62F": "final_closing_balance",
                 "60M": "intermediate_opening_balance", "62M": "intermediate_closing_balance"}


# -- OFX ----------------------------------------------------------------------------

_TRNAMT = re.compile(r"<TRNAMT>\s*([^<\s]+)", re.IGNORECASE)
_LEDGERBAL = re.compile(r"<LEDGERBAL>.*?<BALAMT>\s*([^<\s]+)", re.IGNORECASE | re.DOTALL)


def _ofx_file(path: Path) -> FileScore:
    statements = read_statement(path)
    text = path.read_text(encoding="utf-8")
    printed = [Decimal(v) for v in _TRNAMT.findall(text)]
    ledger = [Decimal(v) for v in _LEDGERBAL.findall(text)]
    lines = [line.amount for statement in statements for line in statement.lines]
    closing = [s.closing.value if s.closing else None for s in statements]
    wrong = [f"amounts read {[str(a) for a in lines]}, file {[str(a) for a in printed]}"] if lines != printed else []
    wrong += [f"ledger balances read {closing}, file {ledger}"] if closing != ledger else []
    wrong += _unverified(statements)
    exact = sum(a == b for a, b in zip(lines, printed, strict=False))
    return FileScore(_shown(path), "ofx", len(statements), 0 if wrong else len(statements), len(printed), exact,
                     tuple(wrong))
