"""``text_line_fast.text_line_at`` (a line of card text walked to from the nearest heading) against
``HubCard._listed_text_line`` (looked up in the list of every line's start), on generated cards
and on the corpus when it is present; and the card line a finding about a section's text gets."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modelcards.readers.hub_card import HubCard, split
from modelcards.readers.text_line_fast import text_line_at

from conftest import HF_CARDS, corpus_cards

FRONT = "---\nlicense: mit\n---\n"
_LINES = ["# Title", "## Uses", "## Uses", "## Limits ##", "### Deep", "Text.", "Text.  ", "", " ", "\t",
          "```", "# in code", "```", "- item", "  ## nested", "x\x0cy", "a\u2028b", "\u00e9t\u00e9 😀 ", "Text. \x0c",
          "<div>", "</div>", "    ## indented"]


def _fast_applies(card: HubCard) -> bool:
    found = card.top_headings  # fills top_heading_offsets
    return len(card.top_heading_offsets) == len(found) and not card._has_cr


def _differences(card: HubCard, firsts: list[int], wanted: list[str]) -> list[tuple[int, str]]:
    return [(first, text) for first in firsts for text in wanted
            if text_line_at(card.text, card.body_start, card.top_headings, card.top_heading_offsets, first, text)
            != card._listed_text_line(first, text)]


def _every_line(body: str) -> tuple[list[int], list[str]]:
    lines = body.split("\n")
    return list(range(len(lines) + 2)), sorted({line.rstrip() for line in lines} | {"missing"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LINES), max_size=14), st.sampled_from(["", "\n", "\n\n"]),
       st.sampled_from(["", FRONT]))
def test_the_walk_finds_the_line_the_list_finds(lines: list[str], end: str, front: str) -> None:
    body = "\n".join(lines) + end
    card = split(front + body, "README.md")
    assert _fast_applies(card)
    assert not _differences(card, *_every_line(body))


@pytest.mark.slow  # large generated bodies: run by `pytest -m slow` and .ci/run
def test_it_agrees_on_bodies_of_many_sections() -> None:
    rng = random.Random(3)
    for _ in range(200):
        body = "\n".join(rng.choice(_LINES) for _ in range(rng.randrange(1, 60)))
        card = split(FRONT + body, "README.md")
        assert not _differences(card, *_every_line(body)), body


def test_a_finding_on_a_section_line_is_placed_on_that_line() -> None:
    text = FRONT + "# Model\n\nSummary.\n\n## Uses\n\n\nUse it well.\n\nAnd wisely.\n## Limitations\n\nSome.\n"
    card = split(text, "README.md")
    lines = text.split("\n")
    assert card.locate(("card", "intended_use", "line", 0, "Use it well.")) == (lines.index("Use it well.") + 1, 1)
    assert card.locate(("card", "intended_use", "line", 2, "And wisely.")) == (lines.index("And wisely.") + 1, 1)
    assert card.locate(("card", "limitations", "line", 0, "Some.")) == (lines.index("Some.") + 1, 1)


@pytest.mark.skipif(not HF_CARDS.is_dir(), reason="the hf-cards corpus is not beside the checkout")
@pytest.mark.slow  # every corpus card: run by `pytest -m slow` and .ci/run
def test_it_agrees_on_the_corpus() -> None:
    rng = random.Random(7)
    differ = []
    for path, _text, card in corpus_cards():
        if not _fast_applies(card):
            continue
        lines = card.body.split("\n")
        firsts = sorted({0, len(lines), *(line + 1 for line, _level, _title in card.top_headings),
                         *(rng.randrange(len(lines)) for _ in range(3))})
        wanted = [lines[min(first + 2, len(lines) - 1)].rstrip() for first in firsts] + ["", "missing"]
        if _differences(card, firsts, wanted):
            differ.append(path.name)
    assert not differ, differ[:10]
