"""LIC005 judges the name the Hub shows for a model: its repository name, its stated
``model_name``, its title or file name, and never a licensor's own model as a derivative."""

from __future__ import annotations

from pathlib import Path

import modelcards

LLAMA_31_DERIVATIVE = "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B\n{extra}---\n{body}"


def _naming(path: Path, text: str) -> list[str]:
    path.write_text(text, encoding="utf-8")
    return [f.message for f in modelcards.check(str(path)).findings if f.rule == "LIC005"]


def test_a_card_file_named_org__name_is_judged_by_its_repository_name(tmp_path):
    untitled = LLAMA_31_DERIVATIVE.format(extra="", body="Built with Llama.\n")
    assert _naming(tmp_path / "0042__someorg__Llama-3.1-Chat.md", untitled) == []
    found = _naming(tmp_path / "0043__someorg__Chat-Model.md", untitled)
    assert len(found) == 1 and found[0].startswith("name 'Chat-Model' must begin with 'Llama'")


def test_the_licensors_own_model_is_not_judged_as_a_derivative(tmp_path):
    text = LLAMA_31_DERIVATIVE.format(extra="", body="Built with Llama.\n")  # untitled: named by its file
    assert _naming(tmp_path / "meta-llama__Instruct-8B.md", text) == []
    assert len(_naming(tmp_path / "someone__Instruct-8B.md", text)) == 1


def test_a_stated_model_name_is_judged_before_a_promotional_title(tmp_path):
    body = "# Finetune your own reasoning model with our notebook!\n\nBuilt with Llama.\n"
    stated = LLAMA_31_DERIVATIVE.format(extra="model_name: Llama-3.1-8B-Reasoner\n", body=body)
    assert _naming(tmp_path / "README.md", stated) == []
    unstated = LLAMA_31_DERIVATIVE.format(extra="", body=body)
    assert len(_naming(tmp_path / "README.md", unstated)) == 1


def test_a_manifests_hub_repository_names_the_model(tmp_path):
    manifest = ("name: Tiny Chat\nhf_repo: someorg/Llama-3.1-Tiny-Chat\nlicense: llama3.1\n"
                "base_models:\n  - {id: meta-llama/Llama-3.1-8B, relation: finetune, license: llama3.1}\n")
    assert _naming(tmp_path / "modelcard.yaml", manifest) == []
    renamed = manifest.replace("someorg/Llama-3.1-Tiny-Chat", "someorg/Tiny-Chat")
    assert len(_naming(tmp_path / "modelcard.yaml", renamed)) == 1
