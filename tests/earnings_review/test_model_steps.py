"""The model's label choices are taken only within the rules."""

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
    facts, findings = _classify(sample, "balance", "Deferred revenue", "ContractWithCustomerLiabilityCurrent")
    assert findings == []
    first = facts[0]
    assert (first.concept, str(first.value), first.mapped_by, first.citation.text) == (
        "ContractWithCustomerLiabilityCurrent", "1317000000", "claude-test", "1,317")


def test_a_total_that_does_not_add_up_is_not_taken(sample) -> None:
    facts, findings = _classify(sample, "balance", "Accounts payable", "Liabilities", drop="Liabilities")
    assert facts == []
    assert "it would break the liabilities_and_equity = liabilities + equity tie-out" in findings[0].message
    assert findings[0].message.endswith("which it alone brings in. The line stays unmapped.")


# -- issue 17, item 6: a model's choice must fit the line's kind, place and arithmetic ---------


def _classify(sample, statement: str, label: str, concept: str, drop: str | None = None):
    from shared.workflows import get_workflow

    section = {"income": 0, "balance": 1, "cash_flow": 2}[statement]
    rows = [r for r in sample.unmapped if r.statement == statement]
    line = next(i for i, r in enumerate(rows, start=1) if r.label == label)
    answers = [LabelClassification(choices=[]) for _ in range(3)]
    answers[section] = LabelClassification(choices=[LabelChoice(line=line, concept=concept, reason="obedient")])
    context = SimpleNamespace(model=FakeModel(answers, model_id="claude-test"),
                              prompts=get_workflow("earnings_review").prompt_library())
    state = {"unmapped": list(sample.unmapped), "facts": [f for f in sample.facts if f.concept != drop],
             "filing": {"path": SAMPLE.name, "sha256": "a" * 64}}
    return classify_unmapped(state, context, limit=100)


def test_a_money_line_is_not_taken_as_a_per_share_concept(sample) -> None:
    facts, findings = _classify(sample, "income", "Products", "CommonStockDividendsPerShareDeclared")
    assert facts == []
    (refused,) = findings
    assert (refused.code, refused.severity, refused.subject) == ("model_mapping_refused", "warning", "Products")
    assert refused.message == ("The model (claude-test) read 'Products' as CommonStockDividendsPerShareDeclared; not "
                               "taken: the line counts money, the concept per share. The line stays unmapped.")
    assert refused.citations[0].text == "3,214"


def test_other_income_is_not_taken_as_earnings_per_share(sample) -> None:
    facts, findings = _classify(sample, "income", "Interest and other income (expense), net", "EarningsPerShareDiluted",
                                drop="EarningsPerShareDiluted")
    assert facts == [] and "the line counts money, the concept per share" in findings[0].message


def test_a_line_that_would_break_a_tie_out_that_holds_is_not_taken(sample) -> None:
    facts, findings = _classify(sample, "income", "Interest and other income (expense), net", "CostOfRevenue",
                                drop="CostOfRevenue")
    assert facts == []
    assert "it would break the gross_profit = revenue - cost_of_revenue tie-out" in findings[0].message


def test_a_concept_printed_under_another_heading_is_not_taken(sample) -> None:
    facts, findings = _classify(sample, "balance", "Operating lease liabilities",
                                "ContractWithCustomerLiabilityCurrent")
    assert facts == []
    assert "not taken: the concept is not reported under the heading 'Non-current liabilities:'" in findings[0].message
