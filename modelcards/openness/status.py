"""Per-component status of a release: included | missing | unlicensed | restricted.

A component counts (``included``) only when it is publicly released under an open license
(MOF 1.0, https://arxiv.org/abs/2403.13784 §5: "components must be released under open
licenses"). The license of a component is, in order of precedence: its own ``license``, the
release's default for its content type (``licenses.code/data/document``), the release's
``license`` - the same precedence the Model Openness Tool applies to component vs. global
licenses. A component inferred from a card and published elsewhere (its code repository, its
paper) is not covered by the card's license: without a license of its own it is unlicensed,
never assumed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from modelcards.licenses.resolver import ResolvedLicense, resolve
from modelcards.openness.components import Component, mof
from modelcards.openness.openness_facts import DatasetFacts, OpennessFacts
from modelcards.schema import Release
from modelcards.vocabulary import TRAINING_ROLES, Status


@dataclass(frozen=True)
class ComponentStatus:
    component: Component
    status: Status
    license: ResolvedLicense | None
    availability: str | None = None
    derived_from_datasets: bool = False

    @cached_property
    def license_text(self) -> str | None:
        if self.license is None:
            return None
        return self.license.canonical

    @cached_property
    def misfit(self) -> bool:
        """Open, but under a license not meant for this content type (MIT on a dataset)."""
        if self.status != "included" or self.license is None:
            return False
        return not any(self.license.fits(content_type) for content_type in self.component.fits)


def _status_for(license_: ResolvedLicense, availability: str) -> Status:
    if availability == "not-released":
        return "missing"
    if license_.unlicensed:
        return "unlicensed"
    if availability != "public" or not license_.is_open:
        return "restricted"
    return "included"


_WORST_FIRST: dict[Status, int] = {"included": 0, "restricted": 1, "unlicensed": 2, "missing": 3}


def _from_datasets(component: Component, datasets: Sequence[DatasetFacts]) -> ComponentStatus:
    """Status of the datasets / evaluation-data component from the dataset list: the
    component is only as open as its least open dataset."""
    worst: Status = "included"
    licenses: list[str] = []
    availability = "public"
    for dataset in datasets:
        resolved = resolve(dataset.license)
        status = _status_for(resolved, dataset.availability)
        if _WORST_FIRST[status] > _WORST_FIRST[worst]:
            worst, availability = status, dataset.availability
        if dataset.license and dataset.license not in licenses:
            licenses.append(dataset.license)
    combined = resolve(" AND ".join(f"({text})" if " " in text else text for text in licenses)) if licenses else None
    if worst != "included":
        combined = combined or resolve(None)
    return ComponentStatus(component, worst, combined, availability, derived_from_datasets=True)


@lru_cache(maxsize=1)
def _missing() -> dict[str, ComponentStatus]:
    """Each component's status when the release does not list it: the same for every release
    (statuses are frozen), so made once."""
    return {component.id: ComponentStatus(component, "missing", None) for component in mof().components}


def component_statuses(facts: OpennessFacts | Release) -> dict[str, ComponentStatus]:
    """Status of all 17 MOF components, in the framework's order. A Release is first reduced to
    its ``OpennessFacts``."""
    if isinstance(facts, Release):
        facts = OpennessFacts.of(facts)
    result: dict[str, ComponentStatus] = {}
    training = [d for d in facts.datasets if d.role in TRAINING_ROLES]
    evaluation = [d for d in facts.datasets if d.role == "evaluation"]
    artifacts = {a.id: a for a in facts.artifacts}
    missing = _missing()
    for component in mof().components:
        artifact = artifacts.get(component.id)
        if artifact is None:
            if component.id == "datasets" and training:
                result[component.id] = _from_datasets(component, training)
            elif component.id == "evaluation-data" and evaluation:
                result[component.id] = _from_datasets(component, evaluation)
            else:
                result[component.id] = missing[component.id]
            continue
        if artifact.availability == "not-released":
            result[component.id] = ComponentStatus(component, "missing", None, "not-released")
            continue
        text = artifact.license
        if text is None and artifact.own_terms_only:
            result[component.id] = ComponentStatus(component, "unlicensed", resolve(None), artifact.availability)
            continue
        if text is None:
            text = facts.default_for(component.content_type)
            if text is None:
                text = facts.license
        resolved = resolve(text)
        result[component.id] = ComponentStatus(
            component, _status_for(resolved, artifact.availability), resolved, artifact.availability
        )
    return result
