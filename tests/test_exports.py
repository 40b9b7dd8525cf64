"""Standard exports: SPDX 3.0.1 AI BOM, CycloneDX 1.7 / 1.6 ML-BOM, EU training-content summary, badge."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pytest
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator

import modelcards
from modelcards.errors import InputError
from modelcards.renderers import outputs
from modelcards.renderers.badge import badge_svg, shields_endpoint
from modelcards.renderers.cyclonedx import CYCLONEDX_DEFAULT, CYCLONEDX_VERSIONS, cyclonedx_json
from modelcards.renderers.spdx import spdx_document

from conftest import EXAMPLES, ROOT


def spdx_problems(text: str) -> list[str]:
    """Check an SPDX 3.0.1 JSON-LD document with spdx-python-model, the SPDX project's bindings
    generated from the official SHACL model: every type and property must be known (read), every
    reference must resolve (link), and every required property must be present (write)."""
    from spdx_python_model import v3_0_1 as spdx

    objects = spdx.SHACLObjectSet()
    try:
        spdx.JSONLDDeserializer().read(io.BytesIO(text.encode()), objects)
        missing = objects.link()
        spdx.JSONLDSerializer().write(objects, io.BytesIO())
    except (ValueError, TypeError, KeyError) as err:
        return [str(err)]
    return [f"unresolved reference {m}" for m in sorted(missing)]


def _report(release):
    return modelcards.analyze(release)


def cyclonedx_errors(text: str, version: str) -> object:
    """cyclonedx-python-lib's strict JSON validation of a BOM (None: valid)."""
    return JsonStrictValidator(SchemaVersion.from_version(version)).validate_str(text)


# two examples in the default suite (an open and a restricted release); every other one in the slow run
DEFAULT_EXPORT_EXAMPLES = {"olmo-7b", "meta-llama-3-8b"}


@pytest.mark.parametrize("manifest", [
    pytest.param(p, id=p.parent.name, marks=() if p.parent.name in DEFAULT_EXPORT_EXAMPLES else pytest.mark.slow)
    for p in EXAMPLES])
def test_every_example_exports_valid_spdx_and_cyclonedx(manifest):
    release = modelcards.load(str(manifest))
    report = _report(release)
    spdx_text = spdx_document(release, report)
    assert json.loads(spdx_text)["@context"] == "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
    assert spdx_problems(spdx_text) == []
    for version in ("1.6", "1.7"):
        text = cyclonedx_json(release, report, version)
        assert json.loads(text)["specVersion"] == version
        assert json.loads(text)["$schema"] == f"http://cyclonedx.org/schema/bom-{version}.schema.json"
        errors = cyclonedx_errors(text, version)
        assert errors is None, errors


def test_the_default_cyclonedx_version_is_the_newest_the_library_validates():
    newest = max(v for v in SchemaVersion if v.to_version() in CYCLONEDX_VERSIONS)
    assert CYCLONEDX_DEFAULT == newest.to_version() == "1.7"
    assert max(SchemaVersion).to_version() == CYCLONEDX_DEFAULT, "cyclonedx-python-lib validates a newer version"
    # the CLI's copy of the choice (outputs, which imports no writer) is the writer's own
    assert (outputs.CYCLONEDX_VERSIONS, outputs.CYCLONEDX_DEFAULT) == (CYCLONEDX_VERSIONS, CYCLONEDX_DEFAULT)


def test_render_writes_the_chosen_cyclonedx_version(tmp_path):
    release = modelcards.load(str(EXAMPLES[0]))
    report = _report(release)
    for version, expected in ((None, "1.7"), ("1.6", "1.6"), ("1.7", "1.7")):
        options = None if version is None else outputs.ExportOptions(cyclonedx_version=version)
        [planned] = outputs.plan(release, tmp_path, report, formats=["cyclonedx"], options=options).files
        assert json.loads(planned.content)["specVersion"] == expected
    with pytest.raises(InputError, match=r"'1\.5' is not one of 1\.6, 1\.7"):
        outputs.ExportOptions(cyclonedx_version="1.5")


@pytest.mark.parametrize("version", ["1.6", "1.7"])
def test_the_validators_reject_broken_documents(version):
    release = modelcards.load(str(EXAMPLES[0]))
    report = _report(release)
    spdx_data = json.loads(spdx_document(release, report))
    for node in spdx_data["@graph"]:
        if node["type"] == "ai_AIPackage":
            node["software_primaryPurpose"] = "not-a-purpose"
    assert spdx_problems(json.dumps(spdx_data))
    cdx = json.loads(cyclonedx_json(release, report, version))
    cdx["components"][0]["type"] = "ml-model"
    assert cyclonedx_errors(json.dumps(cdx), version) is not None
    cdx = json.loads(cyclonedx_json(release, report, version))
    cdx["components"][0]["hashes"] = [{"alg": "SHA-256", "content": "not-hex"}]
    assert cyclonedx_errors(json.dumps(cdx), version) is not None


RICH = """\
name: Rich-Model-7B
version: "1.1"
producer: Example Lab
date: 2025-03-04
contact: lab@example.org
repository: https://github.com/example/rich
hf_repo: example/rich-model-7b
model: {type: language, architecture: transformer decoder, pipeline_tag: text-generation, languages: [en, fr]}
license: llama3.1
licenses: {data: CC-BY-4.0}
artifacts:
  model-parameters-final: {}
datasets:
  - {id: example/pretrain, name: Pretrain Mix, role: pretraining, license: ODC-By-1.0}
  - {id: example/private-sft, role: fine-tuning, availability: not-released}
  - {id: cais/mmlu, name: MMLU, role: evaluation, license: MIT}
base_models:
  - {id: meta-llama/Llama-3.1-8B, relation: finetune}
evaluation:
  - {task_type: text-generation, dataset: {type: cais/mmlu, name: MMLU, split: test}, metric_type: accuracy,
     metric_value: 61.5}
card:
  summary: A rich example.
  intended_use: Research on <b>tuning</b>.
  limitations: Hallucinates.
  bias_risks: Biased toward English.
  training: Two stages.
"""


@pytest.fixture
def rich(write):
    release = modelcards.load(write("rich.yaml", RICH))
    return release, _report(release)


def _by_type(graph, kind):
    return [n for n in graph if n["type"] == kind]


def _declared(graph) -> dict[str, str]:
    """Element id -> the license expression declared for it."""
    licenses = {n["spdxId"]: n["simplelicensing_licenseExpression"]
                for n in _by_type(graph, "simplelicensing_LicenseExpression")}
    return {r["from"]: licenses[r["to"][0]] for r in _by_type(graph, "Relationship")
            if r["relationshipType"] == "hasDeclaredLicense"}


def test_spdx_field_mapping(rich):
    release, report = rich
    graph = json.loads(spdx_document(release, report))["@graph"]
    [model] = [n for n in _by_type(graph, "ai_AIPackage") if n["name"] == "Rich-Model-7B"]
    assert model["software_packageVersion"] == "1.1"
    assert model["software_downloadLocation"] == "https://huggingface.co/example/rich-model-7b"
    assert model["releaseTime"] == "2025-03-04T00:00:00Z"
    assert model["ai_typeOfModel"] == ["transformer decoder", "language"]
    assert model["ai_limitation"].startswith("Hallucinates.")
    assert model["ai_metric"][0]["value"] == "61.5"
    datasets = {n["name"]: n["spdxId"] for n in _by_type(graph, "dataset_DatasetPackage")}
    assert set(datasets) == {"Pretrain Mix", "example/private-sft", "MMLU"}
    relations = {(r["relationshipType"], r["from"], tuple(r["to"])) for r in _by_type(graph, "Relationship")}
    assert ("trainedOn", model["spdxId"], (datasets["Pretrain Mix"],)) in relations
    assert ("trainedOn", model["spdxId"], (datasets["example/private-sft"],)) in relations
    assert ("testedOn", model["spdxId"], (datasets["MMLU"],)) in relations
    [base] = [n for n in _by_type(graph, "ai_AIPackage") if n["name"] == "meta-llama/Llama-3.1-8B"]
    assert ("ancestorOf", base["spdxId"], (model["spdxId"],)) in relations
    licenses = {n["spdxId"]: n for n in _by_type(graph, "simplelicensing_LicenseExpression")}
    declared = {r["from"]: licenses[r["to"][0]] for r in _by_type(graph, "Relationship")
                if r["relationshipType"] == "hasDeclaredLicense"}
    model_license = declared[model["spdxId"]]
    assert model_license["simplelicensing_licenseExpression"] == "LicenseRef-scancode-llama-3.1-license-2024"
    assert model_license["simplelicensing_customIdToUri"][0]["value"].startswith("https://")
    assert declared[datasets["Pretrain Mix"]]["simplelicensing_licenseExpression"] == "ODC-By-1.0"
    # a dataset that states no license gets NOASSERTION, not a guess from the release defaults
    assert declared[datasets["example/private-sft"]]["simplelicensing_licenseExpression"] == "NOASSERTION"
    assert spdx_problems(spdx_document(release, report)) == []


def test_cyclonedx_field_mapping(rich):
    release, report = rich
    bom = json.loads(cyclonedx_json(release, report))
    model, *data = bom["components"]
    assert model["type"] == "machine-learning-model"
    assert model["supplier"] == model["manufacturer"] == {"name": "Example Lab",
                                                          "contact": [{"email": "lab@example.org"}]}
    assert model["purl"] == "pkg:huggingface/example/rich-model-7b"
    assert model["licenses"][0]["license"]["name"] == "Llama 3.1 Community License Agreement"
    card = model["modelCard"]
    assert card["modelParameters"]["task"] == "text-generation"
    assert card["modelParameters"]["datasets"] == [{"ref": "dataset-1"}, {"ref": "dataset-2"}]
    assert card["quantitativeAnalysis"]["performanceMetrics"] == [
        {"type": "accuracy", "value": "61.5", "slice": "MMLU test"}]
    assert card["considerations"]["useCases"] == ["Research on <b>tuning</b>."]
    assert card["considerations"]["ethicalConsiderations"] == [{"name": "Biased toward English."}]
    assert model["pedigree"]["ancestors"][0]["name"] == "meta-llama/Llama-3.1-8B"
    assert [d["name"] for d in data] == ["Pretrain Mix", "example/private-sft", "MMLU"]
    assert data[0]["licenses"] == [{"license": {"id": "ODC-By-1.0"}}]
    assert bom["serialNumber"] == json.loads(cyclonedx_json(release, report))["serialNumber"]  # reproducible


def test_the_boms_name_licenses_as_the_report_resolved_them(rich):
    """SPDX and CycloneDX take each license from the report's view of it, not from a second lookup."""
    import dataclasses

    from modelcards.report import LicenseTerm, LicenseView

    release, report = rich
    stated = report.license("ODC-By-1.0")
    assert stated is not None and stated.canonical == "ODC-By-1.0"
    swapped = LicenseView("ODC-By-1.0", "CC0-1.0", (LicenseTerm("CC0-1.0", "Creative Commons Zero v1.0 Universal",
                                                                None, True),), is_open=True)
    changed = dataclasses.replace(report, licenses={**report.licenses, "ODC-By-1.0": swapped})
    for expected, used in (("ODC-By-1.0", report), ("CC0-1.0", changed)):
        graph = json.loads(spdx_document(release, used))["@graph"]
        [dataset] = [n for n in _by_type(graph, "dataset_DatasetPackage") if n["name"] == "Pretrain Mix"]
        assert _declared(graph)[dataset["spdxId"]] == expected
    bom = json.loads(cyclonedx_json(release, changed))
    assert bom["components"][1]["licenses"] == [{"license": {"id": "CC0-1.0"}}]


def test_eu_summary_fills_what_is_known_and_marks_the_rest(rich, tmp_path):
    release, report = rich
    modelcards.render(release, str(tmp_path), report, formats=["eu"])
    text = (tmp_path / "eu-training-summary.md").read_text()
    for heading in ("## 1. General information", "### 1.1 Provider identification", "## 2. List of data sources",
                    "### 2.3 Data crawled and scraped from online sources", "## 3. Data processing aspects"):
        assert heading in text
    assert "Example Lab (lab@example.org)" in text
    assert "meta-llama/Llama-3.1-8B (finetune)" in text
    assert "| Pretrain Mix | pretraining | ODC-By-1.0 |" in text
    assert "example/private-sft" in text.split("### 2.2")[1].split("### 2.3")[0]
    assert "**Training data size:** **TODO:** to complete." in text
    assert text.count("to complete") >= 10


def test_badge_and_shields_endpoint(rich):
    _, report = rich
    svg = ET.fromstring(badge_svg(report))
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert texts == ["MOF", "Unclassified"]
    endpoint = json.loads(shields_endpoint(report))
    assert endpoint == {"schemaVersion": 1, "label": "MOF", "message": "Unclassified", "color": "lightgrey"}


def test_render_names_the_files_and_links_the_badge(tmp_path, cli):
    manifest = next(p for p in EXAMPLES if p.parent.name == "pythia-6.9b")
    assert cli("render", str(manifest), "-o", str(tmp_path)).exit_code == 0
    names = {p.name for p in tmp_path.iterdir()}
    assert {"modelcard.spdx3.json", "modelcard.cdx.json", "eu-training-summary.md", "openness.svg",
            "openness-shields.json"} <= names
    assert "![Class I - Open Science Model](openness.svg)" in (tmp_path / "README.md").read_text()
    assert cli("render", str(manifest), "-o", str(tmp_path), "--check").exit_code == 0


BOM_GOLDEN = ["olmo-7b", "pythia-6.9b"]


@pytest.mark.parametrize("name", BOM_GOLDEN)
def test_golden_boms(name, tmp_path):
    """Reviewed SPDX and CycloneDX outputs of the fully described examples; regenerate with
    MODELCARDS_UPDATE_GOLDEN=1 after an intended change."""
    import os


    manifest = ROOT / "examples" / name / "modelcard.yaml"
    golden = ROOT / "tests" / "golden" / name
    modelcards.render(modelcards.load(str(manifest)), str(tmp_path), formats=["spdx", "cyclonedx"])
    for filename in ("modelcard.spdx3.json", "modelcard.cdx.json"):
        produced = (tmp_path / filename).read_text(encoding="utf-8")
        if os.environ.get("MODELCARDS_UPDATE_GOLDEN"):
            golden.mkdir(parents=True, exist_ok=True)
            (golden / filename).write_text(produced, encoding="utf-8")
        assert produced == (golden / filename).read_text(encoding="utf-8"), f"{name}/{filename} differs"


FACTS = """\
training_facts:
  hyperparameters: {learning_rate: 3.0e-4, warmup_steps: 5000, schedule: linear}
  compute: {flop: 1.2e23, hardware: 512 x A100-40GB, hours: 180000, energy_kwh: 104000, emissions_tco2eq: 75.05}
  sources: [https://example.org/paper]
"""


def test_training_facts_and_safety_map_onto_both_boms(write):
    release = modelcards.load(write("facts.yaml", RICH.replace("  training: Two stages.\n",
                                                              "  training: Two stages.\n  safety: Red-teamed.\n")
                                    + FACTS))
    report = _report(release)
    card = json.loads(cyclonedx_json(release, report))["components"][0]["modelCard"]
    properties = {p["name"]: p["value"] for p in card["properties"]}
    assert {k: v for k, v in properties.items() if k.startswith("modelcards:hyperparameter:")} == {
        "modelcards:hyperparameter:learning_rate": "0.0003", "modelcards:hyperparameter:warmup_steps": "5000",
        "modelcards:hyperparameter:schedule": "linear"}
    assert properties["modelcards:training-compute-flop"] == "1.2e+23"
    assert properties["modelcards:training-hardware"] == "512 x A100-40GB"
    assert properties["modelcards:training-accelerator-hours"] == "180000"
    assert properties["modelcards:safety"] == "Red-teamed."
    assert card["considerations"]["environmentalConsiderations"]["energyConsumptions"] == [
        {"activity": "training", "energyProviders": [], "activityEnergyCost": {"value": 104000.0, "unit": "kWh"},
         "co2CostEquivalent": {"value": 75.05, "unit": "tCO2eq"}}]
    for version in CYCLONEDX_VERSIONS:
        assert cyclonedx_errors(cyclonedx_json(release, report, version), version) is None
    text = spdx_document(release, report)
    assert spdx_problems(text) == []
    [model] = [n for n in json.loads(text)["@graph"] if n["type"] == "ai_AIPackage" and n["name"] == "Rich-Model-7B"]
    assert [(e["key"], e["value"]) for e in model["ai_hyperparameter"]] == [
        ("learning_rate", "0.0003"), ("warmup_steps", "5000"), ("schedule", "linear")]
    [energy] = model["ai_energyConsumption"]["ai_trainingEnergyConsumption"]
    assert (energy["ai_energyQuantity"], energy["ai_energyUnit"]) == ("104000.0", "kilowattHour")
    assert model["ai_informationAboutTraining"] == (
        "Two stages.\n\nPublished training facts: training compute 1.2e+23 FLOP; hardware 512 x A100-40GB; "
        "180000 accelerator hours; emissions 75.05 tCO2eq.")
    assert model["ai_limitation"].endswith("Safety: Red-teamed.")


def test_emissions_without_energy_stay_a_property(write):
    release = modelcards.load(write("facts.yaml", RICH + "training_facts: {compute: {emissions_tco2eq: 390}}\n"))
    card = json.loads(cyclonedx_json(release, _report(release)))["components"][0]["modelCard"]
    assert card["considerations"]["environmentalConsiderations"] == {
        "properties": [{"name": "modelcards:training-emissions-tco2eq", "value": "390"}]}
