"""Crashes, kills and limits: a run resumes to the same result without repeating finished
work, and its audit log shows any tampering."""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from pathlib import Path

import pytest

from shared.cli import main
from tests.support.forked import Child, start_finagents
from tests.support.messages_api import MessagesAPI, message
from tests.support.stderr import last_line

KEY = "sk-ant-loopback-resume-test-key-42"


def cli(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def entries(run_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (run_dir / "audit.jsonl").read_text().splitlines()]


def finished_nodes(run_dir: Path) -> Counter:
    return Counter(e["data"]["node"] for e in entries(run_dir) if e["type"] == "node_finished")


def only_run(project: Path) -> Path:
    (run_dir,) = [p for p in (project / "runs").iterdir() if p.is_dir()]
    return run_dir


# -- audit verify ------------------------------------------------------------------------


def test_audit_verify_passes_then_names_an_edited_line(toy_project: Path, capsys) -> None:
    assert cli(capsys, "run", "kyc", "case/lines.csv")[0] == 0
    run_dir = only_run(toy_project)
    status, out, _ = cli(capsys, "audit", "verify", run_dir.name)
    assert status == 0 and out == f"{run_dir / 'audit.jsonl'}: OK, {len(entries(run_dir))} entries, chain intact\n"
    lines = (run_dir / "audit.jsonl").read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b'"read"', b'"reed"', 1)
    (run_dir / "audit.jsonl").write_bytes(b"\n".join(lines))
    status, _, err = cli(capsys, "audit", "verify", run_dir.name)
    assert status == 1 and err.startswith(f"{run_dir / 'audit.jsonl'}: line 3: ")


def test_audit_verify_catches_dropped_last_lines(toy_project: Path, capsys) -> None:
    assert cli(capsys, "run", "kyc", "case/lines.csv")[0] == 0
    run_dir = only_run(toy_project)
    kept = (run_dir / "audit.jsonl").read_text().splitlines()[:-1]
    (run_dir / "audit.jsonl").write_text("\n".join(kept) + "\n")
    status, _, err = cli(capsys, "audit", "verify", run_dir.name)
    assert status == 1
    assert f"line {len(kept)}: the log ends at entry {len(kept)}" in err and "lines were removed from the end" in err


def test_a_torn_last_line_is_reported_and_resume_repairs_it(toy_project: Path, capsys) -> None:
    assert cli(capsys, "run", "kyc", "case/lines.csv")[0] == 0
    run_dir = only_run(toy_project)
    with (run_dir / "audit.jsonl").open("ab") as handle:
        handle.write(b'{"seq": 99, "at": "2026-')
    status, _, err = cli(capsys, "audit", "verify", run_dir.name)
    assert status == 1 and "incomplete last line" in err
    status, out, _ = cli(capsys, "resume", run_dir.name)
    assert status == 0 and "awaiting_review" in out
    repaired = [e for e in entries(run_dir) if e["type"] == "audit_repaired"]
    assert len(repaired) == 1 and repaired[0]["data"]["dropped_bytes"] == len(b'{"seq": 99, "at": "2026-')
    assert cli(capsys, "audit", "verify", run_dir.name)[0] == 0


# -- a model that is paid for -------------------------------------------------------------


@pytest.fixture
def paid_project(toy_project: Path, messages_api: MessagesAPI, monkeypatch) -> Path:
    """The toy project with a Claude model id, talking to the loopback Messages API."""
    text = (toy_project / "engagement.toml").read_text().replace('client = "Toy"',
                                                                 'client = "Toy"\nmodel = "claude-sonnet-4-6"')
    (toy_project / "engagement.toml").write_text(text)
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", messages_api.url)
    return toy_project


def labels(*words: str, usage: dict | None = None) -> list:
    return [message(json.dumps({"label": word}), usage=usage) for word in words]


def test_sigkill_mid_run_then_resume_gives_the_same_result(paid_project: Path, messages_api: MessagesAPI,
                                                           capsys) -> None:
    # The run is killed in a process of its own; resuming, running again and verifying
    # are the commands in this one, as a user's next commands after a crash would be.
    messages_api.script(*labels("refund", "invoice"))
    (paid_project / "case" / "hold").write_text("hold")
    process = start_finagents(["run", "kyc", "case/lines.csv"], cwd=paid_project)
    run_dir = _wait_for_hold(paid_project, process)
    process.kill()
    assert process.wait(timeout=10).returncode == -9
    (paid_project / "case" / "hold").unlink()
    assert not (run_dir / "result.json").exists()  # killed before anything was presented

    status, _, err = cli(capsys, "resume", run_dir.name)
    assert status == 0, err
    assert len(messages_api.requests) == 2  # both model calls were answered from the log
    assert finished_nodes(run_dir) == Counter({"read": 1, "label": 1, "draft_outputs": 1})
    kinds = Counter(e["type"] for e in entries(run_dir))
    assert kinds["model_call"] == 2 and kinds["model_call_replayed"] == 2
    killed_result = json.loads((run_dir / "result.json").read_text())

    messages_api.script(*labels("refund", "invoice"))
    status, out, err = cli(capsys, "run", "kyc", "case/lines.csv")
    assert status == 0, err
    clean_result = json.loads((Path(out.splitlines()[0]) / "result.json").read_text())
    assert killed_result["body"] == clean_result["body"]
    assert killed_result["body"]["labels"] == {"1": "refund", "4": "invoice"}
    assert killed_result["usage"] == clean_result["usage"]
    assert killed_result["prompts"] == clean_result["prompts"]
    used = {(p["name"], p["source"]) for p in killed_result["prompts"]}
    assert {("label.j2", "engagement"), ("partials/data_not_instructions.j2", "pack"),
            ("partials/document.j2", "pack")} <= used
    assert KEY not in (run_dir / "audit.jsonl").read_text()
    status, _, err = cli(capsys, "audit", "verify", run_dir.name)
    assert status == 0, err


def _wait_for_hold(project: Path, process: Child) -> Path:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        held = list((project / "runs").glob("*/holding")) if (project / "runs").exists() else []
        if held:
            return held[0].parent
        if not process.running():
            raise AssertionError(f"run ended before the hold: {process.wait(timeout=1).stderr}")
        time.sleep(0.05)
    process.kill()
    raise AssertionError("the run never reached the hold")


def test_budget_stops_the_run_with_exit_3_and_a_higher_budget_resumes(paid_project: Path, messages_api, capsys) -> None:
    # A call is estimated at about $0.062 before it is sent (its 4,096 max_tokens at $15/M and
    # its text); it costs $0.003 (1,000 input tokens at $3/M). A budget of $0.063 lets the
    # first call go, and stops the run before the second, whose estimate no longer fits.
    messages_api.script(*labels("refund", usage={"input_tokens": 1000, "output_tokens": 0}))
    status, _, err = cli(capsys, "run", "kyc", "case/lines.csv", "--budget-usd", "0.063")
    run_dir = only_run(paid_project)
    assert status == 3
    assert re.fullmatch(r"finagents: budget: the next model request may cost up to \$0\.06\d\d, more than the "
                        r"\$0\.0600 left of the run's budget of \$0\.063 \(spent \$0\.0030\); resume with a "
                        r"higher --budget-usd\n", last_line(err))
    stopped = json.loads((run_dir / "result.json").read_text())
    assert stopped["status"] == "stopped" and stopped["usage"]["cost_usd"] == "0.003"
    assert len(messages_api.requests) == 1

    messages_api.script(*labels("invoice", usage={"input_tokens": 1000, "output_tokens": 0}))
    status, out, _ = cli(capsys, "resume", run_dir.name, "--budget-usd", "1")
    assert status == 0 and "awaiting_review" in out
    final = json.loads((run_dir / "result.json").read_text())
    assert final["body"]["labels"] == {"1": "refund", "4": "invoice"}
    assert final["usage"]["cost_usd"] == "0.006" and final["usage"]["input_tokens"] == 2000
    assert len(messages_api.requests) == 2  # the first answer was not bought twice
