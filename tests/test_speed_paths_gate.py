"""The literal-gated searches and the matchers of the card evidence and the body scan
(``readers/literal_gate.py``) find exactly what their plain patterns find: on hand-written lines
that hold each pattern's words in every case, next to and inside other words, on non-ASCII lines
that fold to the words, and on every line of the real corpus when it is present."""

from __future__ import annotations

import random
import re

import pytest

from modelcards.readers import card_evidence, card_scan
from modelcards.readers.literal_gate import gated, matcher

from conftest import ROOT

CORPUS = ROOT.parent / "shared" / "corpora" / "hf-cards" / "cards"

GATES = [card_evidence._not_own_words, card_evidence._own_paper, card_evidence._paper_of_model,
         card_evidence._tool_line, card_evidence._ours, card_evidence._own_code,
         *(search for _cid, search in card_evidence._code_kinds)]
MATCHERS = [card_evidence._not_own_section, card_evidence._citation, card_evidence._eval_section,
            card_evidence._negated, card_evidence._names_weights, card_scan._cites.__wrapped__]

LINES = [
    "", "|", "| a | b |", "x | y", "Based On Llama", "This is the BASE MODEL.", "the Original weights",
    "our method", "Inspired by X", "the following", "a version of Y", "fine-tuned from Z", "finetunned of Z",
    "Initialised from W", "derived from V", "baseline", "proposed by U", "Thanks to T", "credits", "Quantized",
    "Quantised", "our paper", "Our Technical Report", "tech report", "Paper: x", "paper **: x", "We present",
    "this paper", "accompanying paper", "[paper](x)", "using", "with", "via", "merged", "web ui", "WebUI",
    "intended for use", "datasets", "compatible", "supports", "official", "we release", "repository",
    "code", "GitHub", "source", "implementation", "training", "script", "preprocessing", "data pipeline",
    "dedup", "evaluation", "benchmark", "pre-train", "architecture", "modelling code", "modeling code",
    "nothing to see here", "paperwork", "ourselves", "withdrawn", "sourcery",
    # non-ASCII: U+212A KELVIN SIGN and U+017F LONG S fold to "k" and "s" case-insensitively
    "\u212aelvin based on", "ba\u017eed on", "ba\u017fed on", "thread\u017f", "Quanti\u017fed", "café code",
    "trai\u0130n", "\u0130nitialized from",
    # headings and clauses the matchers judge
    "Citation", "BibTeX", "Papers", "paper", "Publications", "Related Work", "References", "Acknowledgements",
    "Base Model", "Original Model Card", "Quantization", "Credits", "Prior work", "Background", "Software",
    "Community", "Evaluation Results", "Benchmarks", "Performance", "Leaderboard", "Training Data",
    "it is not", "isn't", "never", "no longer", "neither", "no", "the weights", "checkpoint", "model files",
    "Weights\u212a", "\u212aheckpoint", "Ci\u0130tation", "not_yet", "no\n",
]


def _variants(line: str) -> list[str]:
    return [line, line.upper(), line.title(), f"x{line}y", f"see {line}.", f"{line}\u00e9"]


def _written_lines(seed: int) -> list[str]:
    """The written lines in their variants, and 2,000 random runs of them."""
    rng = random.Random(seed)
    lines = [v for line in LINES for v in _variants(line)]
    return lines + [" ".join(rng.choice(LINES) for _ in range(rng.randint(1, 6))) for _ in range(2000)]


@pytest.mark.parametrize("search", GATES, ids=lambda s: s.pattern.pattern[:30])
def test_gated_search_agrees_with_its_pattern_on_written_lines(search) -> None:
    for line in _written_lines(seed=7):
        got, want = search(line), search.pattern.search(line)
        assert (got is None) == (want is None), line
        if want is not None:
            assert got.span() == want.span(), line


@pytest.mark.parametrize("matches", MATCHERS, ids=lambda m: m.pattern.pattern[:30])
def test_matcher_agrees_with_its_pattern_on_written_lines(matches) -> None:
    for line in _written_lines(seed=3):
        assert matches(line) == (matches.pattern.search(line) is not None), line


def test_a_pattern_with_upper_case_literals_is_refused() -> None:
    with pytest.raises(ValueError):
        matcher(re.compile(r"\bFoo\b", re.IGNORECASE))
    with pytest.raises(ValueError):
        gated(re.compile(r"[A-Z]x", re.IGNORECASE), ("x",))
    matcher(re.compile(r"\Bfoo\S\W", re.IGNORECASE))  # escapes are not literals


def test_a_gate_needs_one_of_its_words_in_every_alternative() -> None:
    # a word missing from the gate's list hides matches: the gate must not be the oracle of itself
    search = gated(re.compile(r"\bfoo\b|\bbar\b", re.IGNORECASE), ("foo",))
    assert search("a BAR") is None and re.search(r"\bbar\b", "a BAR", re.IGNORECASE)
    assert search("a FOO") is not None
    assert search("a b\u00e4r foo") is not None  # non-ASCII: the pattern decides


def test_not_own_line_agrees_with_its_pattern() -> None:
    rng = random.Random(11)
    lines = [v for line in LINES for v in _variants(line)] + [f"|{line}" for line in LINES] + \
        [" ".join(rng.choice(LINES) for _ in range(rng.randint(1, 6))) for _ in range(2000)]
    for line in lines:
        assert card_evidence._not_own_line(line) == bool(card_evidence._NOT_OWN_LINE.search(line)), line


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no hf-cards corpus")
@pytest.mark.slow  # every corpus card: run by `pytest -m slow` and .ci/run
def test_gated_search_agrees_with_its_pattern_on_the_corpus() -> None:
    lines = {line.strip() for path in sorted(CORPUS.glob("*.md"))[::3]
             for line in path.read_text(encoding="utf-8", errors="replace").splitlines()}
    for search in GATES:
        for line in lines:
            assert (search(line) is None) == (search.pattern.search(line) is None), line
        assert card_evidence._not_own_line(line) == bool(card_evidence._NOT_OWN_LINE.search(line)), line
    for matches in MATCHERS:
        for line in lines:
            assert matches(line) == (matches.pattern.search(line) is not None), line


def test_short_cache_keeps_short_arguments_and_only_the_latest_long_ones() -> None:
    from modelcards.readers.literal_gate import _LONG_KEPT, short_cache

    calls: list[tuple[str, ...]] = []

    def judge(*texts: str) -> int:
        calls.append(texts)
        return sum(map(len, texts))

    cached = short_cache(judge, 8)
    assert cached("ab", "c") == cached("ab", "c") == 3 and len(calls) == 1
    long = "x" * 501
    assert cached(long) == cached(long) == 501 and len(calls) == 2  # the hits of one long line in turn
    for size in range(502, 502 + _LONG_KEPT):
        assert cached("y" * size) == size
    assert cached(long) == 501 and len(calls) == 3 + _LONG_KEPT  # pushed out by later long ones
