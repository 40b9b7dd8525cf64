"""Every bundled example loads, validates against the JSON Schema and checks cleanly."""

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


def test_there_are_eleven_examples():
    assert len(EXAMPLES) == 11


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_example_validates_against_the_json_schema(path: Path):
    schema = json.loads((ROOT / "schemas" / "release.schema.json").read_text())
    data = yaml.safe_load(path.read_text())
    data["date"] = str(data["date"])  # YAML dates are strings in JSON
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_check_never_exits_2_on_examples(cli, path: Path):
    result = cli("check", str(path), "--format", "json")
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
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
