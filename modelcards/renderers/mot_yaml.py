"""The Model Openness Tool's YAML for a release (the inverse of ``readers.mot``)."""

from __future__ import annotations

from typing import Any

from modelcards.openness.components import mof
from modelcards.schema import Release


def release_to_mot(release: Release) -> dict[str, Any]:
    """The MOT YAML structure for a release (the inverse of ``release_from_mot``)."""
    framework = mof()
    licenses: dict[str, Any] = {}
    if release.license:
        licenses["distribution"] = {"name": release.license, "path": release.license_link or ""}
    for content_type in ("code", "data", "document"):
        value = getattr(release.licenses, content_type)
        if value:
            licenses[content_type] = {"name": value, "path": ""}
    from modelcards.openness.status import component_statuses

    mot_extra = release.extra.get("mot") if isinstance(release.extra.get("mot"), dict) else {}
    statuses = component_statuses(release)
    components = []
    for component in framework.components:
        artifact = release.artifacts.get(component.id)  # type: ignore[call-overload]
        status = statuses[component.id]
        if artifact is None and status.derived_from_datasets and status.status != "missing":
            # datasets / evaluation-data described only through the dataset list
            derived = {"name": component.mot_name, "description": "From the release's dataset list"}
            derived["license"] = status.license_text or "unlicensed"
            components.append(derived)
            continue
        if artifact is None or artifact.availability == "not-released":
            continue
        entry: dict[str, Any] = {"name": component.mot_name, "description": artifact.description or ""}
        if artifact.location:
            entry["component_path"] = artifact.location
        if artifact.license:
            entry["license"] = artifact.license
        components.append(entry)
    return {
        "framework": {"name": "Model Openness Framework", "version": framework.version, "date": framework.date},
        "release": {
            "name": release.name,
            "version": release.version or "",
            "date": release.date.isoformat() if release.date else "",
            "type": release.model.type or "",
            "architecture": release.model.architecture or "",
            "origin": mot_extra.get("origin") or "",
            "producer": release.producer or "",
            "contact": release.contact or "",
            "repository": release.repository or "",
            "huggingface": f"https://huggingface.co/{release.hf_repo}" if release.hf_repo else "",
            "license": licenses,
            "components": components,
        },
    }
