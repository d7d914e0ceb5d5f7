"""`finagents review --help` describes every option a reviewer can give, the onboarding
decision's four values among them."""

from __future__ import annotations

from typer.main import get_command

from shared.cli import main
from shared.cli.app import build_app

OPTIONS = ("--approve", "--reject", "--reviewer", "--comment", "--disposition", "--onboarding-decision",
           "--override-reason", "--decisions", "--engagement")


def test_every_option_of_review_has_help_text() -> None:
    review = get_command(build_app()).commands["review"]
    described = {name: (param.help or "").strip() for param in review.params for name in param.opts}
    assert set(OPTIONS) <= set(described)
    assert [name for name in OPTIONS if len(described[name]) < 20] == []


def test_the_help_names_the_onboarding_decisions_and_when_they_are_needed(capsys) -> None:
    assert main(["review", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert ("--onboarding-decision DECISION KYC only: the reviewer's decision on the customer (clear, "
            "request_documents, edd or decline), apart from approving the analysis. "
            "Required to approve a KYC run") in text
    assert "--approve Approve the analysis: it is right and may go out." in text
    assert "--override-reason TEXT KYC only: why the onboarding decision goes against the verdicts" in text


def test_the_usage_line_and_the_option_rows_use_the_readme_notation(capsys) -> None:
    assert main(["review", "--help"]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0] == "Usage: finagents review [OPTIONS] RUN"
    assert "--disposition ITEM_ID=VERDICT[:REASON]" in text and "--decisions FILE.json" in text
    assert "<str>" not in text and "<list" not in text and "{RUN}" not in text
