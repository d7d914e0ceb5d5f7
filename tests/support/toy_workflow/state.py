from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from shared.documents import CsvCitation
from shared.runs.state import RunState


class Line(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    amount: Decimal
    citation: CsvCitation


class Label(BaseModel):
    model_config = ConfigDict(frozen=True)

    label: str


class State(RunState, total=False):
    lines: list[Line]
    total: Decimal
    labels: dict[str, Label]
