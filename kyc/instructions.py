"""Text in a document that addresses its reader with instructions.

An onboarding document states facts about its holder; it has no reason to tell whoever
reads it how to classify it, what to ignore or what to decide. Text that does is found
by these patterns, whatever a model later says about the document (an obedient model
reports nothing), and the document then counts for nothing in the case.

The patterns aim at imperatives about the reading itself (instructions, prompts,
classifying, approving); ordinary document wording ("Do not send to the IRS", "Please
pay by") does not match them.
"""

from __future__ import annotations

import re

_PATTERNS = tuple(re.compile(p, re.I) for p in (
    r"\b(ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,60}\b(instructions?|prompts?|rules|guidelines|directions|"
    r"checks?|policy|policies)\b",
    r"\b(classify|categori[sz]e|label)\s+(this|the|it|me)\b[^.!?\n]{0,40}\bas\b",
    r"\b(treat|consider|accept|record|mark|count)\s+(this|the|it)\b[^.!?\n]{0,30}\bas\s+(an?\s+|the\s+)?(valid|"
    r"proof|genuine|verified|satisf|sufficient|approved|clear|low|customer'?s)",
    r"\b(approve|clear|onboard|accept|pass)\s+(this|the)\s+(customer|applicant|case|company|client|application)\b",
    r"\bdo\s+not\s+(flag|report|mention|escalate|screen)\b",
    r"\b(system|developer)\s+(prompt|message|instructions?)\b",
    r"\byou\s+are\s+(now\s+)?(an?\s+)?(ai|assistant|model|language\s+model|chatbot|reviewer|analyst)\b",
    r"\b(as\s+an?\s+)?(ai|large\s+language)\s+(model|assistant)\b",
    r"</?\s*(system|instructions?|assistant|user)\s*>",
))
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]|$)")


def instructions_in(text: str) -> tuple[str, ...]:
    """Each sentence of `text` that instructs its reader, as printed (whitespace
    collapsed), once each, in reading order."""
    found: dict[str, None] = {}
    for line in text.splitlines():
        for sentence in _SENTENCE.findall(line):
            shown = " ".join(sentence.split())
            if shown and any(p.search(shown) for p in _PATTERNS):
                found.setdefault(shown)
    return tuple(found)
