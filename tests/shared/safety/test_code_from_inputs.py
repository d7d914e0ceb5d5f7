"""Issue 17, item 1: nothing a client's input folder holds, and nothing but a code project's
own engagement.toml, can make the pack import and run code."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shared.cli import main
from shared.workflows import get_workflow
from tests.conftest import REPO_ROOT

PWN = ("from pathlib import Path\nPath(__file__).with_name('PWNED').write_text('ran')\n"
       "def build_graph():\n    raise SystemExit(99)\n")


def evil_close(parent: Path, graph: str) -> Path:
    """The close sample with a pwn.py beside its documents and close.toml naming a graph."""
    case = parent / "inputs" / "evilcase"
    shutil.copytree(get_workflow("month_end_close").sample_dir, case)
    for folder in (parent / "inputs", case):
        (folder / "__init__.py").write_text("")
    (case / "pwn.py").write_text(PWN)
    (case / "close.toml").write_text((case / "close.toml").read_text() + f'graph = "{graph}"\n')
    return case


@pytest.mark.parametrize("graph", ["inputs.evilcase.pwn:build_graph", "os:abort"])
def test_a_close_folder_cannot_name_a_graph(graph: str, isolated_home: Path, capsys) -> None:
    case = evil_close(isolated_home, graph)
    done = subprocess.run([sys.executable, "-c", "import sys; from shared.cli import main; sys.exit(main())",
                           "run", "month_end_close", str(case)], cwd=isolated_home, capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO_ROOT), "HOME": str(isolated_home), "PATH": "/usr/bin:/bin"},
                          timeout=120)
    assert done.returncode == 2, done.stderr  # os:abort would have been -6
    assert done.stderr.strip().splitlines()[-1] == (
        f"finagents: {case / 'close.toml'}: 'graph' cannot be set in an input folder's close.toml (it may set only "
        "period, entity, currency, bank, columns, cash_account); settings that change how the pack runs belong in "
        "engagement.toml")
    assert not (case / "PWNED").exists() and not (isolated_home / "runs").exists()


def test_an_engagement_that_is_not_a_code_project_cannot_name_a_graph(isolated_home: Path, capsys) -> None:
    (isolated_home / "engagement.toml").write_text(
        '[engagement]\nclient = "Acme"\n\n[month_end_close]\ngraph = "os:abort"\n')
    assert main(["run", "month_end_close", str(get_workflow("month_end_close").sample_dir)]) == 2
    assert capsys.readouterr().err == ("finagents: os:abort: a graph for month_end_close is honoured only in the "
                                      "engagement.toml of a client project made with `finagents new --with-code`\n")


@pytest.mark.parametrize("graph", ["os:abort", "inputs.evilcase.pwn:build_graph", "toy_kyc.missing:build_graph"])
def test_a_code_project_may_name_only_its_own_package(graph: str, toy_project: Path, capsys) -> None:
    evil_close(toy_project, "unused:x")
    (toy_project / "engagement.toml").write_text(f'[engagement]\nclient = "Toy"\n\n[kyc]\ngraph = "{graph}"\n')
    assert main(["run", "kyc", "case/lines.csv"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"finagents: {graph}: names no module of the client project's own package toy_kyc"), err
    assert not (toy_project / "inputs" / "evilcase" / "PWNED").exists()


def test_the_code_projects_own_graph_runs(toy_project: Path, capsys) -> None:
    assert main(["run", "kyc", "case/lines.csv"]) == 0
    (run_dir,) = [p for p in (toy_project / "runs").iterdir() if p.is_dir()]
    config = json.loads((run_dir / "result.json").read_text())["config"]
    assert config["workflow"]["graph"] == "toy_kyc.graph:build_graph"
