"""Components a Hugging Face card shows, each with its evidence, and what the verdicts make of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from modelcards.analysis import analyze
from modelcards.readers.dispatch import Source, read, read_text
from modelcards.renderers.manifest_yaml import manifest_yaml

BASE = """---
license: apache-2.0
library_name: transformers
{extra}---
# Acme-7B

{body}
"""


def card(body: str = "Acme-7B is a language model.", extra: str = "") -> Source:
    return read_text(BASE.format(body=body, extra=extra), "acme/Acme-7B/README.md")


def components(source: Source) -> dict[str, dict]:
    return analyze(source).to_dict()["openness"]["mof"]["components"]


def test_a_hub_card_shows_its_weights_under_the_card_license_with_the_key_as_evidence() -> None:
    weights = components(card())["model-parameters-final"]
    assert weights == {"status": "included", "license": "Apache-2.0",
                       "evidence": [{"url": None, "key": "library_name", "line": 3, "basis": "inferred"}]}


def test_a_card_saying_its_weights_are_not_released_shows_none_and_meta002_fires() -> None:
    source = card("The weights are not yet released; they are coming soon.")
    assert components(source)["model-parameters-final"]["status"] == "missing"
    assert "META002" in {f.rule for f in analyze(source).findings}
    assert "META002" not in {f.rule for f in analyze(card()).findings}


def test_gated_weights_are_restricted() -> None:
    source = card(extra="extra_gated_prompt: agree first\n")
    assert components(source)["model-parameters-final"]["status"] == "restricted"
    assert source.release.artifacts["model-parameters-final"].availability == "gated"


def test_the_card_itself_is_the_model_card_stated_by_the_card() -> None:
    assert components(card())["model-card"]["evidence"] == [{"url": None, "key": None, "line": 1, "basis": "stated"}]


def test_an_own_repository_link_is_code_that_stays_unlicensed_unless_the_card_states_its_license() -> None:
    source = card("- **Repository:** https://github.com/acme/acme-7b")
    code = components(source)["inference-code"]
    assert code["status"] == "unlicensed" and code["license"] == "unlicensed"
    assert code["evidence"] == [{"url": "https://github.com/acme/acme-7b", "key": None, "line": 7, "basis": "inferred"}]
    assert {(f.rule, f.subject, f.line) for f in analyze(source).findings} >= {("MOF001", "inference-code", 7)}
    [gap] = [f for f in analyze(source).findings if f.rule == "MOF001" and f.subject == "inference-code"]
    # the repository may hold a license the card does not state: the finding claims no more than that
    assert "states no license for it" in gap.message and "released without a license" not in gap.message


def test_training_wording_makes_a_repository_training_code() -> None:
    found = components(card("Our training code is at https://github.com/acme/acme-train."))
    assert found["training-code"]["status"] == "unlicensed"
    assert found["inference-code"]["status"] == "missing"


@pytest.mark.parametrize("line", [
    "Fine-tuned using [Axolotl](https://github.com/OpenAccess-AI-Collective/axolotl).",
    "Works with the web UI https://github.com/oobabooga/text-generation-webui code.",
    "See the repository https://github.com/someone/unrelated-project for more.",
])
def test_tools_and_unrelated_repositories_are_not_this_models_code(line: str) -> None:
    found = components(card(line))
    assert all(found[c]["status"] == "missing" for c in ("training-code", "inference-code", "evaluation-code"))


def test_the_models_own_paper_is_its_research_paper_and_a_technical_report_its_report() -> None:
    found = components(card("- **Paper:** https://arxiv.org/abs/2402.00838\n\n"
                            "Read our technical report: https://arxiv.org/abs/2403.00001"))
    assert found["research-paper"]["evidence"][0]["url"] == "https://arxiv.org/abs/2402.00838"
    assert found["technical-report"]["evidence"][0]["url"] == "https://arxiv.org/abs/2403.00001"


def test_bibtex_under_the_citation_heading_of_an_original_model_is_its_paper() -> None:
    body = "Acme.\n\n## Citation\n\n```bibtex\n@article{acme,\n  eprint={2402.00838},\n}\n```"
    paper = components(card(body))["research-paper"]
    assert paper["evidence"] == [{"url": "https://arxiv.org/abs/2402.00838", "key": None, "line": 13,
                                  "basis": "inferred"}]


@pytest.mark.parametrize("body", [
    "## Related work\n\nSee our paper https://arxiv.org/abs/1706.03762.",
    "## References\n\n- https://arxiv.org/abs/1706.03762",
    "Trained with the method proposed in https://arxiv.org/abs/2305.18290.",
    "```python\n# https://arxiv.org/abs/1706.03762\n```",
])
def test_related_work_references_methods_and_code_examples_are_not_its_paper(body: str) -> None:
    found = components(card(body))
    assert found["research-paper"]["status"] == found["technical-report"]["status"] == "missing"


def test_a_derivatives_citation_cites_its_base_not_itself() -> None:
    body = "## Citation\n\n```bibtex\n@article{base, eprint={2307.09288}}\n```"
    found = components(card(body, extra="base_model: meta-llama/Llama-2-7b-hf\n"))
    assert found["research-paper"]["status"] == "missing"


def test_a_model_index_is_stated_evaluation_results_and_an_evaluation_table_inferred_ones() -> None:
    table = components(card("## Evaluation\n\n| task | score |\n|---|---|\n| mmlu | 50 |"))["evaluation-results"]
    assert table["status"] == "included" and table["evidence"][0]["basis"] == "inferred"
    assert components(card("## Evaluation\n\nWe have not evaluated it."))["evaluation-results"]["status"] == "missing"


def test_dataset_ids_give_a_data_card_and_their_licenses_come_from_the_known_datasets_table() -> None:
    source = card(extra="datasets:\n- allenai/dolma\n")
    found = components(source)
    assert found["data-card"]["evidence"][0] == {"url": "https://huggingface.co/datasets/allenai/dolma",
                                                  "key": "datasets", "line": 4, "basis": "inferred"}
    assert found["datasets"]["license"] is not None  # dolma's license, from the sourced table
    unknown = components(card(extra="datasets:\n- nobody/never-heard-of\n"))["datasets"]
    assert unknown["status"] == "unlicensed"


def test_custom_code_puts_the_architecture_in_the_repository_but_the_library_alone_does_not() -> None:
    assert components(card())["model-architecture"]["status"] == "missing"
    arch = components(card(extra="tags:\n- custom_code\n"))["model-architecture"]
    assert arch["status"] == "included" and arch["evidence"][0]["key"] == "tags"


def test_named_intermediate_checkpoints_are_published() -> None:
    found = components(card("We release intermediate checkpoints as branches of this repository."))
    assert found["model-parameters-intermediate"]["status"] == "included"
    assert components(card())["model-parameters-intermediate"]["status"] == "missing"


def test_a_manifest_is_never_inferred_from(tmp_path: Path) -> None:
    path = tmp_path / "modelcard.yaml"
    path.write_text("name: Acme\nlicense: MIT\nartifacts:\n  model-card: {}\n")
    source = read(str(path))
    assert set(source.release.artifacts) == {"model-card"}
    assert "evidence" not in components(source)["model-card"]


def test_import_writes_inferred_components_marked_for_confirmation_and_the_manifest_validates(tmp_path: Path) -> None:
    source = card("- **Repository:** https://github.com/acme/acme-7b")
    text = manifest_yaml(source.release)
    assert "inferred: true" in text
    path = tmp_path / "modelcard.yaml"
    path.write_text(text)
    again = read(str(path))
    assert again.release.artifacts["inference-code"].inferred
    assert components(again)["inference-code"]["status"] == "unlicensed"


def test_one_card_wide_license_misfitting_several_components_is_reported_once() -> None:
    source = card("## Evaluation\n\n| a | b |\n|---|---|\n| 1 | 2 |", extra="").release.model_copy(
        update={"license": "MIT"})
    hits = [f for f in analyze(source).findings if f.rule == "MOF004"]
    assert len(hits) == 1 and hits[0].subject == "card"


def test_no_license_at_all_is_one_meta001_naming_what_it_leaves_unlicensed() -> None:
    source = read_text("---\nlibrary_name: transformers\n---\n# Acme\n\ntext\n", "acme/Acme/README.md")
    findings = analyze(source).findings
    meta = [f for f in findings if f.rule == "META001"]
    assert len(meta) == 1 and "model-card" in meta[0].message and "model-parameters-final" in meta[0].message
    assert not [f for f in findings if f.rule == "MOF001" and f.subject in ("model-card", "model-parameters-final")]


def test_the_audit_gives_each_card_its_own_evidence(tmp_path: Path) -> None:
    import io
    import json

    from modelcards.audit import audit_paths

    for name, pad in (("alpha", ""), ("bravo", "text\n\n")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "README.md").write_text(f"---\nlicense: mit\nlibrary_name: transformers\n---\n# {name}\n\n{pad}"
                                          f"- **Repository:** https://github.com/{name}/{name}\n")
    out = io.StringIO()
    audit_paths([str(tmp_path)], out, jobs=1)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    checked = [analyze(read(row["source"])).to_dict()["openness"] for row in rows]
    assert [row["openness"] for row in rows] == checked


@pytest.mark.parametrize("line", [
    "<img src=\"https://github.com/acme/acme-7b/raw/main/logo.png\" width=\"300\"/>",
    "Report problems [here](https://github.com/acme/acme-7b/issues/new).",
    "See our evaluation methodology [here](https://github.com/acme/acme-7b/blob/main/eval_methodology.md).",
    "- **License:** [our license](https://huggingface.co/spaces/acme/acme-7b-license), see its source",
    "[![Star](https://img.shields.io/github/stars/acme/acme-7b)](https://github.com/acme/acme-7b/stargazers)",
    "**More of our models: [awesome-acme-models](https://github.com/acme/awesome-acme-models)**",
])
def test_images_documents_issue_pages_and_license_spaces_of_its_own_repository_are_not_code(line: str) -> None:
    found = components(card(line))
    assert all(found[c]["status"] == "missing" for c in ("training-code", "inference-code", "evaluation-code",
                                                         "model-architecture"))


def test_the_readme_at_a_repositorys_root_stands_for_the_repository() -> None:
    found = components(card("Our training code: [repository](https://github.com/acme/acme-7b/blob/main/README.md)"))
    assert found["training-code"]["evidence"][0]["url"] == "https://github.com/acme/acme-7b/blob/main/README.md"


def test_libraries_listed_under_a_software_heading_and_links_in_a_community_section_are_not_its_code() -> None:
    body = ("## Training\n\n### Software\n\n* [DeepSpeed](https://github.com/acme/DeepSpeed)\n\n"
            "## Community\n\nContribute to our evaluation tools: [Github repository](https://github.com/acme/acme-eval)")
    found = components(card(body))
    assert found["training-code"]["status"] == found["evaluation-code"]["status"] == "missing"


def test_a_tool_organisation_is_the_producer_on_its_own_models_card() -> None:
    body = "- **Repository:** https://github.com/lm-sys/FastChat"
    own = read_text(BASE.format(body=body, extra=""), "cards/0001__lmsys__vicuna-13b-v1.5.md")
    assert components(own)["inference-code"]["evidence"][0]["url"] == "https://github.com/lm-sys/FastChat"
    other = components(card("- **Repository:** https://github.com/lm-sys/FastChat"))
    assert other["inference-code"]["status"] == "missing"  # the same link on another producer's card


def test_the_paper_of_the_model_the_line_names_is_its_own_even_as_a_non_finetuned_version() -> None:
    source = read_text(BASE.format(body="This is a non-finetuned version of the RAG-Token model of the paper "
                                        "[Retrieval-Augmented Generation](https://arxiv.org/pdf/2005.11401.pdf)",
                                   extra=""), "facebook/rag-token-base/README.md")
    assert components(source)["research-paper"]["evidence"][0]["url"] == "https://arxiv.org/pdf/2005.11401.pdf"
    derived = read_text(BASE.format(body="A fine-tuned version of the RAG-Token model of the paper "
                                         "[RAG](https://arxiv.org/pdf/2005.11401.pdf)", extra=""),
                        "someone/rag-token-legal/README.md")
    assert components(derived)["research-paper"]["status"] == "missing"


def test_a_labelled_research_paper_link_without_its_scheme_and_an_html_paper_link_are_its_paper() -> None:
    found = components(card('**Research Paper** ["Acme: a model"](arxiv.org/abs/2307.09288)\n\n'
                            'License: https://acme.example/license'))
    assert found["research-paper"]["evidence"][0]["url"] == "https://arxiv.org/abs/2307.09288"
    html = components(card('<a href="https://arxiv.org/pdf/2309.11235.pdf">Paper</a>'))
    assert html["research-paper"]["evidence"][0]["url"] == "https://arxiv.org/pdf/2309.11235.pdf"


def test_a_base_model_of_the_same_producer_keeps_the_citation_its_own() -> None:
    body = "## Citation\n\n```bibtex\n@article{acme, eprint={2407.10671}}\n```"
    same = components(card(body, extra="base_model: acme/Acme-7B-Base\n"))
    assert same["research-paper"]["evidence"][0]["url"] == "https://arxiv.org/abs/2407.10671"
    other = components(card(body, extra="base_model: meta-llama/Llama-2-7b-hf\n"))
    assert other["research-paper"]["status"] == "missing"


def test_a_past_participle_describes_the_model_and_reproducing_wording_makes_training_code() -> None:
    described = components(card("[Acme](https://github.com/acme/acme-7b) is a model trained on Acme corpora."))
    assert described["training-code"]["status"] == "missing"
    assert described["inference-code"]["status"] == "unlicensed"
    reproduce = components(card("The source code to reproduce our results: https://github.com/acme/acme-7b"))
    assert reproduce["training-code"]["status"] == "unlicensed"


def test_datasets_of_unknown_license_are_told_apart_from_a_release_without_a_license() -> None:
    found = analyze(card(extra="datasets:\n- someorg/unknown-corpus\n")).findings
    [gap] = [f for f in found if f.rule == "MOF001" and f.subject == "datasets"]
    assert "no license is stated for the datasets" in gap.message and "released without" not in gap.message
