"""The rescreen is registered where every workflow is (`shared.workflows`), so the run
commands take it unchanged; `finagents demo` leaves it out (it has no sample), and a run
outside an engagement has no memory of cleared hits."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from shared.workflows import demo_workflows, get_workflow
from tests.kyc.generated import CASES_DIR
from tests.kyc.monitored import DANA, HALE, HALE_REASON, V1, WHITFIELD, WHITFIELD_REASON, cli, load_list, onboarding_hit

REPO = Path(__file__).resolve().parents[2]


def test_the_rescreen_is_a_workflow_of_the_kyc_package() -> None:
    rescreen = get_workflow("kyc_rescreen")
    assert rescreen.is_built and rescreen.package_dir == REPO / "kyc" / "rescreen"
    assert rescreen.settings_model().model_fields["screening_threshold"].default is None
    assert [w.name for w in demo_workflows()] == ["earnings_review", "kyc", "month_end_close"]


def test_langgraph_loads_the_rescreen_graph_from_its_file() -> None:
    graphs = json.loads((REPO / "langgraph.json").read_text())["graphs"]
    path, _, name = graphs["kyc_rescreen"].partition(":")
    spec = importlib.util.spec_from_file_location("rescreen_graph_file", REPO / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    graph = getattr(module, name)().compile()
    # Served: the run is opened from the graph input before the rescreen's own first step.
    following = {edge.source: edge.target for edge in graph.get_graph().edges}
    path = ["__start__"]
    while path[-1] in following:
        path.append(following[path[-1]])
    assert path == ["__start__", "open_run", "read_book", "rescreen_book", "draft_outputs", "review_gate",
                    "final_outputs", "__end__"]


def test_the_list_names_the_rescreen(isolated_home: Path) -> None:
    step = cli("list")
    assert any(line.split()[:2] == ["kyc_rescreen", "ready"] for line in step.out.splitlines())


def test_outside_an_engagement_nothing_is_remembered(isolated_home: Path) -> None:
    load_list(isolated_home / "v1", V1, "2026-11-01", None)
    runs = []
    for name in ("first", "second"):
        step = cli("run", "kyc", str(CASES_DIR / "clean_company"), "--out", str(isolated_home / name), "-q")
        assert step.status == 0, step.err
        runs.append(isolated_home / name)
    verdicts = [f"{onboarding_hit(HALE, '901')}=false_positive:{HALE_REASON}",
                f"{onboarding_hit(WHITFIELD, '902')}=false_positive:{WHITFIELD_REASON}"]
    answer = ["--approve", "--reviewer", DANA, "--onboarding-decision", "clear"]
    assert cli("review", str(runs[0]), *answer, *(a for v in verdicts for a in ("--disposition", v))).status == 0
    assert not list(isolated_home.rglob("dispositions.jsonl"))
    third = cli("run", "kyc", str(CASES_DIR / "clean_company"), "--out", str(isolated_home / "third"), "-q")
    hits = json.loads((isolated_home / "third" / "result.json").read_text())["body"]["screening"]["hits"]
    assert third.status == 0 and [h["cleared"] for h in hits] == [None, None]
