"""The completeness score (issue 20, item 2): documented weights following the Hub template's
sections, ``"completeness": {"score", "missing"}`` in the JSON report, and the audit's distribution."""

from __future__ import annotations

import re
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

import modelcards
from modelcards.report import Completeness, Report
from modelcards.rules.completeness import judge, sections

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "hf-cards" / "cards"
TEMPLATE_WEIGHTS = {"Summary": 10, "Model Details": 10, "Uses": 10, "Out-of-Scope Use": 10,
                    "Bias, Risks, and Limitations": 15, "How to Get Started with the Model": 5, "Training Data": 10,
                    "Training Procedure": 5, "Evaluation": 15, "Environmental Impact": 5, "Model Card Contact": 5}


def write(tmp_path: Path, text: str, name: str = "README.md") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def score(path: Path) -> tuple[int, tuple[str, ...]]:
    judged = judge(modelcards.read(str(path)).release)
    return judged.score, judged.missing


def test_the_weights_are_the_documented_table_and_add_up_to_100():
    assert {s.name: s.weight for s in sections()} == TEMPLATE_WEIGHTS
    assert sum(TEMPLATE_WEIGHTS.values()) == 100
    assert {s.name for s in sections() if s.key} == {
        "Uses", "Out-of-Scope Use", "Bias, Risks, and Limitations", "Training Data", "Evaluation"}


def test_every_weighted_section_is_a_heading_of_the_installed_hub_template():
    from huggingface_hub.repocard import TEMPLATE_MODELCARD_PATH

    headings = set(re.findall(r"^#+ (.+?)\s*$", Path(TEMPLATE_MODELCARD_PATH).read_text("utf-8"), re.MULTILINE))
    assert {name for name in TEMPLATE_WEIGHTS if name != "Summary"} <= headings


def test_the_hub_template_left_unfilled_scores_only_what_it_states(tmp_path):
    from huggingface_hub import ModelCard, ModelCardData

    path = write(tmp_path, str(ModelCard.from_template(ModelCardData(license="mit"))))
    # "- **License:** mit" is the one thing it says; the template's boilerplate lines do not count
    assert score(path) == (10, tuple(name for name in TEMPLATE_WEIGHTS if name != "Model Details"))


def test_a_card_filling_every_section_scores_100(tmp_path):
    from test_card_rules import COMPLETE

    assert score(write(tmp_path, "---\nlicense: mit\n---\n" + COMPLETE)) == (100, ())


def test_a_trainer_card_scores_its_filled_sections_only(tmp_path):
    path = write(tmp_path, """\
        ---
        license: apache-2.0
        datasets:
        - imdb
        ---
        # bert-imdb

        This model is a fine-tuned version of bert-base-uncased on the imdb dataset.

        ## Model description

        More information needed

        ## Intended uses & limitations

        More information needed

        ## Training procedure

        ### Training hyperparameters

        - learning_rate: 2e-05

        ### Training results

        | Epoch | Loss |
        |---|---|
        | 1 | 0.2 |
        """)
    # summary 10 + training data (datasets) 10 + training procedure 5 + evaluation (results) 15
    assert score(path) == (40, ("Model Details", "Uses", "Out-of-Scope Use", "Bias, Risks, and Limitations",
                                "How to Get Started with the Model", "Environmental Impact", "Model Card Contact"))


def test_a_manifest_scores_the_card_it_renders(tmp_path):
    path = write(tmp_path, """\
        name: Tiny-1B
        producer: Example Lab
        contact: lab@example.org
        datasets:
          - {id: EleutherAI/pile, role: pretraining}
        card:
          summary: A small model.
          intended_use: Research.
          limitations: English only.
        """, "modelcard.yaml")
    # summary, details (producer), uses, limitations, training data (datasets), contact: 10+10+10+15+10+5
    assert score(path) == (60, ("Out-of-Scope Use", "How to Get Started with the Model", "Training Procedure",
                                "Evaluation", "Environmental Impact"))


def test_the_report_json_holds_the_score_and_validates_against_the_schema():
    from modelcards.schema.report_json import ReportOut

    report = Report(source="x/README.md", completeness=Completeness(45, ("Uses", "Evaluation")))
    data = report.to_dict()
    assert data["completeness"] == {"score": 45, "missing": ["Uses", "Evaluation"]}
    assert "completeness" not in Report(source="x").to_dict()
    schema = ReportOut.model_json_schema()
    assert schema["properties"]["completeness"]["anyOf"][0]["$ref"].endswith("CompletenessOut")
    with pytest.raises(ValueError):
        ReportOut.model_validate({**_minimal_report(), "completeness": {"score": 101, "missing": []}})
    ReportOut.model_validate({**_minimal_report(), "completeness": data["completeness"]})


def _minimal_report() -> dict:
    return modelcards.analyze(modelcards.schema.Release(name="Tiny")).to_dict()


def test_the_text_output_shows_the_score():
    from modelcards.diagnostics.formatters import text

    report = modelcards.analyze(modelcards.schema.Release(name="Tiny"))
    assert "completeness" not in text(replace(report, completeness=None))
    assert text(replace(report, completeness=Completeness(30, ()))).rstrip().endswith("; completeness 30/100")


def test_check_reports_the_completeness_of_a_card(tmp_path):
    path = write(tmp_path, "---\nlicense: mit\n---\n# Tiny\n\nA model.\n")
    assert modelcards.check(str(path)).to_dict()["completeness"] == {
        "score": 10, "missing": [name for name in TEMPLATE_WEIGHTS if name != "Summary"]}


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="the real-card corpus is not on this machine")
def test_over_real_cards_every_placeholder_finding_points_at_its_text():
    from modelcards.errors import InputError

    checked = 0
    for path in sorted(CORPUS.glob("*.md")):
        try:
            source = modelcards.read(str(path))
        except InputError:
            continue
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
        report = modelcards.analyze(source)
        assert 0 <= judge(source.release).score <= 100
        for finding in report.findings:
            if finding.rule != "CARD001" or "title" in finding.message:
                continue
            said = re.search(r"'(.*)' left in", finding.message)
            assert said and finding.line is not None
            assert said.group(1).lower() in lines[finding.line - 1].lower(), (path.name, finding)
            checked += 1
    assert checked > 1000
