"""`finagents new`: what a consultant gets in a fresh client project."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

from month_end_close.context import Context
from shared import __version__
from shared.engagement import load_engagement
from shared.project.answers import BASELINE_DIR, read_record
from shared.workflows import get_workflow
from tests.shared.project.conftest import cli


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, check=True).stdout


def test_engagement_toml_holds_every_setting_at_its_default_with_meaning_and_range(new_project):
    project = new_project("month_end_close")
    text = (project / "engagement.toml").read_text()
    config = load_engagement(project).config
    assert config.engagement.client == "Acme Ltd" and config.engagement.pack_version == __version__
    assert Context.model_validate(config.month_end_close) == Context()  # every value is the pack default
    for key in Context.model_fields:
        if key not in ("bank", "entry_accounts", "columns"):
            assert f"\n{key} = " in text or f"\n# {key} =" in text, key
    assert "[month_end_close.entry_accounts]\n# Where proposed entries post" in text
    window = text.index("\nwindow_days = 7")
    assert text[:window].endswith("(cheques take days to\n# clear).\n# Default: 7. Allowed: 0 to 60.")
    assert "# Default: not set.\n# period =\n" in text  # no default: commented out, TOML has no null


def test_prompts_are_copies_of_the_pack_and_inputs_hold_the_sample(new_project):
    project = new_project("month_end_close")
    pack = get_workflow("month_end_close")
    folder = project / "prompts" / "month_end_close"
    copies = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert copies == ["explain_flux.j2", "partials/reference.j2", "read_statement.j2", "system.j2",
                      "tools/read_statement.j2", "tools/reconcile.j2"]
    for name in copies:
        assert (project / "prompts" / "month_end_close" / name).read_bytes() == (pack.prompts_dir / name).read_bytes()
    samples = sorted(p.name for p in (project / "inputs" / "sample").iterdir())
    assert samples == sorted(p.name for p in pack.sample_dir.iterdir())


def test_it_is_a_git_repository_with_one_commit_runs_ignored_and_the_pack_pinned(new_project):
    project = new_project("month_end_close")
    assert git(project, "log", "--format=%s%n%an").splitlines() == [
        f"New month_end_close project for Acme Ltd (finagents {__version__})", "finagents"]  # no identity here
    assert git(project, "status", "--porcelain") == ""
    assert git(project, "check-ignore", "runs/x/result.json").strip() == "runs/x/result.json"
    assert f"finagents=={__version__}" in (project / "requirements.txt").read_text()
    tracked = set(git(project, "ls-files").split())
    assert {"engagement.toml", "README.md", ".finagents/project.json",
            ".finagents/baseline/prompts/month_end_close/explain_flux.j2"} <= tracked


def test_the_baseline_is_the_pristine_render_and_the_record_names_it(new_project):
    project = new_project("month_end_close")
    baseline = project / BASELINE_DIR
    rendered = sorted(p.relative_to(baseline).as_posix() for p in baseline.rglob("*") if p.is_file())
    assert rendered == [".gitignore", "README.md", "engagement.toml", "prompts/month_end_close/explain_flux.j2",
                        "prompts/month_end_close/partials/reference.j2", "prompts/month_end_close/read_statement.j2",
                        "prompts/month_end_close/system.j2", "prompts/month_end_close/tools/read_statement.j2",
                        "prompts/month_end_close/tools/reconcile.j2", "requirements.txt"]
    for name in rendered:
        assert (baseline / name).read_bytes() == (project / name).read_bytes()
    record = read_record(project)
    assert (record.answers.client, record.made_with, record.baseline_version) == ("Acme Ltd", __version__, __version__)
    assert set(record.made_with_prompts) == {"explain_flux.j2", "partials/reference.j2", "read_statement.j2",
                                             "system.j2", "tools/read_statement.j2", "tools/reconcile.j2"}


def test_a_deleted_prompt_falls_back_to_the_pack_default(new_project, capsys):
    project = new_project("month_end_close")
    (project / "prompts" / "month_end_close" / "system.j2").unlink()
    status, out, _ = cli(capsys, "prompts", "list", "month_end_close", "--engagement", str(project))
    sources = {line.split()[0]: line.split()[1] for line in out.splitlines()[1:]}
    assert status == 0 and sources["system.j2"] == "pack" and sources["explain_flux.j2"] == "engagement"


def test_the_readme_tells_how_to_run_tune_and_update(new_project):
    readme = (new_project("kyc") / "README.md").read_text()
    for command in ("finagents run kyc inputs/sample", "finagents review", "finagents check .",
                    "finagents prompts diff kyc", "finagents update ."):
        assert command in readme, command


def test_a_folder_that_is_not_empty_is_refused(isolated_home, capsys):
    (isolated_home / "taken").mkdir()
    (isolated_home / "taken" / "notes.txt").write_text("mine")
    status, _, err = cli(capsys, "new", "kyc", "taken")
    assert status == 2 and "taken: already exists and is not empty" in err and len(err.splitlines()) == 1
    assert sorted(p.name for p in (isolated_home / "taken").iterdir()) == ["notes.txt"]


def test_an_unknown_workflow_is_refused(capsys):
    status, _, err = cli(capsys, "new", "payroll", "p")
    assert status == 2 and "payroll: no such workflow" in err and not Path("p").exists()


def test_the_client_defaults_to_the_folder_name(isolated_home, capsys):
    status, _, err = cli(capsys, "new", "earnings_review", "globex")
    assert status == 0, err
    assert tomllib.loads((isolated_home / "globex" / "engagement.toml").read_text())["engagement"]["client"] == "globex"
