"""The 17 release components of the Model Openness Framework 1.0, as stable kebab-case ids.

The ids are part of the public vocabulary (DESIGN.md): manifests, JSON output and the MOT
export all use them. What each component means for openness (class, required, content type)
lives in ``modelcards/openness/data/mof-1.0.yaml`` with its source.
"""

from __future__ import annotations

from typing import Literal, get_args

ArtifactId = Literal[
    "model-architecture",
    "model-parameters-final",
    "model-card",
    "data-card",
    "technical-report",
    "evaluation-results",
    "sample-outputs",
    "training-code",
    "inference-code",
    "evaluation-code",
    "evaluation-data",
    "supporting-libraries",
    "data-preprocessing-code",
    "model-parameters-intermediate",
    "datasets",
    "research-paper",
    "model-metadata",
]

ARTIFACT_IDS: tuple[str, ...] = get_args(ArtifactId)

Availability = Literal["public", "gated", "on-request", "not-released"]
