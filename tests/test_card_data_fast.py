"""Front matter without evaluation results is what huggingface_hub's ``ModelCardData.to_dict()``
writes, though it is made without importing huggingface_hub (``renderers.card_data_fast``): on
generated fields, on the example manifests and on the real cards of ``../shared`` when present."""

from __future__ import annotations

import pytest
from huggingface_hub import ModelCardData
from hypothesis import given, settings
from hypothesis import strategies as st

from modelcards.renderers.card_data_fast import FIELDS, card_data_dict
from modelcards.renderers.frontmatter import card_data_fields

from conftest import EXAMPLES, HF_CARDS, readable_sources

_TEXT = st.text(max_size=8)
_VALUE = st.none() | _TEXT | st.lists(_TEXT, max_size=4)
_FIELD_VALUES = st.fixed_dictionaries({}, optional={name: _VALUE for name in FIELDS if name != "eval_results"})


def _written_alike(fields) -> None:
    written = card_data_dict(**fields)
    assert written == ModelCardData(**fields).to_dict()
    assert list(written) == list(ModelCardData(**fields).to_dict())  # in its order too


@settings(max_examples=150, deadline=None, database=None)
@given(_FIELD_VALUES)
def test_generated_fields_are_written_as_huggingface_hub_writes_them(fields):
    _written_alike(fields)


@pytest.mark.slow  # the same with many more field sets: run by `pytest -m slow` and .ci/run
@settings(max_examples=1_500, deadline=None, database=None)
@given(_FIELD_VALUES)
def test_many_generated_fields_are_written_as_huggingface_hub_writes_them(fields):
    _written_alike(fields)


def test_evaluation_results_are_left_to_huggingface_hub():
    with pytest.raises(ValueError):
        card_data_dict(eval_results=[object()])


def _releases(paths):
    from modelcards.analysis import analyze

    for source in readable_sources(paths):
        yield source.release, analyze(source.release, source=source.path)


def _agree(releases) -> int:
    compared = 0
    for release, report in releases:
        fields = card_data_fields(release, report)
        expected = ModelCardData(**fields).to_dict()
        assert card_data_dict(**fields) == expected and list(card_data_dict(**fields)) == list(expected)
        compared += 1
    return compared


def test_the_examples_front_matter_is_written_alike():
    assert _agree(_releases(EXAMPLES)) == len(EXAMPLES)


@pytest.mark.skipif(not HF_CARDS.is_dir(), reason="the real card corpus is not beside the checkout")
def test_the_real_cards_front_matter_is_written_alike():
    cards = sorted(HF_CARDS.glob("*.md"))[::10]  # a tenth of the corpus, in seconds
    assert _agree(_releases(cards)) > len(cards) // 2
