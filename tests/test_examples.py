"""Every bundled example loads, validates against the JSON Schema and gets the verdict it is
documented to have: the releases written from public facts check clean, except Llama-2-7B, whose
manifest records Meta's open-source claim (openwashing); the fictional mislabelled fine-tune fails."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from modelcards.analysis import analyze
from modelcards.readers.dispatch import read_source

from conftest import EXAMPLES, ROOT


def _report(name: str):
    source = read_source(str(ROOT / "examples" / name / "modelcard.yaml"))
    return analyze(source.release, source=source.path, locate=source.locate)


# the exit status of `modelcards check` for each example, from what its header comment and the
# README's Examples section say it is
EXPECTED_EXIT = {
    "bloom": 0,
    "falcon-180b": 0,
    "falcon-40b": 0,
    "llama-2-7b": 1,  # "presents Llama 2 as open source": LIC009 and OPEN001 errors
    "meta-llama-3-8b": 0,
    "mislabelled-llama3-finetune": 1,  # "A FICTIONAL release that gets its licensing wrong"
    "mistral-7b-v0.1": 0,
    "mixtral-8x7b-v0.1": 0,
    "olmo-7b": 0,
    "openllama-7b": 0,
    "pythia-6.9b": 0,
}
NOT_RELEASES = {"docs-site"}  # the example documentation site, built from two of the releases


def test_every_example_release_has_a_manifest_and_an_expected_verdict():
    folders = {p.name for p in (ROOT / "examples").iterdir() if p.is_dir()} - NOT_RELEASES
    assert folders == {p.parent.name for p in EXAMPLES}  # each release folder holds a modelcard.yaml
    assert folders == set(EXPECTED_EXIT)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_example_validates_against_the_json_schema(path: Path):
    schema = json.loads((ROOT / "schemas" / "release.schema.json").read_text())
    data = yaml.safe_load(path.read_text())
    data["date"] = str(data["date"])  # YAML dates are strings in JSON
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_check_gives_each_example_its_documented_verdict(cli, path: Path):
    result = cli("check", str(path), "--format", "json")
    assert result.exit_code == EXPECTED_EXIT[path.parent.name], result.output
    report = json.loads(result.stdout)
    errors = [f["rule"] for f in report["findings"] if f["severity"] == "error"]
    assert bool(errors) == bool(EXPECTED_EXIT[path.parent.name]), errors
    assert report["source"] == str(path)
    assert set(report["openness"]["mof"]["components"]) and len(report["openness"]["mof"]["components"]) == 17


@pytest.mark.parametrize("name", ["pythia-6.9b", "olmo-7b"])
def test_fully_open_releases_are_class_one(name: str):
    report = _report(name)
    assert report.openness["mof"]["class"] == 1
    assert report.openness["osaid"]["verdict"] == "meets"
    assert not report.has_errors


@pytest.mark.parametrize("name", ["mistral-7b-v0.1", "mixtral-8x7b-v0.1"])
def test_mistral_is_open_weights_not_open_source(name: str):
    report = _report(name)
    rules = {f.rule for f in report.findings}
    assert "OPEN002" in rules
    assert report.openness["mof"]["components"]["model-parameters-final"]["status"] == "included"
    assert report.openness["osaid"]["verdict"] == "does-not-meet"
    assert report.openness["mof"]["class"] is None


def test_llama_2_weights_are_restricted_and_its_open_source_claim_is_openwashing():
    report = _report("llama-2-7b")
    weights = report.openness["mof"]["components"]["model-parameters-final"]
    assert weights == {"status": "restricted", "license": "LicenseRef-scancode-llama-2-license-2023"}
    openwashing = [f for f in report.findings if f.kind == "openwashing"]
    # LIC009: the Llama 2 license is not OSI-approved; OPEN001: no MOF class, no OSAID
    assert sorted(f.rule for f in openwashing) == ["LIC009", "OPEN001"]
    assert all(f.line is not None for f in openwashing)


def test_mislabelled_finetune_fails_the_check(cli):
    result = cli("check", str(ROOT / "examples" / "mislabelled-llama3-finetune" / "modelcard.yaml"))
    assert result.exit_code == 1
    assert "OPEN001 error" in result.stdout
