"""The workflows' graphs on LangGraph's own server (`langgraph dev`, in memory), driven
through the LangGraph SDK: each stops at the review gate with the gate's payload, resumes
with the answer model of `finagents review`, and writes the run folder a `finagents run`
of the same input writes (its result body equal but for run ids, times and paths)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from shared.cli import main
from shared.runs.driver import pending_review
from shared.runs.gate import GatePayload
from shared.runs.review import Disposition, ReviewAnswer
from shared.runs.store import list_runs
from shared.runs.verify import verify_run_folder
from shared.workflows import get_workflow

REPO = Path(__file__).resolve().parents[3]
WORKFLOWS = ("earnings_review", "kyc", "month_end_close")
# What keeps the server off the internet: no LangSmith tracing (and no key to send with),
# no CLI analytics, and no check of PyPI for a newer langgraph-api at start-up.
QUIET_SERVER = {"LANGSMITH_TRACING": "false", "LANGCHAIN_TRACING_V2": "false",
                "LANGGRAPH_CLI_NO_ANALYTICS": "1", "LANGGRAPH_NO_VERSION_CHECK": "true"}
DROPPED = ("LANGSMITH_API_KEY", "LANGCHAIN_API_KEY", "LANGGRAPH_CLOUD_LICENSE_KEY", "ANTHROPIC_API_KEY",
           "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Server:
    url: str
    folder: Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _config(folder: Path) -> Path:
    """langgraph.json as the repo has it, its paths made absolute, so the server's own
    folder (and its `.langgraph_api/`) is a temporary one."""
    config = json.loads((REPO / "langgraph.json").read_text())
    graphs = {name: str(REPO / ref.removeprefix("./")) for name, ref in config["graphs"].items()}
    path = folder / "langgraph.json"
    path.write_text(json.dumps({**config, "dependencies": [str(REPO)], "graphs": graphs}))
    return path


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"langgraph dev exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{url}/ok", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail(f"langgraph dev did not answer /ok in 90 s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("langgraph_server")
    port = _free_port()
    environ = {k: v for k, v in os.environ.items() if k not in DROPPED} | QUIET_SERVER
    log = folder / "server.log"
    command = [str(Path(sys.executable).parent / "langgraph"), "dev", "--no-browser", "--no-reload",
               # Our nodes write files; the dev server otherwise refuses blocking calls on its loop.
               "--allow-blocking", "--host", "127.0.0.1", "--port", str(port), "--config", str(_config(folder))]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=folder, env=environ, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, log)
        yield Server(url, folder)
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # its own session: the server and the workers it started
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _approval(workflow: str, payload: GatePayload) -> ReviewAnswer:
    """An approval as `finagents review --approve` builds it: a verdict for every item (its
    first), and for KYC the onboarding decision."""
    return ReviewAnswer(decision="approve", reviewer="Test Reviewer",
                        dispositions=tuple(Disposition(item_id=i.id, verdict=i.verdicts[0]) for i in payload.items),
                        onboarding_decision="clear" if workflow == "kyc" else None)


def _run_on_server(server: Server, workflow: str, sample: Path, out: Path,
                   refused: dict[str, Any] | None = None) -> tuple[str, GatePayload, ReviewAnswer]:
    """The run on the server to its gate and approved there; `refused`, an answer the gate
    refuses, is given first, and must leave the run waiting (result.json a draft)."""
    from langgraph_sdk import get_sync_client

    client = get_sync_client(url=server.url)
    thread = client.threads.create()["thread_id"]
    client.runs.wait(thread, workflow, input={"input": str(sample), "out": str(out)}, raise_error=True)
    state = client.threads.get_state(thread)
    assert state["next"] == ["review_gate"]
    payload = GatePayload.model_validate(state["tasks"][0]["interrupts"][0]["value"])
    answer = _approval(workflow, payload)
    if refused is not None:
        log = (out / "audit.jsonl").read_bytes()
        client.runs.wait(thread, workflow, command={"resume": refused}, raise_error=True)
        again = client.threads.get_state(thread)
        assert again["next"] == ["review_gate"]
        assert again["tasks"][0]["interrupts"][0]["value"]["refused"] == (
            "--onboarding-decision: is not taken for a month_end_close run; only kyc runs have an onboarding decision")
        assert json.loads((out / "result.json").read_text())["status"] == "awaiting_review"
        assert (out / "audit.jsonl").read_bytes() == log
    client.runs.wait(thread, workflow, command={"resume": answer.model_dump(mode="json")}, raise_error=True)
    return thread, payload, answer


def _run_from_cli(workflow: str, sample: Path, out: Path, answer: ReviewAnswer) -> GatePayload:
    assert main(["run", workflow, str(sample), "--out", str(out), "--quiet"]) == 0
    payload = pending_review(out, os.environ)
    flags = [f"--disposition={d.item_id}={d.verdict}" for d in answer.dispositions]
    if answer.onboarding_decision:
        flags.append(f"--onboarding-decision={answer.onboarding_decision}")
    assert main(["review", str(out), "--approve", "--reviewer", answer.reviewer, *flags]) == 0
    return payload


def _comparable(run_dir: Path) -> Any:
    """result.json with its run id, times and the run folder's path made placeholders."""
    result = json.loads((run_dir / "result.json").read_text())
    text = json.dumps(result, sort_keys=True)
    text = text.replace(str(run_dir), "<RUN_DIR>").replace(result["run_id"], "<RUN_ID>")
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?", "<TIME>", text)
    return json.loads(text)


@pytest.mark.parametrize("workflow", WORKFLOWS)
def test_a_served_run_stops_at_the_gate_resumes_with_the_review_answer_and_writes_the_clis_result(
        server: Server, workflow: str, tmp_path: Path, no_proxy: None) -> None:
    sample = get_workflow(workflow).sample_dir
    thread, served_payload, answer = _run_on_server(server, workflow, sample, tmp_path / "served")
    cli_payload = _run_from_cli(workflow, sample, tmp_path / "cli", answer)

    served = json.loads((tmp_path / "served" / "run.json").read_text())
    assert served["checkpointer"] == {"kind": "server", "at": thread}
    assert served_payload.run_id == served["run_id"]
    assert served_payload.workflow == workflow
    assert served_payload.items == cli_payload.items
    served_result, cli_result = _comparable(tmp_path / "served"), _comparable(tmp_path / "cli")
    assert served_result["status"] == "approved"
    assert served_result["review"]["onboarding_decision"] == ("clear" if workflow == "kyc" else None)
    assert served_result["body"] == cli_result["body"]
    assert served_result == cli_result


def test_a_served_run_is_verified_from_its_folder_and_answered_only_through_the_server(
        server: Server, tmp_path: Path, no_proxy: None, capsys: pytest.CaptureFixture[str]) -> None:
    sample = get_workflow("month_end_close").sample_dir
    thread, _, _ = _run_on_server(server, "month_end_close", sample, tmp_path / "served",
                                  refused={"decision": "approve", "reviewer": "R", "onboarding_decision": "clear"})

    verdict = verify_run_folder(tmp_path / "served")
    assert verdict.ok, verdict.failed
    assert "checked against audit.head only" in verdict.passed[0]
    assert "files as signed off" in verdict.passed[1]
    run_id = json.loads((tmp_path / "served" / "run.json").read_text())["run_id"]
    assert [(s.run_id, s.workflow, s.status, s.input) for s in list_runs(tmp_path)] == [
        (run_id, "month_end_close", "approved", "month_end_close/sample")]
    assert main(["review", str(tmp_path / "served"), "--approve", "--reviewer", "Someone"]) == 2
    assert capsys.readouterr().err.strip() == (f"finagents: {run_id}: was started on a LangGraph server (thread "
                                               f"{thread}); review or resume it through that server (--server URL)")



@pytest.mark.parametrize(("given", "why"), [
    ({"input": "/nonexistent/sample"}, "does not exist"),
    ({"model": "claude-sonnet-4-5"}, "ANTHROPIC_API_KEY"),  # the server was started without the key
    ({"budget_usd": "a lot"}, "budget_usd"),
])
def test_a_served_run_is_refused_before_any_folder_as_the_cli_refuses_it(
        server: Server, tmp_path: Path, no_proxy: None, given: dict[str, str], why: str) -> None:
    from langgraph_sdk import get_sync_client

    client = get_sync_client(url=server.url)
    thread = client.threads.create()["thread_id"]
    graph_input = {"input": str(get_workflow("kyc").sample_dir), "out": str(tmp_path / "run"), **given}
    # The client is told the error's type; its message is in the server's log.
    with pytest.raises(Exception, match=r"InputError|ConfigError"):
        client.runs.wait(thread, "kyc", input=graph_input, raise_error=True)
    assert not (tmp_path / "run").exists()
    assert why in (server.folder / "server.log").read_text()


def _to_gate(server: Server, workflow: str, out: Path, stop_after: str | None = None) -> tuple[str, str]:
    """A run started on the server and left waiting at its gate (or stopped short, after
    the step `stop_after`): its thread and run id."""
    from langgraph_sdk import get_sync_client

    client = get_sync_client(url=server.url)
    thread = client.threads.create()["thread_id"]
    graph_input = {"input": str(get_workflow(workflow).sample_dir), "out": str(out)}
    client.runs.wait(thread, workflow, input=graph_input, raise_error=True,
                     interrupt_after=[stop_after] if stop_after else None)
    return thread, json.loads((out / "run.json").read_text())["run_id"]


def _checkpoint(server: Server, thread: str) -> Any:
    from langgraph_sdk import get_sync_client

    return get_sync_client(url=server.url).threads.get_state(thread)["checkpoint"]


def test_finagents_review_answers_a_served_run_through_its_server_as_the_sdk_does(
        server: Server, tmp_path: Path, no_proxy: None, capsys: pytest.CaptureFixture[str]) -> None:
    sample = get_workflow("kyc").sample_dir
    _run_on_server(server, "kyc", sample, tmp_path / "sdk")
    _to_gate(server, "kyc", tmp_path / "cli")
    capsys.readouterr()

    assert main(["review", str(tmp_path / "cli"), "--approve", "--reviewer", "Test Reviewer",
                 "--onboarding-decision", "clear", "--server", server.url, "--quiet"]) == 0
    assert capsys.readouterr().out.splitlines() == [str(tmp_path / "cli"), f"  approved: {NEXT_APPROVED}"]
    assert _comparable(tmp_path / "cli") == _comparable(tmp_path / "sdk")
    assert main(["resume", str(tmp_path / "cli"), "--server", server.url, "--quiet"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == f"  approved: {NEXT_APPROVED}"
    assert verify_run_folder(tmp_path / "cli").ok


NEXT_APPROVED = "approved; the outputs are final"


def test_a_bad_answer_is_refused_before_anything_reaches_the_server(
        server: Server, tmp_path: Path, no_proxy: None, capsys: pytest.CaptureFixture[str]) -> None:
    thread, _ = _to_gate(server, "kyc", tmp_path / "run")
    before, log = _checkpoint(server, thread), (tmp_path / "run" / "audit.jsonl").read_bytes()

    assert main(["review", str(tmp_path / "run"), "--approve", "--reviewer", "R", "--server", server.url]) == 2
    assert "--onboarding-decision" in capsys.readouterr().err
    assert _checkpoint(server, thread) == before
    assert (tmp_path / "run" / "audit.jsonl").read_bytes() == log
    assert json.loads((tmp_path / "run" / "result.json").read_text())["status"] == "awaiting_review"


def test_an_answer_the_servers_gate_refuses_is_a_one_line_input_error(
        server: Server, tmp_path: Path, no_proxy: None, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _, run_id = _to_gate(server, "month_end_close", tmp_path / "run")
    # Our own check let through (as an older client's would), so that the server's gate judges the answer.
    monkeypatch.setattr("shared.runs.gate.check_answer", lambda answer, payload: None)

    assert main(["review", str(tmp_path / "run"), "--approve", "--reviewer", "R", "--onboarding-decision", "clear",
                 "--server", server.url, "--quiet"]) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        f"finagents: {run_id}: the server's gate refused the answer: --onboarding-decision: is not taken for a "
        "month_end_close run; only kyc runs have an onboarding decision")
    assert json.loads((tmp_path / "run" / "result.json").read_text())["status"] == "awaiting_review"


def test_resume_through_the_server_runs_a_stopped_run_to_its_gate_and_refuses_a_new_budget(
        server: Server, tmp_path: Path, no_proxy: None, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    thread, run_id = _to_gate(server, "month_end_close", tmp_path / "run", stop_after="open_run")
    assert not (tmp_path / "run" / "result.json").exists()
    capsys.readouterr()
    monkeypatch.setenv("FINAGENTS_SERVER", server.url)

    assert main(["resume", str(tmp_path / "run"), "--quiet"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("  awaiting_review: review it")
    assert json.loads((tmp_path / "run" / "result.json").read_text())["status"] == "awaiting_review"
    before = _checkpoint(server, thread)
    assert main(["resume", str(tmp_path / "run"), "--quiet"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("  awaiting_review: review it")
    assert _checkpoint(server, thread) == before
    assert main(["resume", str(tmp_path / "run"), "--budget-usd", "9.00"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"finagents: --budget-usd: cannot be changed for {run_id}, a run a LangGraph server started: the server "
        "keeps the budget it started with; resume without --budget-usd")


def test_an_unreachable_server_or_unknown_thread_is_one_line_naming_url_and_thread(
        server: Server, tmp_path: Path, no_proxy: None, capsys: pytest.CaptureFixture[str]) -> None:
    thread, run_id = _to_gate(server, "kyc", tmp_path / "run")
    nowhere = f"http://127.0.0.1:{_free_port()}"
    capsys.readouterr()

    assert main(["review", str(tmp_path / "run"), "--reject", "--reviewer", "R", "--server", nowhere]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"finagents: {run_id}: cannot reach thread {thread} on {nowhere}: ")
    assert len(err.splitlines()) == 1
    manifest = json.loads((tmp_path / "run" / "run.json").read_text())
    manifest["checkpointer"]["at"] = "00000000-0000-0000-0000-000000000000"
    (tmp_path / "run" / "run.json").write_text(json.dumps(manifest))
    assert main(["resume", str(tmp_path / "run"), "--server", server.url]) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        f"finagents: {run_id}: the server knows no thread 00000000-0000-0000-0000-000000000000 on {server.url} "
        "(an in-memory server forgets its threads when it restarts)")


def test_server_on_a_run_no_server_started_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["run", "month_end_close", str(get_workflow("month_end_close").sample_dir),
                 "--out", str(tmp_path / "run"), "--quiet"]) == 0
    run_id = json.loads((tmp_path / "run" / "run.json").read_text())["run_id"]
    capsys.readouterr()

    assert main(["review", str(tmp_path / "run"), "--reject", "--reviewer", "R",
                 "--server", "http://127.0.0.1:9"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"finagents: --server: {run_id} was not started on a LangGraph server (its checkpoints are in sqlite); "
        "review or resume it without --server")
    # The environment's server is for server runs only: a local run is reviewed as ever.
    monkeypatch.setenv("FINAGENTS_SERVER", "http://127.0.0.1:9")
    assert main(["review", str(tmp_path / "run"), "--reject", "--reviewer", "R", "--quiet"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "  rejected: rejected; start a new run to try again"
