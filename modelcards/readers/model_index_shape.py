"""Whether a card's model-index has a shape huggingface_hub can write back from evaluation results.

A card's ``model-index`` becomes the release's ``evaluation`` only when huggingface_hub, given
the results read from it, writes the very same model-index back (``hub_card._evaluation``).
What ``eval_results_to_model_index`` writes has fixed keys: one entry, ``{name, results}``; each
result ``task``, ``dataset``, ``metrics`` and ``source`` at most; a task ``type`` and ``name``; a
dataset ``name``, ``type``, ``config`` and ``split`` (the release's results have no dataset
revision or args); a metric ``type``, ``value``, ``name``, ``config`` and ``verified`` (no metric
args or verification token); a source ``url`` and ``name``. It drops the keys whose value is
None, so a key the card writes as ``null`` is not written back either. A model-index with any
other key, or with a null value of one of these, can never come back the same: it is kept
verbatim without reading it into results, validating them and writing them out again.
``tests/test_model_index_shape.py`` holds this to the round trip itself.
"""

from __future__ import annotations

from typing import Any

_RESULT_KEYS = frozenset({"task", "dataset", "metrics", "source"})
_PART_KEYS = (("task", frozenset({"type", "name"})),
              ("dataset", frozenset({"name", "type", "config", "split"})),
              ("source", frozenset({"url", "name"})))
_METRIC_KEYS = frozenset({"type", "value", "name", "config", "verified"})


def may_round_trip(model_index: list[Any]) -> bool:
    """False when huggingface_hub cannot write ``model_index`` back as it is (a key it never
    writes, or a null it drops); True when it may (the round trip decides)."""
    if len(model_index) != 1 or not isinstance(model_index[0], dict) \
            or model_index[0].keys() != {"name", "results"} or None in model_index[0].values():
        return False
    results = model_index[0]["results"]
    if not isinstance(results, list):
        return False
    for result in results:
        if not _fits(result, _RESULT_KEYS):
            return False
        for key, allowed in _PART_KEYS:
            part = result.get(key)
            if isinstance(part, dict) and not _fits(part, allowed):
                return False
        metrics = result.get("metrics")
        if isinstance(metrics, list) and not all(_fits(m, _METRIC_KEYS) for m in metrics if isinstance(m, dict)):
            return False
    return True


def _fits(part: Any, keys: frozenset[str]) -> bool:
    """A mapping of some of ``keys``, none of them null."""
    return isinstance(part, dict) and part.keys() <= keys and None not in part.values()
