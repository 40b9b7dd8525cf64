"""HUB rules: for each, a card written here that fires it (at the right line) and one that passes;
then, where the real corpus is present, that every HUB error falls on a card huggingface_hub's
parser or the Hub's documented rules refuse."""

from __future__ import annotations

import glob
import os
import re

import pytest
from huggingface_hub import ModelCardData

from modelcards.analysis import analyze
from modelcards.readers.dispatch import read_text
from modelcards.report import Finding
from modelcards.rules import all_rules
from modelcards.schema import Release

CORPUS = "/work/shared/corpora/hf-cards/cards"


def hub(front_matter: str, body: str = "# Tiny\n\nA model.\n") -> list[Finding]:
    text = f"---\n{front_matter.strip()}\n---\n{body}"
    return [f for f in analyze(read_text(text, "org/tiny/README.md")).findings if f.rule.startswith("HUB")]


def only(front_matter: str, code: str) -> list[Finding]:
    return [f for f in hub(front_matter) if f.rule == code]


def test_every_hub_rule_is_documented_and_of_kind_metadata():
    rules = {code: r for code, r in all_rules().items() if code.startswith("HUB")}
    assert sorted(rules) == [f"HUB{n:03d}" for n in range(1, 12)]
    for code, r in rules.items():
        assert r.kind == "metadata"
        for part in ("What:", "Why:", "Example:", "Fix:", "Sources:"):
            assert part in r.doc, (code, part)


# --- HUB001 model-index ------------------------------------------------------------------------

GOOD_INDEX = """
model-index:
- name: tiny
  results:
  - task: {type: text-generation}
    dataset: {type: cais/mmlu, name: MMLU}
    metrics:
    - {type: accuracy, value: 0.5}
"""


def test_hub001_a_model_index_huggingface_hub_reads_passes():
    assert only(GOOD_INDEX, "HUB001") == []


def test_hub001_a_text_model_index_is_refused_at_its_key():
    [found] = only("license: mit\nmodel-index: not correct", "HUB001")
    assert found.severity == "error" and found.line == 3
    assert "model-index" in found.message and "list" in found.message


def test_hub001_a_result_without_dataset_is_located_at_that_result():
    card = """
model-index:
- name: tiny
  results:
  - task: {type: text-generation}
    dataset: {type: cais/mmlu, name: MMLU}
    metrics: [{type: accuracy, value: 0.5}]
  - task: {type: text-generation}
    metrics: [{type: accuracy, value: 0.5}]
"""
    [found] = only(card, "HUB001")
    assert "model-index[0].results[1]" in found.message and "'dataset'" in found.message
    assert found.line == 8  # the second result's first line


def test_hub001_a_metric_without_value_is_located_at_that_metric():
    card = """
model-index:
- name: tiny
  results:
  - task: {type: text-generation}
    dataset: {type: cais/mmlu, name: MMLU}
    metrics:
    - {type: accuracy, value: 0.5}
    - {type: f1}
"""
    [found] = only(card, "HUB001")
    assert "model-index[0].results[0].metrics[1]" in found.message and "'value'" in found.message
    assert found.line == 9


# --- HUB002 types ------------------------------------------------------------------------------

def test_hub002_texts_and_lists_of_texts_pass():
    assert only("datasets: cais/mmlu\nlanguage: [en, fr]\ntags: [a]\nmetrics: [accuracy]\nbase_model: org/base",
                "HUB002") == []


def test_hub002_a_number_a_mapping_and_an_empty_item_are_refused_at_their_keys():
    found = only("datasets: 5\ntags:\n- a\n-\nmetrics:\n- {name: dev, type: wer}\npipeline_tag: [text-generation]",
                 "HUB002")
    by_line = {f.line: f for f in found}
    assert "'datasets' must be a text or a list of texts, not the number 5" in by_line[2].message
    assert "'tags[1]'" in by_line[5].message and "empty" in by_line[5].message
    assert "'metrics[0]'" in by_line[7].message and "mapping" in by_line[7].message
    assert "'pipeline_tag' must be a text" in by_line[8].message
    assert all(f.severity == "error" for f in found)


def test_hub002_an_unquoted_norwegian_no_is_a_warning_and_its_neighbours_are_still_checked():
    found = hub("language:\n- da\n- no\n- English")
    [yaml11] = [f for f in found if f.rule == "HUB002"]
    assert yaml11.severity == "warning" and yaml11.line == 4 and "'no'" in yaml11.message
    [name] = [f for f in found if f.rule == "HUB003"]
    assert name.line == 5 and "'en'" in name.message


# --- HUB003, HUB004 languages ------------------------------------------------------------------

def test_hub003_codes_and_the_special_values_pass():
    assert [f for f in hub("language: [en, fra, ger, code, multilingual, nb]") if f.rule in ("HUB003", "HUB004")] == []


@pytest.mark.parametrize(("value", "suggestion"), [("english", "en"), ("EN", "en"), ("en-US", "en"),
                                                   ("Bengali", "bn"), ("en,", "en")])
def test_hub003_names_upper_case_and_bcp47_are_refused_with_the_code(value, suggestion):
    [found] = only(f"language:\n- {value}", "HUB003")
    assert found.severity == "error" and found.line == 3
    assert f"did you mean {suggestion!r}" in found.message


def test_hub004_a_well_formed_code_outside_iso_639_is_a_warning():
    [found] = only("language: [en, jw]", "HUB004")
    assert found.severity == "warning" and "'jw'" in found.message
    assert only("language: [en, jv]", "HUB004") == []


# --- HUB005, HUB006 vocabularies ---------------------------------------------------------------

def test_hub005_a_known_task_passes_and_a_misspelt_one_gets_did_you_mean():
    assert only("pipeline_tag: text-generation", "HUB005") == []
    [found] = only("pipeline_tag: text-genration", "HUB005")
    assert found.line == 2 and "did you mean 'text-generation'" in found.message


def test_hub005_a_retired_task_is_named_as_such():
    [found] = only("pipeline_tag: conversational", "HUB005")
    assert "no longer a Hub task" in found.message


def test_hub006_a_near_spelling_of_a_library_is_reported_and_other_libraries_are_not():
    [found] = only("library_name: transfomers", "HUB006")
    assert "did you mean 'transformers'" in found.message and found.line == 2
    assert only("library_name: Sentence_Transformers", "HUB006")[0].message.endswith("'sentence-transformers'?")
    for fine in ("transformers", "peft", "generic", "yolov5", "llama.cpp", "pytorch"):
        assert only(f"library_name: {fine}", "HUB006") == [], fine


# --- HUB007, HUB008 base model -----------------------------------------------------------------

def test_hub007_repo_ids_pass():
    assert only("base_model: [meta-llama/Llama-3.1-8B, gpt2]", "HUB007") == []


@pytest.mark.parametrize(("value", "words"), [
    ("/data/home/me/model/Qwen2.5-0.5B-Instruct", "local path"),
    ("./checkpoints/last", "local path"),
    ("C:\\models\\llama", "local path"),
    ("https://huggingface.co/Qwen/Qwen2.5-0.5B", "'Qwen/Qwen2.5-0.5B'"),
    ("org/my model", "not a Hub model id"),
])
def test_hub007_paths_urls_and_bad_ids_are_refused(value, words):
    [found] = only(f"base_model: '{value}'", "HUB007")
    assert found.severity == "error" and words in found.message and found.line == 2


def test_hub008_the_hub_relations_pass_and_others_are_refused_with_did_you_mean():
    for relation in ("adapter", "merge", "quantized", "finetune"):
        assert only(f"base_model: org/base\nbase_model_relation: {relation}", "HUB008") == []
    [found] = only("base_model: org/base\nbase_model_relation: fine-tune", "HUB008")
    assert found.line == 3 and "did you mean 'finetune'" in found.message


# --- HUB009 gated fields -----------------------------------------------------------------------

GATED_OK = """
extra_gated_prompt: You agree to the terms.
extra_gated_button_content: Submit
extra_gated_eu_disallowed: true
extra_gated_fields:
  Company: text
  Country: country
  Date: date_picker
  I agree: checkbox
  Use:
    type: select
    options: [Research, {label: Other, value: other}]
"""


def test_hub009_the_documented_shapes_pass():
    assert only(GATED_OK, "HUB009") == []


def test_hub009_a_bad_field_type_a_select_without_options_and_a_misspelt_key_are_reported():
    card = """
extra_gated_fields:
  Company: textbox
  Use: {type: select}
extra_gated_prompt: [a]
extra_gated_buton_content: Go
"""
    found = {f.line: f for f in only(card, "HUB009")}
    assert "did you mean 'text'" in found[3].message and found[3].severity == "error"
    assert "options" in found[4].message
    assert "'extra_gated_prompt' must be a text" in found[5].message
    assert found[6].severity == "warning" and "did you mean 'extra_gated_button_content'" in found[6].message


# --- HUB010, HUB011 ids ------------------------------------------------------------------------

def test_hub010_hub_ids_pass_and_prose_urls_and_paths_are_warned():
    assert only("datasets: [cais/mmlu, glue, allenai/c4]", "HUB010") == []
    found = {f.line: f for f in only(
        "datasets:\n- Arabic Wikipedia\n- https://huggingface.co/datasets/cais/mmlu\n- /data/train.jsonl", "HUB010")}
    assert "description" in found[3].message and found[3].severity == "warning"
    assert "the Hub id is 'cais/mmlu'" in found[4].message
    assert "local path" in found[5].message


def test_hub011_evaluation_ids_are_checked_on_manifests_too():
    def release(dataset: str, task: str) -> Release:
        return Release.model_validate({"name": "tiny", "evaluation": [{
            "task_type": task, "dataset": {"type": dataset, "name": "MMLU"},
            "metric_type": "accuracy", "metric_value": 0.5}]})

    assert [f for f in analyze(release("cais/mmlu", "text-generation")).findings if f.rule == "HUB011"] == []
    found = [f for f in analyze(release("MMLU benchmark", "Text Generation")).findings if f.rule == "HUB011"]
    assert len(found) == 2 and {f.severity for f in found} == {"warning"}
    assert any("'MMLU benchmark'" in f.message for f in found) and any("'Text Generation'" in f.message for f in found)


def test_the_issue_card_gets_a_finding_for_each_problem():
    found = {f.rule for f in hub("model-index: not correct\ndatasets: 5\nlanguage: english\n"
                                 "pipeline_tag: text-genration")}
    assert {"HUB001", "HUB002", "HUB003", "HUB005"} <= found


# --- the real corpus ---------------------------------------------------------------------------

def _documented_refusal(finding: Finding, metadata: dict) -> bool:
    """Whether a HUB error is one huggingface_hub's parser or a documented Hub rule refuses,
    decided here independently of the rule's code."""
    message = finding.message
    if finding.rule == "HUB001":
        try:
            ModelCardData(**{"model-index": metadata.get("model-index")})
        except Exception:
            return True
        return False
    if finding.rule == "HUB002":  # the card spec: texts or lists of texts
        return bool(re.search(r"must be a text", message))
    if finding.rule == "HUB003":  # the Hub: "ISO 639-1, 639-2 or 639-3 code (two/three letters)"
        value = re.search(r"language '([^']*)'", message)
        return value is not None and not re.fullmatch(r"[a-z]{2,3}", value.group(1)) \
            and value.group(1) not in ("code", "multilingual")
    if finding.rule == "HUB007":
        value = re.search(r"base_model '([^']*)'", message)
        return value is not None and (value.group(1).startswith("/") or value.group(1).count("/") > 1
                                      or " " in value.group(1) or value.group(1).startswith("http"))
    return False


@pytest.mark.slow
@pytest.mark.skipif(not os.path.isdir(CORPUS), reason="the real card corpus is not on this machine")
def test_every_hub_error_on_the_real_corpus_is_a_documented_refusal():
    from modelcards.errors import InputError
    from modelcards.readers.dispatch import read

    errors = 0
    for path in sorted(glob.glob(f"{CORPUS}/*.md")):
        try:
            source = read(path)
        except InputError:
            continue
        metadata = source.card.metadata if source.card is not None else {}
        for f in analyze(source).findings:
            if f.rule.startswith("HUB") and f.severity == "error":
                errors += 1
                assert _documented_refusal(f, metadata), (path, f.message)
    assert errors > 0


@pytest.mark.parametrize("value", [
    "gpt2", "org/name", "Org-1/name_2.v3", "a" * 96, "a" * 97, "org/" + "b" * 97, "a/b/c", "-org/name", "org/name-",
    ".name", "org/na..me", "org/na--me", "org/name.git", "café/x", "org name", "", "o/", "/n", "x_y/z.z",
])
def test_the_copied_repo_id_check_agrees_with_huggingface_hub(value):
    from huggingface_hub.errors import HFValidationError
    from huggingface_hub.utils import validate_repo_id

    from modelcards.schema.repo_ids import repo_id_problem

    try:
        validate_repo_id(value)
        hub_ok = True
    except HFValidationError:
        hub_ok = False
    assert (repo_id_problem(value) is None) == hub_ok


@pytest.mark.parametrize("code", ["en", "fr", "nb", "no", "jv", "jw", "xx", "eng", "fra", "fre", "ger", "deu", "sla",
                                  "mul", "und", "zxx", "haw", "jbo", "qqq", "ly", "vn"])
def test_the_iso_639_tables_read_from_pycountry_agree_with_pycountry(code):
    import pycountry

    from modelcards.rules.hub_rules import is_iso_639

    expected = any(table.get(**{key: code}) is not None for table, key in [
        (pycountry.languages, "alpha_2"), (pycountry.languages, "alpha_3"),
        (pycountry.languages, "bibliographic"), (pycountry.language_families, "alpha_3")])
    assert is_iso_639(code) == expected


def test_hub001_a_source_name_without_url_is_located_at_its_result_not_at_a_part():
    card = GOOD_INDEX.rstrip() + "\n    source: {name: Leaderboard}\n"
    [found] = only(card, "HUB001")
    assert "model-index[0].results[0]:" in found.message and "source_url" in found.message
    assert found.line == 5


def test_every_iso_639_code_pycountry_knows_is_read_and_no_other():
    import pycountry

    from modelcards.rules.hub_rules import iso_639_codes

    expected = {getattr(language, key) for language in pycountry.languages
                for key in ("alpha_2", "alpha_3", "bibliographic") if hasattr(language, key)}
    expected |= {family.alpha_3 for family in pycountry.language_families}
    assert iso_639_codes() == expected
