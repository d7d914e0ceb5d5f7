"""The KYC steps. Each takes the state and the run's runtime and returns what it adds;
the deterministic work lives in the domain modules it calls."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Any

from kyc.checks import cross_checks, inventory
from kyc.context import Context
from kyc.dispositions import consult_for_run
from kyc.findings import list_findings, structure_findings
from kyc.model_steps import adjudicate
from kyc.ownership import analyse, beneficial_owners
from kyc.packet import Packet
from kyc.packet import read_packet as read_case_folder
from kyc.parties import collect_parties
from kyc.pathsums import TooEntangled
from kyc.reading import read_unplaced
from kyc.register import holdings_from_application
from kyc.risk import assess
from kyc.scans import read_scans, scannable
from kyc.screening.lists import require_lists
from kyc.screening_step import screen_parties
from shared.errors import InputError
from shared.llm import is_offline
from shared.runs.context import NodeRuntime, workflow_settings
from shared.runs.fallback import or_baseline
from shared.runs.progress import progress_of
from shared.runs.result import InputFile

State = Mapping[str, Any]


def _settings(runtime: NodeRuntime) -> Context:
    return workflow_settings(runtime.context, Context)


def read_packet(state: State, runtime: NodeRuntime) -> dict[str, Any]:
    packet = read_case_folder(Path(state["input_path"]), scans=_reads_scans(runtime))
    # Refused here, before a model reads anything, rather than at the screening step.
    require_lists(runtime.context.engagement_root, Path(state["input_path"]))
    inputs = [InputFile(path=ref.path, sha256=ref.sha256) for ref in packet.files()]
    return {"packet": packet, "inputs": inputs}


def _reads_scans(runtime: NodeRuntime) -> bool:
    return not is_offline(runtime.context.model) and _settings(runtime).read_unplaced_documents


def read_free_text(state: State, runtime: NodeRuntime) -> dict[str, Any]:
    """With a model, the documents the rules could not place, read by the model and kept
    only where its values are found in them; and the scans and pictures, kept only where
    code can check what the model read (`kyc.scans`)."""
    context, packet = runtime.context, state["packet"]
    if not _reads_scans(runtime) or not (packet.unrecognised or any(map(scannable, packet.not_read))):
        return {}
    findings: list[Any] = []
    if packet.unrecognised:
        packet, findings = read_unplaced(state, context)
    packet, scanned = read_scans(packet, context, _settings(runtime).screening_threshold)
    return {"packet": packet, "findings": findings + scanned, "inputs": _new_inputs(state["packet"], packet)}


def _new_inputs(before: Packet, after: Packet) -> list[InputFile]:
    """The files that became evidence in this step (a scan accepted, a document placed):
    result.json records the sha256 of every file a conclusion rests on."""
    known = {ref.path for ref in before.files()}
    return [InputFile(path=ref.path, sha256=ref.sha256) for ref in after.files() if ref.path not in known]


def map_ownership(state: State, runtime: NodeRuntime) -> dict[str, Any]:
    settings, packet = _settings(runtime), state["packet"]
    holdings = packet.holdings or holdings_from_application(packet.application)
    structure = _structure(packet, holdings)
    owners = beneficial_owners(structure, settings.ownership_threshold_pct)
    parties = collect_parties(packet.application, structure, owners, settings.control_roles)
    return {"structure": structure, "beneficial_owners": list(owners), "parties": list(parties),
            "findings": structure_findings(structure, holdings)}


def _structure(packet: Any, holdings: Any) -> Any:
    form = packet.application.form
    try:
        return analyse(form.legal_name, holdings, form.country)
    except TooEntangled as exc:
        source = packet.registers[0].path if packet.registers else packet.application.path
        raise InputError(source, f"its holdings go round in loops with too many paths to trace ({exc}): "
                                 "this structure needs tracing by hand") from None


def check_documents(state: State, runtime: NodeRuntime) -> dict[str, Any]:
    settings, packet, parties = _settings(runtime), state["packet"], state["parties"]
    required = settings.required_documents.get(packet.application.form.customer_type, ())
    max_age = settings.proof_of_address_max_age_days
    return {"findings": inventory(packet, parties, required, max_age) + cross_checks(packet, parties, max_age)}


def screen(state: State, runtime: NodeRuntime) -> dict[str, Any]:
    """Every party against the lists in force; each hit looked up in the engagement's
    memory of cleared hits (`kyc.dispositions`)."""
    context = runtime.context
    names_screened = partial(progress_of(runtime).count, "names screened")
    hits, lists = screen_parties(state["parties"], context.engagement_root, _settings(runtime).screening_threshold,
                                 Path(state["input_path"]), names_screened)
    hits, remembered = consult_for_run(hits, context)
    as_of = context.clock().date()
    return {"hits": hits, "lists": lists, "findings": list_findings(lists, as_of) + remembered}


def adjudicate_hits(state: State, runtime: NodeRuntime) -> dict[str, Any]:
    """With a model, its view of each hit below certainty: advice shown to the reviewer."""
    context, settings = runtime.context, _settings(runtime)
    if is_offline(context.model) or not settings.adjudicate_hits or not state.get("hits"):
        return {}
    adjudicated, fell = or_baseline("adjudicate_hits", lambda: adjudicate(state, context, settings.certain_score))
    if adjudicated is None:
        return {"findings": fell}  # the hits stand as the engine scored them, with no model view
    hits, findings = adjudicated
    return {"hits": hits, "findings": findings}


def rate_risk(state: State, runtime: NodeRuntime) -> dict[str, Any]:
    form = state["packet"].application.form
    # A hit the engagement's memory clears is a known false positive, not a risk factor.
    open_hits = [hit for hit in state.get("hits", ()) if hit.cleared is None]
    risk = assess(form.customer_type, form.industry, form.country, state["parties"], state["structure"],
                  open_hits, state.get("findings", ()), _settings(runtime))
    return {"risk": risk}
