"""OSI Open Source AI Definition 1.0 verdict.

Source: https://opensource.org/ai/open-source-ai-definition (version 1.0, 2024-10-28),
section "The preferred form of making modifications to a machine-learning system", which
requires all three of:
  - Data Information: "Sufficiently detailed information about the data used to train the
    system so that a skilled person can build a substantially equivalent system";
  - Code: "The complete source code used to train and run the system" (data processing and
    filtering, training, inference, model architecture), "made available under
    OSI-approved licenses";
  - Parameters: "The model parameters, such as weights or other configuration settings",
    "made available under OSI-approved terms".
Evaluation code and supporting libraries are required only "if used"; the manifest cannot
tell, so they are not required here.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from modelcards.openness.openness_facts import OpennessFacts
from modelcards.openness.status import ComponentStatus
from modelcards.vocabulary import TRAINING_ROLES

REFERENCE = "https://opensource.org/ai/open-source-ai-definition"
CODE_COMPONENTS = ("data-preprocessing-code", "training-code", "inference-code", "model-architecture")


class OsaidResult(NamedTuple):
    meets: bool
    elements: Mapping[str, bool]
    missing: tuple[str, ...] = ()


def _osi(status: ComponentStatus) -> bool:
    return status.status == "included" and status.license is not None and status.license.osi_approved


def _data_information(facts: OpennessFacts, statuses: Mapping[str, ComponentStatus]) -> tuple[bool, str | None]:
    """Whether the release gives OSAID's data information, and else which half it lacks.

    Met by open training datasets, or by training datasets that are each described (a location,
    a data card or a description) together with an open document about them (a data card, a
    technical report or a research paper). The gap names what is missing, so that a card that
    lists where its datasets are is not told it lists no locations."""
    training = [d for d in facts.datasets if d.role in TRAINING_ROLES]
    if statuses["datasets"].status == "included":
        return True, None
    if not training:
        return False, "data information: no training dataset is listed"
    undescribed = [d for d in training if not d.described]
    documented = any(statuses[c].status == "included" for c in ("data-card", "technical-report", "research-paper"))
    if not undescribed and documented:
        return True, None
    gaps = []
    if undescribed:
        which = "the training datasets have" if len(undescribed) == len(training) else "some training datasets have"
        gaps.append(f"{which} no location, data card or description")
    if not documented:
        gaps.append("no open data card, technical report or research paper documents them")
    return False, f"data information: training datasets are not described well enough ({'; '.join(gaps)})"


def evaluate(facts: OpennessFacts, statuses: Mapping[str, ComponentStatus]) -> OsaidResult:
    missing: list[str] = []
    data_ok, data_gap = _data_information(facts, statuses)
    if data_gap:
        missing.append(data_gap)
    code_gaps = [c for c in CODE_COMPONENTS if not _osi(statuses[c])]
    for component in code_gaps:
        missing.append(f"code: {component} is not released under an OSI-approved license")
    params_ok = _osi(statuses["model-parameters-final"])
    if not params_ok:
        missing.append("parameters: model-parameters-final are not released under OSI-approved terms")
    elements = {"data-information": data_ok, "code": not code_gaps, "parameters": params_ok}
    return OsaidResult(all(elements.values()), MappingProxyType(elements), tuple(missing))
