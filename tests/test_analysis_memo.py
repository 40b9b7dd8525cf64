"""Openness verdicts and license-rule hits are memoised across releases (batch audits meet the
same license combinations card after card): the memo must never hand one release another's
verdicts or findings."""

from __future__ import annotations

from typing import Any

from modelcards import analysis
from modelcards.analysis import analyze
from modelcards.rules.registry import RULES
from modelcards.schema import Release

BASE: dict[str, Any] = {
    "name": "Llama-3-Example",
    "license": "llama3",
    "base_models": [{"id": "meta-llama/Meta-Llama-3-8B", "relation": "finetune"}],
    "artifacts": {"model-parameters-final": {}, "data-card": {"license": "CC-BY-4.0"}},
    "datasets": [{"id": "org/web", "role": "pretraining", "license": "CC-BY-4.0", "availability": "gated"}],
}

# One variant per input the openness verdicts read; each changes the verdicts or findings.
VARIANTS: dict[str, dict[str, Any]] = {
    "base": BASE,
    "open-source claim": {**BASE, "claims": {"open_source": True}},
    "open-weights claim": {**BASE, "claims": {"open_weights": True}},
    "open-data claim": {**BASE, "claims": {"open_data": True}},
    "described dataset": {**BASE, "datasets": [{**BASE["datasets"][0], "location": "https://example.org/web"}]},
    "architecture stated": {**BASE, "model": {"architecture": "transformer decoder"}},
    "other license": {**BASE, "license": "Apache-2.0"},
    "gated weights": {**BASE, "artifacts": {**BASE["artifacts"], "model-parameters-final": {"availability": "gated"}}},
    "evaluation dataset": {**BASE, "datasets": [{**BASE["datasets"][0], "role": "evaluation"}]},
    "no data card": {**BASE, "artifacts": {"model-parameters-final": {}}},
    "other name": {**BASE, "name": "Example"},  # release-scope rules still see each release
    # what the licenses-scope rules read
    "other, unnamed": {**BASE, "license": "other"},
    "other, named": {**BASE, "license": "other", "license_name": "llama3"},
    "other, named and linked": {**BASE, "license": "other", "license_name": "llama3",
                                "license_link": "https://example.org/LICENSE"},
    "weights license": {**BASE, "artifacts": {**BASE["artifacts"], "model-parameters-final": {"license": "MIT"}}},
    "code license": {**BASE, "licenses": {"code": "no-such-code-license"}},
    "data license": {**BASE, "licenses": {"data": "no-such-data-license"}},
    "document license": {**BASE, "licenses": {"document": "no-such-document-license"}},
    "dataset license": {**BASE, "datasets": [{**BASE["datasets"][0], "license": "CC-BY-NC-4.0"}]},
    "dataset id": {**BASE, "datasets": [{**BASE["datasets"][0], "id": "org/other", "license": "CC-BY-NC-4.0"}]},
    "base model": {**BASE, "base_models": [{"id": "google/gemma-2-9b", "relation": "finetune"}]},
    "base license": {**BASE, "base_models": [{"id": "org/unknown-base", "license": "MIT"}]},
    "commercial claim": {**BASE, "datasets": [{**BASE["datasets"][0], "license": "CC-BY-NC-4.0"}],
                         "claims": {"commercial_use": True}},
    "osi claim": {**BASE, "claims": {"osi_approved": True}},
}


def _fresh(data: dict[str, Any]) -> dict[str, Any]:
    analysis.clear_memos()
    return analyze(Release.model_validate(data)).to_dict()


def test_every_variant_gets_its_own_verdicts_from_a_warm_memo() -> None:
    fresh = {name: _fresh(data) for name, data in VARIANTS.items()}
    for data in VARIANTS.values():  # warm the memo with every variant
        analyze(Release.model_validate(data))
    for name, data in VARIANTS.items():
        assert analyze(Release.model_validate(data)).to_dict() == fresh[name], name
    # the variants really differ, so a key that missed one of these inputs would fail above
    as_text = [repr(report) for report in fresh.values()]
    assert len(set(as_text)) == len(as_text)


def test_a_report_can_be_edited_without_touching_the_next_one() -> None:
    release = Release.model_validate(BASE)
    first = analyze(release)
    first.openness["mof"]["components"]["model-parameters-final"]["status"] = "edited"
    first.openness["osaid"]["missing"].clear()
    second = analyze(release)
    assert second.openness["mof"]["components"]["model-parameters-final"]["status"] != "edited"
    assert second.openness["osaid"]["missing"]


def test_memoised_hits_are_placed_by_each_call_whatever_came_before():
    """A card cannot place findings on lines and gets the memo's ready-made findings; a manifest
    analysed with the same key afterwards (or before) must still get its own lines."""
    release = Release.model_validate({**VARIANTS["commercial claim"], "license": "other"})

    def at_line_7(loc: tuple[object, ...]) -> tuple[int | None, int | None]:
        return 7, 3

    for order in ("card first", "manifest first"):
        analysis.clear_memos()
        calls = [None, at_line_7] if order == "card first" else [at_line_7, None]
        reports = {locate: analyze(release, locate=locate) for locate in calls}
        card, manifest = reports[None].findings, reports[at_line_7].findings
        assert all(f.line is None for f in card), order
        placed = [f for f in manifest if f.line is not None]
        assert all((f.line, f.column) == (7, 3) for f in placed), order
        scopes = {RULES[f.rule].scope for f in placed}
        assert {"openness", "licenses"} <= scopes, order  # memoised scopes, not only per-release rules
        assert [(f.rule, f.subject, f.message) for f in manifest] == [(f.rule, f.subject, f.message) for f in card]


def test_base_model_chains_are_told_apart_by_id_relation_and_license() -> None:
    """Chains are memoised on each base model's id, relation and license: a release that names
    the same base with another relation or license must get its own chain."""
    from modelcards.licenses.lineage import base_chain

    def chain(**base: str) -> tuple[Any, ...]:
        return base_chain(Release.model_validate({"name": "x", "base_models": [{"id": "org/base", **base}]}))

    plain, licensed, merged = chain(), chain(license="MIT"), chain(relation="merge")
    assert plain[0].license is None and plain[0].relation == "finetune"
    assert licensed[0].license is not None and licensed[0].license.canonical == "MIT"
    assert merged[0].relation == "merge"
    assert base_chain(Release.model_validate({"name": "x"})) == ()
