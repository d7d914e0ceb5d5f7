"""Which tests are slow (tests/slow.txt), by measured cost.

`make check` runs the fast subset, `pytest -m "not slow"`; tests/conftest.py marks `slow`
every test that tests/slow.txt names, and every test that uses a fixture it names. The
list is measured, not guessed:
- a module- or session-scoped fixture is slow when setting it up once took SLOW_SETUP
  seconds or more (it costs that much to the first test asking for it, whichever that
  is, so every test using it is left out, and the fast subset never pays for it);
- a test function is slow when its cases (each its call and its function-scoped
  fixtures, the autouse ones among them) took SLOW_CALL seconds or more at the median,
  or SLOW_FUNCTION seconds or more together leaving out the costliest: that one may
  have paid for something loaded once per process (a country table, a transliterator),
  which the next test would pay for if this one were left out.

A `keep PATH::FUNCTION` line is the exception, chosen and said why: a test `make check`
runs whatever it costs, because without it the fast subset would run no function of some
module (a workflow's body, its report view, an evaluation's scoring). Renewing the list
keeps those lines as they are.

To renew it, measure a run (the whole suite, with the corpus) and read the measure:

    .venv/bin/python -m pytest --measure-cost /tmp/cost.json
    .venv/bin/python -m tests.support.slow_list /tmp/cost.json

`--fresh` starts the list from nothing; otherwise what is measured slow is added to it.
tests/test_slow_list.py fails when the list names a test or a fixture that no longer exists.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

LIST = Path(__file__).resolve().parents[1] / "slow.txt"
SLOW_SETUP = 0.3
SLOW_CALL = 0.3
SLOW_FUNCTION = 0.5
FIXTURE = "fixture "
KEEP = "keep "
HEADER = """\
# Tests `make check` leaves out (pytest -m "not slow"); `make test` runs them all.
# Measured, not chosen: tests/support/slow_list.py gives the rule and how to renew the list.
# `fixture BASEID::NAME`: every test using that fixture; `PATH::FUNCTION`: every case of it;
# `keep PATH::FUNCTION  # why`: run by `make check` whatever it costs, for the modules it touches.
"""


def _entries(path: Path) -> list[tuple[str, str]]:
    """(entry, the line as written) for each entry; a comment after `#` is not the entry."""
    if not path.is_file():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [(line.split("#", 1)[0].strip(), line) for line in lines if line and not line.startswith("#")]


def read_list(path: Path = LIST) -> set[str]:
    return {entry for entry, _ in _entries(path)}


def function_id(nodeid: str) -> str:
    """`tests/x/test_y.py::test_z[case]` -> `tests/x/test_y.py::test_z`."""
    return nodeid.split("[", 1)[0]


def fixture_id(baseid: str, name: str) -> str:
    """A fixture by where it is defined (its conftest's folder or its module) and its name:
    two fixtures of one name in two modules are two entries."""
    return f"{FIXTURE}{baseid}::{name}"


def is_listed(nodeid: str, fixtures: Iterable[str], listed: set[str]) -> bool:
    """Whether the test is slow: named, or using a fixture named, and not kept."""
    if KEEP + function_id(nodeid) in listed:
        return False
    return function_id(nodeid) in listed or any(f in listed for f in fixtures)


@dataclass
class Costs:
    """What a measured run records: each shared fixture's setup times, and each test
    function's cases (call plus function-scoped setup)."""

    setups: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    calls: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    _pending: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def set_up(self, fixture: str, nodeid: str, shared: bool, started: float) -> None:
        """A fixture's setup, begun at `started` (time.perf_counter) for the test `nodeid`:
        a shared one is the fixture's cost, any other the test's."""
        seconds = time.perf_counter() - started
        if shared:
            self.setups[fixture].append(seconds)
        else:
            self._pending[nodeid] += seconds

    def called(self, nodeid: str, started: float) -> None:
        """The test `nodeid` called at `started`, and now returned."""
        seconds = time.perf_counter() - started
        self.calls[function_id(nodeid)].append(seconds + self._pending.pop(nodeid, 0.0))

    def write(self, path: Path) -> None:
        path.write_text(json.dumps({"setups": self.setups, "calls": self.calls}, indent=1), encoding="utf-8")


class CostMeasure:
    """The pytest plugin `--measure-cost FILE` registers: it times every fixture's setup
    and every test's call, and writes the Costs to FILE at the end of the session."""

    def __init__(self, destination: Path) -> None:
        self.destination = destination
        self.costs = Costs()

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(self, fixturedef: pytest.FixtureDef, request: pytest.FixtureRequest) -> Iterator[Any]:
        started = time.perf_counter()
        try:
            return (yield)
        finally:
            # The autouse fixtures of tests/conftest.py are function-scoped: each test's own cost.
            shared = fixturedef.scope != "function"
            self.costs.set_up(fixture_id(fixturedef.baseid, fixturedef.argname), request.node.nodeid, shared, started)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Iterator[None]:
        started = time.perf_counter()
        try:
            return (yield)
        finally:
            self.costs.called(item.nodeid, started)

    def pytest_sessionfinish(self) -> None:
        self.costs.write(self.destination)


def slow_entries(measure: dict[str, dict[str, list[float]]]) -> set[str]:
    fixtures = {name for name, times in measure["setups"].items() if max(times) >= SLOW_SETUP}
    calls = {name for name, times in measure["calls"].items()
             if statistics.median(times) >= SLOW_CALL or sum(times) - max(times) >= SLOW_FUNCTION}
    return fixtures | calls


def main(argv: list[str]) -> int:
    fresh = "--fresh" in argv
    measures = [Path(a) for a in argv if a != "--fresh"]
    if not measures:
        print(__doc__, file=sys.stderr)
        return 2
    kept = [line for entry, line in _entries(LIST) if entry.startswith(KEEP)]
    entries = set() if fresh else {e for e in read_list() if not e.startswith(KEEP)}
    for measure in measures:
        entries |= slow_entries(json.loads(measure.read_text(encoding="utf-8")))
    fixtures = sorted(e for e in entries if e.startswith(FIXTURE))
    functions = sorted(e for e in entries if not e.startswith(FIXTURE))
    LIST.write_text(HEADER + "".join(f"{e}\n" for e in [*kept, *fixtures, *functions]), encoding="utf-8")
    print(f"{LIST}: {len(fixtures)} slow fixtures, {len(functions)} slow test functions, {len(kept)} kept")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
