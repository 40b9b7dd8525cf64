"""pydantic v2 models of a release; JSON Schema in ``schemas/`` is generated from them."""

from modelcards.schema.artifacts import ARTIFACT_IDS, ArtifactId, Availability
from modelcards.schema.release import (
    Artifact,
    BaseModelRef,
    CardText,
    Claims,
    Dataset,
    DefaultLicenses,
    EvalDataset,
    EvalResult,
    ModelFacts,
    Release,
)

__all__ = [
    "ARTIFACT_IDS",
    "Artifact",
    "ArtifactId",
    "Availability",
    "BaseModelRef",
    "CardText",
    "Claims",
    "Dataset",
    "DefaultLicenses",
    "EvalDataset",
    "EvalResult",
    "ModelFacts",
    "Release",
]
