"""``card_fields_fast.card_fields_at`` (the parts of a body without ``\\r`` cut at its headings'
offsets) against ``hub_card.card_fields``'s plain path (the body's lines joined again), on
generated bodies, read alone and as the body of a card after its front matter, and on the
corpus when it is present."""

from __future__ import annotations

import random

import pytest

from modelcards.readers.card_fields_fast import card_fields_at
from modelcards.readers.hub_card import _title, card_fields
from modelcards.readers.markdown_body import headings

from conftest import HF_CARDS, corpus_cards

_LINES = ["# Title", "# Title ", "#  Title", "# ", "## Uses", "## Uses ##", "## Limitations", "## Uses",
          "## Training Data", "##", "Text.", "", " ", "  indented", "    code", "```", "~~~", "<div>",
          "</div>", "- item", "Setext", "===", "---", "## ", "# Other", "### Deep", "\u00e9t\u00e9 😀"]


def _bodies(count: int) -> list[str]:
    rng = random.Random(11)
    out = ["", "\n", "# Title", "# Title\n", "# Title\n\n", "## Uses", "## Uses\n", "## Uses\n\n## Uses\n",
           "# Title\n## Uses\nText", "Intro\n# Title\n## Uses\n\nText\n\n", "\n\n# Title\n\nSummary\n"]
    for _ in range(count):
        lines = [rng.choice(_LINES) for _ in range(rng.randrange(1, 14))]
        out.append("\n".join(lines) + rng.choice(["", "\n", "\n\n"]))
    return out


def _cut(text: str, start: int) -> tuple[str | None, dict]:
    offsets: list[int] = []
    found = headings(text, start, offsets)
    return card_fields_at(text, found, offsets, start, _title(found))


@pytest.mark.parametrize("front", ["", "---\nlicense: mit\n---\n"])
def test_the_cut_fields_are_the_joined_ones(front: str) -> None:
    differ = []
    for body in _bodies(3000):
        text = front + body
        start = len(front)
        if card_fields(body, headings(body)) != _cut(text, start):
            differ.append(body)
    assert not differ, differ[:5]


@pytest.mark.skipif(not HF_CARDS.is_dir(), reason="the real card corpus is not present")
def test_the_cut_fields_are_the_joined_ones_on_the_corpus() -> None:
    differ = []
    for path, text, card in corpus_cards():
        if "\r" not in card.body and "\x00" not in card.body and \
                card_fields(card.body, headings(card.body)) != _cut(text, card.body_start):
            differ.append(path.name)
    assert not differ, differ[:10]


def test_the_headings_of_a_body_read_in_place_are_those_of_the_body_alone() -> None:
    """``headings(text, start, offsets)`` reads a card's body where it is, and gives each
    heading's line offset."""
    differ = []
    for body in _bodies(2000):
        text = "---\nlicense: mit\n---\n" + body
        offsets: list[int] = []
        found = headings(text, len(text) - len(body), offsets)
        line_starts = [0]
        for line in body.split("\n"):
            line_starts.append(line_starts[-1] + len(line) + 1)
        if found != headings(body) or offsets != [line_starts[line] for line, _level, _title in found]:
            differ.append(body)
    assert not differ, differ[:5]
