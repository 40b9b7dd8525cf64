"""The reader of the Hub's evaluation results, ``.eval_results/*.yaml`` next to a model's README.

Each file is a YAML list of entries in the format of huggingface_hub's ``EvalResultEntry``
(``huggingface_hub/_eval_results.py``; https://huggingface.co/docs/hub/eval-results)::

    - dataset: {id: Idavidrein/gpqa, task_id: gpqa_diamond, revision: <sha>}
      value: 63.3
      date: '2026-02-03'
      source: {url: https://..., name: Model Card, user: ..., org: ...}
      notes: no-tools
      verifyToken: ...

An entry becomes one ``evaluation`` result: the benchmark's Hub dataset id is ``dataset.type``
(and, as the format has no display name, ``dataset.name``); its ``task_id`` is the result's task
(``task_type``) and, unless it is ``default``, the dataset configuration; the value is the
benchmark's own score, so the metric is ``score``. The source's url and name map to the result's
source. The shape is checked here, each problem located in its file, and each entry is also given
to huggingface_hub's ``EvalResultEntry``, whose own check (a source needs its url) applies.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Mapping
from typing import Any

from modelcards.errors import InputError
from modelcards.readers.located_yaml import LocatedDocument, load_text
from modelcards.readers.located_yaml import read_text as read_file_text

EVAL_DIR = ".eval_results"
SCORE = "score"
"""The metric of an entry: the format records the benchmark's score, whose metric the benchmark defines."""
DEFAULT_TASK = "default"
"""The task id of a benchmark with a single task."""

_OPTIONAL_TEXT = {("dataset", "revision"), ("date",), ("notes",), ("verifyToken",), ("source", "url"),
                  ("source", "name"), ("source", "user"), ("source", "org")}


def eval_result_files(card_path: str) -> list[str]:
    """The ``.eval_results/*.yaml`` files next to a card, in name order (none for a card not on disk)."""
    folder = os.path.join(os.path.dirname(os.path.abspath(card_path)), EVAL_DIR)
    if not os.path.isdir(folder):
        return []
    return sorted(glob.glob(os.path.join(glob.escape(folder), "*.yaml")))


def _fail(doc: LocatedDocument, path: str, loc: tuple[Any, ...], message: str) -> InputError:
    line, column = doc.locate(loc)
    return InputError.single(message, path, line, column)


def _text_at(entry: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    value: Any = entry
    for key in keys:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def entries_of(doc: LocatedDocument, path: str) -> list[dict[str, Any]]:
    """The evaluation results (``schema.EvalResult`` fields) of one loaded eval-results file."""
    from huggingface_hub import EvalResultEntry

    data = doc.data
    if data is None:
        return []
    if not isinstance(data, list):
        raise _fail(doc, path, (), "an eval-results file must be a list of entries (- dataset: {id, task_id} ...)")
    results = []
    for i, entry in enumerate(data):
        if not isinstance(entry, Mapping):
            raise _fail(doc, path, (i,), "each entry must be a mapping with 'dataset' and 'value'")
        dataset = entry.get("dataset")
        if not isinstance(dataset, Mapping):
            raise _fail(doc, path, (i,), "the entry needs 'dataset: {id: <Hub dataset id>, task_id: <task>}'")
        for key in ("id", "task_id"):
            if not isinstance(dataset.get(key), str) or not dataset[key].strip():
                raise _fail(doc, path, (i, "dataset", key), f"'dataset.{key}' must be a non-empty text")
        if "value" not in entry or entry["value"] is None or isinstance(entry["value"], (Mapping, list)):
            raise _fail(doc, path, (i, "value"), "the entry needs a 'value': the score, a number or a text")
        for keys in _OPTIONAL_TEXT:
            value = _text_at(entry, keys)
            if value is not None and not isinstance(value, str):
                raise _fail(doc, path, (i, *keys), f"'{'.'.join(keys)}' must be a text")
        source = entry.get("source")
        if source is not None and not isinstance(source, Mapping):
            raise _fail(doc, path, (i, "source"), "'source' must be a mapping with 'url'")
        source = source or {}
        try:
            EvalResultEntry(dataset_id=dataset["id"], task_id=dataset["task_id"], value=entry["value"],
                            dataset_revision=dataset.get("revision"), verify_token=entry.get("verifyToken"),
                            date=entry.get("date"), source_url=source.get("url"), source_name=source.get("name"),
                            source_user=source.get("user"), source_org=source.get("org"), notes=entry.get("notes"))
        except ValueError as error:
            raise _fail(doc, path, (i, "source"), str(error)) from None
        task_id = dataset["task_id"]
        value = entry["value"]
        result = {
            "task_type": task_id,
            "dataset": {"type": dataset["id"], "name": dataset["id"],
                        "config": None if task_id == DEFAULT_TASK else task_id},
            "metric_type": SCORE,
            "metric_value": str(value) if isinstance(value, bool) or not isinstance(value, (int, float, str))
            else value,
            "source_url": source.get("url"),
            "source_name": source.get("name"),
        }
        kept = _kept_fields(entry, dataset, source)
        if "dataset_revision" in kept:
            result["dataset"]["revision"] = kept.pop("dataset_revision")
        result.update(kept)
        results.append(result)
    return results


EXTRA_FIELDS = {"date": ("date",), "notes": ("notes",), "verify_token": ("verifyToken",),
                "source_user": ("source", "user"), "source_org": ("source", "org")}
"""EvalResult fields for the entry keys the model-index has no place for, and the entry key of each."""


def _kept_fields(entry: Mapping[str, Any], dataset: Mapping[str, Any], source: Mapping[str, Any]) -> dict[str, Any]:
    """The entry's date, notes, verification token, source user and org and dataset revision, for
    the fields of ``schema.EvalResult`` that hold them (``dataset.revision`` on its dataset).
    Fields the schema does not have yet are left out (a schema without them cannot hold them)."""
    from modelcards.schema import EvalDataset, EvalResult

    kept: dict[str, Any] = {}
    for field, keys in EXTRA_FIELDS.items():
        value = _text_at(entry, keys)
        if value is not None and field in EvalResult.model_fields:
            kept[field] = value
    if dataset.get("revision") is not None and "revision" in EvalDataset.model_fields:
        kept["dataset_revision"] = dataset["revision"]
    return kept


def read_eval_results(card_path: str) -> list[dict[str, Any]]:
    """Every evaluation result of the eval-results files next to ``card_path``, file by file."""
    found: list[dict[str, Any]] = []
    for path in eval_result_files(card_path):
        found.extend(entries_of(load_text(read_file_text(path), path), path))
    return found


def _key(result: Mapping[str, Any]) -> tuple[Any, ...]:
    dataset = result["dataset"]
    return dataset["type"], dataset.get("config"), str(result["metric_value"])


def merged(model_index: list[dict[str, Any]], eval_results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The card's model-index results, then the eval-results entries it does not already hold
    (a README rendered from them carries the same results in its model-index)."""
    held = {_key(r) for r in model_index}
    return [*model_index, *(r for r in eval_results if _key(r) not in held)]
