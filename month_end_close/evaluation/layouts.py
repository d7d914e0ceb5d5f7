"""Statements of any layout against their truth: read exactly, proven, refused, and
proven wrongly (the one outcome that must never happen).

Each statement's truth is an `Expected` (the corpus's `statements_more` files and the
generated families each make them: `statements_more`, `generated`). The statement
file is read through the close's own entry point, `read_statement`, and each
statement it gives is judged against the truth in the order printed:

- read exactly: the opening, the closing and every line's date and amount equal the
  truth (lines compared as a multiset: the order of the lines is not the point);
- proven: read, with an opening and a closing, and no finding against it: neither the
  proof (`statement_findings`) nor the reader (the statement's own `findings`, where it
  carries them) reports an error or says unproved or ambiguous. A warning alone (a lone
  running balance misprinted while the lines agree with the balances on both sides, as
  on the real Gravy Toast statement) leaves it proven: the lines are right;
- refused: the file could not be read as a statement (an input error, exit 2), or the
  reader gave fewer statements than the file holds;
- proven wrongly: proven although the lines are not exact, or although the statement
  was built so that it cannot prove (a corrupted running balance) or cannot settle its
  dates (ambiguous): a silent guess counts here even when it happens to be right;
- as expected: the outcome the truth asks for (`exact`: read exactly and proven;
  `unproved`: read exactly, not proven, a finding naming the line where the running
  balance first breaks; `ambiguous_dates`: amounts and balances right, not proven, a
  finding that says the dates are ambiguous).

A reader that crashes (anything but an input error) is counted refused and fails the
evaluation: an internal error is never an acceptable answer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from month_end_close.evaluation.layouts_report import table, to_dict
from month_end_close.proof import statement_findings
from month_end_close.records import Statement
from month_end_close.statements import read_statement
from shared.errors import InputError
from shared.findings import Finding

# The targets for statements of other layouts: every one as expected (which includes
# read exactly and proven for the ordinary ones). Not yet part of the evaluation's
# verdict while the layout-agnostic reader (issue 15) is written; switch this on, and
# tests/month_end_close/test_parsing_eval.py asserts them per family as well.
ACCURACY_IN_FORCE = True


@dataclass(frozen=True)
class Expected:
    """One statement's truth, whatever its source. `first_break` is 1-based."""

    group: str
    path: Path
    index: int
    opening: Decimal
    closing: Decimal
    lines: tuple[tuple[date, Decimal], ...]
    outcome: str = "exact"
    first_break: int | None = None


@dataclass(frozen=True)
class Verdict:
    file: str
    index: int
    outcome: str
    exact: bool
    proven: bool
    refused: bool
    as_expected: bool
    crashed: bool = False
    mismatches: tuple[str, ...] = ()

    @property
    def proven_wrongly(self) -> bool:
        return self.proven and (not self.exact or self.outcome != "exact")


@dataclass(frozen=True)
class GroupScore:
    """One row of the table: a family of generated layouts, or one real statement file."""

    name: str
    verdicts: tuple[Verdict, ...]

    def count(self, what: str) -> int:
        return sum(bool(getattr(v, what)) for v in self.verdicts)


@dataclass(frozen=True)
class LayoutScore:
    groups: tuple[GroupScore, ...]
    notes: tuple[str, ...] = ()  # what could not be scored, and why

    @property
    def verdicts(self) -> tuple[Verdict, ...]:
        return tuple(v for g in self.groups for v in g.verdicts)

    def count(self, what: str) -> int:
        return sum(g.count(what) for g in self.groups)

    @property
    def meets_accuracy(self) -> bool:
        return all(v.as_expected for v in self.verdicts)

    @property
    def accuracy_in_force(self) -> bool:
        return ACCURACY_IN_FORCE

    @property
    def meets_target(self) -> bool:
        """No statement proven wrongly and no crash, always; with `ACCURACY_IN_FORCE`,
        every statement as expected too."""
        safe = self.count("proven_wrongly") == 0 and self.count("crashed") == 0
        return safe and (self.meets_accuracy or not ACCURACY_IN_FORCE)

    def table(self) -> str:
        return table(self)

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


def evaluate_layouts(expected: Iterable[Expected], notes: Iterable[str] = ()) -> LayoutScore:
    """Every statement file of the truth read once, its statements judged; one group a
    row, in the order first met."""
    by_file: dict[Path, list[Expected]] = {}
    for item in expected:
        by_file.setdefault(item.path, []).append(item)
    groups: dict[str, list[Verdict]] = {}
    for path, items in by_file.items():
        for item, verdict in zip(items, judge_file(path, items), strict=True):
            groups.setdefault(item.group, []).append(verdict)
    return LayoutScore(tuple(GroupScore(name, tuple(v)) for name, v in groups.items()), tuple(notes))


def judge_file(path: Path, expected: Sequence[Expected]) -> list[Verdict]:
    try:
        statements = read_statement(path)
    except InputError as error:
        return [_refused(item, f"refused: {error}") for item in expected]
    except Exception as error:  # a crash is scored (and fails the evaluation), not raised
        return [_refused(item, f"reader crashed: {type(error).__name__}: {error}", crashed=True) for item in expected]
    extra = [f"the file was read as {len(statements)} statement(s), the truth has {len(expected)}"] \
        if len(statements) != len(expected) else []
    return [judge(statements[item.index], item, extra) if item.index < len(statements)
            else _refused(item, extra[0]) for item in expected]


def _refused(item: Expected, why: str, crashed: bool = False) -> Verdict:
    return Verdict(item.path.name, item.index, item.outcome, False, False, True, False, crashed, (why,))


def judge(statement: Statement, item: Expected, extra: Sequence[str] = ()) -> Verdict:
    findings = _findings(statement)
    wrong = [*extra, *_differences(statement, item)]
    exact = not wrong
    proven = (statement.opening is not None and statement.closing is not None
              and not any(_against(f) for f in findings))
    expected = _as_expected(statement, item, exact, proven, findings)
    shown = wrong + ([] if proven else [f"not proven: {f.code}: {f.message}" for f in findings if _against(f)][:2])
    return Verdict(item.path.name, item.index, item.outcome, exact, proven, False, expected, False, tuple(shown))


def _findings(statement: Statement) -> list[Finding]:
    own = getattr(statement, "findings", None) or ()
    return [*statement_findings(statement), *own]


def _against(finding: Finding) -> bool:
    return finding.severity == "error" or "unproved" in finding.code or "ambiguous" in finding.code


def _as_expected(statement: Statement, item: Expected, exact: bool, proven: bool, findings: Sequence[Finding]) -> bool:
    if item.outcome == "exact":
        return exact and proven
    if proven:
        return False
    if item.outcome == "unproved":
        return exact and _names_break(statement, item, findings)
    amounts_right = not _differences(statement, item, dates=False)
    return amounts_right and any("ambiguous" in f.code or "ambiguous" in f.message.lower() for f in findings)


def _names_break(statement: Statement, item: Expected, findings: Sequence[Finding]) -> bool:
    if item.first_break is None or item.first_break > len(statement.lines):
        return False
    line_id = statement.lines[item.first_break - 1].id
    return any(f.severity != "info" and (f.subject == line_id or f"({line_id})" in f.message) for f in findings)


def _differences(statement: Statement, item: Expected, dates: bool = True) -> list[str]:
    wrong = [f"{name} read {_shown(figure)}, truth {truth}" for name, figure, truth in
             (("opening", statement.opening, item.opening), ("closing", statement.closing, item.closing))
             if figure is None or figure.value != truth]
    read = Counter((line.date if dates else None, line.amount) for line in statement.lines)
    truth = Counter((day if dates else None, amount) for day, amount in item.lines)
    if read != truth:
        wrong.append(_line_differences(read, truth))
    return wrong


def _line_differences(read: Counter[Any], truth: Counter[Any]) -> str:
    missing, extra = truth - read, read - truth
    text = f"{sum(read.values())} lines read, truth {sum(truth.values())}"
    if missing:
        text += f"; {sum(missing.values())} not read, first {_pair(min(missing, key=_order))}"
    if extra:
        text += f"; {sum(extra.values())} not in the truth, first {_pair(min(extra, key=_order))}"
    return text


def _order(pair: tuple[date | None, Decimal]) -> tuple[date, Decimal]:
    return (pair[0] or date.min, pair[1])


def _pair(pair: tuple[date | None, Decimal]) -> str:
    return f"{pair[0].isoformat() + ' ' if pair[0] else ''}{pair[1]:+,.2f}"


def _shown(figure: Any) -> str:
    return "nothing" if figure is None else f"{figure.value:,.2f}"
