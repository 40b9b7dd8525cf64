"""The body scanner's claim and absence phrases (``card_scan._phrase_hits``), searched in the body
folded to one byte per character, against the plain search in ``body.lower()`` they stand for:
the same offsets and texts on generated texts (mixed case, non-ASCII neighbours, the Kelvin sign,
``İ``, whose lower case is two characters) and on every card of the corpus when it is present."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from modelcards.readers.card_scan import _phrase_hits

from conftest import ROOT

CORPUS = ROOT.parent / "shared" / "corpora" / "hf-cards" / "cards"

_OPEN = re.compile(r"open[ -]?(?:sourced?|weights?)(?![\w])")
_LITERAL_PHRASES = ("fully open", "fully-open", "free for commercial use", "commercial use is permitted",
                    "intermediate checkpoint")
_ABSENT = re.compile(r"coming soon|not (?:yet )?(?:been )?(?:released|available|public)"
                     r"|does not (?:contain|include|host)|do not (?:contain|include|host)")


def plain_phrase_hits(body: str) -> list[tuple[int, str, str]]:
    """The phrases as found in the lower-cased body."""
    lower = body.lower()
    found = [(m.start(), "phrase", body[m.start():m.end()]) for m in _OPEN.finditer(lower)]
    for phrase in _LITERAL_PHRASES:
        at = lower.find(phrase)
        while at >= 0:
            end = at + len(phrase)
            if phrase == "intermediate checkpoint" and lower[end:end + 1] == "s":
                end += 1
            if not lower[end:end + 1].isalnum() and not (phrase.startswith("fully") and lower[end:end + 1] == "-"):
                found.append((at, "phrase", body[at:end]))
            at = lower.find(phrase, end)
    at = lower.find("weight")
    seen: set[int] = set()
    while at >= 0:
        start = lower.rfind("\n", 0, at) + 1
        end = lower.find("\n", at)
        end = len(lower) if end < 0 else end
        if start not in seen:
            seen.add(start)
            found.extend((m.start(), "phrase", body[m.start():m.end()]) for m in _ABSENT.finditer(lower, start, end))
        at = lower.find("weight", end)
    return found


_TEXTS = [
    "",
    "This model is Open Source and OPEN-WEIGHTS.\n",
    "open sourced, open-sourcer, open sourceé, open source😀, open source_x, open source?\n",
    "opensource open-weight open weightś open weights\n",
    "Fully Open, fully-open-source, fully openness, FULLY OPEN.\n",
    "Free for commercial use. Commercial use is permitted; commercial use is permittedé\n",
    "Intermediate checkpoints and intermediate checkpointx and INTERMEDIATE CHECKPOINT\n",
    "Intermediate chec\u212apoints (a Kelvin sign) and open \u015fource (s with cedilla)\n",
    "\u0130stanbul: open source, then the weights are coming soon; \u0130\u0130 open weights\n",
    "The weights are not yet released.\nThe Weights do not include the head; weights coming soon\n",
    "weights\nnot released\nWEIGHT: Does Not Host\r\nweight not been public\n",
    "Σ open source Σ\n\u212a open weights \u212a\ufb00 open source\n",
    "日本語 open source モデル, open-weights。weights not available\n",
    "open source\u0130 and \u0130open weights\u0130, fully open\u0130 fully-open\u0307 Fully open\u212a\n",
    "\u0130\u0130\u0130 intermediate chec\u212apoints\u0130; \u212a weights coming soon \u0130\n",
]


def _generated(count: int) -> list[str]:
    """Texts strung together from phrase fragments, case changes and characters whose lower case
    is no single character of their own kind (a fixed seed: the same texts every run)."""
    import random

    pieces = ["open", "OPEN", "Open", " ", "-", "source", "Sourced", "weight", "WEIGHTS", "s", "d", "x",
              "fully", "Fully ", "free for commercial use", "commercial use is permitted", "intermediate ",
              "checkpoint", "chec\u212apoint", "\u0130", "\u212a", "\u0307", "é", "😀", "Σ", "_", "?",
              "\n", "\r\n", "not yet released", "coming soon", "does not contain", "do not host", ". "]
    rng = random.Random(7)
    return ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 60))) for _ in range(count)]


def test_the_folded_search_agrees_on_generated_texts() -> None:
    differ = [text for text in _generated(3000) if _phrase_hits(text) != plain_phrase_hits(text)]
    assert not differ, differ[:5]


@pytest.mark.parametrize("text", _TEXTS)
def test_the_folded_search_finds_what_the_lower_cased_search_finds(text: str) -> None:
    assert _phrase_hits(text) == plain_phrase_hits(text)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the real card corpus is not present")
def test_the_folded_search_agrees_on_the_corpus() -> None:
    differ = [path.name for path in sorted(CORPUS.glob("*.md"))
              if _phrase_hits(text := Path(path).read_text(encoding="utf-8", errors="replace"))
              != plain_phrase_hits(text)]
    assert not differ, differ[:10]


def test_a_long_text_with_thousands_of_dotted_capitals_agrees() -> None:
    """Each ``İ`` folds to two bytes: a text holding thousands of them, and Kelvin signs, far
    apart and side by side, is folded as a whole, with the phrases past every one of them."""
    dotted, kelvin = "\u0130", "\u212a"
    text = "".join(f"{dotted * (i % 3)}x{i} open source {kelvin} weights coming soon. {'y' * (i % 50)}\n"
                   for i in range(4000))
    found = _phrase_hits(text)
    assert found == plain_phrase_hits(text)
    assert len(found) == 8000
