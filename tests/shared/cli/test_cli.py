"""The `finagents` command as a user meets it: exit status and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from shared.cli import main
from tests.support.stderr import last_line


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_error(err: str, expected: str) -> None:
    assert last_line(err) == f"finagents: {expected}\n"


def test_list_names_every_workflow_and_its_state(capsys) -> None:
    status, out, _ = run_cli(capsys, "list")
    assert status == 0
    states = {line.split()[0]: line.split()[1] for line in out.splitlines()[1:] if line and not line.startswith(" ")}
    assert states == {"earnings_review": "ready", "kyc": "ready", "kyc_rescreen": "ready",
                      "month_end_close": "ready"}


def test_unknown_workflow_is_exit_2(capsys) -> None:
    status, _, err = run_cli(capsys, "run", "payroll", "x")
    assert status == 2
    assert_one_line_error(err, "payroll: no such workflow (installed: earnings_review, kyc, kyc_rescreen, "
                               "month_end_close)")

    status, _, err = run_cli(capsys, "run", "month_end_clsoe", "x")
    assert status == 2
    assert_one_line_error(err, "month_end_clsoe: no such workflow (did you mean 'month_end_close'?) (installed: "
                               "earnings_review, kyc, kyc_rescreen, month_end_close)")


def test_missing_input_is_exit_2_naming_the_file(capsys) -> None:
    status, _, err = run_cli(capsys, "run", "earnings_review", "q3.pdf")
    assert status == 2
    assert_one_line_error(err, "q3.pdf: does not exist")


def test_model_without_key_is_exit_2_and_no_fallback(capsys, tmp_path: Path) -> None:
    (tmp_path / "q3.pdf").write_bytes(b"%PDF-1.7\n")
    status, _, err = run_cli(capsys, "run", "earnings_review", str(tmp_path / "q3.pdf"), "--model", "claude-sonnet-5-5")
    assert status == 2
    assert_one_line_error(err, "--model: model 'claude-sonnet-5-5' needs ANTHROPIC_API_KEY in the environment "
                               "(or use --model offline)")


def test_engagement_model_without_key_names_the_engagement_file(capsys, isolated_home: Path) -> None:
    (isolated_home / "engagement.toml").write_text("[engagement]\nmodel = 'claude-opus-5-5'\n")
    (isolated_home / "in.pdf").write_bytes(b"%PDF-1.7\n")
    status, _, err = run_cli(capsys, "run", "kyc", "in.pdf")
    assert status == 2
    assert err.startswith(f"finagents: {isolated_home / 'engagement.toml'}: "
                          "model 'claude-opus-5-5' needs ANTHROPIC_API_KEY")


def test_bad_engagement_key_is_exit_2_naming_key_and_file(capsys, isolated_home: Path) -> None:
    (isolated_home / "engagement.toml").write_text("[kyc]\nthreshold = 0.1\n")
    status, _, err = run_cli(capsys, "run", "kyc", ".")
    assert status == 2
    assert_one_line_error(err, f"{isolated_home / 'engagement.toml'}: unknown key 'kyc.threshold' "
                               "(did you mean 'screening_threshold'?)")


def _not_built(monkeypatch) -> None:
    from shared.workflows import WorkflowSpec

    monkeypatch.setattr(WorkflowSpec, "is_built", property(lambda self: self.name != "month_end_close"))


def test_a_workflow_not_built_yet_is_exit_2(capsys, monkeypatch) -> None:
    _not_built(monkeypatch)
    status, _, err = run_cli(capsys, "run", "month_end_close", ".")
    assert status == 2
    assert_one_line_error(err, "month_end_close: this workflow is not built in this version of the pack yet")


def test_graph_of_a_workflow_not_built_yet_is_exit_2(capsys, monkeypatch) -> None:
    _not_built(monkeypatch)
    status, _, err = run_cli(capsys, "graph", "month_end_close")
    assert status == 2 and "month_end_close: this workflow is not built" in err


def test_a_close_folder_without_a_ledger_is_exit_2(capsys, isolated_home: Path) -> None:
    status, _, err = run_cli(capsys, "run", "month_end_close", ".")
    assert status == 2
    assert last_line(err) == (f"finagents: {isolated_home}: has no ledger.csv (the period's general-ledger detail): "
                              "nothing to reconcile to\n")


def test_usage_errors_are_one_line_exit_2(capsys) -> None:
    status, _, err = run_cli(capsys, "run")
    assert status == 2
    assert_one_line_error(err, "Missing argument 'WORKFLOW'.")
    status, _, err = run_cli(capsys, "frobnicate")
    assert status == 2
    assert_one_line_error(err, "No such command 'frobnicate'.")


def test_review_of_an_unknown_run_is_exit_2(capsys, isolated_home: Path) -> None:
    status, _, err = run_cli(capsys, "review", "20260101-abc", "--approve", "--reviewer", "J. Smith")
    assert status == 2
    assert_one_line_error(err, "20260101-abc: no such run "
                               f"(not a run folder, nor a run id in {isolated_home / 'runs'})")


def test_review_refuses_approve_and_reject_together(capsys) -> None:
    status, _, err = run_cli(capsys, "review", "x", "--approve", "--reject", "--reviewer", "J")
    assert status == 2
    assert_one_line_error(err, "--approve/--reject: give one of them, not both")


def test_review_refuses_a_malformed_disposition(capsys, isolated_home: Path) -> None:
    run = isolated_home / "runs" / "r1"
    run.mkdir(parents=True)
    (run / "result.json").write_text(json.dumps({"run_id": "r1", "workflow": "kyc", "status": "awaiting_review"}))
    status, _, err = run_cli(capsys, "review", "r1", "--approve", "--reviewer", "J", "--disposition", "hit-1")
    assert status == 2
    assert_one_line_error(err, "--disposition: 'hit-1' is not ITEM_ID=VERDICT[:REASON]")


def test_runs_lists_run_folders_with_their_input_start_and_state(capsys, isolated_home: Path) -> None:
    status, out, _ = run_cli(capsys, "runs")
    assert status == 0 and out == f"no runs in {isolated_home / 'runs'}\n"
    for run_id, state, started in (("r1", "awaiting_review", "2026-12-01T09:30:00+00:00"),
                                   ("r2", "approved", "2026-12-02T17:05:59+01:00")):
        folder = isolated_home / "runs" / run_id
        folder.mkdir(parents=True)
        (folder / "result.json").write_text(json.dumps({"run_id": run_id, "workflow": "kyc", "status": state}))
        (folder / "run.json").write_text(json.dumps({"input_path": f"/clients/acme/{run_id}-onboarding",
                                                     "created_at": started}))
    (isolated_home / "runs" / "not-a-run").mkdir()
    status, out, _ = run_cli(capsys, "runs")
    heading, columns, *lines = out.splitlines()
    assert heading == f"runs in {isolated_home / 'runs'}:"
    assert columns.split() == ["run", "workflow", "input", "started", "(UTC)", "status"]
    assert status == 0 and [line.split() for line in lines] == [
        ["r1", "kyc", "acme/r1-onboarding", "2026-12-01", "09:30", "awaiting_review"],
        ["r2", "kyc", "acme/r2-onboarding", "2026-12-02", "16:05", "approved"]]


def test_demo_runs_every_built_workflow_on_its_sample_to_the_gate(capsys, isolated_home) -> None:
    status, out, _ = run_cli(capsys, "demo")
    assert status == 0
    folder, state = out.splitlines()[:2]
    assert Path(folder).parent == isolated_home / "runs" and "earnings_review" in Path(folder).name
    assert state.startswith("  awaiting_review: review it: finagents review ")
    for name in ("result.json", "memo.md", "report.html", "audit.jsonl"):
        assert (Path(folder) / name).is_file()


def test_graph_of_a_built_workflow_is_mermaid(capsys) -> None:
    status, out, _ = run_cli(capsys, "graph", "earnings_review")
    assert status == 0 and out.startswith("---")
    for edge in ("read_filing --> classify_labels", "write_memo --> draft_outputs", "review_gate --> final_outputs"):
        assert edge in out


def test_prompts_list_and_show(capsys) -> None:
    status, out, _ = run_cli(capsys, "prompts", "list", "earnings_review")
    assert status == 0
    assert any(line.split()[:2] == ["validation_reask.j2", "pack"] for line in out.splitlines())
    status, out, err = run_cli(capsys, "prompts", "show", "earnings_review", "validation_reask.j2", "--example")
    assert status == 0 and "- facts.2.concept: Field required" in out
    assert err.startswith("# validation_reask.j2  (pack: ")


def test_prompts_diff_shows_overrides_against_the_pack(capsys, isolated_home: Path) -> None:
    (isolated_home / "engagement.toml").write_text("[engagement]\nclient = 'Acme'\n")
    status, out, _ = run_cli(capsys, "prompts", "diff", "earnings_review")
    assert status == 0 and out == "earnings_review: no prompt overrides; every template is the pack default.\n"
    overrides = isolated_home / "prompts" / "earnings_review"
    overrides.mkdir(parents=True)
    pack_text = (Path(__file__).parents[3] / "shared" / "prompts" / "validation_reask.j2").read_text()
    (overrides / "validation_reask.j2").write_text(pack_text.replace("Answer again", "Please answer again"))
    (overrides / "orphan.j2").write_text("unused\n")
    status, out, _ = run_cli(capsys, "prompts", "diff", "earnings_review")
    assert status == 0
    assert "--- pack/validation_reask.j2" in out and "+++ engagement/validation_reask.j2" in out
    assert "-Answer again with the complete result" in out and "+Please answer again with the complete result" in out
    assert f"! orphan.j2: {overrides / 'orphan.j2'} overrides no pack template, so nothing uses it" in out


def test_prompts_show_of_an_unknown_template_is_exit_2(capsys) -> None:
    status, _, err = run_cli(capsys, "prompts", "show", "kyc", "nope.j2")
    assert status == 2 and err.startswith("finagents: nope.j2: no such prompt template")


def test_an_internal_error_is_one_line_exit_1(capsys, monkeypatch) -> None:
    import shared.workflows

    def broken(name: str):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(shared.workflows, "get_workflow", broken)
    status, _, err = run_cli(capsys, "graph", "kyc")
    assert status == 1
    assert_one_line_error(err, "internal error: RuntimeError: disk on fire (set FINAGENTS_DEBUG=1 for details)")


def test_version(capsys) -> None:
    from shared import __version__

    assert run_cli(capsys, "--version") == (0, f"finagents {__version__}\n", "")


HEAVY = ("langgraph", "anthropic", "pdfplumber", "pypdfium2", "pydantic", "lxml", "jinja2", "rich")


def test_help_answers_without_importing_heavy_libraries() -> None:
    code = ("import sys, io, contextlib\nfrom shared.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()) as out: status = main(['--help'])\n"
            f"print(status, [m for m in {HEAVY!r} if m in sys.modules], 'Commands' in out.getvalue())")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert shown.stdout.strip() == "0 [] True", shown.stderr


def test_console_script_is_installed_and_exits_with_status() -> None:
    script = Path(sys.executable).parent / "finagents"
    shown = subprocess.run([str(script), "run", "kyc", "missing-folder"], capture_output=True, text=True, timeout=60)
    assert shown.returncode == 2
    assert shown.stderr == "finagents: missing-folder: does not exist\n" and shown.stdout == ""
