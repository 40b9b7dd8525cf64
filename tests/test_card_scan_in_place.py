"""A card's body read where it starts in the card's text, without a copy of it: the body scan
(``card_scan.scan`` with ``start``) finds what it finds in the body alone, and the card's line
starts (``HubCard._line_starts``) are those of ``body_lines``; on generated cards and on the
corpus when it is present."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest

from modelcards.readers.card_evidence import EVIDENCE_URLS
from modelcards.readers.card_scan import _phrase_hits, scan
from modelcards.readers.hub_card import body_lines, split

from conftest import HF_CARDS, corpus_cards

FRONT = "---\nlicense: mit\nlink: https://github.com/front/matter open source\n---\n"

_LINES = ["# Title", "## Citation", "## Code", "### Deep ##", "Text https://github.com/acme/model here.",
          "[paper](https://arxiv.org/abs/2401.00001)", "```bibtex", "```", "~~~", "eprint={2309.11235}",
          "<!-- https://github.com/in/comment -->", "<!--", "-->", "| a | b |", "open source, fully open",
          "Open-Weights \u0130 model", "weights coming soon", "", "   ", "[x](arxiv.org/abs/1234.5678)",
          "\u00e9 😀 \u212a", "intermediate checkpoints", "https://huggingface.co/a/b/tree/step1000"]


def _bodies(count: int) -> list[str]:
    rng = random.Random(5)
    out = ["", "\n", " \n\t", "# Title", "open source"]
    for _ in range(count):
        lines = [rng.choice(_LINES) for _ in range(rng.randrange(1, 16))]
        out.append(rng.choice(["\n", "\r\n", "\n"]).join(lines) + rng.choice(["", "\n"]))
    return out


def _same_scan(text: str, start: int) -> bool:
    body = text[start:]
    for urls in (EVIDENCE_URLS, None):
        alone, in_place = scan(body, 3, urls), scan(text, 3, urls, start)
        if (alone.links, alone.phrases, alone.headings, alone.blank) != \
                (in_place.links, in_place.phrases, in_place.headings, in_place.blank):
            return False
        if [at + start for at in alone.head_at] != list(in_place.head_at) or \
                [alone.has_table(i) for i in range(len(alone.headings))] != \
                [in_place.has_table(i) for i in range(len(in_place.headings))]:
            return False
    shifted = [(at + start, kind, hit) for at, kind, hit in _phrase_hits(body)]
    return _phrase_hits(text, start) == shifted


def test_the_scan_in_place_finds_what_the_scan_of_the_body_finds() -> None:
    differ = [body for body in _bodies(1500) if not _same_scan(FRONT + body, len(FRONT))]
    assert not differ, differ[:5]


def test_the_line_starts_are_those_of_the_body_lines() -> None:
    differ = []
    for body in [*_bodies(500), "a\rb\r\nc\n", "\r", "x\x0cy\u2028z\n", "a\n\n"]:
        card = split(FRONT + body, "README.md")
        lines = [card.text[a:b] for a, b in pairwise(card._line_starts)]
        if lines != body_lines(card.body):
            differ.append(body)
    assert not differ, differ[:5]


@pytest.mark.skipif(not HF_CARDS.is_dir(), reason="the real card corpus is not present")
@pytest.mark.slow  # every corpus card: run by `pytest -m slow` and .ci/run
def test_the_scan_in_place_agrees_on_the_corpus() -> None:
    differ = []
    for path, text, card in corpus_cards():
        if not _same_scan(text, card.body_start):
            differ.append(path.name)
    assert not differ, differ[:10]
