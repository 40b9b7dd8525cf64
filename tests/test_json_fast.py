"""The JSON exports are the same bytes whether orjson or the standard library writes them.

``json_text.json_bytes`` hands a value to orjson only when orjson writes it as
``json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)`` does; these tests hold the
two writers to the same bytes on generated values, on the example manifests' documents and on
documents made from the real cards of ``../shared/corpora/hf-cards`` when present.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modelcards.renderers import json_fast
from modelcards.renderers.json_text import json_bytes

from conftest import EXAMPLES, HF_CARDS, readable_sources

orjson = pytest.importorskip("orjson")


def _standard(value: object) -> bytes | None:
    """The standard library's bytes, or None where it refuses the value."""
    try:
        return json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False).encode("utf-8") + b"\n"
    except (TypeError, ValueError, RecursionError):
        return None


def _agree(value: object) -> None:
    expected = _standard(value)
    fast = json_fast.dumps(value)
    if expected is None:
        assert fast is None  # what the standard library refuses, orjson does not write either
        with pytest.raises((TypeError, ValueError)):
            json_bytes(value)
    else:
        assert fast in (None, expected)
        assert json_bytes(value) == expected


_TEXT = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["", "\x00\x1f\x7f", '"quoted" \\ back', "tab\there\r\nline", "\u2028\u2029\ufeff", "émoji 🤗 𝕏", "\ud800"])
_SCALARS = (st.none() | st.booleans() | _TEXT
            | st.integers(min_value=-(2 ** 70), max_value=2 ** 70)
            | st.floats(allow_nan=True, allow_infinity=True)
            | st.sampled_from([0.1, 1e15, 1e16, 1e-4, 1e-5, -0.0, 5e-324, 1.7976931348623157e308, 100.0]))
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(_TEXT, inner, max_size=4) | st.dictionaries(st.integers(-3, 3), inner, max_size=2),
    max_leaves=25)


@settings(max_examples=150, deadline=None, database=None)
@given(_VALUES)
def test_generated_values_are_written_alike_or_refused_alike(value):
    _agree(value)


@pytest.mark.slow  # the same with many more values: run by `pytest -m slow` and .ci/run
@settings(max_examples=2_000, deadline=None, database=None)
@given(_VALUES)
def test_many_generated_values_are_written_alike_or_refused_alike(value):
    _agree(value)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), {1: "a"}, {"a": dt.date(2024, 1, 2)},
                                   2 ** 64, "lone \ud800 surrogate", [[[]]] * 2 + [object()]])
def test_what_orjson_would_write_differently_goes_to_the_standard_library(value):
    assert json_fast.dumps(value) is None


def test_plain_data_goes_to_orjson():
    value = {"a": [1, 2.5, -0.0, None, True, "x\n\"y\" 🤗"], "b": {}, "c": [], "d": (1, "2"),
             "rates": [3e-05, 1e-07, 1e16, 1.5e300]}
    assert json_fast.dumps(value) == _standard(value)


def _documents(manifests):
    from modelcards.analysis import analyze
    from modelcards.renderers.cyclonedx import cyclonedx_document
    from modelcards.renderers.modelcard_json import finite, modelcard_document

    for source in readable_sources(manifests):
        report = analyze(source.release, source=source.path, locate=source.locate)
        yield modelcard_document(source.release, report)
        yield finite(cyclonedx_document(source.release, report))


def test_the_examples_documents_are_written_alike():
    documents = list(_documents(EXAMPLES))
    assert documents
    for document in documents:
        assert json_fast.dumps(document) == _standard(document)  # all of them go to orjson


@pytest.mark.skipif(not HF_CARDS.is_dir(), reason="the real card corpus is not beside the checkout")
@pytest.mark.slow  # every corpus card: run by `pytest -m slow` and .ci/run
def test_documents_of_the_real_cards_are_written_alike():
    cards = sorted(HF_CARDS.glob("*.md"))[::10]  # a tenth of the corpus: every kind of card, in seconds
    documents = 0
    for document in _documents(cards):
        assert json_fast.dumps(document) == _standard(document)  # each goes to orjson, and comes out alike
        documents += 1
    assert documents > len(cards)
