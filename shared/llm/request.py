"""The Messages API request: the system prompt, documents as quoted data, the ask.

A workflow's system prompt is its stable context (role, rules, the reference its steps
share), the same for every call of a run, so it is the one prefix worth caching: it
carries a breakpoint when it is long enough for the model to cache at all
(`limits.min_cached_tokens`). Documents carry none: each is sent in one call only, so a
cache written for it (at 1.25 times the input price) would be read by a re-ask at most.
Document text is placed inside `<document>` delimiters by the shared partial, never
spliced into instructions (documents are untrusted).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from anthropic.types import (
    CacheControlEphemeralParam,
    DocumentBlockParam,
    ImageBlockParam,
    MessageParam,
    TextBlockParam,
)
from pydantic import ValidationError

from shared.llm.content import ImageInput, PdfInput, content_block
from shared.llm.limits import min_cached_tokens
from shared.llm.protocol import ModelInput
from shared.prompts import PromptLibrary, RenderedPrompt, TemplateSource

DOCUMENT_TEMPLATE = "partials/document.j2"
REASK_TEMPLATE = "validation_reask.j2"
_CACHED: CacheControlEphemeralParam = {"type": "ephemeral"}
CACHE_CHARS_PER_TOKEN = 4
# A long list of problems does not help the model more than the first few.
_MAX_ERRORS_SHOWN = 20


def _text(text: str, *, cached: bool = False) -> TextBlockParam:
    block: TextBlockParam = {"type": "text", "text": text}
    if cached:
        block["cache_control"] = _CACHED
    return block


def system_blocks(system: RenderedPrompt, model_id: str) -> list[TextBlockParam]:
    return [_text(system.text, cached=cacheable(system.text, model_id))]


def cacheable(text: str, model_id: str) -> bool:
    """Whether a prefix of this text reaches the model's cache minimum, counted at four
    characters a token: fewer than the model's tokenizer gives for English, so a
    breakpoint placed is one the API honours."""
    return len(text) >= CACHE_CHARS_PER_TOKEN * min_cached_tokens(model_id)


@dataclass(frozen=True)
class Turn:
    """A message for the conversation and the templates rendered to make it."""

    message: MessageParam
    templates: tuple[TemplateSource, ...] = ()


def first_turn(prompts: PromptLibrary, prompt: RenderedPrompt,
               documents: Sequence[ModelInput]) -> Turn:
    """The user turn: one block per document, then the prompt. Text is quoted in the
    document template; a PDF or an image goes as its own block."""
    blocks: list[TextBlockParam | DocumentBlockParam | ImageBlockParam] = []
    templates: list[TemplateSource] = []
    for document in documents:
        if isinstance(document, (PdfInput, ImageInput)):
            blocks.append(content_block(document))
            continue
        rendered = prompts.render(DOCUMENT_TEMPLATE, document=document)
        blocks.append(_text(rendered.text))
        templates = templates or [rendered.template]
    return Turn({"role": "user", "content": [*blocks, _text(prompt.text)]}, tuple(templates))


def assistant_turn(raw_text: str) -> MessageParam:
    return {"role": "assistant", "content": [_text(raw_text)]}


def reask_turn(prompts: PromptLibrary, attempt: int, max_attempts: int, problems: list[dict[str, str]]) -> Turn:
    rendered = prompts.render(REASK_TEMPLATE, attempt=attempt, max_attempts=max_attempts, errors=problems)
    return Turn({"role": "user", "content": [_text(rendered.text)]}, (rendered.template,))


def validation_problems(error: ValidationError) -> list[dict[str, str]]:
    """Pydantic's errors as the re-ask template's `{location, message}` entries."""
    problems = [
        {"location": ".".join(str(part) for part in e["loc"]) or "(whole answer)", "message": e["msg"]}
        for e in error.errors(include_url=False)
    ]
    if len(problems) > _MAX_ERRORS_SHOWN:
        hidden = len(problems) - _MAX_ERRORS_SHOWN
        problems = problems[:_MAX_ERRORS_SHOWN] + [{"location": "(more)", "message": f"{hidden} more problems"}]
    return problems
