"""The model layer: a small `Model` protocol and its implementations.

- `OfflineModel` (the default): never answers; workflows use their deterministic baseline.
- `AnthropicModel`: Claude through the SDK's structured outputs, with prompt caching, an
  explicit retry policy, a bounded re-ask on invalid output, usage, cost and a budget.
- `FakeModel`: queued answers for unit tests.

`build_model` picks one. Nothing here builds a client or reads the environment at
import time; the caller passes the API key.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from shared.llm.budget import Budget
from shared.llm.content import ImageInput, PdfInput, content_block, page_images
from shared.llm.errors import (
    BudgetExceeded,
    ModelAccessDenied,
    ModelCallFailed,
    ModelOutputInvalid,
    ModelUnavailable,
)
from shared.llm.factory import build_model
from shared.llm.fake import FakeCall, FakeModel
from shared.llm.offline import OfflineModel
from shared.llm.protocol import OFFLINE, CallRecord, DocumentInput, Model, OnCall, Reply, is_offline
from shared.llm.usage import Usage, cost_of, default_prices, prices_for

if TYPE_CHECKING:
    from shared.llm.anthropic_model import AnthropicModel, make_client
    from shared.llm.retry import RetryPolicy

# The SDK takes most of a second to import; an offline run never needs it.
_NEEDS_SDK = {
    "AnthropicModel": "shared.llm.anthropic_model",
    "make_client": "shared.llm.anthropic_model",
    "RetryPolicy": "shared.llm.retry",
}


def __getattr__(name: str) -> Any:
    if name in _NEEDS_SDK:
        return getattr(import_module(_NEEDS_SDK[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "OFFLINE",
    "AnthropicModel",
    "Budget",
    "BudgetExceeded",
    "CallRecord",
    "DocumentInput",
    "FakeCall",
    "FakeModel",
    "ImageInput",
    "Model",
    "ModelAccessDenied",
    "ModelCallFailed",
    "ModelOutputInvalid",
    "ModelUnavailable",
    "OfflineModel",
    "OnCall",
    "PdfInput",
    "Reply",
    "RetryPolicy",
    "Usage",
    "build_model",
    "content_block",
    "cost_of",
    "default_prices",
    "is_offline",
    "make_client",
    "page_images",
    "prices_for",
]
