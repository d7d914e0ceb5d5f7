"""`reconcile` takes its matching settings from the engagement's `[month_end_close]`
table, then the pack's defaults, an argument winning over both; a bad value is the
config error's one line. In process: no server needed to check where a value comes from."""

from __future__ import annotations

from pathlib import Path

import pytest

from month_end_close.tools import ReconcileArguments, reconcile_lines
from shared.engagement import Engagement, engagement_config_model
from shared.errors import ConfigError
from shared.mcp.tool import ToolContext

ROWS = {"bank": [{"id": "b1", "date": "2024-01-10", "amount": "250.00", "description": "WIDGET CO"}],
        "ledger": [{"id": "l1", "date": "2024-01-06", "amount": "250.00", "description": "Widget Co"}]}


def context(table: dict) -> ToolContext:
    config = engagement_config_model()(month_end_close=table)
    return ToolContext(Engagement(Path("/nonexistent-project"), config), Path.cwd(), {})


def test_the_engagement_table_then_an_argument_set_the_matching() -> None:
    engagement = context({"window_days": 2, "in_transit_days": 9})
    from_engagement = reconcile_lines(ReconcileArguments.model_validate(ROWS), engagement)
    assert from_engagement.settings == {"window_days": 2, "lead_days": 2, "max_subset_size": 6,
                                        "subset_candidates": 32, "in_transit_days": 9}
    given = reconcile_lines(ReconcileArguments.model_validate({**ROWS, "window_days": 5}), engagement)
    assert (given.settings["window_days"], given.settings["in_transit_days"]) == (5, 9)
    assert [(m["bank_ids"], m["ledger_ids"], m["kind"]) for m in given.matches] == [(["b1"], ["l1"], "date_window")]
    assert given.matches[0]["citations"] == []  # rows given inline have no document to cite


def test_a_setting_out_of_range_is_the_config_error_line() -> None:
    with pytest.raises(ConfigError) as raised:
        reconcile_lines(ReconcileArguments.model_validate({**ROWS, "window_days": 99}), context({}))
    assert str(raised.value) == "reconcile: 'window_days': Input should be less than or equal to 60 (it is 99)"
