"""Wall time and memory of `finagents batch kyc` over generated cases, `--jobs 2` against
one case at a time.

    .venv/bin/python benchmarks/batch_kyc.py [--cases 50] [--jobs 2]

The cases are the KYC case generator's (fixtures/kyc/generate_cases.py: its seven
committed cases, taken in turn), written to a temporary folder, screened against a list
of made-up names put in force in a temporary user data folder: no corpus is needed and
nothing of the user's is read or written. Each configuration is measured in a child
process of its own (`--measure`), which runs the batch as the `finagents` command, so
that its figures are its own:
- wall time, and cases a minute;
- peak memory, children included: `getrusage(RUSAGE_CHILDREN).ru_maxrss`, the largest
  resident set of any one process of the batch (the batch, its fork server, a case);
- peak memory together: the largest sum of the resident sets of the batch's processes at
  one moment, sampled from /proc every 0.1 s (what the machine must hold at once).
Targets: every case at its review gate in both, with the same status, headline and
findings per case; `--jobs 2` faster than one at a time.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

FINAGENTS = "import sys; from shared.cli import main; sys.exit(main())"
PAGE = os.sysconf("SC_PAGE_SIZE")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=2, help="the parallel configuration, measured against --jobs 1")
    parser.add_argument("--measure", nargs=3, metavar=("JOBS", "CASES_DIR", "WORKDIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:  # the child process of one configuration
        print(json.dumps(measure(int(args.measure[0]), Path(args.measure[1]), Path(args.measure[2]))))
        return 0
    with tempfile.TemporaryDirectory(prefix="batch-kyc-") as folder:
        cases = prepare(Path(folder), args.cases)
        one, many = (child(jobs, cases, Path(folder) / f"jobs-{jobs}") for jobs in (1, args.jobs))
    return report(args, one, many)


def prepare(folder: Path, count: int) -> Path:
    """The cases, and a made-up list in force in a user data folder of this run's own."""
    from tests.support.batch_cases import generated_kyc_cases, kyc_cases, made_up_list_in_force

    home = folder / "home"
    os.environ.update({"HOME": str(home), **{name: str(home / name.lower()) for name in
                       ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")}})
    made_up_list_in_force(folder / "list")
    return kyc_cases(folder / "cases", generated_kyc_cases(folder / "generated"), count)


def child(jobs: int, cases: Path, workdir: Path) -> dict:
    workdir.mkdir()
    done = subprocess.run([sys.executable, __file__, "--measure", str(jobs), str(cases), str(workdir)],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def measure(jobs: int, cases: Path, workdir: Path) -> dict:
    """One batch, timed, its memory read; its rows as the CSV gives them."""
    started = time.perf_counter()
    batch = subprocess.Popen([sys.executable, "-c", FINAGENTS, "batch", "kyc", str(cases), "--jobs", str(jobs),
                              "--out", str(workdir / "batch"), "--quiet"], cwd=workdir, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    together = 0
    while batch.poll() is None:
        together = max(together, resident_sum(batch.pid))
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    with (workdir / "batch" / "batch.csv").open(newline="", encoding="utf-8") as handle:
        rows = [[row["case"], row["status"], row["headline"], row["findings_error"], row["findings_warning"],
                 row["findings_info"]] for row in csv.DictReader(handle)]
    return {"jobs": jobs, "exit": batch.returncode, "seconds": seconds, "rows": rows,
            "peak_one_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            "peak_together_mib": together / 2**20}


def resident_sum(group: int) -> int:
    """Bytes resident in every process of process group `group` now (Linux /proc)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # ended meanwhile
            continue
        if int(fields[2]) == group:  # fields from the state on: state, ppid, pgrp, ... rss is the 22nd
            total += int(fields[21]) * PAGE
    return total


def report(args: argparse.Namespace, one: dict, many: dict) -> int:
    print(f"{args.cases} generated KYC cases (the generator's 7 in turn), a made-up list in force; "
          f"{os.cpu_count()} CPUs")
    print(f"{'jobs':>4} {'wall s':>8} {'cases/min':>10} {'peak MiB, one process':>22} {'peak MiB, together':>19} "
          f"{'at gate':>8}")
    for run in (one, many):
        at_gate = sum(row[1] == "awaiting_review" for row in run["rows"])
        print(f"{run['jobs']:>4} {run['seconds']:8.1f} {60 * len(run['rows']) / run['seconds']:10.1f} "
              f"{run['peak_one_mib']:22.0f} {run['peak_together_mib']:19.0f} {at_gate:>8}")
    print(f"ratio --jobs 1 / --jobs {args.jobs} wall time: {one['seconds'] / many['seconds']:.2f}x; "
          f"memory together: {many['peak_together_mib'] / one['peak_together_mib']:.2f}x")
    targets = [("every case at its review gate in both", all(run["exit"] == 0 and len(run["rows"]) == args.cases
                                                            for run in (one, many))),
               ("the same status, headline and findings per case in both", one["rows"] == many["rows"]),
               (f"--jobs {args.jobs} faster than one at a time", many["seconds"] < one["seconds"])]
    for label, met in targets:
        print(f"  {'met    ' if met else 'NOT MET'}  {label}")
    return 0 if all(met for _, met in targets) else 1


if __name__ == "__main__":
    sys.exit(main())
