"""The pack's wheel kept beside a client project (`new --wheel`, `update --wheel`).

finagents is not on PyPI, so `pip install -r requirements.txt` can only find it on a
firm's own index, or in a wheel the project carries. With `--wheel`, requirements.txt
names `wheels/finagents-<version>-py3-none-any.whl` by a path relative to the project
folder (pip reads it from the folder it runs in), and the file is committed with the
project so that a colleague's clone installs too.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from shared.errors import InputError
from shared.project.answers import ProjectAnswers

WHEELS_DIR = "wheels"


def wheel_name(version: str) -> str:
    """The file name the build gives the pack's wheel (pure Python, any platform)."""
    return f"finagents-{version}-py3-none-any.whl"


def check_wheel(source: Path, version: str) -> None:
    """`source` must be the wheel of `version`, the pack that renders the project: its
    requirements.txt names that file, and scaffold and pin must agree."""
    if not source.is_file():
        raise InputError(source, "does not exist (--wheel takes the pack's .whl file)")
    expected = wheel_name(version)
    if source.name != expected:
        parts = source.name.split("-")
        ours = parts[0] == "finagents" and len(parts) > 2
        which = f"finagents {parts[1]}'s wheel" if ours else "not a finagents wheel"
        raise InputError(source, f"is {which}, but finagents {version} is installed and makes the project: "
                                 f"give {expected}, or install the pack that wheel holds first")
    if not _holds_the_pack(source, version):
        raise InputError(source, "is not a wheel of finagents (no finagents dist-info inside)")


def place_wheel(source: Path, version: str, root: Path) -> Path:
    """Copy the checked wheel into `root/wheels/` and return where it went."""
    check_wheel(source, version)
    target = root / WHEELS_DIR / wheel_name(version)
    target.parent.mkdir(exist_ok=True)
    if source.resolve() != target.resolve():
        shutil.copyfile(source, target)
    return target


def missing_wheel(root: Path, answers: ProjectAnswers, version: str) -> str | None:
    """`wheels/<the wheel>` when the project installs from a wheel it does not hold."""
    relative = f"{WHEELS_DIR}/{wheel_name(version)}"
    return relative if answers.wheel and not (root / relative).is_file() else None


def _holds_the_pack(source: Path, version: str) -> bool:
    if not zipfile.is_zipfile(source):
        return False
    with zipfile.ZipFile(source) as archive:
        return f"finagents-{version}.dist-info/METADATA" in archive.namelist()
