"""The text table `finagents eval kyc` prints."""

from __future__ import annotations

import textwrap
from decimal import Decimal
from typing import TYPE_CHECKING

from kyc.evaluation.labelled import LabelledScore, Outcome
from kyc.evaluation.metrics import Counts, pct
from kyc.evaluation.targets import ORIGINAL_SCRIPT_TARGET, PROBE_THRESHOLD, TARGETS

if TYPE_CHECKING:
    from kyc.evaluate import Report

WORST = 20


def table(report: Report) -> str:
    lines = [f"KYC screening evaluation at threshold {report.threshold} (kyc setting screening_threshold)", ""]
    for labelled in report.generated:
        lines += _labelled(labelled)
    verdict = "met" if report.meets_targets else "NOT MET"
    lines += [f"targets on the set above: recall >= {pct(TARGETS['recall'])}, "
              f"precision >= {pct(TARGETS['precision'])}: {verdict}", ""]
    lines += _senzing(report)
    lines += _cross_script(report)
    lines += _original_script(report)
    for labelled in report.generated:
        lines += _worst(labelled)
    return "\n".join(lines).rstrip()


def _header() -> str:
    return f"  {'':34} {'TP':>5} {'FP':>5} {'FN':>5} {'precision':>9} {'recall':>7} {'F1':>7}"


def _counts(label: str, counts: Counts) -> str:
    return (f"  {label:34} {counts.tp:5} {counts.fp:5} {counts.fn:5} {pct(counts.precision):>9} "
            f"{pct(counts.recall):>7} {pct(counts.f1):>7}")


def _labelled(s: LabelledScore) -> list[str]:
    title = "Generated SDN set" if s.source.endswith("sdn_variants.csv") else "Labelled set"
    lines = [f"{title} {s.source}: {len(s.outcomes)} queries against OFAC SDN "
             f"({s.seconds} s; counted per query)", _header(), _counts("finagents", s.counts),
             f"  (plus {s.extra_hits} further hits on other entries beside a right one)", "",
             f"  {'kind':34} {'queries':>7} {'right':>7} {'rate':>7}"]
    for kind, (n, ok) in s.by_kind().items():
        right = "no hit" if kind.startswith("decoy") else "hit"
        lines.append(f"  {kind:34} {n:7} {ok:7} {pct_of(ok, n):>7}   (right = {right})")
    return lines + [""]


def pct_of(part: int, whole: int) -> str:
    return pct(Decimal(part) / Decimal(whole)) if whole else "-"


def _senzing(report: Report) -> list[str]:
    z = report.senzing
    unnamed = ", ".join(z.unnamed) or "none"
    return [
        f"Senzing truth set: {z.customers} customers x {z.watchlist} watchlist records "
        f"= {z.customers * z.watchlist} pairs, {len(z.truth)} of them true (shared CLUSTER_ID)",
        _header(),
        _counts("finagents (name, DOB, country)", z.counts),
        _counts("alternate (+ phone, e-mail, IDs)", z.alternate_counts),
        "  Same pairs, not the same evidence: the alternate result also used phone numbers, e-mail",
        "  addresses and identifiers; finagents screens on name, date of birth and country only.",
        f"  Watchlist records with no name (matchable only on that other evidence): {unnamed}.",
        *_wrapped("finagents missed (customer/watchlist: score, '-' = not a candidate): "
                  + (", ".join(f"{c}/{w}: {'-' if v is None else v}" for (c, w), v in z.missed_scores.items())
                     or "none")),
        *_wrapped("finagents wrong: "
                  + (", ".join(f"{c}/{w}: {z.ours[(c, w)]}" for c, w in sorted(set(z.ours) - z.truth)) or "none")),
        "",
    ]


def _wrapped(text: str) -> list[str]:
    return textwrap.wrap(text, width=100, initial_indent="  ", subsequent_indent="    ")


def _cross_script(report: Report) -> list[str]:
    c = report.cross_script
    return [
        f"Cross-script pairs (watchman): {len(c.pairs)} pairs; expected name hit at or above "
        f"{c.threshold} with no wrong hit: {c.found} ({pct_of(c.found, len(c.pairs))}); "
        f"pairs with a wrong hit: {c.with_wrong_hits}",
        f"  at or above watchman's own minimum score for the pair: {c.at_watchman_minimum}; "
        f"not even a candidate: {sum(p.score is None for p in c.pairs)}",
        "  Indicative only: those minimum scores were tuned to watchman's embedding model.",
        "",
    ]


def _original_script(report: Report) -> list[str]:
    u = report.original_script
    kinds = ", ".join(f"{kind} {found} of {n}" for kind, (n, found) in sorted(u.by_type().items()))
    verdict = "met" if u.rate >= ORIGINAL_SCRIPT_TARGET else "NOT MET"
    return [
        f"UN list, names in their original script (that alias left out of its entry): {u.found} of "
        f"{len(u.outcomes)} found at {u.threshold} ({u.rate}; target >= {ORIGINAL_SCRIPT_TARGET}: {verdict})",
        f"  {kinds}; wrong top hits (another entry above the entry's own): {u.wrong_top}",
        "",
    ]


def _worst(s: LabelledScore) -> list[str]:
    misses, wrong = s.misses(), s.false_positives()
    lines = [f"Worst misses ({min(WORST, len(misses))} of {len(misses)}; expected entry's score below the line):"]
    lines += [f"  {_describe(o)}  expected {o.row.expected_entry_id} scored "
              f"{o.expected_score if o.expected_score is not None else f'<{PROBE_THRESHOLD}'}" for o in misses[:WORST]]
    lines += ["", f"Worst false positives ({min(WORST, len(wrong))} of {len(wrong)}; highest hit first):"]
    lines += [f"  {_describe(o)}  hit {o.hits[0].entry_id} {o.hits[0].matched_name!r} at {o.hits[0].score}"
              for o in wrong[:WORST]]
    return lines + [""]


def _describe(o: Outcome) -> str:
    row = o.row
    extra = "".join(f" {k}={v}" for k, v in (("dob", row.dob), ("country", row.country)) if v)
    return f"{row.id} {row.variant_kind:22} {row.name!r}{extra} (from {row.source_name!r}: {row.detail})"
