"""scripts/card_conformance.py: what a card alone shows, scored against MOT and EOSAI judgements."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.card_conformance import (
    ADJUDICATED,
    CORPORA,
    EOSAI_GROUPS,
    MOT_GROUPS,
    PAIRS,
    Pair,
    adjudicate,
    card_published,
    eosai_gold,
    gate,
    grade_agreement,
    main,
    mot_gold,
    score,
)

MOT_NAMES = {"model architecture": "model-architecture", "model parameters (final)": "model-parameters-final",
             "model card": "model-card", "research paper": "research-paper", "technical report": "technical-report",
             "training code": "training-code", "datasets": "datasets"}


def test_a_mot_component_is_published_when_listed_unless_its_license_says_not_included() -> None:
    record = {"release": {"components": [
        {"name": "Model architecture", "license": "Apache-2.0"},
        {"name": "Model parameters (Final)", "license": "Component Component not included"},
        {"name": "Technical report", "license": "unlicensed"},
        {"name": "Model card"},
    ]}}
    gold = mot_gold(record, MOT_NAMES)
    assert gold["model-architecture"] is True and gold["model-card"] is True
    assert gold["model-parameters-final"] is False
    assert gold["paper"] is True  # a technical report scores as the paper
    assert gold["training-code"] is False and gold["datasets"] is False
    assert set(gold) == set(MOT_GROUPS)


def test_eosai_partial_counts_as_published_empty_is_not_judged_and_a_closed_model_card_is_not_scored() -> None:
    record = {"opencode": {"class": "partial"}, "llmweights": {"class": "closed"}, "rlweights": {"class": "open"},
              "llmdata": {"class": "closed"}, "rldata": {"class": "closed"}, "preprint": {"class": ""},
              "modelcard": {"class": "closed"}, "datasheet": {"class": None}}
    gold = eosai_gold(record)
    assert gold == {"code": True, "model-parameters-final": True, "datasets": False}


def test_the_card_publishes_a_component_whose_status_is_anything_but_missing() -> None:
    components = {"model-parameters-final": {"status": "restricted"}, "research-paper": {"status": "missing"},
                  "technical-report": {"status": "unlicensed"}, "training-code": {"status": "missing"}}
    got = card_published(components, MOT_GROUPS)
    assert got["model-parameters-final"] is True and got["paper"] is True
    assert got["training-code"] is False and got["datasets"] is False  # absent from the report: missing
    eosai = card_published({"inference-code": {"status": "unlicensed"}}, {g: ids for g, (_d, ids) in
                                                                        EOSAI_GROUPS.items()})
    assert eosai["code"] is True


def test_precision_and_recall_per_component_and_overall() -> None:
    scores = score([
        ("mot", {"paper": True, "datasets": False, "model-card": False}, {"paper": True, "datasets": True,
                                                                         "model-card": True}),
        ("mot", {"paper": True, "datasets": True, "model-card": True}, {"paper": False, "datasets": True,
                                                                       "model-card": True}),
        ("eosai", {"code": False}, {"code": False}),
    ])
    paper, datasets = scores.per_component["mot"]["paper"], scores.per_component["mot"]["datasets"]
    assert (paper.tp, paper.fp, paper.fn, paper.tn) == (1, 0, 1, 0)
    assert paper.precision == 1.0 and paper.recall == 0.5
    assert datasets.precision == 0.5 and datasets.recall == 1.0
    assert scores.per_component["eosai"]["code"].precision is None  # nothing marked published
    assert (scores.overall.tp, scores.overall.fp, scores.overall.fn, scores.overall.tn) == (3, 2, 1, 1)
    assert (scores.inferred.tp, scores.inferred.fp) == (2, 1)  # the model card is left out of the gate
    total = scores.judge_total("mot")
    assert (total.tp, total.fp, total.fn, total.tn) == (3, 2, 1, 0)


def test_eosai_grades_agree_exactly_or_on_whether_anything_is_out_only_where_both_grade() -> None:
    table = grade_agreement([
        ({"preprint": {"class": "partial"}, "paper": {"class": "closed"}, "api": {"class": ""}},
         {"preprint": "open", "paper": "closed", "api": "open", "package": None}),
        ({"preprint": {"class": "closed"}}, {"preprint": "open"}),
    ])
    assert table == {"preprint": {"graded": 2, "same": 0, "published": 1},
                     "paper": {"graded": 1, "same": 1, "published": 1}}


def test_adjudication_overrules_only_the_listed_record_and_component() -> None:
    record, component = next(iter(ADJUDICATED))
    gold = {component: False, "paper": False}
    assert adjudicate(record, gold) == {component: True, "paper": False}
    assert adjudicate("mot/models/none.yml", gold) == gold


def test_the_gate_fails_under_either_threshold_and_never_on_no_figures() -> None:
    good = score([("mot", {"paper": True}, {"paper": True})])
    bad = score([("mot", {"paper": False, "datasets": True}, {"paper": True, "datasets": True})])
    assert gate(good, good, 0.9, 0.9) == []
    assert len(gate(bad, good, 0.9, 0.9)) == 1 and "raw precision 0.500" in gate(bad, good, 0.9, 0.9)[0]
    assert len(gate(good, bad, 0.9, 0.9)) == 1
    assert gate(score([]), score([]), 0.9, 0.9) == []


CARD = """---
license: apache-2.0
library_name: transformers
---
# Acme-7B

Acme-7B is our language model. Paper: https://arxiv.org/abs/2401.00001

- **Repository:** https://github.com/acme/acme-7b
"""


def _corpora(tmp_path: Path, mot_components: list[dict]) -> Path:
    (tmp_path / "mot" / "models").mkdir(parents=True)
    (tmp_path / "hf-cards" / "cards").mkdir(parents=True)
    (tmp_path / "hf-cards" / "cards" / "0001__acme__Acme-7B.md").write_text(CARD, encoding="utf-8")
    import yaml

    record = {"release": {"name": "Acme-7B", "components": mot_components}}
    (tmp_path / "mot" / "models" / "Acme-7B.yml").write_text(yaml.safe_dump(record), encoding="utf-8")
    return tmp_path


PAIR = (Pair("mot", "mot/models/Acme-7B.yml", "hf-cards/cards/0001__acme__Acme-7B.md"),)


def test_main_scores_a_card_against_its_record_and_exits_by_the_thresholds(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    corpora = _corpora(tmp_path, [{"name": n} for n in ("Model parameters (Final)", "Model card", "Research paper",
                                                        "Inference code")])
    assert main([], corpora=corpora, pairs=PAIR) == 0
    out = capsys.readouterr().out
    assert "1 judged models with a card (1 MOT, 0 EOSAI)" in out
    assert "precision 100.0% (3/3)" in out  # weights, paper, inference code; the model card is not gated


def test_main_exits_1_when_the_card_marks_published_what_the_judges_did_not(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpora = _corpora(tmp_path, [{"name": "Model parameters (Final)"}, {"name": "Model card"}])
    assert main(["--details"], corpora=corpora, pairs=PAIR) == 1  # paper and code: 1 of 3 right
    captured = capsys.readouterr()
    assert "false positive inference-code: https://github.com/acme/acme-7b:9" in captured.out
    assert "raw precision 0.333 is below the threshold" in captured.err
    assert main(["--threshold", "0.3", "--raw-threshold", "0.3"], corpora=corpora, pairs=PAIR) == 0


def test_main_skips_when_the_corpora_are_absent(tmp_path: Path) -> None:
    assert main([], corpora=tmp_path / "absent", pairs=PAIR) == 0


def test_main_reports_an_unreadable_pair_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpora = _corpora(tmp_path, [])
    missing = (Pair("mot", "mot/models/None.yml", "hf-cards/cards/0001__acme__Acme-7B.md"),)
    assert main([], corpora=corpora, pairs=missing) == 2
    assert "cannot read a pair" in capsys.readouterr().err
    (corpora / "hf-cards" / "cards" / "0002__acme__broken.md").write_text("---\nlicense: [\n---\n# x\n")
    broken = (Pair("mot", "mot/models/Acme-7B.yml", "hf-cards/cards/0002__acme__broken.md"),)
    assert main([], corpora=corpora, pairs=broken) == 2
    assert "cannot read a pair" in capsys.readouterr().err


@pytest.mark.slow
def test_the_real_judgements_pass_the_gate() -> None:
    if not CORPORA.is_dir():
        pytest.skip(f"{CORPORA} is absent")
    for pair in PAIRS:
        assert (CORPORA / pair.record).is_file(), pair.record
        assert (CORPORA / pair.card).is_file(), pair.card
    for record, _component in ADJUDICATED:
        assert any(p.record == record for p in PAIRS), record
    assert main([]) == 0
