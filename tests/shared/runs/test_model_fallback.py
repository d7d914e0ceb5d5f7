"""A model step that cannot give a usable answer leaves the offline result and a finding,
and the run goes on: with the real SDK against the loopback Messages API, for an answer
that never validates, one cut off at the token limit, an API that keeps failing, and one
that refuses the request. A key the API refuses still stops the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from earnings_review.model_steps import MEMO_MAX_TOKENS
from shared.cli import main
from shared.llm.limits import max_output_tokens
from shared.workflows import get_workflow
from tests.support.messages_api import error, message
from tests.support.stderr import last_line

MODEL = "claude-sonnet-4-6"
KEY = "sk-ant-loopback-test-key-0123456789"


@pytest.fixture
def model_env(messages_api, monkeypatch, isolated_home):
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", messages_api.url)
    return messages_api


def run(workflow: str, out: Path, capsys) -> tuple[int, dict, str]:
    status = main(["run", workflow, str(get_workflow(workflow).sample_dir), "--out", str(out), "--model", MODEL])
    err = capsys.readouterr().err
    result = json.loads((out / "result.json").read_text())
    return status, result, err


def fell_back(result: dict) -> dict[str, str]:
    return {f["subject"]: f["message"] for f in result["findings"] if f["code"] == "model_step_fell_back"}


def test_answers_that_never_validate_leave_the_offline_memo(model_env, tmp_path, capsys):
    # classify_labels asks once, then the memo: three answers each, none valid.
    model_env.script(*[message("{}")] * 6)
    status, result, _ = run("earnings_review", tmp_path / "run", capsys)
    assert (status, result["status"]) == (0, "awaiting_review")
    steps = fell_back(result)
    assert set(steps) == {"classify_labels", "write_memo"} and len(model_env.requests) == 6
    assert "never matched MemoDraft (3 attempts" in steps["write_memo"]
    assert "its offline result stands" in steps["write_memo"]
    assert result["body"]["memo"]["method"] == "offline template" and result["body"]["memo"]["text"]


def test_an_answer_cut_off_is_asked_again_with_room_then_falls_back(model_env, tmp_path, capsys):
    cut = message('{"headline": "Rev', stop_reason="max_tokens")
    model_env.script(*[cut] * 6)
    status, result, _ = run("earnings_review", tmp_path / "run", capsys)
    assert status == 0 and set(fell_back(result)) == {"classify_labels", "write_memo"}
    memo_limits = [r.body["max_tokens"] for r in model_env.requests[3:]]
    assert memo_limits == [MEMO_MAX_TOKENS] + [max_output_tokens(MODEL)] * 2
    assert "cut off at the token limit" in fell_back(result)["write_memo"]


def test_an_api_that_keeps_failing_falls_back_after_its_retries(model_env, tmp_path, capsys):
    overloaded = error(529, "overloaded_error", "Overloaded", headers={"retry-after-ms": "1"})
    model_env.script(*[overloaded] * 10)
    status, result, _ = run("earnings_review", tmp_path / "run", capsys)
    assert status == 0 and len(model_env.requests) == 10  # each step: one request and four retries
    assert fell_back(result)["write_memo"].endswith(
        "its offline result stands: model claude-sonnet-4-6: gave up after 5 attempts; the last failed with "
        "HTTP 529 overloaded_error: Overloaded")


def test_a_refused_request_leaves_the_closes_offline_explanations(model_env, tmp_path, capsys):
    """Nothing scripted: the loopback server refuses every request (400, not retried)."""
    status, result, _ = run("month_end_close", tmp_path / "run", capsys)
    assert (status, result["status"]) == (0, "awaiting_review")
    assert set(fell_back(result)) == {"explain_flux"}
    flagged = [row for row in result["body"]["flux"] if row["flagged"]]
    assert flagged and all(row["explanation"] for row in flagged)


def test_a_key_the_api_refuses_still_stops_the_run(model_env, tmp_path, capsys):
    model_env.script(error(401, "authentication_error", "invalid x-api-key"))
    status, result, err = run("earnings_review", tmp_path / "run", capsys)
    assert status == 2 and result["status"] == "failed"
    assert "invalid x-api-key" in last_line(err)
