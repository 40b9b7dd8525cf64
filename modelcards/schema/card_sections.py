"""Headings of the card prose fields in a rendered README.

Taken from the Hub's annotated model card template
(https://huggingface.co/docs/hub/model-card-annotated) where it has one. The card reader maps
a card section onto a field only when its heading is exactly one of these, so rendering writes
the same heading line back; any other section is kept verbatim in ``card.sections``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

SECTION_HEADINGS: dict[str, str] = {
    "intended_use": "Uses",
    "out_of_scope": "Out-of-Scope Use",
    "bias_risks": "Bias, Risks, and Limitations",
    "limitations": "Limitations",
    "training": "Training Details",
    "evaluation": "Evaluation",
    "environmental_impact": "Environmental Impact",
    "citation": "Citation",
}
FIELD_BY_HEADING: dict[str, str] = {heading: name for name, heading in SECTION_HEADINGS.items()}


def card_text_fields(preamble: str, parts: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """The card fields of a card's text: ``summary`` from the text before its first section,
    and each ``(heading, text)`` part as the field its heading names (the first non-empty one of
    each field), else verbatim under ``sections``. Texts lose the blank lines around them."""
    card: dict[str, Any] = {"sections": {}}
    if preamble.strip():
        card["summary"] = preamble.strip("\n")
    for heading, raw in parts:
        section = raw.strip("\n")
        field = FIELD_BY_HEADING.get(heading)
        if field and field not in card and section.strip():
            card[field] = section
        else:
            card["sections"][heading] = section
    return card
