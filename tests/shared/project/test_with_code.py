"""`finagents new --with-code`: the project's own copy of the graph runs, and a change to
one of its steps shows in the run's output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from month_end_close import nodes as pack_nodes
from tests.conftest import REPO_ROOT

FINAGENTS = [sys.executable, "-c", "import sys; from shared.cli import main; sys.exit(main())"]
PACKAGE = "globex_audit_month_end_close"
RULE = '''    from shared.findings import finding

    findings.append(finding("partner_review", "trial balance", "Globex: a partner reviews the trial balance", "info"))
    return {"findings": findings}
'''


def test_the_copied_graph_runs_with_the_projects_own_change(new_project):
    project = new_project("month_end_close", "--with-code", name="globex", client="Globex Audit")
    settings = tomllib.loads((project / "engagement.toml").read_text())["month_end_close"]
    assert settings["graph"] == f"{PACKAGE}.graph:build_graph"
    graph = (project / PACKAGE / "graph.py").read_text()
    assert f"from {PACKAGE} import nodes" in graph and "from month_end_close import nodes" not in graph
    assert (project / PACKAGE / "reports" / "report.html.j2").is_file()

    nodes = project / PACKAGE / "nodes.py"
    head, _, tail = nodes.read_text().partition("def check_trial_balance")
    nodes.write_text(head + "def check_trial_balance" + tail.replace('    return {"findings": findings}\n', RULE, 1))
    assert "partner_review" not in Path(pack_nodes.__file__).read_text()

    # A process of its own: the project's package goes on sys.path and into sys.modules.
    done = subprocess.run([*FINAGENTS, "run", "month_end_close", "inputs/sample"], cwd=project, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    assert done.returncode == 0, done.stderr
    (run_dir,) = [p for p in (project / "runs").iterdir() if p.is_dir()]
    result = json.loads((run_dir / "result.json").read_text())
    assert result["config"]["workflow"]["graph"] == f"{PACKAGE}.graph:build_graph"
    (added,) = [f for f in result["findings"] if f["code"] == "partner_review"]
    assert (added["message"], added["severity"]) == ("Globex: a partner reviews the trial balance", "info")
    assert result["body"]["reconciliation"]["statement"]["unexplained_difference"] == "0.00"  # the rest is the pack's
    assert "Globex: a partner reviews the trial balance" in (run_dir / "memo.md").read_text()
