"""Claims a Hugging Face card makes about its own model, located at their line, and the
openwashing and license rules they feed."""

from __future__ import annotations

import pytest

from modelcards.analysis import analyze
from modelcards.readers.dispatch import Source, read_text

CARD = """---
license: {license}
library_name: transformers
{extra}---
# Acme-7B

{body}
"""


def card(body: str, license: str = "llama2", extra: str = "") -> Source:
    return read_text(CARD.format(body=body, license=license, extra=extra), "acme/Acme-7B/README.md")


def claims(body: str, **kw: str) -> dict:
    return analyze(card(body, **kw)).to_dict().get("claims", {})


@pytest.mark.parametrize(("body", "key"), [
    ("Acme-7B is a fully open-source language model.", "open_source"),
    ("This model is open source.", "open_source"),
    ("We open-source the model to help research.", "open_source"),
    ("Today the Acme team officially open-sourced the latest model, Acme-7B.", "open_source"),
    ("We open-source our Acme series: Acme-1B, Acme-7B and Acme-70B.", "open_source"),
    ("Acme is an open-weight model for chat.", "open_weights"),
    ("Our open weights model runs on a laptop.", "open_weights"),
    ("This model is free for commercial use.", "commercial_use"),
    ("Commercial use is permitted.", "commercial_use"),
])
def test_phrases_about_this_model_are_claims_at_their_line(body: str, key: str) -> None:
    assert claims(body) == {key: {"value": True, "line": 7, "text": body}}


@pytest.mark.parametrize("body", [
    "Built with the open-source library transformers.",
    "Thanks to the open source community.",
    "It outperforms other open-source models of its size.",
    "SpeechBrain is an open-source toolkit.",
    "Our tools are open sourced for the community.",
    "Among open-weight models it ranks first.",
    "```\nthis model is open source\n```",
    "<!-- This model is open source -->",
])
def test_libraries_communities_other_models_code_and_comments_are_not_claims(body: str) -> None:
    assert claims(body) == {}


def test_makers_open_sourcing_another_model_is_not_this_models_claim() -> None:
    """The claim is the line that open-sources this model, not an earlier line about a sibling:
    "we open-sourced Acme-3B" on Acme-7B's card says nothing of Acme-7B."""
    assert claims("In May, we open-sourced the code model Acme-3B-v1.") == {}
    body = "In May, we open-sourced Acme-3B-v1.\n\nToday our team officially open-sourced Acme-7B."
    assert claims(body) == {"open_source": {"value": True, "line": 9,
                                            "text": "Today our team officially open-sourced Acme-7B."}}


def test_a_negation_claims_the_opposite() -> None:
    assert claims("Acme-7B is not open source.")["open_source"]["value"] is False
    assert claims("This model is not free for commercial use.")["commercial_use"]["value"] is False


def test_the_open_source_tag_is_a_claim_at_the_tags_line() -> None:
    found = claims("Acme.", extra="tags:\n- open-source\n")
    assert found == {"open_source": {"value": True, "line": 4, "text": "tags: open-source"}}


def test_a_text_claim_is_located_on_the_openwashing_finding() -> None:
    findings = analyze(card("Some text.\n\nAcme-7B is a fully open model.")).findings
    assert [(f.rule, f.line) for f in findings if f.rule == "OPEN001"] == [("OPEN001", 9)]
    assert not [f for f in analyze(card("Some text.")).findings if f.rule == "OPEN001"]


def test_an_open_weights_claim_on_gated_weights_is_open003_at_the_claim() -> None:
    source = card("Acme is an open-weight model.", license="apache-2.0", extra="extra_gated_prompt: agree\n")
    assert [(f.rule, f.line) for f in analyze(source).findings if f.rule == "OPEN003"] == [("OPEN003", 8)]
    plain = card("Acme is an open-weight model.", license="apache-2.0")
    assert not [f for f in analyze(plain).findings if f.rule == "OPEN003"]


def test_the_release_holds_the_claim_for_the_rules_and_where_it_was_found() -> None:
    release = card("This model is open source.").release
    assert release.claims.open_source is True
    assert release.claims.evidence["open_source"].line == 7


def test_claim_phrases_are_judged_on_a_bounded_number_of_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """A card that repeats a claim phrase on thousands of lines costs a bounded number of
    judgements; a claim within the bound is still found."""
    from modelcards.readers import card_evidence

    judged: list[str] = []
    real = card_evidence._about_this_model
    monkeypatch.setattr(card_evidence, "_about_this_model", lambda hit, names, own: judged.append(hit.context)
                        or real(hit, names, own))
    noise = "\n\n".join(f"Tool {i} is an open-source library." for i in range(3 * card_evidence.MOST_JUDGED))
    assert claims(noise) == {}
    assert len(judged) == card_evidence.MOST_JUDGED
    found = claims("\n\n".join(["Tool 1 is an open-source library."] * 5 + ["This model is open source."]))
    assert found["open_source"]["value"] is True
