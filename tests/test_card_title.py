"""A card's name is its first Markdown heading: the scan that finds it must pick exactly the
heading the title pattern's own search picks, from the body's start or anywhere else."""

from __future__ import annotations

import random

import pytest

from modelcards.readers.hub_card import _TITLE, card_title, release_from_card

PIECES = ["#", "# ", "##", "#\t", "\n", "\r\n", "\r", " ", "\t", "x", "Title", "#x", "  # y", "---\n"]


def _searched(text: str, start: int) -> str | None:
    title = _TITLE.search(text, start)
    return title.group(1).strip() if title else None


@pytest.mark.parametrize("text", [
    "", "#", "# A", "#A\n# B", "intro\n# Name\n", "# Name ##\n", "#\n\nbody", "  # indented\n# Real",
    "text # not a heading\n## Second level", "#\t \n# spaced", "\r\n# after CRLF", "x\r# after CR",
])
def test_cards_people_write(text: str) -> None:
    assert card_title(text) == _searched(text, 0)


def test_generated_texts_from_every_start() -> None:
    rng = random.Random(20261123)
    for _ in range(5_000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12)))
        for start in range(len(text) + 1):
            assert card_title(text, start) == _searched(text, start), (text, start)


def test_a_cards_name_is_the_first_heading_after_its_front_matter() -> None:
    text = "---\nlicense: mit\n# a YAML comment, not a title\n---\nSome intro.\n# The Model #\n# Later\n"
    release, _ = release_from_card(text, "models/x/README.md")
    assert release.name == "The Model"
    release, _ = release_from_card("---\nlicense: mit\n---\nno heading here\n", "models/x/README.md")
    assert release.name == "x"
