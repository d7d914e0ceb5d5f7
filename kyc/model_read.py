"""The source of a value the model read from a picture (a scanned passport, a photographed
bill). A picture has no text layer, so there is no box of text to cite and nothing the
citation verifier could re-open: the value's source is the file's sha256 and the model
that read it, and the value stands only because code checked it (`checks`)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ModelRead(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    model: str
    checks: tuple[str, ...] = Field(min_length=1, description="The checks the value passed")

    @property
    def source(self) -> str:
        return f"read by model {self.model}"
