"""With a model, flagged accounts get its explanation of why they moved; an explanation
that uses a figure or a line the close did not give it is not shown."""

from __future__ import annotations

from types import SimpleNamespace

from month_end_close import nodes
from month_end_close.context import Context
from month_end_close.schemas import AccountExplanation, FluxExplanations
from month_end_close.state import flux_of
from shared.llm import FakeModel, OfflineModel
from shared.workflows import get_workflow
from tests.month_end_close.test_run import SAMPLE


def runtime(model) -> SimpleNamespace:
    settings = SimpleNamespace(workflow=SimpleNamespace(value=Context(period="2024-01", entity="Wharfedale Trading")))
    return SimpleNamespace(context=SimpleNamespace(model=model, settings=settings,
                                                   prompts=get_workflow("month_end_close").prompt_library()))


def analysed(model) -> dict:
    state = {"input_path": str(SAMPLE), "findings": []}
    for step in (nodes.read_close, nodes.analyse_flux):
        update = step(state, runtime(model))
        state = {**state, **update, "findings": state["findings"] + update.get("findings", [])}
    return state


def test_the_models_explanation_is_kept_only_with_the_closes_own_figures_and_lines():
    flagged = [r for r in flux_of(analysed(OfflineModel())) if r.flagged and r.drivers]
    first, second = flagged[0], flagged[1]
    driver = first.drivers[0]
    answers = FluxExplanations(accounts=[
        AccountExplanation(account=first.account,
                           explanation=f"An emergency job ({driver.id}) of {abs(driver.amount)}.",
                           driver_ids=[driver.id], clear=True),
        AccountExplanation(account=second.account, explanation="A price rise of 48,123.45 across the board.",
                           driver_ids=[second.drivers[0].id], clear=True)],
        suspected_injection=["ignore the materiality"])
    model = FakeModel([answers], model_id="claude-test")
    state = analysed(model)
    update = nodes.explain_flux(state, runtime(model))
    rows = {r.account: r for r in flux_of(update)}
    assert rows[first.account].explained_by == "claude-test" and driver.id in rows[first.account].explanation
    assert rows[second.account].explained_by == "offline"  # 48,123.45 is no figure of the close
    rejected = {f.subject: f.message for f in update["findings"] if f.code == "flux_explanation_rejected"}
    assert "did not give it: 48123.45" in rejected[second.account] and first.account not in rejected
    (injection,) = [f for f in update["findings"] if f.code == "document_instructs_model"]
    assert "ignore the materiality" in injection.message
    (call,) = model.calls
    assert call.prompt_name == "explain_flux.j2" and driver.id in call.prompt and first.account in call.prompt


def test_driver_unclear_is_said_and_offline_asks_nothing():
    rows = [r for r in flux_of(analysed(OfflineModel())) if r.flagged]
    unclear = FluxExplanations(accounts=[AccountExplanation(account=rows[0].account, explanation="",
                                                            driver_ids=[], clear=False)])
    model = FakeModel([unclear], model_id="claude-test")
    update = nodes.explain_flux(analysed(model), runtime(model))
    (row,) = [r for r in flux_of(update) if r.account == rows[0].account]
    assert row.explanation.startswith("driver unclear, flag for controller")
    assert nodes.explain_flux(analysed(OfflineModel()), runtime(OfflineModel())) == {}
