"""The driver's `after_step` hook (the kill-at-a-boundary tests stop runs with it): told
each step's name in order, once the checkpointer holds that step's writes, and nothing
for the input or the gate's interrupt. A run without a hook is the run the CLI makes."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from shared.engagement import find_engagement
from shared.runs.checkpoint import CHECKPOINT_DB
from shared.runs.driver import start_run
from shared.workflows import get_workflow


def saved_channels(database: Path) -> set[str]:
    with sqlite3.connect(database) as connection:
        return {channel for (channel,) in connection.execute("SELECT channel FROM writes")}


def test_after_step_hears_each_step_once_its_writes_are_saved(toy_project: Path) -> None:
    out = toy_project / "run"
    heard: list[tuple[str, set[str]]] = []

    def after_step(node: str) -> None:
        heard.append((node, saved_channels(out / CHECKPOINT_DB)))

    outcome = start_run(get_workflow("kyc"), toy_project / "case" / "lines.csv",
                        engagement=find_engagement(None, toy_project), options={}, out=out, environ=os.environ,
                        after_step=after_step)
    assert outcome.status == "awaiting_review"
    assert [node for node, _ in heard] == ["read", "label", "draft_outputs"]
    read, label = heard[0][1], heard[1][1]
    assert {"lines", "total"} <= read and "labels" not in read
    assert "labels" in label
    audited = [json.loads(line) for line in (out / "audit.jsonl").read_text().splitlines()]
    assert [e["data"]["node"] for e in audited if e["type"] == "node_finished"] == [node for node, _ in heard]
