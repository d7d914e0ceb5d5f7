"""The parsing evaluation as a text table: one row a fixture file, the seeded errors,
the totals against the target and every mismatch."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from month_end_close.evaluation.parsing import ParsingScore


def table(score: ParsingScore) -> str:
    rows = [f"{'statement file':58} {'kind':14} {'statements':>10} {'exact':>6} {'lines':>6} {'exact':>6}"]
    for f in score.files:
        lines = f"{f.transactions:6} {f.transactions_exact:6}" if f.transactions else f"{'-':>6} {'-':>6}"
        rows.append(f"{f.path:58} {f.kind:14} {f.statements:10} {f.statements_exact:6} {lines}")
    for s in score.seeded:
        rows.append(f"seeded error {s.path}: {'caught' if s.caught else 'NOT caught'}, "
                    f"{'located' if s.located else 'NOT located'}")
    met = "met" if score.meets_target else "NOT MET"
    rows.append(f"statements exact {score.statements_exact}/{score.statements_checked}, transactions exact "
                f"{score.transactions_exact}/{score.transactions_checked}, seeded errors caught "
                f"{score.seeded_caught}/{len(score.seeded)} and located {score.seeded_located}/{len(score.seeded)} "
                f"(target: all): {met}")
    rows += [f"  mismatch: {m}" for m in score.mismatches]
    return "\n".join(rows)
