"""The model's label choices are taken only within the rules."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from earnings_review.extract import extract_statements
from earnings_review.model_steps import classify_unmapped
from earnings_review.schemas import LabelChoice, LabelClassification
from shared.documents import open_pdf
from shared.llm import FakeModel
from tests.conftest import REPO_ROOT

SAMPLE = REPO_ROOT / "earnings_review" / "sample" / "QUILLFEATHER_2025Q3_10Q_SYNTHETIC.pdf"


@pytest.fixture(scope="module")
def sample():
    with open_pdf(SAMPLE) as pdf:
        return extract_statements(pdf)


def test_model_choices_become_facts_only_within_the_rules(sample) -> None:
    from earnings_review.graph import build_graph  # noqa: F401  (the workflow imports cleanly)
    from shared.runs.context import RunContext  # noqa: F401
    from shared.workflows import get_workflow

    income = [r for r in sample.unmapped if r.statement == "income"]
    other = next(i for i, r in enumerate(income, start=1) if r.label == "Interest and other income (expense), net")
    answers = [LabelClassification(choices=[
        LabelChoice(line=other, concept="OtherNonoperatingIncomeExpense", reason="other income"),
        LabelChoice(line=1, concept="MadeUpConcept", reason="not offered"),
        LabelChoice(line=1, concept="NetIncomeLoss", reason="already taken by the table"),
    ])]
    answers += [LabelClassification(choices=[]) for _ in range(2)]
    model = FakeModel(answers, model_id="claude-test")
    context = SimpleNamespace(model=model, prompts=get_workflow("earnings_review").prompt_library())
    state = {"unmapped": list(sample.unmapped), "facts": list(sample.facts),
             "filing": {"path": f"x/{SAMPLE.name}", "sha256": "a" * 64}}
    facts, _ = classify_unmapped(state, context, limit=100)
    assert {f.concept for f in facts} == set()  # OtherNonoperatingIncomeExpense is not in the offered list


def test_an_offered_concept_is_taken_with_the_model_recorded(sample) -> None:
    from shared.workflows import get_workflow

    balance = [r for r in sample.unmapped if r.statement == "balance"]
    payable = next(i for i, r in enumerate(balance, start=1) if r.label == "Accounts payable")
    answers = [LabelClassification(choices=[]),
               LabelClassification(choices=[LabelChoice(line=payable, concept="Liabilities", reason="test")]),
               LabelClassification(choices=[])]
    context = SimpleNamespace(model=FakeModel(answers, model_id="claude-test"),
                              prompts=get_workflow("earnings_review").prompt_library())
    state = {"unmapped": list(sample.unmapped), "facts": [f for f in sample.facts if f.concept != "Liabilities"],
             "filing": {"path": SAMPLE.name, "sha256": "a" * 64}}
    facts, _ = classify_unmapped(state, context, limit=100)
    assert [(f.concept, str(f.value), f.mapped_by, f.citation.text) for f in facts][0] == (
        "Liabilities", "1128000000", "claude-test", "1,128")
    assert len(context.model.calls) == 3
