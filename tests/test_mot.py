"""MOT YAML reader and writer, on records written for these tests."""

from __future__ import annotations

import pytest
import yaml

from modelcards.analysis import analyze
from modelcards.errors import InputError
from modelcards.readers.dispatch import read as read_source
from modelcards.readers.dispatch import read_text as read_source_text
from modelcards.renderers.mot_yaml import release_to_mot

RECORD = """\
framework:
  name: Model Openness Framework
  version: '1.0'
  date: '2024-12-15'
release:
  name: Tiny-LM
  version: 1B
  date: '2025-01-02'
  type: language
  architecture: transformer
  origin: ''
  producer: Example Lab
  contact: ''
  repository: https://example.org/tiny
  huggingface: https://huggingface.co/example/tiny-lm
  license:
    distribution:
      name: Apache-2.0
      path: ''
    data:
      name: CDLA-Permissive-2.0
      path: ''
  components:
    - name: Model architecture
      description: code
    - name: Model parameters (Final)
      description: weights
    - name: Datasets
      description: data
      license: unlicensed
    - name: Model card
      license: CC-BY-NC-4.0
    - name: Technical report
      license: 'Component not included'
    - name: Research paper
      license: CC-BY-4.0
      component_path: https://arxiv.org/abs/0000.00000
"""


def test_reader_applies_component_then_content_type_then_distribution_license():
    source = read_source_text(RECORD, "tiny.yml")
    assert source.kind == "mot"
    report = analyze(source.release)
    components = report.openness["mof"]["components"]
    assert components["model-architecture"] == {"status": "included", "license": "Apache-2.0"}
    assert components["model-parameters-final"] == {"status": "included", "license": "CDLA-Permissive-2.0"}
    assert components["datasets"] == {"status": "unlicensed", "license": "unlicensed"}
    assert components["model-card"] == {"status": "restricted", "license": "CC-BY-NC-4.0"}
    assert components["technical-report"]["status"] == "missing"
    assert components["research-paper"]["status"] == "included"
    assert source.release.hf_repo == "example/tiny-lm"


def test_unknown_component_name_is_a_located_error():
    text = RECORD.replace("- name: Model card", "- name: Model crd")
    with pytest.raises(InputError) as info:
        read_source_text(text, "tiny.yml")
    assert str(info.value) == "tiny.yml:31:13: unknown MOT component 'Model crd'; did you mean 'Model card'?"


def test_writer_round_trips_statuses(tmp_path):
    original = read_source_text(RECORD, "tiny.yml").release
    exported = yaml.safe_dump(release_to_mot(original, analyze(original)), sort_keys=False)
    path = tmp_path / "again.yml"
    path.write_text(exported)
    again = read_source(str(path)).release
    before = analyze(original).openness["mof"]
    after = analyze(again).openness["mof"]
    assert before == after
    data = yaml.safe_load(exported)
    assert data["framework"]["version"] == "1.0"
    assert data["release"]["license"]["data"]["name"] == "CDLA-Permissive-2.0"
    names = [c["name"] for c in data["release"]["components"]]
    assert "Technical report" not in names  # not released, so not listed


def test_example_manifest_exports_to_a_record_of_the_same_class(tmp_path):
    from conftest import ROOT

    release = read_source(str(ROOT / "examples" / "olmo-7b" / "modelcard.yaml")).release
    path = tmp_path / "olmo.yml"
    path.write_text(yaml.safe_dump(release_to_mot(release, analyze(release)), sort_keys=False))
    assert analyze(read_source(str(path)).release).openness["mof"]["class"] == 1
