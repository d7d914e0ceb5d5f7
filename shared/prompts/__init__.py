"""Prompt templates: Jinja2 files, layered, rendered with their provenance.

Model-facing text never lives in Python strings. A workflow's templates are found in
three layers, first match wins:

1. the engagement's overrides, ``<client project>/prompts/<workflow>/``;
2. the workflow package's own ``prompts/``;
3. this package's folder (shared partials under ``partials/``).

Every render returns the text together with the file it came from, whether that file is
the pack's or the engagement's, and sha256 hashes, so the audit log can say exactly what
the model was shown.
"""

from shared.prompts.library import (
    PromptLibrary,
    RenderedPrompt,
    TemplateNotFound,
    TemplateSource,
)

__all__ = ["PromptLibrary", "RenderedPrompt", "TemplateNotFound", "TemplateSource"]
