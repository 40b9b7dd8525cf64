"""OSAID verdicts and claims checked against facts."""

from __future__ import annotations

from modelcards.analysis import analyze
from modelcards.schema import Release

OPEN_CODE = {c: {} for c in ("data-preprocessing-code", "training-code", "inference-code", "model-architecture")}


def rules(rel: Release) -> set[str]:
    return {f.rule for f in analyze(rel).findings}


def test_osaid_needs_data_information_code_and_parameters():
    weights_only = Release.model_validate({"name": "W", "license": "Apache-2.0",
                                           "artifacts": {"model-parameters-final": {}}})
    osaid = analyze(weights_only).osaid
    assert osaid is not None and not osaid.meets
    assert dict(osaid.elements) == {"data-information": False, "code": False, "parameters": True}
    assert osaid.missing[0] == "data information: no training dataset is listed"
    full = Release.model_validate({
        "name": "F", "license": "Apache-2.0",
        "artifacts": {**OPEN_CODE, "model-parameters-final": {}, "data-card": {"license": "CC-BY-4.0"}},
        "datasets": [{"id": "d", "license": "CC-BY-NC-4.0", "location": "https://example.org/d"}],
    })
    # OSAID asks for data *information*, not open data: a described dataset suffices.
    verdict = analyze(full).osaid
    assert verdict is not None and verdict.meets and verdict.missing == ()


def _data_gap(datasets: list[dict], artifacts: dict) -> str:
    release = Release.model_validate({"name": "D", "license": "Apache-2.0", "datasets": datasets,
                                      "artifacts": {"model-parameters-final": {}, **artifacts}})
    osaid = analyze(release).osaid
    assert osaid is not None and not osaid.elements["data-information"]
    return osaid.missing[0]


def test_osaid_data_gap_names_the_half_that_is_missing():
    located = {"id": "d", "license": "CC-BY-NC-4.0", "location": "https://example.org/d"}
    bare = {"id": "our in-house web crawl", "license": "CC-BY-NC-4.0"}  # a description: no id, no location
    # datasets with locations but no document about them: the gap is the document, not the locations
    gap = _data_gap([located], {})
    assert "no open data card, technical report or research paper" in gap and "no location" not in gap
    # a technical report, but a dataset nobody can find: the gap is the dataset's description
    report = {"technical-report": {"license": "CC-BY-4.0"}}
    gap = _data_gap([located, bare], report)
    assert "some training datasets have no location, data card or description" in gap
    assert "technical report" not in gap
    gap = _data_gap([bare], {})
    assert "the training datasets have no location" in gap and "no open data card" in gap
    # a public dataset named by its Hub id is located (the Hub serves it); a withheld one is not
    hub = {"id": "someorg/web-corpus"}
    assert "no location" not in _data_gap([hub], {})
    assert "no location" not in _data_gap([{"id": "wikipedia", "license": "CC-BY-NC-4.0"}], {})  # a legacy Hub id
    assert "the training datasets have no location" in _data_gap([{**hub, "availability": "not-released"}], {})
    assert "no location" not in _data_gap([{"id": "https://github.com/someorg/corpus"}], {})  # a URL as its id


def test_osaid_requires_osi_approved_terms_not_just_open_content_licenses():
    rel = Release.model_validate({
        "name": "C", "license": "Apache-2.0",
        "artifacts": {**OPEN_CODE, "model-parameters-final": {"license": "CC-BY-4.0"}, "datasets": {}},
    })
    osaid = analyze(rel).osaid
    assert osaid is not None and osaid.elements["parameters"] is False


def test_open_source_claim_without_osaid_is_an_error():
    rel = Release.model_validate({"name": "X", "license": "Apache-2.0", "claims": {"open_source": True},
                                  "artifacts": {"model-parameters-final": {}}})
    report = analyze(rel)
    errors = [f for f in report.findings if f.severity == "error"]
    assert [f.rule for f in errors] == ["OPEN001"]
    assert "OPEN002" not in rules(rel)  # the stronger finding replaces the weaker


def test_open_weights_claim_under_a_model_license_is_an_error():
    rel = Release.model_validate({"name": "L", "license": "llama3.1", "claims": {"open_weights": True},
                                  "artifacts": {"model-parameters-final": {}}})
    assert "OPEN003" in rules(rel)


def test_open_data_claim_with_undisclosed_data():
    rel = Release.model_validate({"name": "D", "license": "MIT", "claims": {"open_data": True},
                                  "datasets": [{"id": "secret", "availability": "not-released"}]})
    assert "OPEN004" in rules(rel)


def test_no_claims_no_openwashing():
    rel = Release.model_validate({"name": "N", "license": "llama2", "artifacts": {"model-parameters-final": {}}})
    assert not [f for f in analyze(rel).findings if f.kind == "openwashing"]
