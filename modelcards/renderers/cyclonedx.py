"""CycloneDX ML-BOM (JSON, version 1.7 or 1.6) of a release.

The model is a ``machine-learning-model`` component with a ``modelCard``
(https://cyclonedx.org/docs/1.7/json/#components_items_modelCard): modelParameters (task,
architecture, datasets by reference), quantitativeAnalysis (the evaluation results),
considerations (from the card text; training energy and emissions as an energyConsumption) and
properties (hyperparameters, training compute, safety). Its identity is its Hugging Face purl,
its supplier and manufacturer the producer; each weight file with a known SHA-256 is a ``file``
component inside it (and a single weights file's digest is the model's own). Datasets are
``data`` components; base models are the model's pedigree ancestors. cyclonedx-python-lib
(11.x) has no model for ``modelCard``, so the document is built as plain JSON here and validated
with that library's own strict JSON validator, for both versions. The modelCard, component and
metadata fields used are the same in 1.6 and 1.7; only the ``$schema`` and ``specVersion`` differ.

Strict JSON: a non-finite number never reaches the file (it is written as null, then
``allow_nan=False`` guards the rest).
"""

from __future__ import annotations

import math
import uuid
from typing import Any

from modelcards.renderers.identity import contact_email, huggingface_purl, release_purl
from modelcards.renderers.json_text import json_bytes
from modelcards.renderers.modelcard_json import finite
from modelcards.renderers.spdx import creation_time, namespace
from modelcards.renderers.views import mof_verdict, osaid_word
from modelcards.report import Report
from modelcards.schema import Release
from modelcards.vocabulary import TRAINING_ROLES

CYCLONEDX_VERSIONS = ("1.6", "1.7")
CYCLONEDX_DEFAULT = "1.7"
"""The newest version cyclonedx-python-lib validates (a test holds it to the installed library)."""


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
    environment: dict[str, Any] = {}
    compute = release.training_facts.compute if release.training_facts else None
    if compute and compute.energy_kwh is not None:
        # the providers of the energy are not part of a release's facts: an empty list, as the schema allows
        consumption: dict[str, Any] = {"activity": "training", "energyProviders": [],
                                       "activityEnergyCost": {"value": compute.energy_kwh, "unit": "kWh"}}
        if compute.emissions_tco2eq is not None:
            consumption["co2CostEquivalent"] = {"value": compute.emissions_tco2eq, "unit": "tCO2eq"}
        environment["energyConsumptions"] = [consumption]
    elif compute and compute.emissions_tco2eq is not None:
        environment["properties"] = [{"name": "modelcards:training-emissions-tco2eq",
                                      "value": _number(compute.emissions_tco2eq)}]
    if card.environmental_impact:
        environment.setdefault("properties", []).append(
            {"name": "modelcards:environmental-impact", "value": card.environmental_impact})
    if environment:
        considerations["environmentalConsiderations"] = environment
    return considerations


def _number(value: float | int) -> str:
    """A number as property text: integers without a fraction, others as Python writes them (1.2e-04)."""
    if isinstance(value, int) or (float(value).is_integer() and abs(value) < 1e15):
        return str(int(value))
    return repr(value)


def _card_properties(release: Release, report: Report) -> list[dict[str, str]]:
    properties = [
        {"name": "modelcards:mof-class", "value": mof_verdict(report).label},
        {"name": "modelcards:osaid", "value": osaid_word(report)},
    ]
    facts = release.training_facts
    if facts:
        for name, value in facts.hyperparameters.items():
            properties.append({"name": f"modelcards:hyperparameter:{name}",
                               "value": value if isinstance(value, str) else _number(value)})
        compute = facts.compute
        if compute and compute.flop is not None:
            properties.append({"name": "modelcards:training-compute-flop", "value": _number(compute.flop)})
        if compute and compute.hardware:
            properties.append({"name": "modelcards:training-hardware", "value": compute.hardware})
        if compute and compute.hours is not None:
            properties.append({"name": "modelcards:training-accelerator-hours", "value": _number(compute.hours)})
        properties.extend({"name": "modelcards:training-facts-source", "value": url} for url in facts.sources)
    if release.card.safety:
        properties.append({"name": "modelcards:safety", "value": release.card.safety})
    return properties


def _entity(release: Release) -> dict[str, Any]:
    """The producer as a CycloneDX organizationalEntity."""
    entity: dict[str, Any] = {"name": release.producer}
    if release.producer_url:
        entity["url"] = [release.producer_url]
    email = contact_email(release)
    if email:
        entity["contact"] = [{"email": email}]
    return entity


def _weights(release: Release) -> list[dict[str, Any]]:
    files = []
    for index, weight in enumerate(release.weights, start=1):
        file: dict[str, Any] = {"type": "file", "bom-ref": f"weights-{index}", "name": weight.path,
                                "hashes": [{"alg": "SHA-256", "content": weight.sha256}]}
        if weight.size is not None:
            file["properties"] = [{"name": "modelcards:size-bytes", "value": str(weight.size)}]
        files.append(file)
    return files


def _dataset_component(report: Report, index: int, dataset: Any) -> dict[str, Any]:
    component: dict[str, Any] = {
        "type": "data",
        "bom-ref": f"dataset-{index}",
        "name": dataset.name or dataset.id,
        "data": [{"type": "dataset", "name": dataset.name or dataset.id}],
    }
    if dataset.version or dataset.revision:
        component["version"] = dataset.version or dataset.revision
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
    purl = huggingface_purl(base.id)
    if purl:
        ancestor["purl"] = purl
    licenses = cdx_licenses(report, base.license)
    if licenses:
        ancestor["licenses"] = licenses
    ancestor["externalReferences"] = [{"type": "distribution", "url": f"https://huggingface.co/{base.id}"}]
    return ancestor


def cyclonedx_document(release: Release, report: Report, version: str = CYCLONEDX_DEFAULT) -> dict[str, Any]:
    """The BOM as JSON data; ``version`` is one of CYCLONEDX_VERSIONS."""
    if version not in CYCLONEDX_VERSIONS:
        raise ValueError(f"CycloneDX version {version!r} is not one of {', '.join(CYCLONEDX_VERSIONS)}")
    model: dict[str, Any] = {"type": "machine-learning-model", "bom-ref": "model", "name": release.name}
    if release.version:
        model["version"] = release.version
    purl = release_purl(release)
    if purl:
        model["purl"] = purl
    if release.producer:
        model["supplier"] = _entity(release)
        model["manufacturer"] = _entity(release)
    weights = _weights(release)
    if len(weights) == 1:
        model["hashes"] = weights[0]["hashes"]
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
    metrics = [{"type": r.metric_name or r.metric_type, "value": str(r.metric_value),
                "slice": " ".join(p for p in (r.dataset.name, r.dataset.split) if p)}
               for r in release.evaluation
               if not (isinstance(r.metric_value, float) and not math.isfinite(r.metric_value))]
    if metrics:  # a NaN or infinite value is no measurement: left out
        model_card["quantitativeAnalysis"] = {"performanceMetrics": metrics}
    considerations = _considerations(release)
    if considerations:
        model_card["considerations"] = considerations
    model_card["properties"] = _card_properties(release, report)
    model["modelCard"] = model_card
    if weights:
        model["components"] = weights
    if release.base_models:
        model["pedigree"] = {"ancestors": [_ancestor(report, i, base)
                                           for i, base in enumerate(release.base_models, start=1)]}
    return {
        "$schema": f"http://cyclonedx.org/schema/bom-{version}.schema.json",
        "bomFormat": "CycloneDX",
        "specVersion": version,
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


def cyclonedx_json_bytes(release: Release, report: Report, version: str = CYCLONEDX_DEFAULT) -> bytes:
    """``modelcard.cdx.json`` as written to disk."""
    return json_bytes(finite(cyclonedx_document(release, report, version)))


def cyclonedx_json(release: Release, report: Report, version: str = CYCLONEDX_DEFAULT) -> str:
    return cyclonedx_json_bytes(release, report, version).decode("utf-8")
