"""The sections a heading is matched to: each heading goes to exactly the sections of the
completeness table whose patterns take it (``Section.matches``), and the table's own examples
land where its comments say."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modelcards.rules.card_outline import _ATX, normal_heading
from modelcards.rules.completeness import _sections_of, sections

from conftest import HF_CARDS

WORDS = ["uses", "intended use", "out-of-scope", "misuse", "bias", "risks", "limitations", "training data",
         "datasets", "evaluation", "eval", "results", "how to use", "usage", "contact", "carbon", "model details",
         "training procedure", "hyperparameters", "not intended for", "test", "benchmark", "data", "model", "##",
         "1.", "[optional]", "**", "&", " ", "-", "é", "use", "summary", "getting started", "co2"]


def _table(key: str) -> tuple[int, ...]:
    return tuple(i for i, section in enumerate(sections()) if section.matches(key))


def test_the_table_s_examples_go_to_their_sections():
    names = [s.name for s in sections()]
    assert [names[i] for i in _sections_of("intended uses & limitations")] == ["Uses", "Bias, Risks, and Limitations"]
    assert [names[i] for i in _sections_of("misuse and malicious use")] == ["Out-of-Scope Use"]
    assert [names[i] for i in _sections_of("eval results")] == ["Evaluation"]
    assert [names[i] for i in _sections_of("how to use")] == ["How to Get Started with the Model"]
    assert _sections_of("") == () and _sections_of("acknowledgements") == ()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=6).map(" ".join))
def test_generated_headings_go_to_the_sections_whose_patterns_take_them(title):
    key = normal_heading(title)
    assert _sections_of(key) == _table(key)
    assert _sections_of(title) == _table(title)


@pytest.mark.skipif(not HF_CARDS.is_dir(), reason="the real card corpus is not beside the checkout")
def test_every_corpus_heading_goes_to_the_sections_whose_patterns_take_it():
    keys = set()
    for path in sorted(HF_CARDS.glob("*.md")):
        for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
            match = _ATX.match(line)
            if match and match.group(3):
                keys.add(normal_heading(match.group(3)))
    assert len(keys) > 2000
    assert [k for k in sorted(keys) if _sections_of(k) != _table(k)] == []
