"""import: a Hugging Face README (or MOT record, or hf:org/name) into a manifest, nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tools.roundtrip import compare

from conftest import ROOT

CARD = """\
---
language: en
license: apache-2.0
library_name: transformers
tags:
- text-generation
- custom tag
datasets:
- tatsu-lab/alpaca
base_model: mistralai/Mistral-7B-v0.1
base_model_relation: adapter
widget:
- text: "Hello"
co2_eq_emissions:
  emissions: 12.5
  source: own measurement
thumbnail: logo.png
model-index:
- name: Tiny-Chat
  results:
  - task:
      type: text-generation
      name: Text Generation
    dataset:
      name: MMLU
      type: cais/mmlu
      split: test
    metrics:
    - type: accuracy
      value: 55.2
      name: Accuracy
    source:
      url: https://example.org/leaderboard
      name: Leaderboard
---

<img src="logo.png" width="200"/>

# Tiny-Chat

Tiny-Chat is a small chat model.

## Model Details

### Model Description

- **Developed by:** Example Lab

## Uses

Chat with it.

```python
## a comment in code, not a heading
print("hi")
```

## Bias, Risks, and Limitations

It makes things up.

## Uses

A second section with the same heading.

Training notes
--------------
A setext heading.

## How to Get Started with the Model

Use the code below.

## Citation

```bibtex
@misc{tiny}
```
"""


def _import(cli, tmp_path: Path, text: str, name: str = "README.md") -> tuple[object, Path]:
    card = tmp_path / name
    card.write_text(text, encoding="utf-8")
    out = tmp_path / "modelcard.yaml"
    return cli("import", str(card), "-o", str(out)), out


def test_import_then_render_keeps_every_key_and_every_body_line(cli, tmp_path):
    result, manifest = _import(cli, tmp_path, CARD)
    assert result.exit_code == 0, result.output
    assert cli("render", str(manifest), "-o", str(tmp_path / "out")).exit_code == 0
    rendered = (tmp_path / "out" / "README.md").read_text()
    outcome = compare(CARD, rendered)
    assert outcome.lossless, outcome
    assert sorted(outcome.normalised_keys) == ["base_model", "language"]  # "en" -> ["en"]: the same to the Hub


def test_sections_map_onto_fields_only_when_their_heading_renders_back_identically(cli, tmp_path):
    _, manifest = _import(cli, tmp_path, CARD)
    data = yaml.safe_load(manifest.read_text())
    card = data["card"]
    assert data["name"] == "Tiny-Chat"
    assert card["summary"].startswith('<img src="logo.png"') and "small chat model" in card["summary"]
    assert card["intended_use"].startswith("Chat with it.")
    assert "## a comment in code, not a heading" in card["intended_use"]  # code fence is not a section
    assert card["bias_risks"].startswith("It makes things up.")
    # the duplicate "Uses" and the setext heading stay verbatim inside the section before them
    assert "## Uses\n\nA second section" in card["bias_risks"] and "Training notes\n----" in card["bias_risks"]
    assert list(card["sections"]) == ["Model Details", "How to Get Started with the Model"]
    assert card["citation"].startswith("```bibtex")


def test_front_matter_keys_become_fields_or_extra(cli, tmp_path):
    _, manifest = _import(cli, tmp_path, CARD)
    data = yaml.safe_load(manifest.read_text())
    assert data["license"] == "apache-2.0"
    assert data["base_models"] == [{"id": "mistralai/Mistral-7B-v0.1", "relation": "adapter"}]
    assert data["model"]["languages"] == ["en"]
    assert set(data["extra"]) == {"widget", "co2_eq_emissions", "thumbnail"}
    assert data["evaluation"][0]["metric_value"] == 55.2
    assert data["evaluation"][0]["source_name"] == "Leaderboard"
    assert manifest.read_text().startswith("# yaml-language-server: $schema=")


def test_a_model_index_the_schema_cannot_reproduce_is_kept_verbatim(cli, tmp_path):
    text = CARD.replace("      split: test\n", "      split: test\n      args:\n        num_few_shot: 5\n")
    _, manifest = _import(cli, tmp_path, text)
    data = yaml.safe_load(manifest.read_text())
    assert "evaluation" not in data
    assert data["extra"]["model-index"][0]["results"][0]["dataset"]["args"] == {"num_few_shot": 5}
    cli("render", str(manifest), "-o", str(tmp_path / "out"))
    assert compare(text, (tmp_path / "out" / "README.md").read_text()).lossless


def _findings(result) -> list[tuple[str, str, str, str]]:
    data = json.loads(result.output)
    data = data[0] if isinstance(data, list) else data
    return sorted((f["rule"], f["severity"], f["subject"], f["message"]) for f in data["findings"])


def test_the_imported_manifest_checks_as_the_card_does(cli, tmp_path):
    _, manifest = _import(cli, tmp_path, CARD)
    on_manifest = cli("check", str(manifest), "--format", "json")
    on_card = cli("check", str(tmp_path / "README.md"), "--format", "json")
    assert on_manifest.exit_code == on_card.exit_code == 0, on_manifest.output
    assert _findings(on_manifest) == _findings(on_card) != []


def test_broken_front_matter_gets_a_located_error(cli, tmp_path):
    result, manifest = _import(cli, tmp_path, "---\nlicense: mit\nlanguage: en: fr\n---\n# X\n")
    assert result.exit_code == 2
    assert "README.md:3:13: error: invalid YAML" in result.stderr
    assert not manifest.exists()


def test_import_never_overwrites_a_manifest(cli, tmp_path):
    (tmp_path / "modelcard.yaml").write_text("name: Mine\n")
    result, manifest = _import(cli, tmp_path, CARD)
    assert result.exit_code == 2 and "--force" in result.stderr
    assert manifest.read_text() == "name: Mine\n"


def test_reimporting_a_rendered_card_does_not_duplicate_generated_sections(cli, tmp_path):
    out = tmp_path / "out"
    cli("render", str(ROOT / "examples" / "olmo-7b" / "modelcard.yaml"), "-o", str(out))
    manifest = tmp_path / "again.yaml"
    assert cli("import", str(out / "README.md"), "-o", str(manifest)).exit_code == 0
    data = yaml.safe_load(manifest.read_text())
    assert "Openness" not in data["card"].get("sections", {})
    assert "modelcards:" not in manifest.read_text().split("\n", 2)[2]
    assert data["card"]["summary"].startswith("OLMo-7B is a fully open")


def test_import_a_mot_record(cli, tmp_path):
    mot = tmp_path / "model.yml"
    mot.write_text(yaml.safe_dump({"framework": {"name": "Model Openness Framework", "version": "1.0"},
                                    "release": {"name": "Tiny", "version": "1", "producer": "Lab",
                                                "license": {"distribution": {"name": "Apache-2.0"}},
                                                "components": [{"name": "Model architecture",
                                                                "license": "Apache-2.0"}]}}))
    out = tmp_path / "modelcard.yaml"
    result = cli("import", str(mot), "-o", str(out))
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text())
    assert data["name"] == "Tiny" and "model-architecture" in data["artifacts"]


def test_import_from_the_hub(cli, tmp_path, hub):
    from fake_hub import Repo

    hub.repos["lab/tiny-chat"] = Repo({"id": "lab/tiny-chat"}, {"README.md": CARD.encode()})
    out = tmp_path / "modelcard.yaml"
    result = cli("import", "hf:lab/tiny-chat", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(out.read_text())["name"] == "Tiny-Chat"
    assert yaml.safe_load(out.read_text())["hf_repo"] == "lab/tiny-chat"  # the repository it came from
    assert ("GET", "/lab/tiny-chat/resolve/main/README.md") in hub.requests
    missing = cli("import", "hf:lab/nothing-here", "-o", str(tmp_path / "x.yaml"))
    assert missing.exit_code == 2 and "hf:lab/nothing-here" in missing.stderr


def test_a_card_from_huggingface_hubs_own_template_round_trips(cli, tmp_path):
    """The Hub's annotated template, filled by huggingface_hub itself, survives import -> render."""
    from huggingface_hub import ModelCard, ModelCardData

    data = ModelCardData(language=["en", "de"], license="mit", library_name="peft",
                         base_model="mistralai/Mistral-7B-v0.1", datasets=["org/data"], tags=["lora"])
    text = str(ModelCard.from_template(data, model_id="Tiny-LoRA", developers="Lab",
                                       model_summary="A LoRA adapter.", direct_use="Summaries."))
    _, manifest = _import(cli, tmp_path, text)
    assert cli("render", str(manifest), "-o", str(tmp_path / "out")).exit_code == 0
    outcome = compare(text, (tmp_path / "out" / "README.md").read_text())
    assert outcome.lossless, outcome
    card = yaml.safe_load(manifest.read_text())["card"]
    assert "Model Details" in card["sections"] and card["intended_use"].startswith("<!--")


@pytest.mark.parametrize("text", [
    "# No metadata\n\nJust text.\n",
    "---\nlicense: mit\n---\n# Title only\n\nA paragraph, no sections.\n",
    "---\nlicense: mit\n---\nNo heading at all.\n",
    # values of a shape the Hub does not document stay as written, not coerced
    "---\nlicense: 123\nlanguage: 5\ntags: {a: b}\nbase_model: {x: 1}\npipeline_tag: [a]\n---\n# T\n",
])
def test_unusual_cards_import_and_round_trip(cli, tmp_path, text):
    result, manifest = _import(cli, tmp_path, text)
    assert result.exit_code == 0, result.output
    assert cli("render", str(manifest), "-o", str(tmp_path / "out")).exit_code == 0
    outcome = compare(text, (tmp_path / "out" / "README.md").read_text())
    assert outcome.lossless, outcome
