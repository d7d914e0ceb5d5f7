"""The layouts evaluation as a text table (one row a family or real statement file, an
overall line, and every statement proven wrongly or crashed) and as JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from month_end_close.evaluation.layouts import GroupScore, LayoutScore, Verdict

_COLUMNS = ("exact", "proven", "refused", "proven_wrongly", "as_expected")


def table(score: LayoutScore) -> str:
    rows = [f"{'statement layout':48} {'statements':>10} {'exact':>6} {'proven':>6} {'refused':>7} "
            f"{'proven wrongly':>14} {'as expected':>11}"]
    rows += [_row(group) for group in score.groups]
    total = len(score.verdicts)
    target = "all as expected" if score.accuracy_in_force else "all as expected, not yet enforced"
    met = "met" if score.meets_target else "NOT MET"
    rows.append(f"other layouts: {total} statements in {len(score.groups)} rows, read exactly "
                f"{score.count('exact')}/{total}, proven {score.count('proven')}/{total}, refused "
                f"{score.count('refused')}/{total}, proven wrongly {score.count('proven_wrongly')} (must be 0), "
                f"as expected {score.count('as_expected')}/{total} (target: {target}): {met}")
    rows += [f"  note: {note}" for note in score.notes]
    rows += [f"  {_alarm(v)}: {v.file}#{v.index + 1}: {'; '.join(v.mismatches)}"
             for v in score.verdicts if v.proven_wrongly or v.crashed]
    return "\n".join(rows)


def _row(group: GroupScore) -> str:
    return (f"{group.name:48} {len(group.verdicts):10} {group.count('exact'):6} {group.count('proven'):6} "
            f"{group.count('refused'):7} {group.count('proven_wrongly'):14} {group.count('as_expected'):11}")


def _alarm(verdict: Verdict) -> str:
    return "PROVEN WRONGLY" if verdict.proven_wrongly else "CRASHED"


def to_dict(score: LayoutScore) -> dict[str, Any]:
    return {
        "statements": len(score.verdicts), **{name: score.count(name) for name in _COLUMNS},
        "accuracy_in_force": score.accuracy_in_force, "meets_target": score.meets_target, "notes": list(score.notes),
        "groups": [{"name": g.name, "statements": len(g.verdicts), **{name: g.count(name) for name in _COLUMNS},
                    "verdicts": [_verdict(v) for v in g.verdicts]} for g in score.groups],
    }


def _verdict(verdict: Verdict) -> dict[str, Any]:
    return {"file": verdict.file, "statement": verdict.index + 1, "outcome": verdict.outcome,
            "exact": verdict.exact, "proven": verdict.proven, "refused": verdict.refused,
            "proven_wrongly": verdict.proven_wrongly, "as_expected": verdict.as_expected,
            "crashed": verdict.crashed, "mismatches": list(verdict.mismatches)}
