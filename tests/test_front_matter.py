"""The front-matter finder must find exactly what huggingface_hub's own pattern finds
(``huggingface_hub.repocard.REGEX_YAML_BLOCK``), or the Hub and modelcards would read a card's
metadata differently."""

from __future__ import annotations

import random

import pytest
from huggingface_hub.repocard import REGEX_YAML_BLOCK

from modelcards.readers.front_matter import FRONT_MATTER, find_front_matter

PIECES = ["---", "-", "--", "\n", "\r", "\r\n", " ", "\t", "a: b", "#", "x", "--- ", "---\t"]


def _hub(text: str) -> tuple[str, str, int] | None:
    match = REGEX_YAML_BLOCK.search(text)
    return None if match is None else (match.group(1), match.group(2), match.end())


def _ours(text: str) -> tuple[str, str, int] | None:
    found = find_front_matter(text)
    return None if found is None else (found.opening, found.data, found.end)


@pytest.mark.parametrize("text", [
    "", "---", "---\n", "---\n---", "---\n---\n", "---\n\n---\n", "---\r\n\r\n---\r\n# x",
    "---\nlicense: mit\n---\n# Title\n", "  \n---\nlicense: mit\n---", "---\na\n----\nb\n---\n",
    "---\na\n---x\n---\n", "---\n\n\n---", "---\r\r---\r", "# no front matter\n---\na\n---\n",
])
def test_cards_people_write(text: str) -> None:
    assert _ours(text) == _hub(text)


def test_generated_texts() -> None:
    rng = random.Random(20261122)
    for _ in range(20_000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14)))
        assert _ours(text) == _hub(text), repr(text)


def test_the_documented_pattern_is_the_hubs() -> None:
    assert FRONT_MATTER.pattern == REGEX_YAML_BLOCK.pattern
