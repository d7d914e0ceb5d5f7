"""Runs of one runs folder share its SQLite database, and a batch starts its first cases
together on a new folder: each run's saver setup (the switch to WAL, the tables) must not
fail because another is doing the same at that moment. A race: before the setup lock,
this test failed in about one run in three ("database is locked"), as a batch of the
three samples did now and then (test_batch, --jobs 2)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

from shared.runs.checkpoint import _sqlite

STARTS = 6


def _open(database: str, barrier: multiprocessing.synchronize.Barrier, failures: multiprocessing.Queue) -> None:
    barrier.wait()
    try:
        with _sqlite(Path(database), JsonPlusSerializer(), create=True) as saver:
            saver.setup()
    except Exception as exc:  # any failure is what the test counts
        failures.put(f"{type(exc).__name__}: {exc}")


def test_runs_starting_together_on_a_new_database_all_set_it_up(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    failures = []
    for trial in range(20):
        database = tmp_path / f"trial-{trial}" / "checkpoints.sqlite"
        barrier, queue = context.Barrier(STARTS), context.Queue()
        starts = [context.Process(target=_open, args=(str(database), barrier, queue)) for _ in range(STARTS)]
        for start in starts:
            start.start()
        for start in starts:
            start.join(60)
        failures += [queue.get() for _ in range(queue.qsize())]
        assert [start.exitcode for start in starts] == [0] * STARTS
        assert database.is_file()
    assert failures == []
