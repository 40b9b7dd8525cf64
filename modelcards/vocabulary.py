"""The words every layer shares, defined once: severities, finding kinds, component statuses,
grades, MOF class numerals, dataset roles and base-model relations.

Outputs and tests rely on these exact strings (``../shared/DESIGN.md``, "Vocabulary" and
"Promised interfaces"); a new value is added here and nowhere else.
"""

from __future__ import annotations

from typing import Literal, get_args

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")
"""In rising order: ``fail-on warning`` fails on warnings and errors."""
SEVERITY_RANK: dict[str, int] = {name: rank for rank, name in enumerate(SEVERITIES)}

Kind = Literal[
    "license-conflict",
    "license-obligation",
    "license-unknown",
    "openness-gap",
    "openwashing",
    "metadata",
    "completeness",
    "input",
]
KINDS: tuple[Kind, ...] = get_args(Kind)

Status = Literal["included", "missing", "unlicensed", "restricted"]
"""A MOF component's status: released under an open license, not released, released without a
license, released under a license that is not open."""
STATUSES: tuple[Status, ...] = get_args(Status)

Grade = Literal["open", "partial", "closed"]
"""An EOSAI dimension's grade; a dimension the release cannot speak to has none (``None``)."""

ContentType = Literal["code", "data", "document"]

CLASS_NUMERALS: dict[int, str] = {1: "I", 2: "II", 3: "III"}
"""MOF classes as the framework writes them (Class I is the most open)."""

DatasetRole = Literal["pretraining", "fine-tuning", "preference", "evaluation"]
DATASET_ROLES: tuple[DatasetRole, ...] = get_args(DatasetRole)
TRAINING_ROLES: tuple[DatasetRole, ...] = ("pretraining", "fine-tuning", "preference")
"""Roles whose data the model was trained on (all but evaluation)."""

Relation = Literal["finetune", "adapter", "quantized", "merge", "distillation"]
"""Hub ``base_model_relation`` values (https://huggingface.co/docs/hub/model-cards#specifying-a-base-model)."""
RELATIONS: tuple[Relation, ...] = get_args(Relation)

SourceKind = Literal["manifest", "hf-card", "mot"]


def class_numeral(mof_class: int | None) -> str | None:
    """``3`` -> ``'III'``; None for an unclassified release."""
    return CLASS_NUMERALS.get(mof_class) if mof_class is not None else None
