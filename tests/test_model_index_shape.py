"""``model_index_shape.may_round_trip`` against the round trip itself: a model-index it turns away
is one that ``hub_card._evaluation`` without it (huggingface_hub reading the results and writing
them back) keeps verbatim too, on generated model-indexes and on the corpus when it is present."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelcards.readers import hub_card
from modelcards.readers.model_index_shape import may_round_trip

from conftest import HF_CARDS, corpus_cards

NAME = "m"


def _unguarded(model_index: Any) -> Any:
    with mock.patch.object(hub_card, "may_round_trip", lambda _index: True):
        return hub_card._evaluation({"model-index": model_index}, NAME)


def _guarded(model_index: Any) -> Any:
    return hub_card._evaluation({"model-index": model_index}, NAME)


_VALUES = st.one_of(st.none(), st.sampled_from(["a", "b", "", "x y"]), st.integers(-2, 2), st.booleans(),
                    st.floats(allow_nan=False, allow_infinity=False, width=32))


def _part(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(keys), _VALUES, max_size=len(keys))


_TASK = _part(["type", "name", "args", "x"])
_DATASET = _part(["type", "name", "config", "split", "revision", "args"])
_METRIC = _part(["type", "value", "name", "config", "verified", "args", "verifyToken"])
_SOURCE = _part(["url", "name", "x"])
_RESULT = st.fixed_dictionaries(
    {"task": _TASK, "dataset": _DATASET, "metrics": st.lists(_METRIC, max_size=3)},
    optional={"source": st.one_of(_SOURCE, _VALUES), "extra": _VALUES})
_ENTRY = st.fixed_dictionaries({"name": st.just(NAME), "results": st.one_of(st.lists(_RESULT, max_size=3), _VALUES)},
                               optional={"extra": _VALUES})
_INDEX = st.lists(_ENTRY, min_size=1, max_size=2)


def _valid() -> list[dict[str, Any]]:
    return [{"name": NAME, "results": [{"task": {"type": "t", "name": "T"},
                                        "dataset": {"type": "d", "name": "D", "config": "c", "split": "s"},
                                        "metrics": [{"type": "acc", "value": 1, "name": "Acc", "verified": False}],
                                        "source": {"url": "https://example.org", "name": "E"}}]}]


def test_a_model_index_huggingface_hub_writes_back_is_read_as_evaluation() -> None:
    model_index = _valid()
    assert may_round_trip(model_index)
    evaluation = _guarded(model_index)
    assert evaluation is not None and [r.metric_type for r in evaluation] == ["acc"]


@pytest.mark.parametrize(("where", "key"), [((), "extra"), (("results", 0), "extra"),
                                            (("results", 0, "dataset"), "revision"),
                                            (("results", 0, "dataset"), "args"),
                                            (("results", 0, "metrics", 0), "args"),
                                            (("results", 0, "metrics", 0), "verifyToken"),
                                            (("results", 0, "dataset"), "split")])
def test_a_key_it_never_writes_back_keeps_the_model_index_verbatim(where: tuple[Any, ...], key: str) -> None:
    model_index = _valid()
    part: Any = model_index[0]
    for step in where:
        part = part[step]
    part[key] = {"num_few_shot": 5} if key != "split" else None  # a null is not written back either
    assert not may_round_trip(model_index)
    assert _unguarded(model_index) is None and _guarded(model_index) is None


def _turns_away_what_the_round_trip_turns_away(model_index: list[dict[str, Any]]) -> None:
    plain = _unguarded(model_index)
    if not may_round_trip(model_index):
        assert plain is None
    assert _guarded(model_index) == plain


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_INDEX)
def test_what_it_turns_away_the_round_trip_turns_away(model_index: list[dict[str, Any]]) -> None:
    _turns_away_what_the_round_trip_turns_away(model_index)


@pytest.mark.slow  # the same with many more indexes: run by `pytest -m slow` and .ci/run
@settings(max_examples=1_500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_INDEX)
def test_many_indexes_it_turns_away_the_round_trip_turns_away(model_index: list[dict[str, Any]]) -> None:
    _turns_away_what_the_round_trip_turns_away(model_index)


@pytest.mark.skipif(not HF_CARDS.is_dir(), reason="the hf-cards corpus is not beside the checkout")
def test_on_the_corpus_it_turns_away_only_what_the_round_trip_turns_away() -> None:
    checked = 0
    for _path, _text, card in corpus_cards():
        model_index = card.metadata.get("model-index")
        if not isinstance(model_index, list) or not model_index or not isinstance(model_index[-1], dict):
            continue
        name = model_index[-1].get("name")
        if not isinstance(name, str):
            continue
        with mock.patch.object(hub_card, "may_round_trip", lambda _index: True):
            plain = hub_card._evaluation(card.metadata, name)
        assert hub_card._evaluation(card.metadata, name) == plain
        if not may_round_trip(model_index):
            assert plain is None
        checked += 1
    assert checked > 100
