"""The Model Openness Tool's YAML for a release (the inverse of ``readers.mot``)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from modelcards.renderers.views import mof_verdict
from modelcards.report import Report
from modelcards.resources import read_data
from modelcards.schema import Release
from modelcards.vocabulary import ContentType

CONTENT_TYPES: tuple[ContentType, ...] = ("code", "data", "document")


@lru_cache(maxsize=1)
def _framework() -> tuple[str, str]:
    """(version, date) of the MOF table the verdicts and ``readers.mot`` use."""
    table = read_data("modelcards.openness", "mof-1.0.yaml")
    return str(table["version"]), str(table["date"])


def release_to_mot(release: Release, report: Report) -> dict[str, Any]:
    """The MOT YAML structure for a release (the inverse of ``release_from_mot``).

    Components come from the report's MOF verdict, in the framework's order: a listed artifact is
    written as stated; one the release describes only through its dataset list is written with
    the license the verdict found for it; one not released is left out."""
    mof = mof_verdict(report)
    version, date = _framework()
    licenses: dict[str, Any] = {}
    if release.license:
        licenses["distribution"] = {"name": release.license, "path": release.license_link or ""}
    for content_type in CONTENT_TYPES:
        value = getattr(release.licenses, content_type)
        if value:
            licenses[content_type] = {"name": value, "path": ""}
    mot_extra = release.extra.get("mot") if isinstance(release.extra.get("mot"), dict) else {}
    components = []
    for verdict in mof.components:
        artifact = release.artifacts.get(verdict.id)  # type: ignore[call-overload]
        if artifact is None and verdict.derived_from_datasets and verdict.status != "missing":
            components.append({"name": verdict.mot_name, "description": "From the release's dataset list",
                               "license": verdict.license or "unlicensed"})
            continue
        if artifact is None or artifact.availability == "not-released":
            continue
        entry: dict[str, Any] = {"name": verdict.mot_name, "description": artifact.description or ""}
        if artifact.location:
            entry["component_path"] = artifact.location
        if artifact.license:
            entry["license"] = artifact.license
        components.append(entry)
    return {
        "framework": {"name": "Model Openness Framework", "version": version, "date": date},
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


def mot_yaml(release: Release, report: Report) -> str:
    """The MOT record as YAML text, keys in the tool's order."""
    import yaml

    return yaml.safe_dump(release_to_mot(release, report), sort_keys=False, allow_unicode=True)
