"""License knowledge v2 (issue 19): one test per corrected fact, each on a card or manifest that
the previous data judged wrong, plus the behaviour the license rules owe that data.

Facts and their sources: ../shared/reference/license-facts-2026-12.md (§2.1 wrong facts F1-F7,
§2.2 missing obligations M1-M14, §2.3 rule bugs R1-R8, §3 base-model families). The tests state
what a user of the checker relies on (a finding appears or does not), not how the tables are
laid out. The real-corpus part skips when ../shared is absent.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import pytest
import yaml

import modelcards
from modelcards.licenses.lineage import base_chain
from modelcards.licenses.obligations import known_dataset, known_model
from modelcards.licenses.resolver import resolve
from modelcards.schema import Release

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "modelcards" / "licenses" / "data"
CORPUS = ROOT.parent / "shared" / "corpora" / "hf-cards" / "cards"


def findings(data: dict) -> list:
    release = Release.model_validate({"name": "Some-Model", "artifacts": {"model-parameters-final": {}}, **data})
    return modelcards.analyze(release).findings


def rules(data: dict) -> set[str]:
    return {f.rule for f in findings(data)}


def derivative(base: str, license_id: str = "apache-2.0", **extra) -> dict:
    return {"license": license_id, "base_models": [{"id": base, "relation": "finetune"}], **extra}


def relabelled(base: str, license_id: str = "apache-2.0") -> list:
    """LIC003 findings of a fine-tune of ``base`` released under ``license_id``."""
    return [f for f in findings(derivative(base, license_id)) if f.rule == "LIC003"]


def obligations_text(data: dict) -> str:
    return "\n".join(f.message for f in findings(data) if f.kind == "license-obligation")


def card_findings(tmp_path: Path, front: str, body: str = "# Some-Model\n\nA model.\n") -> list:
    path = tmp_path / "README.md"
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return modelcards.analyze(modelcards.read(path)).findings


# --- §2.1 wrong mappings (F2-F5): exact ids where a family mixes licenses ---------------------

def test_deepseek_v3_0324_is_mit_so_an_mit_gguf_of_it_is_not_a_conflict():
    assert relabelled("deepseek-ai/DeepSeek-V3-0324", "mit") == []
    assert resolve(known_model("deepseek-ai/DeepSeek-V3-0324").license).canonical == "MIT"
    assert resolve(known_model("deepseek-ai/DeepSeek-V3.2-Exp-Base").license).canonical == "MIT"


def test_deepseek_v3_base_and_chat_keep_the_deepseek_license():
    assert len(relabelled("deepseek-ai/DeepSeek-V3", "mit")) == 1
    assert len(relabelled("deepseek-ai/DeepSeek-V3-Base", "mit")) == 1


def test_qwen25_coder_3b_is_research_licensed_not_apache():
    found = relabelled("Qwen/Qwen2.5-Coder-3B-Instruct")
    assert len(found) == 1 and "qwen-research" in found[0].message.lower()
    assert relabelled("Qwen/Qwen2.5-Coder-7B-Instruct") == []


def test_qwen25_vl_3b_is_research_licensed_and_vl_72b_is_not_apache():
    assert len(relabelled("Qwen/Qwen2.5-VL-3B-Instruct")) == 1
    assert len(relabelled("Qwen/Qwen2.5-VL-72B-Instruct")) == 1
    assert relabelled("Qwen/Qwen2.5-VL-7B-Instruct") == []


def test_sdxl_09_is_the_research_license_not_openrail():
    chain = base_chain(Release.model_validate({"name": "M", **derivative("stabilityai/stable-diffusion-xl-base-0.9")}))
    assert chain[0].license.canonical == "LicenseRef-modelcards-sdxl-0.9-research"
    assert any(info.commercial == "no" for info in chain[0].license.licenses)
    chain = base_chain(Release.model_validate({"name": "M", **derivative("stabilityai/stable-diffusion-xl-base-1.0")}))
    assert chain[0].license.canonical == "LicenseRef-scancode-bigscience-open-rail-m2"


def test_gemma_source_cites_the_use_clause_not_eligibility():
    assert "§2.2" in resolve("gemma").licenses[0].source


def test_tongyi_qianwen_research_is_not_the_qwen_research_license():
    assert resolve("tongyi-qianwen-research").canonical != resolve("qwen-research").canonical


# --- §3: the 22 families that were unknown, and their exact ids --------------------------------

FAMILIES = {
    # base model id -> canonical license (license-facts §3, rows 2-52)
    "meta-llama/CodeLlama-7b-hf": "LicenseRef-scancode-llama-2-license-2023",
    "codellama/CodeLlama-13b-Instruct-hf": "LicenseRef-scancode-llama-2-license-2023",
    "lmsys/vicuna-7b-v1.5": "LicenseRef-scancode-llama-2-license-2023",
    "mistralai/Ministral-8B-Instruct-2410": "LicenseRef-modelcards-mistral-research-license-0.1",
    "mistralai/Mistral-Small-Instruct-2409": "LicenseRef-modelcards-mistral-research-license-0.1",
    "mistralai/Mistral-Small-24B-Instruct-2501": "Apache-2.0",
    "mistralai/Pixtral-12B-Base-2409": "Apache-2.0",
    "Qwen/Qwen-7B": "LicenseRef-scancode-tongyi-qianwen-2023",
    "Qwen/Qwen1.5-7B-Chat": "LicenseRef-scancode-tongyi-qianwen-2023",
    "Qwen/Qwen2-7B-Instruct": "Apache-2.0",
    "Qwen/Qwen2-72B-Instruct": "LicenseRef-scancode-tongyi-qianwen-2023",
    "microsoft/phi-4": "MIT",
    "microsoft/Phi-4-mini-instruct": "MIT",
    "tiiuae/Falcon3-7B-Base": "LicenseRef-modelcards-tii-falcon-llm-2.0",
    "01-ai/Yi-34B-Chat": "Apache-2.0",
    "deepseek-ai/DeepSeek-V2-Lite": "LicenseRef-scancode-deepseek-la-1.0",
    "deepseek-ai/DeepSeek-Coder-V2-Instruct": "LicenseRef-scancode-deepseek-la-1.0",
    "CohereForAI/c4ai-command-r-v01": "CC-BY-NC-4.0",
    "stabilityai/stablelm-2-1_6b": "LicenseRef-scancode-stability-ai-community-2024",
    "stabilityai/stable-diffusion-3-medium": "LicenseRef-scancode-stability-ai-community-2024",
    "stabilityai/sdxl-turbo": "LicenseRef-scancode-stability-ai-nc-2023-12-06",
    "black-forest-labs/FLUX.1-dev": "LicenseRef-scancode-flux-1-nc",
    "black-forest-labs/FLUX.1-schnell": "Apache-2.0",
    "openai/whisper-large-v3": "MIT",
    "google-bert/bert-base-uncased": "Apache-2.0",
    "bert-base-uncased": "Apache-2.0",
    "FacebookAI/roberta-base": "MIT",
    "google/flan-t5-base": "Apache-2.0",
    "openai-community/gpt2": "MIT",
    "gpt2": "MIT",
    "HuggingFaceH4/zephyr-7b-beta": "MIT",
    "openchat/openchat-3.5-1210": "Apache-2.0",
    "HuggingFaceTB/SmolLM2-1.7B-Instruct": "Apache-2.0",
    "ibm-granite/granite-3.1-8b-instruct": "Apache-2.0",
}


@pytest.mark.parametrize("model_id", sorted(FAMILIES))
def test_popular_base_families_resolve_to_their_license(model_id):
    known = known_model(model_id)
    assert known is not None, model_id
    assert resolve(known.license).canonical == FAMILIES[model_id]
    assert known.source.startswith("https://")
    assert "LIC011" not in rules(derivative(model_id))


@pytest.mark.parametrize("model_id", [
    "codellama/CodeLlama-34b-hf", "lmsys/vicuna-13b-v1.5", "Qwen/Qwen2-72B-Instruct", "Qwen/Qwen-14B-Chat",
    "deepseek-ai/DeepSeek-V2-Lite", "CohereForAI/c4ai-command-r-plus", "black-forest-labs/FLUX.1-dev",
    "stabilityai/sdxl-turbo", "tiiuae/falcon-180B", "mistralai/Ministral-8B-Instruct-2410",
])
def test_restrictive_bases_that_were_unknown_now_catch_an_apache_relabel(model_id):
    assert len(relabelled(model_id)) == 1


def test_a_derivative_chain_reaches_the_llama_license_of_a_meditron_fine_tune():
    found = relabelled("epfl-llm/meditron-7b")
    assert [f.subject for f in found] == ["base-model:epfl-llm/meditron-7b"]


# --- §2.2 missing obligations (M1-M14) ------------------------------------------------------------

@pytest.mark.parametrize("base", ["meta-llama/Llama-3.2-1B-Instruct", "meta-llama/Llama-3.3-70B-Instruct",
                                  "meta-llama/Llama-4-Scout-17B-16E"])
def test_llama_32_33_4_derivatives_must_follow_the_acceptable_use_policy(base):
    assert "Acceptable Use Policy" in obligations_text(derivative(base, "llama3.1"))


def test_the_llama_32_eu_clause_binds_the_vision_models_only():
    vision = obligations_text(derivative("meta-llama/Llama-3.2-11B-Vision-Instruct", "llama3.2"))
    text = obligations_text(derivative("meta-llama/Llama-3.2-1B-Instruct", "llama3.2"))
    assert "geography" in vision
    assert "geography" not in text


def test_gemma_derivatives_must_mark_modified_files():
    assert "modified files" in obligations_text(derivative("google/gemma-2-9b-it", "gemma"))


def test_falcon_180b_derivatives_keep_the_acceptable_use_policy():
    assert len(relabelled("tiiuae/falcon-180B-chat")) == 1
    assert "Acceptable Use Policy" in obligations_text(derivative("tiiuae/falcon-180B", "Falcon-180B TII License"))


def test_falcon_2_derivatives_must_state_they_are_built_using_falcon_llm_technology():
    data = derivative("tiiuae/falcon-11B", "TII Falcon License 2.0")
    assert any(f.rule == "LIC006" and "Falcon LLM technology" in f.message for f in findings(data))
    stated = {**data, "card": {"sections": {"License": "Falcon-Tuned is built using Falcon LLM technology from "
                                                       "the Technology Innovation Institute."}}}
    assert not any(f.rule == "LIC006" for f in findings(stated))


def test_tongyi_qianwen_derivatives_keep_the_notice_and_may_not_train_other_llms():
    text = obligations_text(derivative("Qwen/Qwen-7B-Chat", "tongyi-qianwen"))
    assert "Tongyi Qianwen is licensed under the Tongyi Qianwen LICENSE AGREEMENT" in text
    assert "improve any other large language model" in text


def test_qwen_research_derivatives_are_non_commercial():
    text = obligations_text(derivative("Qwen/Qwen2.5-3B-Instruct", "qwen-research"))
    assert "commercial" in text.lower()


def test_qwen_attribution_accepts_improved_using_qwen():
    data = derivative("Qwen/Qwen2.5-72B-Instruct", "qwen",
                      card={"sections": {"Acknowledgement": "Improved using Qwen."}})
    assert not any(f.rule == "LIC006" for f in findings(data))


def test_stability_community_and_mrl_notices_are_listed():
    stability = obligations_text(derivative("stabilityai/stable-diffusion-3.5-large", "Stability AI Community License"))
    assert "This Stability AI Model is licensed under the Stability AI Community License" in stability
    mrl = obligations_text(derivative("mistralai/Mistral-Large-Instruct-2407", "MRL"))
    assert "Licensed by Mistral AI under the Mistral AI Research License" in mrl


def test_nvidia_open_model_license_derivatives_keep_its_notice():
    data = {"license": "apache-2.0",
            "base_models": [{"id": "nvidia/some-model", "license": "NVIDIA Open Model License"}]}
    assert "Licensed by NVIDIA Corporation under the NVIDIA Open Model License" in obligations_text(data)
    assert "LIC003" in rules(data)


@pytest.mark.parametrize("variant", ["openrail", "openrail++", "bigcode-openrail-m"])
def test_every_openrail_variant_keeps_its_use_restrictions_and_a_copy(variant):
    data = {"license": "mit", "base_models": [{"id": "someone/rail-model", "license": variant}]}
    assert "LIC003" in rules(data)
    assert "copy" in obligations_text(data).lower()


@pytest.mark.parametrize("base_license", ["cc-by-nc-4.0", "cc-by-nc-sa-4.0", "cc-by-sa-4.0", "cc-by-nd-4.0",
                                          "cc-by-nc-3.0", "cc-by-sa-3.0"])
def test_cc_nc_sa_nd_base_models_relabelled_apache_are_a_conflict(base_license):
    data = {"license": "apache-2.0", "base_models": [{"id": "someone/research-ckpt", "license": base_license}]}
    assert "LIC003" in rules(data)
    assert "LIC003" not in rules({**data, "license": base_license})


def test_gpl_base_models_relabelled_mit_are_a_conflict():
    data = {"license": "mit", "base_models": [{"id": "someone/gpl-model", "license": "gpl-3.0"}]}
    assert "LIC003" in rules(data)


# --- §2.3 rule behaviour the data needs (R3-R8, and the metadata rules of issue 19) -------------

def test_a_llama_31_fine_tune_labelled_llama2_drops_the_31_terms():
    found = relabelled("meta-llama/Llama-3.1-8B-Instruct", "llama2")
    assert len(found) == 1 and "llama-3.1" in found[0].message.lower()
    assert relabelled("meta-llama/Llama-3.1-8B-Instruct", "llama3.1") == []


def test_a_falcon_180b_derivative_labelled_with_the_falcon_2_license_is_a_conflict():
    assert len(relabelled("tiiuae/falcon-180B", "TII Falcon License 2.0")) == 1


def test_a_later_version_with_the_same_license_elements_keeps_the_terms():
    # CC BY-SA 3.0 §4(b)(ii): adaptations may be shared under a later version with the same elements
    data = {"license": "cc-by-sa-4.0", "base_models": [{"id": "someone/sa-model", "license": "cc-by-sa-3.0"}]}
    assert "LIC003" not in rules(data)
    assert "LIC003" in rules({**data, "license": "cc-by-4.0"})


def test_a_naming_rule_met_twice_along_one_chain_is_reported_once():
    # unsloth/Meta-Llama-3.1-8B-Instruct re-uploads meta-llama/Llama-3.1-8B-Instruct: both links are Llama 3.1
    found = [f for f in findings(derivative("unsloth/Meta-Llama-3.1-8B-Instruct", "llama3.1")) if f.rule == "LIC005"]
    assert len(found) == 1


def test_deprecated_spdx_ids_do_not_shadow_the_hub_aliases():
    for hub_id, canonical in {"gpl-3.0": "GPL-3.0-only", "gpl-2.0": "GPL-2.0-only", "lgpl-2.1": "LGPL-2.1-only",
                              "lgpl-3.0": "LGPL-3.0-only", "agpl-3.0": "AGPL-3.0-only"}.items():
        assert resolve(hub_id).canonical == canonical
    assert not resolve("gpl-3.0").licenses[0].deprecated


def test_attribution_without_a_fixed_phrase_is_reported():
    data = {"license": "cc-by-4.0", "base_models": [{"id": "someone/cc-by-model", "license": "cc-by-4.0"}]}
    assert any("Credit the creator" in f.message for f in findings(data))


def test_unknown_license_message_does_not_say_the_hub_rejects_its_own_ids():
    from modelcards.rules import all_rules

    doc = all_rules()["LIC001"].doc.lower()
    assert "the hub rejects them" not in doc


def test_a_base_model_given_as_a_local_path_is_a_located_metadata_finding(tmp_path):
    path = tmp_path / "modelcard.yaml"
    path.write_text("name: Some-Model\nlicense: apache-2.0\nbase_models:\n"
                    "  - id: /public/Mistral-7B-Instruct-v0.2\n", encoding="utf-8")
    report = modelcards.analyze(modelcards.read(path))
    found = [f for f in report.findings if f.kind == "metadata" and "/public/Mistral-7B-Instruct-v0.2" in f.message]
    assert found and found[0].line == 4
    assert "path" in found[0].message.lower()
    # the model name inside the path is unambiguous: its license is still found
    assert not any(f.rule == "LIC011" for f in report.findings)


def test_a_malformed_base_model_id_is_a_metadata_finding_and_the_name_is_still_matched(tmp_path):
    found = card_findings(tmp_path, "license: mit\nbase_model: Mistral-7B-Instruct-v0.2\n")
    assert any(f.kind == "metadata" and "Mistral-7B-Instruct-v0.2" in f.message for f in found)
    assert not any(f.rule == "LIC011" for f in found)


def test_an_ambiguous_name_in_a_local_path_is_not_guessed(tmp_path):
    found = card_findings(tmp_path, "license: apache-2.0\nbase_model: /data/home/someone/model/qwen-2.5-7B\n")
    assert any(f.kind == "metadata" and "/data/home/someone/model/qwen-2.5-7B" in f.message for f in found)
    assert any(f.rule == "LIC011" for f in found)


# --- dataset licenses -------------------------------------------------------------------------------

def _dataset_table() -> list[dict]:
    return yaml.safe_load((DATA / "known-datasets.yaml").read_text(encoding="utf-8"))["datasets"]


def test_the_dataset_table_is_sourced_and_every_license_resolves():
    table = _dataset_table()
    assert len(table) >= 50
    for entry in table:
        assert entry["source"].startswith("https://"), entry
        assert resolve(entry["license"]).known, entry


@pytest.mark.parametrize("dataset_id, rule", [
    ("GAIR/lima", "LIC007"), ("xnli", "LIC007"), ("vicgalle/alpaca-gpt4", "LIC007"),
    ("wikipedia", "LIC008"), ("squad_v2", "LIC008"), ("snli", "LIC008"),
])
def test_cards_trained_on_nc_or_sa_data_from_the_table_are_flagged(dataset_id, rule, tmp_path):
    found = card_findings(tmp_path, f"license: apache-2.0\ndatasets:\n- {dataset_id}\n")
    assert any(f.rule == rule and dataset_id in f.message for f in found)


def test_the_dataset_lookup_reads_the_dataset_table():
    for entry in _dataset_table():
        example = entry["match"].replace("*", "10_0")
        known = known_dataset(example)
        assert known is not None and resolve(known.license).canonical == resolve(entry["license"]).canonical, example


# --- the data stays sourced and uses ScanCode keys where ScanCode has one ----------------------------

def _scancode_keys() -> set[str]:
    import license_expression

    return {item["license_key"] for item in license_expression.get_license_index()}


def test_licenseref_ids_use_scancode_keys_where_scancode_knows_the_license():
    keys = _scancode_keys()
    entries = yaml.safe_load((DATA / "model-licenses.yaml").read_text(encoding="utf-8"))
    for entry in entries:
        ident = entry["id"]
        if ident.startswith("LicenseRef-scancode-"):
            # qwen-2024 is in the 2026 LicenseDB but not yet in license-expression's index
            assert ident.removeprefix("LicenseRef-scancode-") in keys | {"qwen-2024"}, ident
        else:
            own = ident.removeprefix("LicenseRef-modelcards-")
            assert own not in keys, f"{ident}: ScanCode has the key {own!r}"
            assert "no ScanCode key" in entry["source"] or "UNCONFIRMED" in entry["source"] \
                or entry.get("family") == "arxiv", ident


def test_every_known_model_entry_names_a_known_license_and_a_source():
    known = yaml.safe_load((DATA / "known-models.yaml").read_text(encoding="utf-8"))
    for entry in known["models"]:
        assert entry["source"].startswith("https://"), entry
        assert resolve(entry["license"]).known, entry
        if entry.get("base"):
            assert known_model(entry["base"]) is not None or entry["base"].startswith("meta-llama/"), entry


def test_exact_ids_come_before_the_family_pattern_that_would_catch_them():
    patterns = [e["match"].lower() for e in yaml.safe_load((DATA / "known-models.yaml").read_text())["models"]]
    for i, pattern in enumerate(patterns):
        for earlier in patterns[:i]:
            if "*" not in pattern:
                assert not fnmatch.fnmatchcase(pattern, earlier) or earlier == pattern, (pattern, earlier)


# --- real corpus ------------------------------------------------------------------------------------

@pytest.mark.skipif(not CORPUS.is_dir(), reason="real corpus ../shared/corpora/hf-cards not present")
def test_real_gguf_cards_of_deepseek_v3_0324_get_no_false_conflict():
    cards = sorted(CORPUS.glob("*DeepSeek-V3-0324-GGUF*.md"))
    assert cards
    for path in cards:
        report = modelcards.analyze(modelcards.read(path))
        assert not any(f.rule == "LIC003" for f in report.findings), path.name


@pytest.mark.skipif(not CORPUS.is_dir(), reason="real corpus ../shared/corpora/hf-cards not present")
def test_real_cards_naming_local_paths_as_base_models_are_told_so():
    cards = [p for p in sorted(CORPUS.glob("*.md"))
             if re.search(r"^base_model:\s*/public/Mistral-7B-Instruct-v0\.2\s*$", p.read_text(errors="replace"), re.M)]
    assert cards
    for path in cards:
        report = modelcards.analyze(modelcards.read(path))
        assert any(f.kind == "metadata" and "/public/Mistral-7B-Instruct-v0.2" in f.message for f in report.findings)


@pytest.mark.parametrize("base, flagged, license_found", [
    ("meta-llama/Llama-3.1-8B", None, True),
    ("gpt2", None, True),  # a legacy id without an organisation that the table knows
    ("https://huggingface.co/meta-llama/Llama-3.1-8B", "HUB007", True),  # a URL: its repository id is still looked up
    ("C:\\models\\Mistral-7B-Instruct-v0.2", "HUB007", True),
    ("./checkpoints/Mistral-7B-Instruct-v0.2/", "HUB007", True),
    ("someone/my model", "HUB007", False),
    ("Mistral-7B-Instruct-v0.2", "LIC012", True),  # a bare name the Hub accepts, but no organisation
    ("my-own-base", "LIC012", False),
])
def test_base_model_ids_that_are_not_hub_ids_are_flagged_once_and_their_name_still_read(base, flagged, license_found):
    found = findings({"license": "apache-2.0", "base_models": [{"id": base}]})
    about = [f for f in found if f.rule in ("HUB007", "LIC012")]
    assert [f.rule for f in about] == ([flagged] if flagged else [])
    assert any(f.rule == "LIC011" for f in found) is not license_found
    if flagged and license_found and "meta-llama/" not in base:  # the license came from the name inside
        assert "read as the known model it names" in about[0].message


def test_a_qwen_research_base_named_only_by_its_folder_keeps_its_exact_license():
    # the exact entry wins over the family pattern, as it does for the full id
    assert len(relabelled("/models/Qwen2.5-3B-Instruct")) == 1
    assert relabelled("/models/Qwen2.5-7B-Instruct") == []


# --- datasets added from their stored cards (issue 19 item 4) ----------------------------------

@pytest.mark.parametrize("dataset_id, rule", [
    ("anli", "LIC007"),               # card: license cc-by-nc-4.0, "cc-4 Attribution-NonCommercial"
    ("facebook/anli", "LIC007"),
    ("spider", "LIC008"),             # card: "The spider dataset is licensed under the CC BY-SA 4.0"
    ("facebook/belebele", "LIC008"),  # data/README: "licensed under ... LICENSE_CC-BY-SA4.0"
])
def test_cards_trained_on_newly_sourced_nc_or_sa_data_are_flagged(dataset_id, rule, tmp_path):
    found = card_findings(tmp_path, f"license: apache-2.0\ndatasets:\n- {dataset_id}\n")
    assert [f.rule for f in found if f.rule in {"LIC007", "LIC008"}] == [rule]
    assert any(dataset_id in f.message for f in found if f.rule == rule)


@pytest.mark.parametrize("dataset_id, license_id", [
    ("cnn_dailymail", "Apache-2.0"),  # card: "released under the Apache-2.0 License"
    ("cuad", "CC-BY-4.0"),            # card: "free to the public for commercial and non-commercial use"
    ("hellaswag", "MIT"),
    ("codeparrot/apps", "MIT"),
])
def test_cards_trained_on_newly_sourced_permissive_data_get_no_data_finding(dataset_id, license_id, tmp_path):
    known = known_dataset(dataset_id)
    assert known is not None and resolve(known.license).canonical == license_id
    found = card_findings(tmp_path, f"license: apache-2.0\ndatasets:\n- {dataset_id}\n")
    assert not [f for f in found if f.rule in {"LIC007", "LIC008"}]


def test_datasets_whose_cards_state_no_license_stay_unknown():
    for dataset_id in ("drop", "cc100", "riddle_sense", "openai/summarize_from_feedback", "lince"):
        assert known_dataset(dataset_id) is None, dataset_id


def test_a_fine_tune_of_pallas_keeps_the_yi_license_its_card_states():
    known = known_model("Mihaiii/Pallas-0.5")
    assert known is not None
    assert resolve(known.license).canonical == resolve("yi-license").canonical != resolve("apache-2.0").canonical


def test_acereason_nemotron_11_is_under_the_nvidia_open_model_license_on_a_qwen_math_base():
    known = known_model("nvidia/AceReason-Nemotron-1.1-7B")
    assert known is not None and known.base == "Qwen/Qwen2.5-Math-7B"
    assert resolve(known.license).canonical == resolve("nvidia-open-model-license").canonical
    text = obligations_text(derivative("nvidia/AceReason-Nemotron-1.1-7B", "other"))
    assert "Licensed by NVIDIA Corporation under the NVIDIA Open Model License" in text
    assert "copy of the Apache License 2.0" in text  # the Qwen2.5-Math base's terms follow the chain
    assert relabelled("nvidia/AceReason-Nemotron-1.1-7B", "apache-2.0")
