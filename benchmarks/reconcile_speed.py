"""Speed, memory and accuracy of bank-to-book matching, against a straightforward
pairwise matcher measured in the same run.

    .venv/bin/python benchmarks/reconcile_speed.py [--sizes 10000 30000 100000] [--baseline 10000] [--run]
        [--generators synthetic books]

Closes are made by both fixture generators, each another view of real books
(`fixtures/close/synthetic.py` and `fixtures/close/books/`, seed 2024), with the
reconciling items a real close has, written to a temporary folder and read back with the
workflow's readers. Recall is printed overall and for one-to-many and many-to-one matches
on their own (they are few among many pairs, and the hardest at scale). Each size is
measured in a child process of its own, so its peak memory (maximum resident set) is its
own. The baseline compares each bank line with every unmatched ledger line and takes the
one of the same amount nearest in date within the window; it is timed on `--baseline`
lines a side, where it can finish, and our matcher is timed on the same close. With
`--run`, the whole `finagents run month_end_close` on the largest size (every output, the
workbook and the checkpoints included) is timed too. Targets: matching 100,000 lines a
side in under 10 s and 2 GiB, cost growing close to linearly with size; the whole run in
under a minute and 2 GiB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "fixtures" / "close"))

SEED = 2024


def write_close(generator: str, size: int, folder: Path) -> None:
    if generator == "books":
        from fixtures.close.books import make_close
        from fixtures.close.books import write_close as write_books

        write_books(make_close(size, SEED, "2024-05"), folder)
        return
    from synthetic import generate_case, write_case

    write_case(generate_case(size, SEED), folder)


def pairwise(bank, ledger, window: int) -> set[tuple[str, str]]:
    """The baseline: each bank line compared with every unmatched ledger line, taking the
    one of the same amount nearest in date within the window."""
    free, found = dict.fromkeys(ledger), set()
    for line in bank:
        best = None
        for candidate in free:
            days = abs((line.date - candidate.date).days)
            if candidate.amount == line.amount and days <= window and (best is None or days < best[0]):
                best = (days, candidate)
        if best is not None:
            found.add((line.id, best[1].id))
            del free[best[1]]
    return found


def measure(folder: Path, baseline: bool) -> dict:
    """In the child: read, match (and the baseline), score against the truth."""
    from month_end_close.bank_to_book import reconcile_close
    from month_end_close.context import Context
    from month_end_close.evaluation.matching import score_reconciliation
    from month_end_close.folder import cash_account, read_books, read_statements
    from shared.engagement import read_toml

    settings = Context.model_validate(read_toml(folder / "close.toml"))
    started = time.perf_counter()
    statements, books = read_statements(folder, settings), read_books(folder, settings)
    cash = cash_account(books, settings.cash_account, folder)
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    rec = reconcile_close(statements, books, cash, settings)
    match_s = time.perf_counter() - started
    truth = json.loads((folder / ".truth.json").read_text())
    bank, ledger = [l for s in statements for l in s.lines], [l for l in books.ledger if l.account == cash]
    score = score_reconciliation(folder.name, truth, rec, bank, ledger)
    figures = {"lines": len(bank), "read_s": read_s, "match_s": match_s, **_figures(score)}
    if baseline:
        started = time.perf_counter()
        found = pairwise(bank, ledger, settings.window_days)
        figures["baseline_s"] = time.perf_counter() - started
        figures["baseline"] = _figures(score_reconciliation(folder.name, truth, _Found(found), bank, ledger))
    figures["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


class _Found:
    """The baseline's pairs in the shape the scorer reads (nothing left over is classified)."""

    def __init__(self, found: set) -> None:
        from month_end_close.reconcile.model import Match, ReconciliationStatement

        self.matches = [Match((b,), (l,), "date_window", 0) for b, l in found]
        self.bank_only = self.ledger_only = ()
        self.statement = ReconciliationStatement(*(0,) * 2, (), *(0,) * 3)


def _figures(score) -> dict:
    kinds = {kind: right / true for kind, (right, true) in score.by_kind.items() if true}
    return {"precision": float(score.precision), "recall": float(score.recall),
            "one_to_many": kinds.get("one_to_many", 1.0), "many_to_one": kinds.get("many_to_one", 1.0)}


def child(generator: str, size: int, baseline: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "close"
        write_close(generator, size, folder)
        command = [sys.executable, __file__, "--child", str(folder)] + (["--with-baseline"] if baseline else [])
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def whole_run(generator: str, size: int) -> tuple[float, float]:
    finagents = Path(sys.executable).with_name("finagents")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "close"
        write_close(generator, size, folder)
        started = time.perf_counter()
        subprocess.run([str(finagents), "run", "month_end_close", str(folder), "--out", str(Path(tmp) / "run")],
                       check=True, capture_output=True)
        seconds = time.perf_counter() - started
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def report(args: argparse.Namespace) -> int:
    verdicts = []
    for generator in args.generators:
        verdicts += _generator_report(generator, args)
    for label, ok in verdicts:
        print(f"  {'met    ' if ok else 'NOT MET'}  {label}")
    return 0 if all(ok for _, ok in verdicts) else 1


def _generator_report(generator: str, args: argparse.Namespace) -> list[tuple[str, bool]]:
    print(f"\n{generator}\n{'lines a side':>12} {'read s':>7} {'match s':>8} {'peak MiB':>9} {'precision':>9} "
          f"{'recall':>7} {'1-to-many':>9} {'many-to-1':>9}")
    rows = []
    for size in args.sizes:
        row = child(generator, size, baseline=False)
        rows.append(row)
        print(f"{row['lines']:>12,} {row['read_s']:7.2f} {row['match_s']:8.2f} {row['peak_mib']:9.0f} "
              f"{row['precision']:9.2%} {row['recall']:7.2%} {row['one_to_many']:9.2%} {row['many_to_one']:9.2%}")
    small = child(generator, args.baseline, baseline=True)
    ratio = small["baseline_s"] / small["match_s"]
    print(f"on {small['lines']:,} lines a side: ours {small['match_s']:.3f} s (precision {small['precision']:.2%}, "
          f"recall {small['recall']:.2%}); pairwise {small['baseline_s']:.2f} s (precision "
          f"{small['baseline']['precision']:.2%}, recall {small['baseline']['recall']:.2%}): {ratio:.0f}x")
    largest, first = rows[-1], rows[0]
    growth = (largest["match_s"] / first["match_s"]) / (largest["lines"] / first["lines"])
    print(f"time per line, largest against smallest size: {growth:.2f} (1.00 = linear)")
    name = f"{generator} {largest['lines']:,} lines"
    verdicts = [(f"{name}: match under 10 s", largest["match_s"] < 10),
                (f"{name}: under 2 GiB", largest["peak_mib"] < 2048),
                (f"{name}: recall >= 0.98", largest["recall"] >= 0.98),
                (f"{name}: one-to-many and many-to-one recall >= 0.95",
                 min(largest["one_to_many"], largest["many_to_one"]) >= 0.95)]
    if args.run:
        seconds, mib = whole_run(generator, args.sizes[-1])
        print(f"whole finagents run on {args.sizes[-1]:,} lines a side: {seconds:.1f} s, peak {mib:.0f} MiB")
        verdicts += [(f"{name}: whole run under 60 s", seconds < 60), (f"{name}: whole run under 2 GiB", mib < 2048)]
    return verdicts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--baseline", type=int, default=10_000)
    parser.add_argument("--run", action="store_true")
    parser.add_argument("--generators", nargs="+", choices=("synthetic", "books"), default=["synthetic", "books"])
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--with-baseline", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.with_baseline)))
        return 0
    return report(args)


if __name__ == "__main__":
    sys.exit(main())
