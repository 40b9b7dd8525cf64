"""Evidence and claims on a card whose one line holds thousands of links or phrases: each link's
evidence is kept once and in order, the line's claim is judged as for one phrase, and the
judgements kept for long lines (``literal_gate.short_cache``) are the plain ones whichever order
lines are asked in."""

from __future__ import annotations

import random

from modelcards.readers import card_evidence as ce
from modelcards.readers.hub_card import read_card, split
from modelcards.readers.literal_gate import short_cache


def _evidence(text: str) -> dict[str, list[dict]]:
    card = split(text, "README.md")
    found = ce.components(card.metadata, card.scan, {}, frozenset({"acme"}))
    return {cid: entry["evidence"] for cid, entry in found.items()}


def test_thousands_of_paper_links_on_one_line_are_each_evidence_once_in_order() -> None:
    ids = [f"2401.{i:05d}" for i in range(3000)]
    line = " ".join(f"Our paper https://arxiv.org/abs/{i}" for i in [*ids, *ids[:50]])  # the first 50 twice
    evidence = _evidence(f"# Acme\n\n{line}\n")["research-paper"]
    assert [e["url"] for e in evidence] == [f"https://arxiv.org/abs/{i}" for i in ids]
    assert {e["line"] for e in evidence} == {3}


def test_thousands_of_code_links_on_one_line_each_count() -> None:
    line = " ".join(f"Our training code: https://github.com/acme/train{i}" for i in range(2000))
    evidence = _evidence(f"# Acme\n\n## Code\n\n{line}\n")["training-code"]
    assert [e["url"] for e in evidence] == [f"https://github.com/acme/train{i}" for i in range(2000)]


def test_a_long_line_of_phrases_claims_what_its_first_phrase_claims() -> None:
    release, _card = read_card("# Acme\n\n" + "Acme is an open source model. " * 4000 + "\n", "README.md")
    assert release.claims.open_source is True
    release, _card = read_card("# Acme\n\n" + "The library is open source. " * 4000 + "\n", "README.md")
    assert release.claims.open_source is None


def test_evidence_written_in_another_key_order_is_the_same_evidence() -> None:
    found = ce.Found()
    ce._add(found, "research-paper", {"url": "u", "line": 1, "basis": "inferred"})
    ce._add(found, "research-paper", {"basis": "inferred", "line": 1, "url": "u"})
    ce._add(found, "research-paper", {"url": "u", "line": 2, "basis": "inferred"})
    ce._add(found, "technical-report", {"url": "u", "line": 1, "basis": "inferred"})
    assert [e["line"] for e in found["research-paper"]["evidence"]] == [1, 2]
    assert len(found["technical-report"]["evidence"]) == 1


def test_long_arguments_are_judged_as_the_plain_judge_does_in_any_order() -> None:
    calls: list[str] = []

    def judge(text: str) -> int:
        calls.append(text)
        return len(text) * 7 + text.count("b")

    kept = short_cache(judge)
    rng = random.Random(1)
    texts = ["a" * 600, "b" * 700, "ab" * 400, "c" * 501, "b" * 900, "x", "y" * 500, "a" * 600 + "b"]
    for text in rng.choices(texts, k=500):
        assert kept(text) == len(text) * 7 + text.count("b")
    assert len(calls) < 500  # the latest long ones were kept, not judged again


def test_links_under_a_heading_of_half_a_megabyte_are_judged_by_it() -> None:
    links = "".join(f"Our paper https://arxiv.org/abs/2401.{i:05d}\n" for i in range(500))
    long_title = "word " * 100000
    found = _evidence(f"# Acme\n\n## {long_title}\n\n{links}")
    assert len(found["research-paper"]) == 500
    found = _evidence(f"# Acme\n\n## {long_title}related work\n\n{links}")
    assert "research-paper" not in found and "technical-report" not in found
    found = _evidence(f"# Acme\n\n## {long_title}report\n\n{links}")
    assert len(found["technical-report"]) == 500
