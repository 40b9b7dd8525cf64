"""The Hub's ``.eval_results/*.yaml``: read next to a README into ``evaluation``, refused with a
located message when malformed, written from ``evaluation`` and read back, beside the model-index."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from huggingface_hub import parse_eval_result_entries

from modelcards.analysis import analyze
from modelcards.errors import InputError
from modelcards.readers.dispatch import read, read_import
from modelcards.renderers.eval_results_yaml import EVAL_RESULTS_FILE, eval_results_yaml
from modelcards.renderers.frontmatter import front_matter
from modelcards.schema import Release

CARD = "---\nlicense: apache-2.0\n---\n# Tiny\n\nA small model.\n"

GPQA = """\
- dataset:
    id: Idavidrein/gpqa
    task_id: gpqa_diamond
  value: 63.3
  date: '2026-02-03'
  source:
    url: https://huggingface.co/org/tiny
    name: Model Card
- dataset:
    id: cais/hle
    task_id: default
  value: 20.9
"""


def repo(tmp_path: Path, card: str = CARD, **files: str) -> str:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "README.md").write_text(card)
    (tmp_path / ".eval_results").mkdir(exist_ok=True)
    for name, text in files.items():
        (tmp_path / ".eval_results" / name).write_text(text)
    return str(tmp_path / "README.md")


def test_entries_next_to_a_readme_are_read_into_evaluation(tmp_path):
    evaluation = read(repo(tmp_path, **{"gpqa.yaml": GPQA})).release.evaluation
    assert len(evaluation) == 2
    gpqa, hle = evaluation
    assert (gpqa.dataset.type, gpqa.task_type, gpqa.dataset.config, gpqa.metric_value) == \
        ("Idavidrein/gpqa", "gpqa_diamond", "gpqa_diamond", 63.3)
    assert (gpqa.source_url, gpqa.source_name) == ("https://huggingface.co/org/tiny", "Model Card")
    assert (hle.dataset.type, hle.task_type, hle.dataset.config, hle.metric_value) == \
        ("cais/hle", "default", None, 20.9)


def test_import_reads_them_too_and_a_card_without_the_folder_is_unchanged(tmp_path):
    path = repo(tmp_path, **{"gpqa.yaml": GPQA})
    assert len(read_import(path).release.evaluation) == 2
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "README.md").write_text(CARD)
    assert read(str(tmp_path / "other" / "README.md")).release.evaluation == []


@pytest.mark.parametrize(("text", "line", "words"), [
    ("dataset: {id: a/b, task_id: t}\nvalue: 1\n", 1, "must be a list"),
    ("- dataset: {id: a/b}\n  value: 1\n", 1, "'dataset.task_id'"),
    ("- dataset: {id: a/b, task_id: t}\n", 1, "'value'"),
    ("- dataset: {id: a/b, task_id: t}\n  value: 1\n- dataset: {id: c/d, task_id: t}\n  value: 2\n"
     "  source: {name: Leaderboard}\n", 5, "source_url"),
    ("- dataset: {id: a/b, task_id: t}\n  value: 1\n  notes: [a]\n", 3, "'notes' must be a text"),
])
def test_a_malformed_file_is_refused_at_its_line(tmp_path, text, line, words):
    path = repo(tmp_path, **{"bad.yaml": text})
    with pytest.raises(InputError) as caught:
        read(path)
    [problem] = caught.value.problems
    assert problem.location.path.endswith("bad.yaml") and problem.location.line == line
    assert words in problem.message


def release_with_results() -> Release:
    return Release.model_validate({"name": "tiny", "evaluation": [
        {"task_type": "text-generation",
         "dataset": {"type": "cais/mmlu", "name": "MMLU", "config": "abstract_algebra"},
         "metric_type": "accuracy", "metric_value": 0.41,
         "source_url": "https://example.org/run", "source_name": "Run"},
        {"task_type": "text-generation", "dataset": {"type": "openai/gsm8k", "name": "GSM8K"},
         "metric_type": "accuracy", "metric_value": 0.7},
    ]})


def test_evaluation_is_written_in_the_format_huggingface_hub_reads():
    data = yaml.safe_load(eval_results_yaml(release_with_results()))
    assert data[0] == {"dataset": {"id": "cais/mmlu", "task_id": "abstract_algebra"}, "value": 0.41,
                       "source": {"url": "https://example.org/run", "name": "Run"}}
    assert data[1] == {"dataset": {"id": "openai/gsm8k", "task_id": "default"}, "value": 0.7}
    parsed = parse_eval_result_entries(data)
    assert [(e.dataset_id, e.task_id, e.value) for e in parsed] == \
        [("cais/mmlu", "abstract_algebra", 0.41), ("openai/gsm8k", "default", 0.7)]
    assert eval_results_yaml(Release(name="none")) == "[]\n"


def test_written_results_read_back_to_the_same_entries(tmp_path):
    path = repo(tmp_path, **{"gpqa.yaml": GPQA})
    first = read(path).release
    (tmp_path / "again").mkdir()
    again = repo(tmp_path / "again", **{"modelcards.yaml": eval_results_yaml(first)})
    second = read(again).release
    assert [r.model_dump() for r in second.evaluation] == [r.model_dump() for r in first.evaluation]
    assert yaml.safe_load(eval_results_yaml(second)) == yaml.safe_load(eval_results_yaml(first))


def test_a_readme_with_the_model_index_and_the_file_written_from_it_reads_each_result_once(tmp_path):
    release = read(repo(tmp_path, **{"gpqa.yaml": GPQA})).release
    rendered = front_matter(release, analyze(release)) + "# tiny\n"
    assert "model-index" in rendered
    folder = tmp_path / "rendered"
    folder.mkdir()
    path = repo(folder, rendered, **{Path(EVAL_RESULTS_FILE).name: eval_results_yaml(release)})
    back = read(path).release.evaluation
    assert [(r.dataset.type, r.metric_value) for r in back] == [("Idavidrein/gpqa", 63.3), ("cais/hle", 20.9)]


def test_hub011_checks_the_ids_of_read_entries(tmp_path):
    path = repo(tmp_path, **{"x.yaml": "- dataset: {id: My Benchmark, task_id: main task}\n  value: 1\n"})
    found = [f for f in analyze(read(path)).findings if f.rule == "HUB011"]
    assert len(found) == 2 and all(f.severity == "warning" for f in found)


FULL = """\
- dataset: {id: cais/hle, task_id: default, revision: 5503434ddd753f426f4b38109466949a1217c2bb}
  value: 20.9
  verifyToken: eyJhbGciOiJIUzI1NiJ9.e30.x
  date: '2025-01-15T10:30:00Z'
  source: {url: 'https://huggingface.co/datasets/cais/hle', name: CAIS HLE, user: someone, org: cais}
  notes: no-tools
"""


def test_every_field_of_an_entry_is_written_back(tmp_path):
    first = read(repo(tmp_path, **{"hle.yaml": FULL})).release
    assert yaml.safe_load(eval_results_yaml(first)) == yaml.safe_load(FULL)


def test_render_writes_the_file_beside_the_readme_only_when_there_are_results(tmp_path):
    from modelcards import api

    with_results = tmp_path / "with" / "modelcard.yaml"
    with_results.parent.mkdir()
    with_results.write_text("name: Tiny-1B\nlicense: apache-2.0\nevaluation:\n"
                            "  - {task_type: text-generation, dataset: {type: cais/mmlu, name: MMLU},"
                            " metric_type: accuracy, metric_value: 0.42}\n", encoding="utf-8")
    api.render(api.read(with_results), with_results.parent)
    written = with_results.parent / ".eval_results" / "modelcards.yaml"
    entries = parse_eval_result_entries(yaml.safe_load(written.read_text(encoding="utf-8")))
    assert [(e.dataset_id, e.value) for e in entries] == [("cais/mmlu", 0.42)]
    # the rendered README, read with the file beside it, holds each result once
    assert len(read(str(with_results.parent / "README.md")).release.evaluation) == 1

    without = tmp_path / "without" / "modelcard.yaml"
    without.parent.mkdir()
    without.write_text("name: Tiny-1B\nlicense: apache-2.0\n", encoding="utf-8")
    api.render(api.read(without), without.parent)
    assert not (without.parent / ".eval_results").exists()


def test_audit_reads_them_beside_a_card_as_check_does(tmp_path):
    """A folder audit gives a card the same record as ``check --format json``, the results of
    its ``.eval_results`` files included (the card has no Evaluation section of its own)."""
    import json

    from click.testing import CliRunner

    from modelcards.cli import main

    path = repo(tmp_path / "org-tiny", **{"gpqa.yaml": GPQA})
    runner = CliRunner()
    single = json.loads(runner.invoke(main, ["check", path, "--format", "json"]).stdout)
    assert not any(f["rule"] == "CARD003" and "'Evaluation'" in f["message"] for f in single["findings"])
    audited = runner.invoke(main, ["audit", str(tmp_path)])
    assert audited.exit_code == 0
    (record,) = [json.loads(line) for line in audited.stdout.splitlines()]
    assert record == single
