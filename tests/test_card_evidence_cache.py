"""The judgements ``card_evidence`` keeps per line (``literal_gate.short_cache``) and its
``_paper_of_model`` gate give what the plain searches give: on written lines, asked twice (the
second answer comes from the cache), and on lines too long to be kept."""

from __future__ import annotations

import pytest

from modelcards.readers import card_evidence as ce

LINES = [
    "", "| a | b |", "Our paper: https://arxiv.org/abs/1", "see the technical report", "We present X",
    "This is the RAG-Token Model of the paper", "introduced in the paper [x](y)", "a fine-tuned version of",
    "based on the original method", "trained using the official training scripts", "our repository",
    "the GitHub code", "merged with mergekit", "evaluation code", "data preprocessing pipeline",
    "pre-training code", "the modelling code", "implementation", "nothing here", "caf\u00e9 code",
    "\u212aelvin paper", "ba\u017fed on", "OUR OFFICIAL REPO", "We Release the source",
]
LONG = [line + " padding" * 80 for line in LINES]

CACHED = [
    (ce._presents_own_paper, ce._OWN_PAPER), (ce._credits_tool, ce._TOOL_LINE), (ce._says_ours, ce._OURS),
    (ce._presents_code, ce._OWN_CODE),
]


@pytest.mark.parametrize(("judge", "pattern"), CACHED, ids=lambda x: getattr(x, "__name__", "pattern"))
def test_a_kept_judgement_is_its_pattern_search(judge, pattern) -> None:
    for line in [*LINES, *LONG] * 2:
        assert judge(line) == (pattern.search(line) is not None), line


def test_a_kept_line_judgement_is_the_plain_one() -> None:
    for line in [*LINES, *LONG] * 2:
        assert ce._not_own_line(line) == bool(ce._NOT_OWN_LINE.search(line)), line
        want = next((cid for cid, wording in ce._CODE_KINDS if wording.search(line)), None)
        assert ce._code_kind(line) == want, line


def test_the_paper_of_model_gate_finds_the_plain_match() -> None:
    for line in [*LINES, *LONG, *(line.upper() for line in LINES)]:
        got, want = ce._paper_of_model(line), ce._PAPER_OF_MODEL.search(line)
        assert (got is None) == (want is None), line
        if want is not None:
            assert got.span() == want.span(), line
