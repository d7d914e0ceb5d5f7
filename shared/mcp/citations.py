"""`verify_citation`: a citation as the pack writes it in result.json re-checked against
its document (`Citation.verify`): verified or not, and why."""

from __future__ import annotations

from typing import Any

from pydantic import Field, ValidationError

from shared.documents.citation import parse_citation
from shared.documents.verify import CitationVerifier
from shared.engagement import describe_errors
from shared.errors import InputError
from shared.mcp.tool import Answer, Arguments, Tool, ToolContext


class VerifyArguments(Arguments):
    citation: dict[str, Any] = Field(
        description="A citation as result.json holds it: {kind, doc_sha256, path, text, ...} with page and bbox "
                    "(pdf), row and column (csv), element id (html), line (text), record and lines (mt940, ofx), "
                    "list and entry id (list); or by reference ({doc: ref, ...}) with `documents`.")
    documents: list[dict[str, Any]] = Field(
        [], description="The `documents` list of the result body a by-reference citation comes from.")
    root: str | None = Field(
        None, description="Folder a relative citation path is relative to (default: the server's working folder).")


class Verified(Answer):
    verified: bool = Field(description="True when the cited text is at the cited place of the unchanged document.")
    reason: str = Field(description="What was found, or why it could not be confirmed.")
    citation: dict[str, Any] = Field(description="The citation as checked (a by-reference one expanded).")


def verify_citation(arguments: VerifyArguments, context: ToolContext) -> Verified:
    # `verified` is a reader's flag beside a citation (a line read off a scan), not part of it.
    given = {key: value for key, value in arguments.citation.items() if key != "verified"}
    try:
        citation = parse_citation(given, arguments.documents)
    except ValidationError as error:
        raise InputError("citation", f"is not a citation the pack writes: {describe_errors(error)[0][1]}") from None
    except (KeyError, ValueError) as error:  # a reference to no document in `documents`
        raise InputError("citation", f"cannot be expanded: {error}") from None
    root = context.path(arguments.root) if arguments.root else context.cwd
    with CitationVerifier(root) as verifier:
        outcome = citation.verify(verifier)
    return Verified(verified=outcome.ok, reason=outcome.reason, citation=citation.model_dump(mode="json"))


VERIFY_CITATION = Tool(
    name="verify_citation",
    arguments=VerifyArguments,
    result=Verified,
    call=verify_citation,
    servers=("screening", "internal-gl", "subledger"),
)
