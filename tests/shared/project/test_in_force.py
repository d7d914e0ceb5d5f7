"""What is in force for a run started anywhere in a client project, and what the run says
on stderr: the engagement found walking up (no higher than the project's repository),
its reviewers, the pack version against the project's pin, and a run you can follow."""

from __future__ import annotations

import json
from pathlib import Path

from shared import __version__
from tests.shared.project.conftest import cli, set_setting
from tests.support.stderr import last_line


def _run_dir(project: Path) -> Path:
    (run_dir,) = (project / "runs").glob("2*")
    return run_dir


def test_a_run_from_a_projects_subfolder_keeps_its_settings_and_runs_folder(new_project, capsys, monkeypatch):
    project = new_project("month_end_close")
    set_setting(project, "materiality_amount", "2500")
    monkeypatch.chdir(project / "inputs")
    status, _, err = cli(capsys, "run", "month_end_close", "sample")
    assert status == 0, err
    run_dir = _run_dir(project)
    config = json.loads((run_dir / "result.json").read_text())["config"]
    assert (config["workflow"]["materiality_amount"], config["origins"]["workflow"]["materiality_amount"]) == \
        ("2500", str(project / "engagement.toml"))
    assert not (project / "inputs" / "runs").exists()
    first, engagement, runs = err.splitlines()[:3]
    assert first == f"run {run_dir.name} in {run_dir}"
    assert engagement == f"  engagement: {project} (Acme Ltd)" and runs == f"  runs folder: {project / 'runs'}"


def test_the_engagements_reviewers_hold_from_a_subfolder(new_project, capsys, monkeypatch):
    project = new_project("month_end_close")
    set_setting(project, "reviewers", '["Dana Cole"]')
    monkeypatch.chdir(project / "inputs")
    assert cli(capsys, "run", "month_end_close", "sample")[0] == 0
    run_id = _run_dir(project).name
    status, _, err = cli(capsys, "review", run_id, "--approve", "--reviewer", "Bob Nobody")
    assert (status, err) == (2, "finagents: --reviewer: 'Bob Nobody' is not a reviewer of this engagement "
                                "(Dana Cole)\n")
    status, _, err = cli(capsys, "review", run_id, "--approve", "--reviewer", "Dana Cole")
    assert status == 0, err
    assert json.loads((_run_dir(project) / "result.json").read_text())["review"]["reviewer"] == "Dana Cole"


def test_the_walk_up_stops_at_the_repository_root(isolated_home: Path, capsys, monkeypatch):
    """Another client's engagement.toml above this project's repository is not this project's."""
    (isolated_home / "engagement.toml").write_text('[engagement]\nclient = "Someone Else"\n')
    inside = isolated_home / "project" / "inputs"
    inside.mkdir(parents=True)
    (isolated_home / "project" / ".git").mkdir()
    monkeypatch.chdir(inside)
    status, out, _ = cli(capsys, "runs")
    assert (status, out) == (0, f"no runs in {inside / 'runs'}\n")
    monkeypatch.chdir(isolated_home / "project")
    (isolated_home / "project" / ".git").rmdir()
    assert cli(capsys, "runs")[1] == f"no runs in {isolated_home / 'runs'}\n"


def test_a_pin_other_than_the_pack_installed_is_a_warning_and_both_are_recorded(new_project, capsys,
                                                                                 monkeypatch):
    project = new_project("month_end_close")
    set_setting(project, "pack_version", '"0.2.0"')
    monkeypatch.chdir(project)
    status, _, err = cli(capsys, "run", "month_end_close", "inputs/sample")
    assert status == 0, err
    result = json.loads((_run_dir(project) / "result.json").read_text())
    assert result["config"]["pack"] == {"installed": __version__, "pinned": "0.2.0"}
    (found,) = [f for f in result["findings"] if f["code"] == "pack_version_mismatch"]
    assert found["severity"] == "warning" and "pinned to finagents 0.2.0" in found["message"]
    assert f"  warning: this project is pinned to finagents 0.2.0 ({project / 'engagement.toml'}) but " \
           f"{__version__} is installed" in err


def test_the_same_pin_says_nothing_more(new_project, capsys, monkeypatch):
    project = new_project("month_end_close")
    monkeypatch.chdir(project)
    assert cli(capsys, "run", "month_end_close", "inputs/sample")[0] == 0
    result = json.loads((_run_dir(project) / "result.json").read_text())
    assert result["config"]["pack"] == {"installed": __version__, "pinned": __version__}
    assert not [f for f in result["findings"] if f["code"] == "pack_version_mismatch"]


def test_stderr_off_a_terminal_is_the_run_then_a_line_per_step_then_the_state(new_project, capsys, monkeypatch):
    project = new_project("month_end_close")
    monkeypatch.chdir(project)
    status, _, err = cli(capsys, "run", "month_end_close", "inputs/sample")
    assert status == 0
    run_dir = _run_dir(project)
    lines = err.splitlines()
    assert lines[0] == f"run {run_dir.name} in {run_dir}"
    steps = [line.split() for line in lines[4:-1]]
    assert [s[0] for s in steps] == ["read_close", "prove_statements", "reconcile", "propose_entries",
                                     "check_trial_balance", "analyse_flux", "explain_flux", "draft_outputs"]
    assert all(s[2] == "s" and float(s[1]) >= 0 for s in steps)
    assert steps[2][3:] == ["36", "of", "40", "bank", "lines", "matched"]
    assert lines[-1].startswith(f"awaiting_review: {run_dir.name} (") and "\r" not in err


def test_quiet_keeps_the_first_and_last_lines(new_project, capsys, monkeypatch):
    project = new_project("month_end_close")
    monkeypatch.chdir(project)
    status, _, err = cli(capsys, "run", "month_end_close", "inputs/sample", "--quiet")
    run_dir = _run_dir(project)
    first, last = err.splitlines()
    assert status == 0 and first == f"run {run_dir.name} in {run_dir}"
    assert last.startswith(f"awaiting_review: {run_dir.name} (")


def test_a_graph_found_walking_up_is_still_refused_outside_a_with_code_project(new_project, capsys, monkeypatch):
    """Finding the engagement from a subfolder honours no more than finding it in place: a
    graph runs only from a project made with --with-code, naming its own package."""
    project = new_project("month_end_close")
    toml = project / "engagement.toml"
    toml.write_text(toml.read_text().replace("[month_end_close]\n", '[month_end_close]\ngraph = "os:abort"\n', 1))
    monkeypatch.chdir(project / "inputs" / "sample")
    status, _, err = cli(capsys, "run", "month_end_close", ".")
    assert status == 2 and not (project / "runs").exists()
    assert last_line(err) == ("finagents: os:abort: a graph for month_end_close is honoured only in the "
                              "engagement.toml of a client project made with `finagents new --with-code`\n")
