"""Issue 18: a client project that installs. finagents is not on PyPI, so the README of
a new project never offers a bare `pip install -r requirements.txt`; with `--wheel` the
project keeps the pack's wheel and `pip install -r requirements.txt` installs it."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from shared import __version__
from tests.conftest import REPO_ROOT
from tests.shared.project.conftest import cli

WHEEL = f"finagents-{__version__}-py3-none-any.whl"


def fake_wheel(folder: Path, name: str = WHEEL, version: str = __version__) -> Path:
    """A file shaped like the pack's wheel (enough for `new` to accept; pip never sees it)."""
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(folder / name, "w") as archive:
        archive.writestr(f"finagents-{version}.dist-info/METADATA", f"Name: finagents\nVersion: {version}\n")
    return folder / name


def code_lines(readme: str) -> list[str]:
    return [line.strip() for line in readme.splitlines() if line.startswith("    ")]


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, check=True).stdout


def test_without_a_wheel_the_readme_installs_from_the_firms_index_or_says_how_to_keep_a_wheel(new_project):
    project = new_project("kyc")
    readme = (project / "README.md").read_text()
    installs = [line for line in code_lines(readme) if "pip install" in line]
    assert installs, "the README says how to install the pack"
    bare = [line for line in installs if "-r requirements.txt" in line and "--index-url" not in line]
    assert not bare, f"a pip line that cannot work without the firm's index: {bare}"
    assert "finagents is not on PyPI." in readme
    assert f".venv/bin/finagents update . --wheel path/to/{WHEEL}" in code_lines(readme)
    assert (project / "requirements.txt").read_text().splitlines()[-1] == f"finagents=={__version__}"


def test_with_a_wheel_the_project_keeps_it_and_requirements_name_it(new_project, tmp_path):
    wheel = fake_wheel(tmp_path / "given")
    project = new_project("month_end_close", "--wheel", str(wheel))
    kept = project / "wheels" / WHEEL
    assert kept.read_bytes() == wheel.read_bytes()
    requirements = (project / "requirements.txt").read_text().splitlines()
    assert [line for line in requirements if not line.startswith("#")] == [f"./wheels/{WHEEL}"]
    assert "python3.11 -m venv .venv && .venv/bin/pip install -r requirements.txt" in code_lines(
        (project / "README.md").read_text())
    assert f"wheels/{WHEEL}" in git(project, "ls-files").split()  # a colleague's clone installs too
    assert not (project / ".finagents" / "baseline" / "wheels").exists()  # not part of what update merges


@pytest.mark.parametrize(("name", "version", "problem"), [
    ("finagents-9.9.9-py3-none-any.whl", "9.9.9", f"is finagents 9.9.9's wheel, but finagents {__version__} is "
                                                  f"installed and makes the project: give {WHEEL}, or install the "
                                                  "pack that wheel holds first"),
    (WHEEL, "0.0.0", "is not a wheel of finagents (no finagents dist-info inside)"),
    ("pack.zip", __version__, f"is not a finagents wheel, but finagents {__version__} is installed and makes the "
                              f"project: give {WHEEL}, or install the pack that wheel holds first"),
])
def test_a_wrong_wheel_is_refused_before_anything_is_made(isolated_home, tmp_path, capsys, name, version, problem):
    wheel = fake_wheel(tmp_path / "given", name, version)
    status, _, err = cli(capsys, "new", "kyc", str(isolated_home / "acme"), "--wheel", str(wheel))
    assert status == 2
    assert err == f"finagents: {wheel}: {problem}\n"
    assert not (isolated_home / "acme").exists()


def test_check_warns_when_the_kept_wheel_is_gone(new_project, tmp_path, capsys):
    project = new_project("kyc", "--wheel", str(fake_wheel(tmp_path / "given")))
    (project / "wheels" / WHEEL).unlink()
    status, _, err = cli(capsys, "check", str(project))
    assert status == 0
    assert err.splitlines() == [f"warning: {project / 'requirements.txt'}: names wheels/{WHEEL}, which is not in the "
                                "project: copy that wheel there, or `pip install -r requirements.txt` fails"]


def test_update_with_a_wheel_moves_a_project_onto_it(new_project, tmp_path, capsys):
    project = new_project("kyc")
    status, out, _ = cli(capsys, "update", str(project), "--wheel", str(fake_wheel(tmp_path / "given")))
    assert status == 0
    assert "  requirements.txt: took the pack's new version" in out.splitlines()
    assert (project / "requirements.txt").read_text().splitlines()[-1] == f"./wheels/{WHEEL}"
    assert (project / "wheels" / WHEEL).is_file()


def test_update_to_a_newer_pack_says_which_wheel_the_project_now_needs(new_project, tmp_path, capsys, monkeypatch):
    import shared

    project = new_project("kyc", "--wheel", str(fake_wheel(tmp_path / "given")))
    monkeypatch.setattr(shared, "__version__", "0.2.0")  # the pack installed is now the next release
    status, out, _ = cli(capsys, "update", str(project))
    assert status == 0
    assert (project / "requirements.txt").read_text().splitlines()[-1] == "./wheels/finagents-0.2.0-py3-none-any.whl"
    assert (f"  requirements.txt names wheels/finagents-0.2.0-py3-none-any.whl, which is not in the project: add it "
            f"with `finagents update {project} --wheel PATH`") in out.splitlines()


@pytest.fixture(scope="module")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "--quiet",
                    "-w", str(out), str(REPO_ROOT)], check=True, capture_output=True, timeout=300)
    (built,) = out.glob("finagents-*.whl")
    return built


@pytest.mark.slow
def test_pip_install_r_requirements_in_a_fresh_venv_installs_the_kept_wheel(new_project, built_wheel, tmp_path):
    project = new_project("month_end_close", "--wheel", str(built_wheel))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300)
    _dependencies_without_the_pack(venv, tmp_path / "deps")
    pip = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--no-index", "-r", "requirements.txt"],
                         cwd=project, capture_output=True, text=True, timeout=300, env=_quiet_pip())
    assert pip.returncode == 0, pip.stderr
    assert f"Successfully installed finagents-{__version__}" in pip.stdout
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import shared; print(shared.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).is_relative_to(venv)
    checked = subprocess.run([str(venv / "bin" / "finagents"), "check", "."], cwd=project, capture_output=True,
                             text=True, timeout=300)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith(f"{project}: settings valid")


def _dependencies_without_the_pack(venv: Path, deps: Path) -> None:
    """Tests cannot reach PyPI: the pack's dependencies are lent to the fresh venv from
    this one (links to every installed distribution but finagents itself), so that
    `--no-index` still resolves them and only the pack has to come from wheels/."""
    here = Path(sysconfig.get_paths()["purelib"])
    deps.mkdir()
    for entry in here.iterdir():
        name = entry.name.lower()
        if not (name.startswith(("finagents", "_editable_impl_finagents", "__editable__", "pip-"))
                or name in ("pip", "__pycache__") or entry.suffix == ".pth"):
            (deps / entry.name).symlink_to(entry)
    where = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = subprocess.run([str(venv / "bin" / "python"), "-c", where], capture_output=True, text=True,
                          check=True).stdout.strip()
    (Path(site) / "lent_dependencies.pth").write_text(f"{deps}\n")


def _quiet_pip() -> dict[str, str]:
    return {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}
