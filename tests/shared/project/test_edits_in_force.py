"""A client project's edited prompt and thresholds are what a run uses, and the run
records which prompt file served it, its hash and the settings in force."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from shared.cli import main
from tests.shared.project.conftest import set_setting
from tests.support.messages_api import message

HOUSE_STYLE = "Acme house style: name the cost centre behind each driver."


def passes(comparison: dict | None, amount: Decimal, pct: Decimal) -> bool:
    """The close's materiality rule, restated: both the amount and the percentage."""
    if comparison is None:
        return False
    change, percent = Decimal(comparison["change"]), comparison["percent"]
    return change != 0 and abs(change) >= amount and (percent is None or abs(Decimal(percent)) >= pct)


def flagged_by(rows: list[dict], amount: str, pct: str) -> set[str]:
    a, p = Decimal(amount), Decimal(pct)
    return {r["account"] for r in rows if passes(r["prior"], a, p) or passes(r["budget"], a, p)}


def test_edited_prompt_and_two_thresholds_are_in_force(new_project, messages_api, monkeypatch):
    project = new_project("month_end_close")
    prompt = project / "prompts" / "month_end_close" / "explain_flux.j2"
    prompt.write_text(prompt.read_text() + f"\n{HOUSE_STYLE}\n")
    set_setting(project, "materiality_amount", "500")
    set_setting(project, "materiality_pct", "40")
    set_setting(project, "model", '"claude-sonnet-4-6"')
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-loopback-client-project")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", messages_api.url)
    messages_api.script(message(json.dumps({"accounts": [], "suspected_injection": []})))
    monkeypatch.chdir(project)

    assert main(["run", "month_end_close", "inputs/sample"]) == 0
    (run_dir,) = [p for p in (project / "runs").iterdir() if p.is_dir()]
    audit = [json.loads(line) for line in (run_dir / "audit.jsonl").read_text().splitlines()]
    (call,) = [e["data"] for e in audit if e["type"] == "model_call"]
    template = call["prompt"]["template"]
    assert (template["source"], template["path"]) == ("engagement", str(prompt))
    assert template["sha256"] == hashlib.sha256(prompt.read_bytes()).hexdigest()
    sent = messages_api.requests[0].body["messages"][0]["content"][-1]["text"]
    assert HOUSE_STYLE in sent
    assert call["prompt"]["rendered_sha256"] == hashlib.sha256(sent.encode()).hexdigest()

    result = json.loads((run_dir / "result.json").read_text())
    assert {"name": "explain_flux.j2", "source": "engagement", "sha256": template["sha256"]} in result["prompts"]
    workflow = result["config"]["workflow"]
    assert (workflow["materiality_amount"], workflow["materiality_pct"]) == ("500", "40")
    assert result["config"]["origins"]["workflow"]["materiality_amount"] == str(project / "engagement.toml")
    (started,) = [e["data"] for e in audit if e["type"] == "run_started"]
    assert started["config"]["workflow"]["materiality_pct"] == "40"

    rows = result["body"]["flux"]
    flagged = {r["account"] for r in rows if r["flagged"]}
    assert flagged == flagged_by(rows, "500", "40") != flagged_by(rows, "1000", "10")
    # VAT moved 706.52 (45.3%): material only under the engagement's thresholds; sales
    # services moved 5,198.25 (22.6%): material only under the pack's.
    assert "2200" in flagged and "2200" not in flagged_by(rows, "1000", "10")
    assert "4100" not in flagged and "4100" in flagged_by(rows, "1000", "10")


def test_an_offline_template_override_is_named_with_its_hash_in_the_audit_log(new_project, monkeypatch):
    project = new_project("earnings_review")
    template = project / "prompts" / "earnings_review" / "narrative.md.j2"
    template.write_text("Prepared for Acme Ltd's audit committee.\n\n" + template.read_text())
    monkeypatch.chdir(project)

    assert main(["run", "earnings_review", "inputs/sample"]) == 0
    (run_dir,) = [p for p in (project / "runs").iterdir() if p.is_dir()]
    audit = [json.loads(line) for line in (run_dir / "audit.jsonl").read_text().splitlines()]
    rendered = [p for e in audit if e["type"] == "node_finished" for p in e["data"]["summary"].get("prompts", [])]
    expected = {"name": "narrative.md.j2", "source": "engagement",
                "sha256": hashlib.sha256(template.read_bytes()).hexdigest()}
    assert rendered == [expected]
    assert json.loads((run_dir / "result.json").read_text())["prompts"] == [expected]
    assert "Prepared for Acme Ltd's audit committee." in (run_dir / "memo.md").read_text()
