"""`finagents update`: a newer pack (a changed default prompt, a new setting) merged into
a project whose engagement edited a prompt and a threshold."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import Field

import shared
from month_end_close.context import Context
from shared.engagement import load_engagement
from shared.project.answers import BASELINE_DIR, read_record
from shared.workflows import WorkflowSpec, get_workflow
from tests.shared.project.conftest import cli, set_setting

OLD_LINE = "restatement of the change. Name the ledger line ids you relied on. Use no figure that is"
PACK_LINE = "restatement of the change. Name the ledger line ids you relied on, largest first. Use no figure that is"
ENGAGEMENT_LINE = "Acme house style: name the cost centre behind each driver."
SYSTEM_LINE = "Pack 0.2.0: every figure you use must be one you were given."


class NewerContext(Context):
    ageing_bucket_days: int = Field(30, ge=1, le=120, description="Unmatched items are aged in buckets of this "
                                                                   "many days.")


def commit(project: Path, message: str) -> None:
    subprocess.run(["git", "commit", "--quiet", "--all", "--message", message], cwd=project, check=True)


@pytest.fixture
def upgrade_pack(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[[], Path]:
    """Turn the installed pack into its next release: version 0.2.0, explain_flux.j2
    reworded on one line, system.j2 with a new line, and one new close setting."""

    def upgrade() -> Path:
        prompts = tmp_path / "pack-0.2.0" / "prompts"
        shutil.copytree(get_workflow("month_end_close").prompts_dir, prompts)
        explain = prompts / "explain_flux.j2"
        assert OLD_LINE in explain.read_text()
        explain.write_text(explain.read_text().replace(OLD_LINE, PACK_LINE))
        (prompts / "system.j2").write_text((prompts / "system.j2").read_text() + SYSTEM_LINE + "\n")
        real_prompts, real_settings = WorkflowSpec.__dict__["prompts_dir"], WorkflowSpec.settings_model
        monkeypatch.setattr(shared, "__version__", "0.2.0")
        monkeypatch.setattr(WorkflowSpec, "prompts_dir", property(
            lambda self: prompts if self.name == "month_end_close" else real_prompts.fget(self)))
        monkeypatch.setattr(WorkflowSpec, "settings_model", lambda self: (
            NewerContext if self.name == "month_end_close" else real_settings(self)))
        return prompts

    return upgrade


@pytest.fixture
def edited_project(new_project) -> Path:
    project = new_project("month_end_close")
    explain = project / "prompts" / "month_end_close" / "explain_flux.j2"
    explain.write_text(explain.read_text() + f"\n{ENGAGEMENT_LINE}\n")
    set_setting(project, "materiality_amount", "2500")
    commit(project, "Acme's wording and materiality")
    return project


def test_update_keeps_edits_brings_new_defaults_and_flags_the_moved_prompt(edited_project, upgrade_pack, capsys):
    project, newer_pack = edited_project, upgrade_pack()
    status, out, err = cli(capsys, "update", str(project))
    assert status == 0, err
    assert "from pack 0.1.0 to 0.2.0" in out
    assert "prompts/month_end_close/explain_flux.j2: merged the pack's changes into your edits" in out
    assert "prompts/month_end_close/system.j2: took the pack's new version" in out

    explain = (project / "prompts" / "month_end_close" / "explain_flux.j2").read_text()
    assert ENGAGEMENT_LINE in explain and PACK_LINE in explain  # the edit kept, the pack's change merged in
    system = project / "prompts" / "month_end_close" / "system.j2"
    assert system.read_bytes() == (newer_pack / "system.j2").read_bytes()  # untouched: the new default

    toml = (project / "engagement.toml").read_text()
    assert "materiality_amount = 2500\n" in toml and 'pack_version = "0.2.0"' in toml
    assert "many days.\n# Default: 30. Allowed: 1 to 120.\nageing_bucket_days = 30\n" in toml
    settings = NewerContext.model_validate(load_engagement(project).config.month_end_close)
    assert (settings.ageing_bucket_days, str(settings.materiality_amount)) == (30, "2500")

    record = read_record(project)
    assert (record.made_with, record.baseline_version) == ("0.1.0", "0.2.0")
    assert (project / BASELINE_DIR / "prompts/month_end_close/explain_flux.j2").read_bytes() == \
        (newer_pack / "explain_flux.j2").read_bytes()

    status, out, _ = cli(capsys, "prompts", "diff", "month_end_close", "--engagement", str(project))
    assert status == 0
    assert ("! explain_flux.j2: the pack's default changed since this project was made with finagents 0.1.0: "
            "check your wording against it") in out
    assert "= system.j2: identical to the pack default" in out and "! system.j2" not in out
    assert f"+{ENGAGEMENT_LINE}" in out

    status, out, err = cli(capsys, "check", str(project))
    assert status == 0, err


def test_prompts_diff_flags_a_default_that_moved_before_the_update(edited_project, upgrade_pack, capsys):
    upgrade_pack()
    status, out, _ = cli(capsys, "prompts", "diff", "month_end_close", "--engagement", str(edited_project))
    assert status == 0
    assert "! explain_flux.j2: the pack's default changed since this project was last updated: run " \
           "`finagents update`" in out
    assert f"-{PACK_LINE}" in out and f"+{OLD_LINE}" in out


def test_the_same_line_changed_on_both_sides_is_marked_and_listed_never_resolved(new_project, upgrade_pack, capsys):
    project = new_project("month_end_close")
    explain = project / "prompts" / "month_end_close" / "explain_flux.j2"
    mine = OLD_LINE.replace("relied on.", "relied on, by date.")
    explain.write_text(explain.read_text().replace(OLD_LINE, mine))
    commit(project, "Acme's wording")
    upgrade_pack()

    status, out, err = cli(capsys, "update", str(project))
    assert status == 2 and len(err.splitlines()) == 1
    assert "1 file(s) with conflicts marked <<<<<<< to resolve: prompts/month_end_close/explain_flux.j2" in err
    assert "explain_flux.j2: CONFLICT" in out
    text = explain.read_text()
    assert f"<<<<<<< this project\n{mine}\n||||||| pack 0.1.0\n{OLD_LINE}\n=======\n{PACK_LINE}\n>>>>>>> pack 0.2.0" \
        in text or f"<<<<<<< this project\n{mine}\n=======\n{PACK_LINE}\n>>>>>>> pack 0.2.0" in text
    assert read_record(project).baseline_version == "0.2.0"

    status, _, err = cli(capsys, "check", str(project))
    line = text[:text.index("<<<<<<<")].count("\n") + 1
    assert status == 2 and f"{explain}:{line}: unresolved merge conflict from `finagents update`" in err


def test_uncommitted_changes_are_refused_so_the_update_can_be_reviewed(new_project, upgrade_pack, capsys):
    project = new_project("month_end_close")
    set_setting(project, "window_days", "10")
    upgrade_pack()
    status, _, err = cli(capsys, "update", str(project))
    assert status == 2 and "has uncommitted changes (engagement.toml); commit them first" in err
    assert read_record(project).baseline_version == "0.1.0"
    assert cli(capsys, "update", str(project), "--allow-dirty")[0] == 0
    assert "window_days = 10\n" in (project / "engagement.toml").read_text()


def test_a_prompt_the_engagement_deleted_stays_deleted(new_project, upgrade_pack, capsys):
    project = new_project("month_end_close")
    (project / "prompts" / "month_end_close" / "system.j2").unlink()
    commit(project, "Use the pack's system prompt")
    upgrade_pack()
    status, out, _ = cli(capsys, "update", str(project))
    assert status == 0 and "system.j2: you deleted it; the pack changed it; left deleted" in out
    assert not (project / "prompts" / "month_end_close" / "system.j2").exists()


def test_update_needs_a_project_made_by_new(isolated_home, capsys):
    (isolated_home / "engagement.toml").write_text('[engagement]\nclient = "Hand made"\n')
    status, _, err = cli(capsys, "update", ".")
    assert status == 2 and "is not a client project made by `finagents new` (no .finagents/project.json)" in err
