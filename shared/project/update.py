"""`finagents update`: a newer pack's render merged into a project, three ways.

The baseline (`.finagents/baseline/`) is what the pack wrote last time; the project's
files are the baseline plus the engagement's edits; the new render is what the pack
writes now. Each file is merged with `git merge-file`: edits on one side only are
taken, edits to the same lines on both are marked in the file and listed. The baseline
then becomes the new render, so the next update merges from here.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from shared.errors import InputError
from shared.project.answers import BASELINE_DIR, read_record, write_record
from shared.project.git import merge_file, uncommitted_changes
from shared.project.pack import Pack
from shared.project.render import render_project
from shared.project.wheel import check_wheel, missing_wheel, place_wheel


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file: unchanged, kept (the engagement's edit; the pack did
    not change it), updated, added, merged, conflict, removed, left_deleted (deleted
    here, changed in the pack) or left_in_place (edited here, dropped by the pack)."""

    path: str
    outcome: str
    conflicts: int = 0


@dataclass(frozen=True)
class UpdateReport:
    from_version: str
    to_version: str
    files: tuple[FileOutcome, ...]
    wheel_missing: str | None = None  # the wheel requirements.txt names, when the project lacks it

    @property
    def conflicts(self) -> tuple[FileOutcome, ...]:
        return tuple(f for f in self.files if f.outcome == "conflict")


def update_project(root: Path, pack: Pack, *, allow_dirty: bool = False, wheel: Path | None = None) -> UpdateReport:
    """Merge `pack`'s render into the project; with `wheel`, the project keeps that wheel
    of the pack in wheels/ from now on and requirements.txt names it."""
    root = root.resolve()
    record = read_record(root)
    if record.answers.workflow != pack.workflow:
        raise InputError(root, f"is a {record.answers.workflow} project, not {pack.workflow}")
    dirty = uncommitted_changes(root)
    if dirty and not allow_dirty:
        raise InputError(root, f"has uncommitted changes ({', '.join(dirty[:3])}); commit them first so "
                               "`git diff` shows exactly what the update did (or pass --allow-dirty)")
    if wheel is not None:
        check_wheel(wheel, pack.version)
    answers = record.answers.model_copy(update={"wheel": True}) if wheel is not None else record.answers
    with tempfile.TemporaryDirectory(prefix="finagents-update-") as scratch:
        fresh = Path(scratch) / "render"
        render_project(pack, answers, fresh)
        labels = ("this project", f"pack {record.baseline_version}", f"pack {pack.version}")
        outcomes = [_merge(relative, root, fresh, labels) for relative in _all_files(root / BASELINE_DIR, fresh)]
        shutil.rmtree(root / BASELINE_DIR)
        shutil.copytree(fresh, root / BASELINE_DIR)
    if wheel is not None:
        place_wheel(wheel, pack.version, root)
    write_record(root, record.model_copy(update={"baseline_version": pack.version, "answers": answers}))
    return UpdateReport(record.baseline_version, pack.version, tuple(outcomes),
                        missing_wheel(root, answers, pack.version))


def _all_files(*roots: Path) -> list[str]:
    return sorted({p.relative_to(r).as_posix() for r in roots for p in r.rglob("*") if p.is_file()})


def _merge(relative: str, root: Path, fresh: Path, labels: tuple[str, str, str]) -> FileOutcome:
    ours, base, theirs = root / relative, root / BASELINE_DIR / relative, fresh / relative
    if not theirs.exists():
        return _removed_by_pack(relative, ours, base)
    if not ours.exists():
        return _missing_here(relative, ours, base, theirs)
    return _three_way(relative, ours, base, theirs, labels)


def _removed_by_pack(relative: str, ours: Path, base: Path) -> FileOutcome:
    if not ours.exists():
        return FileOutcome(relative, "unchanged")
    if _same(ours, base):
        ours.unlink()
        return FileOutcome(relative, "removed")
    return FileOutcome(relative, "left_in_place")  # the pack dropped it; the engagement had edited it


def _missing_here(relative: str, ours: Path, base: Path, theirs: Path) -> FileOutcome:
    if base.exists():  # the engagement deleted it (a prompt: back to the pack default); keep it so
        return FileOutcome(relative, "unchanged" if _same(base, theirs) else "left_deleted")
    ours.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(theirs, ours)
    return FileOutcome(relative, "added")


def _three_way(relative: str, ours: Path, base: Path, theirs: Path, labels: tuple[str, str, str]) -> FileOutcome:
    if _same(base, theirs):
        return FileOutcome(relative, "unchanged" if _same(ours, base) else "kept")
    if _same(ours, base) or _same(ours, theirs):
        shutil.copyfile(theirs, ours)
        return FileOutcome(relative, "updated")
    with tempfile.NamedTemporaryFile("w", suffix=".empty") as empty:
        merged, conflicts = merge_file(ours, base if base.exists() else Path(empty.name), theirs, labels)
    ours.write_text(merged, encoding="utf-8")
    return FileOutcome(relative, "conflict" if conflicts else "merged", conflicts)


def _same(a: Path, b: Path) -> bool:
    return a.exists() and b.exists() and a.read_bytes() == b.read_bytes()
