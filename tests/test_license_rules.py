"""License rules: a positive and a negative case each, on releases written for these tests."""

from __future__ import annotations

from pathlib import Path

import yaml

from modelcards.analysis import analyze
from modelcards.readers.dispatch import read_source_text
from modelcards.schema import Release

DATA = Path(__file__).resolve().parents[1] / "modelcards" / "licenses" / "data"


def findings(data: dict) -> list:
    return analyze(Release.model_validate({"artifacts": {"model-parameters-final": {}}, **data})).findings


def codes(data: dict) -> set[str]:
    return {f.rule for f in findings(data)}


def conflicts(data: dict) -> list:
    return [f for f in findings(data) if f.kind == "license-conflict"]


def test_mistral_finetune_relicensed_mit_is_not_a_conflict_but_keeps_apache_notices():
    data = {"name": "Mistral-7B-Support", "license": "MIT",
            "base_models": [{"id": "mistralai/Mistral-7B-v0.1", "relation": "finetune"}]}
    assert conflicts(data) == []
    notices = [f for f in findings(data) if f.rule == "LIC004"]
    assert any("NOTICE" in f.message and "§4(c)" in (f.reference or "") for f in notices)


def test_llama3_finetune_relabelled_apache_is_a_conflict():
    data = {"name": "Llama 3 Helper", "license": "apache-2.0",
            "base_models": [{"id": "meta-llama/Meta-Llama-3-8B"}]}
    found = [f for f in findings(data) if f.rule == "LIC003"]
    assert len(found) == 1 and found[0].severity == "error"
    assert "llama3/blob/main/LICENSE" in found[0].reference


def test_finetune_keeping_the_base_license_is_not_a_conflict():
    data = {"name": "Llama 3 Helper", "license": "llama3", "base_models": [{"id": "meta-llama/Meta-Llama-3-8B"}]}
    assert "LIC003" not in codes(data)


def test_llama3_finetune_named_mychat_gets_a_naming_finding():
    bad = {"name": "MyChat-8B", "license": "llama3", "base_models": [{"id": "meta-llama/Meta-Llama-3-8B"}]}
    naming = [f for f in findings(bad) if f.rule == "LIC005"]
    assert len(naming) == 1 and "'Llama 3'" in naming[0].message
    good = {**bad, "name": "Llama 3 MyChat 8B"}
    assert "LIC005" not in codes(good)


def test_llama31_naming_rule_is_llama_first():
    data = {"name": "Llama-MyChat", "license": "llama3.1", "base_models": [{"id": "meta-llama/Llama-3.1-8B"}]}
    assert "LIC005" not in codes(data)
    assert "LIC005" in codes({**data, "name": "MyChat-Llama"})


def test_llama31_lora_on_cc_by_nc_data_claiming_commercial_use_is_an_nc_finding():
    data = {"name": "Llama-3.1-Support-LoRA", "license": "llama3.1",
            "base_models": [{"id": "meta-llama/Llama-3.1-8B", "relation": "adapter"}],
            "datasets": [{"id": "tatsu-lab/alpaca", "role": "fine-tuning"}],  # license from the known table
            "claims": {"commercial_use": True}}
    nc = [f for f in findings(data) if f.rule == "LIC007"]
    assert len(nc) == 1 and nc[0].severity == "error" and nc[0].subject == "dataset:tatsu-lab/alpaca"
    without_claim = {**data, "claims": {}}
    assert [f.severity for f in findings(without_claim) if f.rule == "LIC007"] == ["warning"]
    nc_release = {**data, "license": "CC-BY-NC-4.0", "claims": {}, "base_models": []}
    assert "LIC007" not in codes(nc_release)


def test_attribution_phrase_is_checked_in_the_card():
    data = {"name": "Llama-Tuned", "license": "llama3.1", "base_models": [{"id": "meta-llama/Llama-3.1-8B"}]}
    assert "LIC006" in codes(data)
    assert "LIC006" not in codes({**data, "card": {"summary": "Built with Llama."}})


def test_share_alike_data():
    data = {"name": "M", "license": "Apache-2.0", "datasets": [{"id": "databricks/databricks-dolly-15k"}]}
    assert "LIC008" in codes(data)
    assert "LIC008" not in codes({**data, "license": "CC-BY-SA-3.0"})
    assert "LIC008" not in codes({**data, "datasets": [{"id": "d", "license": "CDLA-Permissive-2.0"}]})


def test_open_source_claim_under_model_license():
    data = {"name": "Llama-X", "license": "llama3.1", "claims": {"open_source": True}}
    assert "LIC009" in codes(data)
    assert "LIC009" not in codes({**data, "license": "Apache-2.0"})


def test_commercial_claim_on_research_only_terms():
    data = {"name": "M", "license": "other", "license_name": "mrl", "license_link": "https://mistral.ai/licenses/MRL-0.1.md",
            "claims": {"commercial_use": True}}
    assert "LIC010" in codes(data)
    assert "LIC010" not in codes({**data, "claims": {}})


def test_obligations_follow_the_whole_chain():
    data = {"name": "R1-Tuned", "license": "MIT", "base_models": [{"id": "deepseek-ai/DeepSeek-R1-Distill-Llama-8B"}]}
    conflict = [f for f in findings(data) if f.rule == "LIC003"]
    assert [f.subject for f in conflict] == ["base-model:meta-llama/Llama-3.1-8B"]
    assert "via" in conflict[0].message


def test_unknown_base_license_is_reported_never_guessed():
    data = {"name": "M", "license": "MIT", "base_models": [{"id": "someone/unheard-of-7b"}]}
    assert "LIC011" in codes(data)
    assert "LIC003" not in codes(data)
    assert "LIC011" not in codes({**data, "base_models": [{"id": "someone/unheard-of-7b", "license": "MIT"}]})


def test_unknown_license_id_with_suggestion_and_other_without_name():
    unknown = [f for f in findings({"name": "M", "license": "Apache2.0"}) if f.rule == "LIC001"]
    assert len(unknown) == 1 and "did you mean 'Apache-2.0'" in unknown[0].message
    assert "LIC001" not in codes({"name": "M", "license": "apache-2.0"})
    assert "LIC002" in codes({"name": "M", "license": "other"})
    assert "LIC002" not in codes({"name": "M", "license": "other", "license_name": "x", "license_link": "https://x"})


def test_different_code_and_weight_licenses_alone_are_not_a_conflict():
    data = {"name": "M", "license": "Apache-2.0", "licenses": {"code": "MIT", "document": "CC-BY-4.0"}}
    assert conflicts(data) == []


def test_hugging_face_card_front_matter_and_title_are_checked_without_a_manifest():
    card = (
        "---\nlicense: apache-2.0\nbase_model: meta-llama/Meta-Llama-3-8B\n"
        "datasets:\n- tatsu-lab/alpaca\n---\n\n# MyChat-8B\n\nA chat model.\n"
    )
    source = read_source_text(card, "README.md")
    report = analyze(source.release, source="README.md")
    found = {f.rule for f in report.findings}
    assert {"LIC003", "LIC005", "LIC007"} <= found


def test_every_obligation_and_known_entry_cites_a_url():
    obligations = yaml.safe_load((DATA / "obligations.yaml").read_text())
    for license_id, entry in obligations["licenses"].items():
        assert entry["source"].startswith("https://"), license_id
        for item in entry["obligations"]:
            assert item["source"].startswith("https://"), (license_id, item)
            assert "§" in item["source"] or "¶" in item["source"] or "(" in item["source"], (license_id, item)
    known = yaml.safe_load((DATA / "known-models.yaml").read_text())
    for section in ("models", "datasets"):
        for entry in known[section]:
            assert entry["source"].startswith("https://"), entry
