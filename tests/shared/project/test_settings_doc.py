"""Settings written as commented TOML: values exact, bounds in words, every workflow's
file read back to its defaults."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kyc.context import Context as KycContext
from shared.engagement import load_engagement
from shared.project.settings_doc import allowed_range, settings_tables, toml_value
from shared.workflows import get_workflow


def test_values_are_written_as_toml_with_decimals_as_given():
    assert toml_value(Decimal("5.00")) == "5.00"
    assert toml_value(True) == "true" and toml_value(7) == "7" and toml_value(None) is None
    assert toml_value('say "no"') == '"say \\"no\\""'
    assert toml_value(("KP", "IR")) == '["KP", "IR"]'
    with pytest.raises(TypeError, match="no TOML form for a setting of type float"):
        toml_value(0.1)


def test_bounds_are_said_in_words():
    fields = KycContext.model_fields
    assert allowed_range(fields["screening_threshold"]) == "50 to 100"
    assert allowed_range(fields["ownership_threshold_pct"]) == "above 0, at most 100"
    assert allowed_range(fields["proof_of_address_max_age_days"]) == "at least 1"
    assert allowed_range(fields["adjudicate_hits"]) == ""


def test_nested_settings_become_sub_tables_after_the_plain_ones():
    tables = settings_tables("kyc", KycContext)
    assert [t.name for t in tables] == ["kyc", "kyc.required_documents", "kyc.risk"]
    risk = {s.key: s for s in tables[2].settings}
    assert risk["opacity_high"].value == "5"
    assert risk["opacity_high"].notes[-1] == "Default: 5. Allowed: at least 0."
    graph = {s.key: s for s in settings_tables("kyc", KycContext, {"graph": "acme.graph:build_graph"})[0].settings}
    assert graph["graph"].value == '"acme.graph:build_graph"' and graph["graph"].notes[-1] == "Default: not set."


@pytest.mark.parametrize("workflow", ["earnings_review", "kyc", "month_end_close"])
def test_every_workflows_file_reads_back_to_its_defaults(new_project, workflow):
    config = load_engagement(new_project(workflow)).config
    model = get_workflow(workflow).settings_model()
    assert model.model_validate(getattr(config, workflow)) == model()
    assert str(config.engagement.budget_usd) == "5.00" and config.engagement.model == "offline"
