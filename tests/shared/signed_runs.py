"""Approved runs on client projects made with `finagents new`, made once per test session
and shared (a run takes a second or two; reading it, milliseconds). Read them only: a test
that edits a run works on a copy (`copy_project`, `copy_run`)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from shared.cli import main
from tests.support.shared_runs import private_home

REVIEWER = "Ann Lee"
_made: dict[str, tuple[Path, Path]] = {}


def approved_run(workflow: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(project, run folder): `finagents new WORKFLOW`, a run of its sample, approved."""
    if workflow not in _made:
        _made[workflow] = _approve(workflow, tmp_path_factory.mktemp(f"signed-{workflow}"))
    return _made[workflow]


def _approve(workflow: str, folder: Path) -> tuple[Path, Path]:
    with private_home(folder) as work, pytest.MonkeyPatch.context() as patch:
        project = work / "project"
        assert main(["new", workflow, str(project)]) == 0
        patch.chdir(project)
        assert main(["run", workflow, "inputs/sample"]) == 0
        (run_dir,) = [p for p in (project / "runs").iterdir() if p.is_dir()]
        assert main(["review", run_dir.name, "--approve", "--reviewer", REVIEWER]) == 0
    return project, run_dir


def copy_project(project: Path, run_dir: Path, dest: Path) -> Path:
    """A copy of the whole project, its runs folder's checkpoint database included; the
    copied run's folder."""
    shutil.copytree(project, dest)
    return dest / run_dir.relative_to(project)


def copy_run(run_dir: Path, dest: Path) -> Path:
    """The run folder alone, away from its checkpoint database."""
    shutil.copytree(run_dir, dest)
    return dest


def audit_entries(run_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (run_dir / "audit.jsonl").read_text().splitlines()]


def signature(run_dir: Path) -> dict:
    (signed,) = [e for e in audit_entries(run_dir) if e["type"] == "outputs_signed"]
    return signed


def verify(capsys: pytest.CaptureFixture[str], target: Path) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(["audit", "verify", str(target)])
    out, err = capsys.readouterr()
    return status, out, err
