"""--batch-api: model requests through the Message Batches API, with the real SDK against
the loopback server: the answer comes from a batch (created, polled, its results read) at
half price; a second process on the same run folder polls the batch already made instead
of paying again; errored and expired requests leave the offline result and a finding."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from shared.cli import main
from shared.llm import Budget, make_client
from shared.llm import batch_api as batch_module
from shared.llm.batch_api import BATCHES_FOLDER, BatchAPIModel, Polling
from shared.workflows import get_workflow
from tests.shared.llm.conftest import MODEL_ID, SONNET, TEST_KEY
from tests.shared.llm.outputs import Verdict
from tests.support.batch_cases import batch_json, copies, csv_rows, only_batch
from tests.support.forked import Child, start_finagents
from tests.support.messages_api import BATCHES_PATH, MESSAGES_PATH, MessagesAPI, errored, expired, succeeded

TOKENS = {"input_tokens": 1000, "output_tokens": 100}
# 1,000 input tokens at $3 and 100 output tokens at $15 per million, halved.
HALF_PRICE = Decimal("0.00225")


class Killed(Exception):
    """The process killed while it waited between two polls."""


@pytest.fixture
def make_batch_model(messages_api: MessagesAPI, tmp_path: Path) -> Iterator[Callable[..., BatchAPIModel]]:
    clients = []

    def make(sleep: Callable[[float], None], calls: list[dict[str, Any]] | None = None,
             notes: list[str] | None = None) -> BatchAPIModel:
        client = make_client(TEST_KEY, base_url=messages_api.url, timeout=5.0)
        clients.append(client)
        return BatchAPIModel(client, MODEL_ID, prices=SONNET, budget=Budget(Decimal("5")), run_dir=tmp_path / "run",
                             sleep=sleep, on_call=None if calls is None else calls.append,
                             note=None if notes is None else notes.append)

    yield make
    for client in clients:
        client.close()


def seen(api: MessagesAPI) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in api.requests]


def test_an_answer_comes_through_a_batch_at_half_price(make_batch_model, messages_api, system, prompt, sleeps,
                                                       tmp_path):
    messages_api.script_batch(succeeded('{"verdict": "ties out"}', TOKENS), polls_to_end=2)
    calls: list[dict[str, Any]] = []
    notes: list[str] = []
    reply = make_batch_model(sleeps.append, calls, notes).ask(system=system, prompt=prompt, output_type=Verdict)
    assert reply.output == Verdict(verdict="ties out")
    assert reply.usage.cost_usd == HALF_PRICE and reply.usage.input_tokens == 1000
    batch = f"{BATCHES_PATH}/msgbatch_loopback_1"
    # Created, polled twice in progress, then ended; the SDK retrieves it once more for its results URL.
    assert seen(messages_api) == [("POST", BATCHES_PATH), *[("GET", batch)] * 4, ("GET", f"{batch}/results")]
    assert sleeps == [1.0, 2.0]  # the wait doubles from one second
    params = messages_api.requests[0].body["requests"][0]["params"]
    assert (params["model"], params["max_tokens"]) == (MODEL_ID, 4096)
    assert params["output_config"]["format"]["type"] == "json_schema"
    assert params["messages"][0]["content"][-1]["text"] == prompt.text
    assert (calls[0]["batch"], calls[0]["usage"]["cost_usd"]) == ("msgbatch_loopback_1", "0.00225")
    custom_id = messages_api.requests[0].body["requests"][0]["custom_id"]
    ledger = json.loads((tmp_path / "run" / BATCHES_FOLDER / f"{custom_id}.json").read_text())
    assert ledger == {"batch_id": "msgbatch_loopback_1", "custom_id": custom_id}
    assert notes[0] == "model batch msgbatch_loopback_1: sent through the Message Batches API (half price)"
    assert notes[1] == "model batch msgbatch_loopback_1: in_progress (1 processing, 0 succeeded); next poll in 1 s"


def test_a_process_killed_while_polling_is_followed_by_one_that_polls_the_same_batch(
        make_batch_model, messages_api, system, prompt, sleeps):
    messages_api.script_batch(succeeded('{"verdict": "ties out"}', TOKENS), polls_to_end=3)

    def killed(seconds: float) -> None:
        raise Killed

    with pytest.raises(Killed):
        make_batch_model(killed).ask(system=system, prompt=prompt, output_type=Verdict)
    assert seen(messages_api) == [("POST", BATCHES_PATH), ("GET", f"{BATCHES_PATH}/msgbatch_loopback_1")]
    notes: list[str] = []
    reply = make_batch_model(sleeps.append, notes=notes).ask(system=system, prompt=prompt, output_type=Verdict)
    assert reply.output == Verdict(verdict="ties out") and reply.usage.cost_usd == HALF_PRICE
    posts = [path for method, path in seen(messages_api) if method == "POST"]
    assert posts == [BATCHES_PATH]  # one batch created, none sent again
    assert all("msgbatch_loopback_1" in path for method, path in seen(messages_api) if method == "GET")
    assert notes[0] == "model batch msgbatch_loopback_1: polling again the batch this request was sent in"


# -- whole runs ------------------------------------------------------------------------------


@pytest.fixture
def model_env(messages_api, monkeypatch, isolated_home):
    monkeypatch.setenv("ANTHROPIC_API_KEY", TEST_KEY)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", messages_api.url)
    monkeypatch.setattr(batch_module, "POLLING", Polling(first=0.001, longest=0.001))
    return messages_api


def run(args: list[str], out: Path, capsys) -> tuple[int, dict, str]:
    status = main(["run", *args, "--out", str(out), "--model", MODEL_ID, "--batch-api"])
    err = capsys.readouterr().err
    return status, json.loads((out / "result.json").read_text()), err


def test_a_toy_run_gets_its_answers_through_batches(model_env, toy_project, capsys):
    model_env.script_batch(succeeded('{"label": "big"}', TOKENS), succeeded('{"label": "huge"}', TOKENS),
                           polls_to_end=1)
    out = toy_project / "run"
    status, result, err = run(["kyc", str(toy_project / "case" / "lines.csv")], out, capsys)
    assert (status, result["status"]) == (0, "awaiting_review")
    assert result["body"]["labels"] == {"1": "big", "4": "huge"}
    assert Decimal(result["usage"]["cost_usd"]) == 2 * HALF_PRICE
    assert ("POST", MESSAGES_PATH) not in seen(model_env)
    assert [p for m, p in seen(model_env) if m == "POST"] == [BATCHES_PATH] * 2
    assert "model batch msgbatch_loopback_2: answered" in err
    calls = [json.loads(line) for line in (out / "audit.jsonl").read_text().splitlines()]
    batches = [c["data"]["batch"] for c in calls if c.get("type") == "model_call"]
    assert batches == ["msgbatch_loopback_1", "msgbatch_loopback_2"]
    assert json.loads((out / "run.json").read_text())["settings"]["engagement"]["batch_api"] is True


def test_errored_and_expired_requests_leave_the_offline_memo(model_env, tmp_path, capsys):
    model_env.script_batch(errored("overloaded_error", "Overloaded"), expired(), polls_to_end=1)
    sample = get_workflow("earnings_review").sample_dir
    status, result, _ = run(["earnings_review", str(sample)], tmp_path / "run", capsys)
    assert (status, result["status"]) == (0, "awaiting_review")
    steps = {f["subject"]: f["message"] for f in result["findings"] if f["code"] == "model_step_fell_back"}
    assert steps["classify_labels"].endswith(
        "its offline result stands: model claude-sonnet-4-6: batch msgbatch_loopback_1: the request errored: "
        "overloaded_error: Overloaded")
    assert steps["write_memo"].endswith("batch msgbatch_loopback_2: the request expired before it was answered")
    assert result["body"]["memo"]["method"] == "offline template"
    assert ("POST", MESSAGES_PATH) not in seen(model_env)


def test_finagents_batch_passes_batch_api_to_every_case(model_env, toy_project, tmp_path, capsys):
    """Each case's run is a child process (it polls at the shipped interval: the batches
    end at their first poll, so it never waits)."""
    model_env.script_batch(*[succeeded('{"label": "big"}', TOKENS)] * 4, polls_to_end=0)
    cases = copies(toy_project / "case" / "lines.csv", tmp_path / "cases", ["a.csv", "b.csv"])
    status = main(["batch", "kyc", str(cases), "--model", MODEL_ID, "--batch-api"])
    capsys.readouterr()
    batch_dir = only_batch(toy_project / "runs")
    rows = csv_rows(batch_dir)
    assert status == 0 and [(r["case"], r["status"], r["cost_usd"]) for r in rows] == [
        ("a.csv", "awaiting_review", "0.00450"), ("b.csv", "awaiting_review", "0.00450")]
    assert batch_json(batch_dir)["options"]["batch_api"] is True
    assert [p for m, p in seen(model_env) if m == "POST"] == [BATCHES_PATH] * 4


def test_a_run_killed_while_polling_resumes_polling_the_same_batch(model_env, toy_project, capsys):
    """SIGKILL in a process of its own while the first request's batch is in progress;
    `finagents resume` in this one polls that batch and creates only the second."""
    model_env.script_batch(succeeded('{"label": "big"}', TOKENS), succeeded('{"label": "huge"}', TOKENS),
                           polls_to_end=1000)
    process = start_finagents(["run", "kyc", "case/lines.csv", "--model", MODEL_ID, "--batch-api"], cwd=toy_project)
    ledger = _wait_for_a_poll(toy_project, process, model_env)
    process.kill()
    assert process.wait(timeout=10).returncode == -9
    model_env.script_batch(polls_to_end=0)
    status = main(["resume", ledger.parents[1].name])
    err = capsys.readouterr().err
    assert status == 0, err
    result = json.loads((ledger.parents[1] / "result.json").read_text())
    assert result["body"]["labels"] == {"1": "big", "4": "huge"}
    assert [p for m, p in seen(model_env) if m == "POST"] == [BATCHES_PATH] * 2  # the first batch, not sent again
    assert "model batch msgbatch_loopback_1: polling again the batch this request was sent in" in err
    assert Decimal(result["usage"]["cost_usd"]) == 2 * HALF_PRICE


def _wait_for_a_poll(project: Path, process: Child, api: MessagesAPI) -> Path:
    """The first request's ledger file, once its batch has been polled."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = list((project / "runs").glob(f"*/{BATCHES_FOLDER}/*.json"))
        if found and any(method == "GET" for method, _ in seen(api)):
            return found[0]
        if not process.running():
            raise AssertionError(f"run ended before it polled: {process.wait(timeout=1).stderr}")
        time.sleep(0.05)
    process.kill()
    raise AssertionError("the run never polled its batch")
