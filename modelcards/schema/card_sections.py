"""Headings of the card prose fields in a rendered README.

Taken from the Hub's annotated model card template
(https://huggingface.co/docs/hub/model-card-annotated) where it has one. The card reader maps
a card section onto a field only when its heading is exactly one of these, so rendering writes
the same heading line back; any other section is kept verbatim in ``card.sections``.
"""

from __future__ import annotations

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
