"""CARD rules (issue 20, item 2): template placeholders, empty sections, missing key sections.

Each rule has a card that fires it and one that passes; every finding is held to the line it
names. The cards are written here (Markdown READMEs and manifests), plus the card
huggingface_hub's own template renders with no values.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import modelcards

FRONT = "---\nlicense: mit\n---\n"


def card(tmp_path: Path, body: str, name: str = "README.md") -> Path:
    path = tmp_path / "org__model" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(FRONT + textwrap.dedent(body), encoding="utf-8")
    return path


def manifest(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "modelcard.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def found(path: Path, code: str) -> list[tuple[int | None, str]]:
    return [(f.line, f.message) for f in modelcards.check(str(path)).findings if f.rule == code]


def line_of(path: Path, text: str, nth: int = 0) -> int:
    lines = [i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if text in line]
    return lines[nth]


COMPLETE = """\
# Tiny-1B

Tiny-1B is a small English language model for research.

## Model Details

Developed by Example Lab; a 1B decoder-only transformer.

## Uses

### Direct Use

Research on small language models.

### Out-of-Scope Use

Anything user-facing.

## Bias, Risks, and Limitations

It repeats the biases of web text.

## How to Get Started with the Model

```python
from transformers import pipeline
```

## Training Details

### Training Data

The Pile.

### Training Procedure

One epoch, AdamW.

## Evaluation

Perplexity 12.3 on WikiText-103.

## Environmental Impact

About 40 kg CO2eq.

## Model Card Contact

lab@example.org
"""


# CARD001 template-placeholder

def test_every_line_of_the_hub_templates_placeholders_is_a_finding_at_its_line(tmp_path):
    from huggingface_hub import ModelCard, ModelCardData

    path = tmp_path / "README.md"
    path.write_text(str(ModelCard.from_template(ModelCardData(license="mit"))), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").split("\n")
    expected = {i for i, line in enumerate(lines, 1)
                if "[More Information Needed]" in line or "More information needed for further" in line}
    expected.add(next(i for i, line in enumerate(lines, 1) if line == "# Model Card for Model ID"))
    hits = found(path, "CARD001")
    assert {line for line, _ in hits} == expected
    assert len(hits) == len(expected) == 38 + 1 + 1  # 38 placeholders, the recommendation, the title


def test_placeholders_of_each_kind_are_found_at_their_lines(tmp_path):
    path = card(tmp_path, """\
        # Tiny-1B

        A model.

        ## Model description

        More information needed

        ## Uses

        {{ direct_use | default("[More Information Needed]", true) }}

        ## Training Data

        TODO

        ## Evaluation

        | task | score |
        |---|---|
        | MMLU | TBD |

        ## How to Get Started with the Model

        ```python
        {{ get_started_code | default("More information needed", true)}}
        {{ bos_token }}{% for message in messages %}
        ```
        """)
    hits = dict((line, message) for line, message in found(path, "CARD001"))
    assert set(hits) == {line_of(path, "More information needed"), line_of(path, "{{ direct_use"),
                         line_of(path, "TODO"), line_of(path, "TBD"), line_of(path, "{{ get_started_code")}
    assert "unrendered template expression '{{ get_started_code" in hits[line_of(path, "{{ get_started_code")]
    assert "'Model description'" in hits[line_of(path, "More information needed")]
    assert "'TODO'" in hits[line_of(path, "TODO")] and "'Training Data'" in hits[line_of(path, "TODO")]


def test_todo_in_code_words_links_comments_and_to_do_lists_is_not_a_placeholder(tmp_path):
    path = card(tmp_path, """\
        # Tiny-1B

        A model. See `TODO` markers and TODOs in the todo_list, or [the plan](https://x.org/TODO).
        Prompts use {{char}} and {{user}} as SillyTavern writes them.

        <!-- TODO: write more -->

        ```python
        # TODO: batch this
        print("TBD")
        ```

        ## TODO

        - [ ] release the data

        **TODO**

        - evaluate on MMLU
        """)
    assert found(path, "CARD001") == []


def test_a_manifests_placeholder_is_located_at_its_field(tmp_path):
    path = manifest(tmp_path, """\
        name: Tiny-1B
        card:
          summary: A small model.
          intended_use: "[More Information Needed]"
        """)
    assert found(path, "CARD001") == [(4, "template placeholder '[More Information Needed]' left in section 'Uses'")]


def test_a_finished_card_has_no_placeholder(tmp_path):
    assert found(card(tmp_path, COMPLETE), "CARD001") == []


# CARD002 empty-section

def test_an_empty_section_is_found_at_its_heading(tmp_path):
    path = card(tmp_path, """\
        # Tiny-1B

        A model.

        ## Training procedure

        ### Training hyperparameters

        - learning_rate: 2e-05

        ### Training results

        <!-- none yet -->

        ## Citation

        ## Framework versions

        - Transformers 4.30
        """)
    assert found(path, "CARD002") == [
        (line_of(path, "### Training results"), "section 'Training results' is empty"),
        (line_of(path, "## Citation"), "section 'Citation' is empty"),
    ]


def test_parents_titles_and_statement_headings_are_not_empty_sections(tmp_path):
    path = card(tmp_path, """\
        # Tiny-1B

        A model.

        ## Uses

        ### Direct Use

        Research.

        ## Quantised files

        # Original model card

        # Tiny-1B original

        ## Model name: tiny-1b

        ## 13B-Chimera

        ### This repo will host all iterations of models from our project.

        ### Critical Risks

        ### We spend additional focus on the following critical risk areas:

        - cyber security

        ## Details

        Text.
        """)
    assert [message for _, message in found(path, "CARD002")] == ["section 'Quantised files' is empty"]


def test_a_finished_card_has_no_empty_section(tmp_path):
    assert found(card(tmp_path, COMPLETE), "CARD002") == []


# CARD003 missing-section

def test_a_card_without_key_sections_gets_one_finding_each_at_its_title(tmp_path):
    path = card(tmp_path, """\
        # Tiny-1B

        A model.

        ## How to use

        Load it.
        """)
    title = line_of(path, "# Tiny-1B")
    assert found(path, "CARD003") == [(title, f"the card has no {name!r} section") for name in (
        "Uses", "Out-of-Scope Use", "Bias, Risks, and Limitations", "Training Data", "Evaluation")]


def test_a_missing_subsection_is_located_at_the_section_the_template_nests_it_in(tmp_path):
    path = card(tmp_path, COMPLETE.replace("### Out-of-Scope Use\n\nAnything user-facing.\n", ""))
    assert found(path, "CARD003") == [(line_of(path, "## Uses"), "the card has no 'Out-of-Scope Use' section")]


def test_headings_as_real_cards_write_them_count(tmp_path):
    path = card(tmp_path, """\
        # Tiny-1B

        A model.

        ## Intended uses & limitations

        Sentiment of English reviews; it fails on sarcasm.

        ## Misuse and Malicious Use

        Do not profile people.

        ## Training and evaluation data

        IMDB.

        ## 4. Eval results 📊

        91% accuracy.
        """)
    assert found(path, "CARD003") == []


def test_metas_bold_labels_count_as_sections(tmp_path):
    path = card(tmp_path, COMPLETE.replace("### Out-of-Scope Use\n\nAnything user-facing.\n",
                                           "**Out-of-Scope Uses** Use in languages other than English.\n"))
    assert found(path, "CARD003") == []


def test_metadata_stands_in_for_training_data_and_evaluation(tmp_path):
    path = tmp_path / "README.md"
    path.write_text("---\nlicense: mit\ndatasets:\n- imdb\nmodel-index:\n- name: tiny\n  results: []\n---\n"
                    "# Tiny\n\nA model.\n", encoding="utf-8")
    assert [message for _, message in found(path, "CARD003")] == [
        "the card has no 'Uses' section", "the card has no 'Out-of-Scope Use' section",
        "the card has no 'Bias, Risks, and Limitations' section"]


def test_a_manifest_is_judged_by_the_card_it_renders(tmp_path):
    path = manifest(tmp_path, """\
        name: Tiny-1B
        datasets:
          - {id: EleutherAI/pile, role: pretraining}
        evaluation:
          - {task_type: text-generation, dataset: {type: wikitext, name: WikiText}, metric_type: perplexity,
             metric_value: 12.3}
        card:
          summary: A small model.
          intended_use: Research.
          out_of_scope: Products.
          limitations: English only.
        """)
    assert found(path, "CARD003") == []
    bare = manifest(tmp_path, "name: Tiny-1B\n")
    assert len(found(bare, "CARD003")) == 5


def test_a_section_left_as_a_placeholder_is_not_reported_missing(tmp_path):
    path = card(tmp_path, COMPLETE.replace("It repeats the biases of web text.", "[More Information Needed]"))
    assert found(path, "CARD003") == []
    assert len(found(path, "CARD001")) == 1


@pytest.mark.parametrize("code", ["CARD001", "CARD002", "CARD003"])
def test_card_rules_are_documented_as_completeness_findings(code):
    from modelcards.rules import all_rules
    from modelcards.rules.rules_doc import missing_sections

    rule = all_rules()[code]
    assert rule.kind == "completeness"
    assert missing_sections(rule) == []


def test_findings_in_a_crlf_card_are_at_the_same_lines(tmp_path):
    body = "# Tiny-1B\n\nA model.\n\n## Uses\n\nTODO\n\n## Training results\n\n## Evaluation\n\nTBD\n"
    unix, crlf = tmp_path / "unix" / "README.md", tmp_path / "crlf" / "README.md"
    for path, text in ((unix, FRONT + body), (crlf, (FRONT + body).replace("\n", "\r\n"))):
        path.parent.mkdir()
        path.write_bytes(text.encode("utf-8"))
    lines = [(f.rule, f.line) for f in modelcards.check(str(unix)).findings if f.rule.startswith("CARD")]
    assert lines == [(f.rule, f.line) for f in modelcards.check(str(crlf)).findings if f.rule.startswith("CARD")]
    assert ("CARD001", line_of(unix, "TODO")) in lines and ("CARD002", line_of(unix, "## Training results")) in lines


def test_a_models_name_as_its_first_heading_is_a_title_not_an_empty_section(tmp_path):
    path = tmp_path / "fantassified_icons" / "README.md"
    path.parent.mkdir()
    path.write_text(FRONT + "## Fantassified Icons 1.0\n\n----\n\n# examples:\n\nImages.\n\n## Training\n\n"
                    "## Usage\n\nPrompt it.\n", encoding="utf-8")
    assert found(path, "CARD002") == [(line_of(path, "## Training"), "section 'Training' is empty")]
