"""Per-component status of a release: included | missing | unlicensed | restricted.

A component counts (``included``) only when it is publicly released under an open license
(MOF 1.0, https://arxiv.org/abs/2403.13784 §5: "components must be released under open
licenses"). The license of a component is, in order of precedence: its own ``license``, the
release's default for its content type (``licenses.code/data/document``), the release's
``license`` - the same precedence the Model Openness Tool applies to component vs. global
licenses.
"""

from __future__ import annotations

from dataclasses import dataclass

from modelcards.licenses.resolver import ResolvedLicense, resolve
from modelcards.openness.components import Component, mof
from modelcards.schema import Dataset, Release

TRAINING_ROLES = ("pretraining", "fine-tuning", "preference")


@dataclass(frozen=True)
class ComponentStatus:
    component: Component
    status: str
    license: ResolvedLicense | None
    availability: str | None = None
    derived_from_datasets: bool = False

    @property
    def license_text(self) -> str | None:
        if self.license is None:
            return None
        return self.license.canonical

    @property
    def misfit(self) -> bool:
        """Open, but under a license not meant for this content type (MIT on a dataset)."""
        if self.status != "included" or self.license is None:
            return False
        return not any(self.license.fits(content_type) for content_type in self.component.fits)


def _status_for(license_: ResolvedLicense, availability: str) -> str:
    if availability == "not-released":
        return "missing"
    if license_.unlicensed:
        return "unlicensed"
    if availability != "public" or not license_.is_open:
        return "restricted"
    return "included"


def _effective_license(release: Release, component: Component, own: str | None) -> str | None:
    if own is not None:
        return own
    by_type = getattr(release.licenses, component.content_type)
    return by_type if by_type is not None else release.license


def _from_datasets(component: Component, datasets: list[Dataset]) -> ComponentStatus:
    """Status of the datasets / evaluation-data component from the dataset list: the
    component is only as open as its least open dataset."""
    order = {"included": 0, "restricted": 1, "unlicensed": 2, "missing": 3}
    worst = "included"
    licenses: list[str] = []
    availability = "public"
    for dataset in datasets:
        resolved = resolve(dataset.license)
        status = _status_for(resolved, dataset.availability)
        if order[status] > order[worst]:
            worst, availability = status, dataset.availability
        if dataset.license and dataset.license not in licenses:
            licenses.append(dataset.license)
    combined = resolve(" AND ".join(f"({text})" if " " in text else text for text in licenses)) if licenses else None
    if worst != "included":
        combined = combined or resolve(None)
    return ComponentStatus(component, worst, combined, availability, derived_from_datasets=True)


def component_statuses(release: Release) -> dict[str, ComponentStatus]:
    """Status of all 17 MOF components, in the framework's order. Verdicts are memoised on
    ``modelcards.analysis.memo_keys``, which lists every release field read here: keep them in
    step."""
    result: dict[str, ComponentStatus] = {}
    training = [d for d in release.datasets if d.role in TRAINING_ROLES]
    evaluation = [d for d in release.datasets if d.role == "evaluation"]
    for component in mof().components:
        artifact = release.artifacts.get(component.id)  # type: ignore[call-overload]
        if artifact is None:
            if component.id == "datasets" and training:
                result[component.id] = _from_datasets(component, training)
            elif component.id == "evaluation-data" and evaluation:
                result[component.id] = _from_datasets(component, evaluation)
            else:
                result[component.id] = ComponentStatus(component, "missing", None)
            continue
        if artifact.availability == "not-released":
            result[component.id] = ComponentStatus(component, "missing", None, "not-released")
            continue
        resolved = resolve(_effective_license(release, component, artifact.license))
        result[component.id] = ComponentStatus(
            component, _status_for(resolved, artifact.availability), resolved, artifact.availability
        )
    return result
