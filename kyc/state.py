"""What a KYC case carries from step to step (and through the checkpointer)."""

from __future__ import annotations

from kyc.ownership import Owner, Structure
from kyc.packet import Packet
from kyc.parties import Party
from kyc.risk import RiskAssessment
from kyc.screening_step import ScreeningHit
from shared.runs.state import RunState


class State(RunState, total=False):
    packet: Packet
    structure: Structure
    beneficial_owners: list[Owner]
    parties: list[Party]
    hits: list[ScreeningHit]
    risk: RiskAssessment
