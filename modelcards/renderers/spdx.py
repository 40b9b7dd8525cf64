"""SPDX 3.0.1 AI BOM (JSON-LD) of a release, built with spdx-python-model (the SPDX project's
generated bindings) and checked in tests with the official ``spdx3-validate``.

Mapping (SPDX 3.0.1 AI and Dataset profiles, https://spdx.github.io/spdx-spec/v3.0.1/):
the model is an ``ai_AIPackage``; each dataset a ``dataset_DatasetPackage``; licenses are
``simplelicensing_LicenseExpression`` linked by ``hasDeclaredLicense``; datasets are linked by
``trainedOn`` (pretraining / fine-tuning / preference) or ``testedOn`` (evaluation); each base
model is an ``ai_AIPackage`` that is ``ancestorOf`` the release. Licenses that are not on the
SPDX list appear as ``LicenseRef-`` ids, with their link in ``customIdToUri`` where known.

Identity and integrity: the model's Hugging Face purl is its ``software_packageUrl`` (and a
``packageUrl`` external identifier); the producer supplies and originates it; each weight file with
a known SHA-256 is a ``software_File`` the model ``contains``, verified by that hash (a single
weights file's hash also verifies the package). Training facts go to ``ai_hyperparameter``,
``ai_energyConsumption`` (training, kWh) and ``ai_informationAboutTraining`` (compute, hardware,
emissions, which the AI profile has no field for).

Strict JSON: NaN and infinite numbers are refused by the schema (training facts) or left out
(evaluation values), so none reaches the serializer.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from modelcards.renderers.identity import huggingface_purl, release_purl
from modelcards.renderers.views import mof_verdict, osaid_word
from modelcards.report import LicenseView, Report
from modelcards.schema import Release
from modelcards.vocabulary import TRAINING_ROLES

_AVAILABILITY = {"public": "directDownload", "gated": "clickthrough", "on-request": "query"}


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.-]+", "-", text).strip("-") or "model"


def namespace(release: Release) -> str:
    """A stable IRI prefix for this release's SPDX elements (same release, same ids)."""
    if release.hf_repo:
        return f"https://huggingface.co/{release.hf_repo}/spdx/{slug(release.version or 'release')}#"
    return f"urn:modelcards:{slug(release.name)}:{slug(release.version or 'release')}#"


def creation_time(release: Release) -> dt.datetime:
    """The release date (so output is reproducible); the Unix epoch when the manifest states none."""
    day = release.date or dt.date(1970, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def license_expression(view: LicenseView | None) -> tuple[str, dict[str, str]]:
    """(SPDX expression, LicenseRef id -> URL) for a resolved license; NOASSERTION when none is
    stated or it is unknown or unlicensed."""
    if view is None or view.unknown or view.unlicensed or view.canonical is None:
        return "NOASSERTION", {}
    refs = {term.id: term.url for term in view.terms if term.id.startswith("LicenseRef-") and term.url}
    return view.canonical, refs


def _training_text(release: Release) -> str | None:
    """The card's training prose, followed by the published compute facts the AI profile has no field for."""
    parts = [release.card.training] if release.card.training else []
    compute = release.training_facts.compute if release.training_facts else None
    if compute:
        facts = []
        if compute.flop is not None:
            facts.append(f"training compute {compute.flop:.3g} FLOP")
        if compute.hardware:
            facts.append(f"hardware {compute.hardware}")
        if compute.hours is not None:
            facts.append(f"{compute.hours:g} accelerator hours")
        if compute.emissions_tco2eq is not None:
            facts.append(f"emissions {compute.emissions_tco2eq:g} tCO2eq")
        if facts:
            parts.append("Published training facts: " + "; ".join(facts) + ".")
    return "\n\n".join(parts) or None


@contextmanager
def bindings_without_rdflib() -> Iterator[None]:
    """While active, a first import of the SPDX bindings leaves out their RDF graph (de)serializer.

    The bindings import rdflib for it whenever rdflib is installed, which takes longer than the
    rest of a render, and the JSON-LD export never uses it. Meant for a process that renders and
    ends (the CLI): the bindings it imported lack that serializer for the rest of the process.
    rdflib itself imports as usual once this is over."""
    hide = "rdflib" not in sys.modules and "spdx_python_model.bindings.v3_0_1" not in sys.modules
    if hide:
        sys.modules["rdflib"] = None  # type: ignore[assignment]  # importing it raises ImportError
    try:
        yield
    finally:
        if hide and "rdflib" in sys.modules and sys.modules["rdflib"] is None:
            del sys.modules["rdflib"]


def spdx_document(release: Release, report: Report) -> str:
    return spdx_document_bytes(release, report).decode("utf-8")


def spdx_document_bytes(release: Release, report: Report) -> bytes:
    """``modelcard.spdx3.json`` as written to disk."""
    from spdx_python_model import v3_0_1 as spdx

    ns = namespace(release)
    creation = spdx.CreationInfo(specVersion="3.0.1", created=creation_time(release))
    if release.date is None:
        creation.comment = "The manifest states no release date; 'created' is a placeholder."
    tool = spdx.Tool(_id=f"{ns}tool-modelcards", name="modelcards", creationInfo=creation)
    producer = spdx.Organization(_id=f"{ns}producer", name=release.producer or "producer not stated",
                                 creationInfo=creation)
    creation.createdBy = [producer]
    creation.createdUsing = [tool]
    objects: list[object] = [tool, producer]
    licenses: dict[str, object] = {}

    def declare(element: object, element_id: str, license_text: str | None) -> None:
        expression, refs = license_expression(report.license(license_text) if license_text else None)
        if expression not in licenses:
            lic = spdx.simplelicensing_LicenseExpression(
                _id=f"{ns}license-{len(licenses) + 1}", creationInfo=creation,
                simplelicensing_licenseExpression=expression)
            for ref, url in sorted(refs.items()):
                lic.simplelicensing_customIdToUri.append(spdx.DictionaryEntry(key=ref, value=url))
            licenses[expression] = lic
            objects.append(lic)
        objects.append(spdx.Relationship(
            _id=f"{element_id}-declared-license", creationInfo=creation, from_=element,
            relationshipType=spdx.RelationshipType.hasDeclaredLicense, to=[licenses[expression]]))

    model_id = f"{ns}model"
    model = spdx.ai_AIPackage(
        _id=model_id, creationInfo=creation, name=release.name,
        software_primaryPurpose=spdx.software_SoftwarePurpose.model,
        suppliedBy=producer,
    )
    if release.producer:
        model.originatedBy.append(producer)
    purl = release_purl(release)
    if purl:
        model.software_packageUrl = purl
        model.externalIdentifier.append(spdx.ExternalIdentifier(
            externalIdentifierType=spdx.ExternalIdentifierType.packageUrl, identifier=purl))
    if release.date:
        model.releaseTime = creation_time(release)
    if release.version:
        model.software_packageVersion = release.version
    location = f"https://huggingface.co/{release.hf_repo}" if release.hf_repo else release.repository
    if location:
        model.software_downloadLocation = location
    if release.repository:
        model.software_homePage = release.repository
    if release.card.summary:
        model.summary = release.card.summary
    for value in (release.model.architecture, release.model.type):
        if value:
            model.ai_typeOfModel.append(value)
    if release.model.pipeline_tag:
        model.ai_domain.append(release.model.pipeline_tag)
    training = _training_text(release)
    if training:
        model.ai_informationAboutTraining = training
    facts = release.training_facts
    if facts:
        for name, value in facts.hyperparameters.items():
            model.ai_hyperparameter.append(spdx.DictionaryEntry(key=name, value=str(value)))
        if facts.compute and facts.compute.energy_kwh is not None:
            model.ai_energyConsumption = spdx.ai_EnergyConsumption(ai_trainingEnergyConsumption=[
                spdx.ai_EnergyConsumptionDescription(ai_energyQuantity=facts.compute.energy_kwh,
                                                     ai_energyUnit=spdx.ai_EnergyUnitType.kilowattHour)])
    if release.card.intended_use:
        model.ai_informationAboutApplication = release.card.intended_use
    limits = (release.card.limitations, release.card.bias_risks,
              f"Safety: {release.card.safety}" if release.card.safety else None)
    if any(limits):
        model.ai_limitation = "\n\n".join(t for t in limits if t)
    for result in release.evaluation:
        if isinstance(result.metric_value, float) and not math.isfinite(result.metric_value):
            continue  # no measurement, and JSON has no NaN
        model.ai_metric.append(spdx.DictionaryEntry(
            key=f"{result.dataset.name}: {result.metric_name or result.metric_type}", value=str(result.metric_value)))
    model.comment = (f"Model Openness Framework: {mof_verdict(report).label}; OSAID: {osaid_word(report)} "
                     "(assessed by modelcards).")
    objects.append(model)
    declare(model, model_id, release.license)
    files = []
    for index, weight in enumerate(release.weights, start=1):
        files.append(spdx.software_File(
            _id=f"{ns}weights-{index}", creationInfo=creation, name=weight.path,
            software_primaryPurpose=spdx.software_SoftwarePurpose.model,
            verifiedUsing=[spdx.Hash(algorithm=spdx.HashAlgorithm.sha256, hashValue=weight.sha256)]))
    if len(files) == 1:
        model.verifiedUsing.append(spdx.Hash(algorithm=spdx.HashAlgorithm.sha256, hashValue=release.weights[0].sha256))
    if files:
        objects.extend(files)
        objects.append(spdx.Relationship(_id=f"{model_id}-weights", creationInfo=creation, from_=model,
                                         relationshipType=spdx.RelationshipType.contains, to=files))

    for index, dataset in enumerate(release.datasets, start=1):
        data_id = f"{ns}dataset-{index}"
        package = spdx.dataset_DatasetPackage(
            _id=data_id, creationInfo=creation, name=dataset.name or dataset.id,
            software_primaryPurpose=spdx.software_SoftwarePurpose.data,
            dataset_datasetType=[spdx.dataset_DatasetType.other],
            software_downloadLocation=dataset.location or f"https://huggingface.co/datasets/{dataset.id}",
        )
        if dataset.availability in _AVAILABILITY:
            package.dataset_datasetAvailability = getattr(spdx.dataset_DatasetAvailabilityType,
                                                          _AVAILABILITY[dataset.availability])
        if dataset.description:
            package.description = dataset.description
        if dataset.version or dataset.revision:
            package.software_packageVersion = dataset.version or dataset.revision
        objects.append(package)
        declare(package, data_id, dataset.license)
        relation = spdx.RelationshipType.trainedOn if dataset.role in TRAINING_ROLES else spdx.RelationshipType.testedOn
        objects.append(spdx.Relationship(_id=f"{data_id}-use", creationInfo=creation, from_=model,
                                         relationshipType=relation, to=[package]))

    for index, base in enumerate(release.base_models, start=1):
        base_id = f"{ns}base-model-{index}"
        ancestor = spdx.ai_AIPackage(
            _id=base_id, creationInfo=creation, name=base.id,
            software_primaryPurpose=spdx.software_SoftwarePurpose.model,
            software_downloadLocation=f"https://huggingface.co/{base.id}",
        )
        base_purl = huggingface_purl(base.id)
        if base_purl:
            ancestor.software_packageUrl = base_purl
        if base.relation:
            ancestor.comment = f"Relation of the release to this model: {base.relation}."
        objects.append(ancestor)
        if base.license:
            declare(ancestor, base_id, base.license)
        objects.append(spdx.Relationship(_id=f"{base_id}-ancestor", creationInfo=creation, from_=ancestor,
                                         relationshipType=spdx.RelationshipType.ancestorOf, to=[model]))

    data_license = spdx.simplelicensing_LicenseExpression(
        _id=f"{ns}document-license", creationInfo=creation, simplelicensing_licenseExpression="CC0-1.0")
    document = spdx.SpdxDocument(
        _id=f"{ns}document", creationInfo=creation, name=f"AI BOM of {release.name}",
        dataLicense=data_license, rootElement=[model],
        profileConformance=[spdx.ProfileIdentifierType.core, spdx.ProfileIdentifierType.software,
                            spdx.ProfileIdentifierType.ai, spdx.ProfileIdentifierType.dataset,
                            spdx.ProfileIdentifierType.simpleLicensing],
    )
    document.element.extend(o for o in objects if o is not tool and o is not producer)
    document.element.extend([tool, producer])
    object_set = spdx.SHACLObjectSet()
    for obj in [document, data_license, *objects]:
        object_set.add(obj)
    buffer = io.BytesIO()
    spdx.JSONLDSerializer().write(object_set, buffer, indent=2)
    return buffer.getvalue() + b"\n"
