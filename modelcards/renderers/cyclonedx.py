"""CycloneDX 1.6 ML-BOM (JSON) of a release.

The model is a ``machine-learning-model`` component with a ``modelCard`` (CycloneDX 1.6,
https://cyclonedx.org/docs/1.6/json/#components_items_modelCard): modelParameters (task,
architecture, datasets by reference), quantitativeAnalysis (the evaluation results) and
considerations (from the card text). Datasets are ``data`` components; base models are the
model's pedigree ancestors. cyclonedx-python-lib (11.x) has no model for ``modelCard``, so the
document is built as plain JSON here and validated with that library's own 1.6 JSON validator.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from modelcards.renderers.spdx import creation_time, namespace
from modelcards.renderers.views import mof_verdict, osaid_word
from modelcards.report import Report
from modelcards.schema import Release
from modelcards.vocabulary import TRAINING_ROLES


def cdx_licenses(report: Report, text: str | None, link: str | None = None) -> list[dict[str, Any]] | None:
    """A CycloneDX ``licenses`` value for a license the release states: an SPDX id, an SPDX
    expression, or a named license (unknown, unlicensed, or a ``LicenseRef-``)."""
    if not text:
        return None
    view = report.license(text)
    if view is None or view.unknown or view.unlicensed or view.canonical is None:
        named: dict[str, Any] = {"name": text}
        if link:
            named["url"] = link
        return [{"license": named}]
    if len(view.terms) == 1 and view.canonical == view.terms[0].id:
        term = view.terms[0]
        if term.id.startswith("LicenseRef-"):
            named = {"name": term.name}
            url = link or term.url
            if url:
                named["url"] = url
            return [{"license": named}]
        return [{"license": {"id": term.id}}]
    return [{"expression": view.canonical}]


def _considerations(release: Release) -> dict[str, Any]:
    card = release.card
    considerations: dict[str, Any] = {}
    if card.intended_use:
        considerations["useCases"] = [card.intended_use]
    if card.limitations:
        considerations["technicalLimitations"] = [card.limitations]
    if card.out_of_scope:
        considerations.setdefault("technicalLimitations", []).append(f"Out of scope: {card.out_of_scope}")
    if card.bias_risks:
        considerations["ethicalConsiderations"] = [{"name": card.bias_risks}]
    if card.environmental_impact:
        considerations["environmentalConsiderations"] = {"properties": [
            {"name": "modelcards:environmental-impact", "value": card.environmental_impact}]}
    return considerations


def _dataset_component(report: Report, index: int, dataset: Any) -> dict[str, Any]:
    component: dict[str, Any] = {
        "type": "data",
        "bom-ref": f"dataset-{index}",
        "name": dataset.name or dataset.id,
        "data": [{"type": "dataset", "name": dataset.name or dataset.id}],
    }
    url = dataset.location or f"https://huggingface.co/datasets/{dataset.id}"
    component["data"][0]["contents"] = {"url": url}
    if dataset.description:
        component["data"][0]["description"] = dataset.description
    licenses = cdx_licenses(report, dataset.license)
    if licenses:
        component["licenses"] = licenses
    component["properties"] = [{"name": "modelcards:role", "value": dataset.role},
                               {"name": "modelcards:availability", "value": dataset.availability}]
    if dataset.data_card:
        component["externalReferences"] = [{"type": "documentation", "url": dataset.data_card}]
    return component


def _ancestor(report: Report, index: int, base: Any) -> dict[str, Any]:
    ancestor: dict[str, Any] = {"type": "machine-learning-model", "bom-ref": f"base-model-{index}", "name": base.id}
    licenses = cdx_licenses(report, base.license)
    if licenses:
        ancestor["licenses"] = licenses
    ancestor["externalReferences"] = [{"type": "distribution", "url": f"https://huggingface.co/{base.id}"}]
    return ancestor


def cyclonedx_document(release: Release, report: Report) -> dict[str, Any]:
    model: dict[str, Any] = {"type": "machine-learning-model", "bom-ref": "model", "name": release.name}
    if release.version:
        model["version"] = release.version
    if release.producer:
        model["supplier"] = {"name": release.producer}
    if release.card.summary:
        model["description"] = release.card.summary
    licenses = cdx_licenses(report, release.license, release.license_link)
    if licenses:
        model["licenses"] = licenses
    references = []
    if release.hf_repo:
        references.append({"type": "distribution", "url": f"https://huggingface.co/{release.hf_repo}"})
    if release.repository:
        references.append({"type": "vcs", "url": release.repository})
    if references:
        model["externalReferences"] = references
    parameters: dict[str, Any] = {}
    if release.model.pipeline_tag:
        parameters["task"] = release.model.pipeline_tag
    if release.model.type:
        parameters["architectureFamily"] = release.model.type
    if release.model.architecture:
        parameters["modelArchitecture"] = release.model.architecture
    datasets = [_dataset_component(report, i, d) for i, d in enumerate(release.datasets, start=1)]
    training = [{"ref": c["bom-ref"]} for c, d in zip(datasets, release.datasets, strict=True)
                if d.role in TRAINING_ROLES]
    if training:
        parameters["datasets"] = training
    model_card: dict[str, Any] = {"bom-ref": "model-card"}
    if parameters:
        model_card["modelParameters"] = parameters
    if release.evaluation:
        model_card["quantitativeAnalysis"] = {"performanceMetrics": [
            {"type": r.metric_name or r.metric_type, "value": str(r.metric_value),
             "slice": " ".join(p for p in (r.dataset.name, r.dataset.split) if p)}
            for r in release.evaluation]}
    considerations = _considerations(release)
    if considerations:
        model_card["considerations"] = considerations
    model_card["properties"] = [
        {"name": "modelcards:mof-class", "value": mof_verdict(report).label},
        {"name": "modelcards:osaid", "value": osaid_word(report)},
    ]
    model["modelCard"] = model_card
    if release.base_models:
        model["pedigree"] = {"ancestors": [_ancestor(report, i, base)
                                           for i, base in enumerate(release.base_models, start=1)]}
    return {
        "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "serialNumber": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, namespace(release))}",
        "version": 1,
        "metadata": {
            "timestamp": creation_time(release).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "tools": {"components": [{"type": "application", "name": "modelcards"}]},
            "component": {"type": "machine-learning-model", "bom-ref": "release", "name": release.name},
        },
        "components": [model, *datasets],
        "dependencies": [{"ref": "model", "dependsOn": [c["bom-ref"] for c in datasets]}] if datasets else [],
    }


def cyclonedx_json(release: Release, report: Report) -> str:
    return json.dumps(cyclonedx_document(release, report), indent=2, ensure_ascii=False) + "\n"
