"""Workflows as plugins: a distribution that declares a WorkflowSpec in the
`finagents.workflows` entry-point group is a workflow of the pack, with nothing in the
core edited; a broken declaration is reported as that plugin's fault."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from shared.errors import InputError
from shared.workflows import ENTRY_POINT_GROUP, WorkflowSpec, all_workflows, get_workflow
from tests.support.stderr import last_line

REPO = Path(__file__).resolve().parents[2]
TOY = REPO / "tests" / "support" / "toy_workflow"
PACK_WORKFLOWS = ["earnings_review", "kyc", "kyc_rescreen", "month_end_close"]

PLUGIN_PROJECT = """\
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "finagents-toy-ledger"
version = "0.1.0"

[project.entry-points."finagents.workflows"]
toy_ledger = "toy_ledger.spec:SPEC"

[tool.hatch.build.targets.wheel]
packages = ["toy_ledger"]
"""

PLUGIN_SPEC = """\
from shared.workflows import Lazy, WorkflowSpec

SPEC = WorkflowSpec(
    name="toy_ledger",
    summary="A CSV of amounts in; the large lines labelled.",
    input_help="a CSV of id, amount",
    package="toy_ledger",
    graph=Lazy("toy_ledger.graph:build_graph"),
)
"""


def plugin_distribution(root: Path) -> Path:
    """The toy workflow as a distribution of its own, as a consultant would ship one."""
    source = root / "finagents-toy-ledger"
    shutil.copytree(TOY, source / "toy_ledger", ignore=shutil.ignore_patterns("__pycache__"))
    (source / "toy_ledger" / "spec.py").write_text(PLUGIN_SPEC)
    (source / "pyproject.toml").write_text(PLUGIN_PROJECT)
    return source


def venv_over_this_one(root: Path) -> Path:
    """A fresh venv that sees this environment's packages (the pack, langgraph, hatchling)
    through a .pth file, so installing into it needs no package index."""
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=120)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    # addsitedir, not a bare path: the outer .pth files (the pack's editable install) apply too.
    outer = sysconfig.get_paths()["purelib"]
    (Path(site) / "outer_environment.pth").write_text(f"import site; site.addsitedir({outer!r})\n")
    return python


def finagents_in(python: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from shared.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([str(python), "-c", code, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_a_workflow_installed_with_pip_is_listed_and_runs(tmp_path: Path) -> None:
    python = venv_over_this_one(tmp_path)
    before = finagents_in(python, tmp_path, "list")
    assert before.returncode == 0, before.stderr
    assert [line.split()[0] for line in before.stdout.splitlines()[1:] if line[:1].strip()] == PACK_WORKFLOWS

    installed = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index",
                                "--disable-pip-version-check", str(plugin_distribution(tmp_path))],
                               capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    listed = finagents_in(python, tmp_path, "list")
    assert listed.returncode == 0, listed.stderr
    rows = {line.split()[0]: line.split()[1] for line in listed.stdout.splitlines()[1:] if line[:1].strip()}
    assert rows == {**dict.fromkeys(PACK_WORKFLOWS, "ready"), "toy_ledger": "ready"}
    assert "A CSV of amounts in; the large lines labelled." in " ".join(listed.stdout.split())

    # Listed is not enough: the core runs it to its review gate like any of its own.
    (tmp_path / "lines.csv").write_text('id,amount\n1,"1,500.00"\n2,(25.50)\n')
    ran = finagents_in(python, tmp_path, "run", "toy_ledger", "lines.csv", "--quiet")
    assert ran.returncode == 0, ran.stderr
    [result_file] = (tmp_path / "runs").glob("*/result.json")
    result = json.loads(result_file.read_text())
    assert (result["workflow"], result["status"], result["body"]["total"]) == ("toy_ledger", "awaiting_review",
                                                                               "1474.50")


# -- what a broken plugin looks like -------------------------------------------------------


@pytest.fixture
def entry_points(monkeypatch):
    """Installs the given entry points as the group's, for this test only."""
    def install(*declared: tuple[str, str]) -> None:
        points = [EntryPoint(name, value, ENTRY_POINT_GROUP) for name, value in declared]
        monkeypatch.setattr("shared.workflows.importlib.metadata.entry_points",
                            lambda group: points if group == ENTRY_POINT_GROUP else [])
        all_workflows.cache_clear()

    yield install
    all_workflows.cache_clear()


def test_the_pack_declares_its_workflows_by_entry_point() -> None:
    assert [flow.name for flow in all_workflows()] == PACK_WORKFLOWS
    assert all(isinstance(flow, WorkflowSpec) for flow in all_workflows())
    assert get_workflow("kyc_rescreen").package == "kyc.rescreen"


def test_a_plugin_that_fails_to_import_is_named(entry_points) -> None:
    entry_points(("kyc", "kyc.spec:SPEC"), ("payroll", "no_such_package.spec:SPEC"))
    with pytest.raises(InputError) as raised:
        all_workflows()
    assert str(raised.value) == ("entry point 'payroll = no_such_package.spec:SPEC' (finagents.workflows): cannot be "
                                 "loaded: ModuleNotFoundError: No module named 'no_such_package'")


def test_a_plugin_must_name_a_spec_under_its_own_name(entry_points) -> None:
    entry_points(("payroll", "shared.errors:InputError"))
    with pytest.raises(InputError, match=r"names a type, not a shared.workflows.WorkflowSpec$"):
        all_workflows()
    entry_points(("payroll", "kyc.spec:SPEC"))
    with pytest.raises(InputError, match=r"names the workflow 'kyc': the entry point's name must be the workflow's$"):
        all_workflows()


def test_two_plugins_may_not_declare_one_workflow(entry_points, tmp_path: Path, monkeypatch) -> None:
    twin = tmp_path / "kyc_twin"
    twin.mkdir()
    (twin / "__init__.py").write_text("from kyc.spec import SPEC\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    entry_points(("kyc", "kyc.spec:SPEC"), ("kyc", "kyc_twin:SPEC"))
    with pytest.raises(InputError, match="declares workflow 'kyc', which another installed distribution already"):
        all_workflows()


def test_a_broken_plugin_fails_a_command_in_one_line_naming_it(entry_points, capsys) -> None:
    from shared.cli import main

    entry_points(("kyc", "kyc.spec:SPEC"), ("payroll", "payroll_plugin:SPEC"))
    assert main(["list"]) == 2
    assert last_line(capsys.readouterr().err) == (
        "finagents: entry point 'payroll = payroll_plugin:SPEC' (finagents.workflows): cannot be loaded: "
        "ModuleNotFoundError: No module named 'payroll_plugin'\n")


def test_engagement_tables_follow_the_installed_workflows(entry_points, tmp_path: Path) -> None:
    from shared.engagement import load_engagement

    (tmp_path / "engagement.toml").write_text(
        '[engagement]\nclient = "Acme"\n\n[month_end_close]\nperiod = "2026-01"\n')
    assert load_engagement(tmp_path).config.table("month_end_close") == {"period": "2026-01"}
    entry_points(("kyc", "kyc.spec:SPEC"))
    with pytest.raises(InputError, match=r"unknown key 'month_end_close'$"):
        load_engagement(tmp_path)
