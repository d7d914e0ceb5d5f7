"""What a reviewer's sign-off must never be: overridden, doubled, misattributed, or lost
when a project folder moves."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from shared.cli import main
from tests.support.messages_api import MessagesAPI, message
from tests.support.stderr import last_line

KEY = "sk-ant-loopback-review-safety"


def cli(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def start(capsys) -> Path:
    status, out, err = cli(capsys, "run", "kyc", "case/lines.csv")
    assert status == 0, err
    return Path(out.splitlines()[0])


def test_a_decisions_file_with_flags_is_refused(toy_project: Path, capsys) -> None:
    run_dir = start(capsys)
    (toy_project / "d.json").write_text(json.dumps({"decision": "approve", "reviewer": "alice"}))
    status, _, err = cli(capsys, "review", run_dir.name, "--decisions", "d.json", "--reject", "--reviewer", "bob")
    assert status == 2 and err.startswith("finagents: --decisions: holds the whole answer; give it alone")
    assert json.loads((run_dir / "result.json").read_text())["status"] == "awaiting_review"


def test_two_verdicts_for_one_item_are_refused(toy_project: Path, capsys) -> None:
    run_dir = start(capsys)
    status, _, err = cli(capsys, "review", run_dir.name, "--approve", "--reviewer", "J",
                         "--disposition", "line-1=confirmed", "--disposition", "line-1=dismissed",
                         "--disposition", "line-4=confirmed")
    assert status == 2
    assert last_line(err) == "finagents: --disposition: one verdict per item; given more than once: line-1\n"


def test_only_the_engagements_reviewers_may_sign_off(toy_project: Path, capsys) -> None:
    text = (toy_project / "engagement.toml").read_text().replace('client = "Toy"',
                                                                 'client = "Toy"\nreviewers = ["J. Smith"]')
    (toy_project / "engagement.toml").write_text(text)
    run_dir = start(capsys)
    status, _, err = cli(capsys, "review", run_dir.name, "--reject", "--reviewer", "Mallory")
    assert status == 2
    assert last_line(err) == "finagents: --reviewer: 'Mallory' is not a reviewer of this engagement (J. Smith)\n"
    assert cli(capsys, "review", run_dir.name, "--reject", "--reviewer", "J. Smith")[0] == 0


def test_a_run_folder_is_worked_on_by_one_process_at_a_time(toy_project: Path, capsys) -> None:
    import fcntl

    run_dir = start(capsys)
    with (run_dir / ".lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another process reviewing right now
        status, _, err = cli(capsys, "review", run_dir.name, "--reject", "--reviewer", "J")
    assert status == 2 and "is being worked on by another finagents process" in err
    assert cli(capsys, "review", run_dir.name, "--reject", "--reviewer", "J")[0] == 0


def test_a_moved_project_keeps_its_runs(toy_project: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    run_dir = start(capsys)
    moved = tmp_path / "elsewhere"
    shutil.copytree(toy_project, moved)
    monkeypatch.chdir(moved)
    status, _out, err = cli(capsys, "review", run_dir.name, "--reject", "--reviewer", "J", "--comment", "moved")
    assert status == 0, err
    assert json.loads((moved / "runs" / run_dir.name / "result.json").read_text())["status"] == "rejected"
    assert json.loads((run_dir / "result.json").read_text())["status"] == "awaiting_review"  # the original untouched


def test_signing_off_a_model_run_needs_no_key_and_keeps_its_method(toy_project: Path, messages_api: MessagesAPI,
                                                                    capsys, monkeypatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", messages_api.url)
    messages_api.script(*[message(json.dumps({"label": w})) for w in ("refund", "invoice")])
    status, out, err = cli(capsys, "run", "kyc", "case/lines.csv", "--model", "claude-sonnet-4-6")
    assert status == 0, err
    run_dir = Path(out.splitlines()[0])
    monkeypatch.delenv("ANTHROPIC_API_KEY")
    monkeypatch.setenv("FINAGENTS_MODEL", "offline")
    status, _, err = cli(capsys, "review", run_dir.name, "--approve", "--reviewer", "J", "--onboarding-decision",
                         "clear", "--disposition", "line-1=confirmed", "--disposition", "line-4=confirmed")
    assert status == 0, err
    final = json.loads((run_dir / "result.json").read_text())
    assert final["method"] == "claude-sonnet-4-6" and final["config"]["engagement"]["model"] == "claude-sonnet-4-6"


def test_an_out_folder_is_named_by_its_path_in_the_hint(toy_project: Path, tmp_path: Path, capsys) -> None:
    status, out, _ = cli(capsys, "run", "kyc", "case/lines.csv", "--out", str(tmp_path / "audit-run"))
    assert status == 0 and f"finagents review {tmp_path / 'audit-run'} --approve" in out
    assert cli(capsys, "review", str(tmp_path / "audit-run"), "--reject", "--reviewer", "J")[0] == 0


def test_bad_paths_are_exit_2(toy_project: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "a-file").write_text("x")
    status, _, err = cli(capsys, "run", "kyc", "case/lines.csv", "--out", str(tmp_path / "a-file"))
    assert status == 2 and "is not an empty folder" in err
    run_dir = start(capsys)
    status, _, err = cli(capsys, "review", run_dir.name, "--decisions", str(tmp_path))
    assert status == 2 and err.startswith(f"finagents: {tmp_path}: cannot be read")


def test_an_unpriced_model_is_refused_before_any_run_folder(toy_project: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    status, _, err = cli(capsys, "run", "kyc", "case/lines.csv", "--model", "claude-unknown-9")
    assert status == 2 and "no price known for this model" in err
    assert not (toy_project / "runs").exists() or not any((toy_project / "runs").glob("2*"))


def test_a_run_that_cannot_start_is_recorded_as_failed(toy_project: Path, capsys, monkeypatch) -> None:
    import shared.runs.driver as driver
    from shared.errors import FinagentsError

    def refuse(*args, **kwargs):
        raise FinagentsError("audit.jsonl", "cannot be created (disk full)")

    monkeypatch.setattr(driver, "_context", refuse)
    status, _, err = cli(capsys, "run", "kyc", "case/lines.csv")
    assert status == 1 and last_line(err) == "finagents: audit.jsonl: cannot be created (disk full)\n"
    (run_dir,) = (toy_project / "runs").glob("2*")
    result = json.loads((run_dir / "result.json").read_text())
    assert result["status"] == "failed" and result["body"] == {"error": "audit.jsonl: cannot be created (disk full)"}
    status, out, _ = cli(capsys, "runs")
    words = out.splitlines()[2].split()
    assert words[:3] + words[-1:] == [run_dir.name, "kyc", "case/lines.csv", "failed"]
