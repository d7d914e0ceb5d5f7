"""`finagents new`: a client project, its baseline, its sample inputs and its first commit."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from shared.errors import InputError
from shared.project.answers import BASELINE_DIR, ProjectAnswers, ProjectRecord, prompt_hashes, write_record
from shared.project.git import init_repository
from shared.project.pack import Pack
from shared.project.render import render_project
from shared.project.wheel import check_wheel, place_wheel


def new_project(pack: Pack, answers: ProjectAnswers, dest: Path, wheel: Path | None = None) -> Path:
    """Make the project at `dest` (which must not exist or be empty) and return it; with
    `wheel`, the pack's wheel goes into it and requirements.txt names it."""
    dest = dest.resolve()
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise InputError(dest, "already exists and is not empty; give a new folder for the client project")
    if wheel is not None:
        check_wheel(wheel, pack.version)  # before anything is written: a refused wheel leaves no half project
        answers = answers.model_copy(update={"wheel": True})
    with tempfile.TemporaryDirectory(prefix="finagents-new-") as scratch:
        pristine = Path(scratch) / "render"
        render_project(pack, answers, pristine)
        shutil.copytree(pristine, dest, dirs_exist_ok=True)
        shutil.copytree(pristine, dest / BASELINE_DIR)
    shutil.copytree(pack.sample_dir, dest / "inputs" / "sample")
    if wheel is not None:
        place_wheel(wheel, pack.version, dest)
    record = ProjectRecord(answers=answers, made_with=pack.version, baseline_version=pack.version,
                           made_with_prompts=prompt_hashes(pack.prompts_dir))
    write_record(dest, record)
    init_repository(dest, f"New {pack.workflow} project for {answers.client} (finagents {pack.version})")
    return dest
