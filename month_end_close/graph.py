"""The month-end close graph: wiring only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import month_end_close.body as result_body
from month_end_close import nodes
from month_end_close.report_view import report_view
from month_end_close.state import State
from month_end_close.workbook import write_workbook
from shared.runs.outputs import RunOutputs
from shared.runs.wiring import linear_graph

REPORTS = Path(__file__).parent / "reports"
STEPS = ("read_close", "prove_statements", "reconcile", "propose_entries", "check_trial_balance", "analyse_flux",
         "explain_flux")


def build_graph() -> Any:
    """The uncompiled graph; the run store compiles it with its checkpointer."""
    return linear_graph(State, nodes, STEPS, RunOutputs(REPORTS, body=result_body.body, extra=(write_workbook,),
                                                            report_view=report_view, bulk=result_body.BULK))
