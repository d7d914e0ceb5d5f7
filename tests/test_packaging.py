"""The wheel carries everything a workflow needs at run time, and works installed."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

PACKAGES = ("shared", "kyc", "earnings_review", "month_end_close")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
               "--quiet", "-w", str(out), str(REPO_ROOT)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    (built,) = out.glob("finagents-*.whl")
    return built


def _tracked_package_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files", *PACKAGES], cwd=REPO_ROOT, capture_output=True, text=True)
    files = listed.stdout.split() if listed.returncode == 0 else []
    # Outside git (an unpacked sdist) fall back to what is on disk.
    return files or [p.relative_to(REPO_ROOT).as_posix() for pkg in PACKAGES for p in (REPO_ROOT / pkg).rglob("*")
                     if p.is_file() and "__pycache__" not in p.parts]


def test_wheel_carries_every_package_file_and_the_scaffold(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [f for f in _tracked_package_files() if f not in names]
    assert not missing, f"not in the wheel: {missing}"
    templates = REPO_ROOT / "templates"
    scaffold = [p.relative_to(templates).as_posix() for p in templates.rglob("*") if p.is_file()]
    assert scaffold and all(f"shared/scaffold/{f}" in names for f in scaffold)
    assert {"shared/prompts/validation_reask.j2", "shared/prompts/partials/document.example.toml"} <= names


def test_wheel_declares_the_console_script(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    (entry_points,) = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
    assert "finagents = shared.cli:entry_point" in archive.read(entry_points).decode()


RENDER_FROM_INSTALLED = """
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
import shared
from shared.prompts import PromptLibrary
from shared.resources import scaffold_dir
library = PromptLibrary()
rendered = library.render("validation_reask.j2", **library.example_variables("validation_reask.j2"))
print(shared.__file__)
print(rendered.template.path)
print(scaffold_dir())
print(rendered.text.splitlines()[1])
"""


def test_a_prompt_renders_from_the_installed_files(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet",
                    "--target", str(target), str(wheel)], check=True, capture_output=True, timeout=300)
    shown = subprocess.run([sys.executable, "-c", RENDER_FROM_INSTALLED, str(target)], cwd=tmp_path,
                           capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0, shown.stderr
    module, template, scaffold, line = shown.stdout.splitlines()
    assert Path(module).is_relative_to(target)
    assert Path(template) == target / "shared" / "prompts" / "validation_reask.j2"
    assert Path(scaffold) == target / "shared" / "scaffold"
    assert line == "(attempt 1 of 3). The problems were:"


def test_langgraph_json_names_every_graph() -> None:
    config = json.loads((REPO_ROOT / "langgraph.json").read_text())
    graphs = {name: f"./{name}/served.py:graph" for name in PACKAGES[1:]}
    assert config["graphs"] == {**graphs, "kyc_rescreen": "./kyc/rescreen/served.py:graph"}
