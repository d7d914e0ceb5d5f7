"""KYC's rescreen as the core finds it: the `finagents.workflows` entry point names SPEC.
`finagents rescreen` (kyc/rescreen/cli.py) starts it on the engagement's runs folder."""

from __future__ import annotations

from kyc.rescreen.cli import register
from shared.workflows import Lazy, WorkflowSpec

SPEC = WorkflowSpec(
    name="kyc_rescreen",
    summary="Approved KYC runs in; every party screened again against the lists now in force, what changed out.",
    input_help="the runs folder holding the engagement's approved KYC runs (`finagents rescreen` gives it)",
    package="kyc.rescreen",
    graph=Lazy("kyc.rescreen.graph:build_graph"),
    settings=Lazy("kyc.rescreen.context:Context"),
    commands=register,
    # It works on an engagement's approved runs, so it has no sample of its own.
    on_sample=False,
)
