"""MOF 1.0 classification rules and edge cases, on releases written for these tests."""

from __future__ import annotations

import pytest

from modelcards.analysis import analyze
from modelcards.openness.mof import classify
from modelcards.openness.status import component_statuses
from modelcards.schema import Release

CLASS3 = ["model-architecture", "model-parameters-final", "model-card", "data-card", "technical-report",
          "evaluation-results"]
CLASS2 = ["training-code", "inference-code", "evaluation-code", "evaluation-data"]
CLASS1 = ["data-preprocessing-code", "model-parameters-intermediate", "datasets", "research-paper"]


def release(artifacts: dict, **extra) -> Release:
    return Release.model_validate({"name": "T", "artifacts": artifacts, **extra})


def mof_of(rel: Release):
    return classify(component_statuses(rel))


def all_of(ids, **fields):
    return {cid: dict(fields) for cid in ids}


def test_class_three_needs_every_required_class_three_component():
    result = mof_of(release(all_of(CLASS3), license="Apache-2.0"))
    assert (result.mof_class, result.label) == (3, "Class III - Open Model")
    assert result.progress == {1: 0, 2: 60, 3: 100}  # 6 of the 10 class-II requirements


def test_classes_are_cumulative():
    assert mof_of(release(all_of(CLASS3 + CLASS2), license="Apache-2.0")).mof_class == 2
    assert mof_of(release(all_of(CLASS3 + CLASS2 + CLASS1), license="Apache-2.0")).mof_class == 1
    # class I and II components without class III's give no class at all
    assert mof_of(release(all_of(CLASS2 + CLASS1), license="Apache-2.0")).mof_class is None


def test_research_paper_stands_in_for_a_missing_technical_report():
    ids = [c for c in CLASS3 if c != "technical-report"] + ["research-paper"]
    result = mof_of(release(all_of(ids), license="Apache-2.0"))
    assert result.mof_class == 3
    # class II progress counts the report as present through the paper: 6 of 10
    assert result.progress[2] == pytest.approx(60)


def test_substituted_report_is_dropped_from_the_class_one_count():
    ids = [c for c in CLASS3 if c != "technical-report"] + CLASS2 + ["research-paper"]
    result = mof_of(release(all_of(ids), license="Apache-2.0"))
    assert result.mof_class == 2
    assert result.progress[1] == pytest.approx(100 * 10 / 13)


def test_report_present_counts_fourteen_for_class_one():
    result = mof_of(release(all_of(CLASS3 + CLASS2), license="Apache-2.0"))
    assert result.progress[1] == pytest.approx(100 * 10 / 14)


def test_progress_is_zero_until_every_higher_class_is_complete():
    result = mof_of(release(all_of(CLASS3[:3] + CLASS2 + CLASS1), license="Apache-2.0"))
    assert result.mof_class is None
    # 3 of 6, plus the technical report through the research paper
    assert result.progress == {1: 0, 2: 0, 3: pytest.approx(100 * 4 / 6)}


def test_optional_components_do_not_count():
    result = mof_of(release(all_of(["sample-outputs", "supporting-libraries", "model-metadata"]), license="MIT"))
    assert result.progress[3] == 0


def test_no_license_anywhere_means_unlicensed():
    statuses = component_statuses(release(all_of(CLASS3)))
    assert {s.status for cid, s in statuses.items() if cid in CLASS3} == {"unlicensed"}
    assert mof_of(release(all_of(CLASS3))).mof_class is None


def test_empty_license_string_is_unlicensed():
    statuses = component_statuses(release({"model-card": {"license": "  "}}, license="Apache-2.0"))
    assert statuses["model-card"].status == "unlicensed"


def test_explicit_unlicensed_overrides_the_global_license():
    statuses = component_statuses(release({"model-card": {"license": "unlicensed"}}, license="Apache-2.0"))
    assert statuses["model-card"].status == "unlicensed"


def test_component_license_beats_content_type_default_beats_global():
    rel = release(
        {"model-card": {}, "data-card": {"license": "CC-BY-NC-4.0"}, "model-architecture": {}},
        license="llama2",
        licenses={"document": "CC-BY-4.0"},
    )
    statuses = component_statuses(rel)
    assert (statuses["model-card"].status, statuses["model-card"].license_text) == ("included", "CC-BY-4.0")
    assert (statuses["data-card"].status, statuses["data-card"].license_text) == ("restricted", "CC-BY-NC-4.0")
    assert statuses["model-architecture"].status == "restricted"  # falls back to llama2


def test_not_released_is_missing_and_gated_is_restricted():
    rel = release(
        {"model-parameters-final": {"availability": "gated"}, "datasets": {"availability": "not-released"}},
        license="Apache-2.0",
    )
    statuses = component_statuses(rel)
    assert statuses["model-parameters-final"].status == "restricted"
    assert statuses["datasets"].status == "missing"
    report = analyze(rel)
    assert any(f.rule == "MOF002" and f.subject == "model-parameters-final" for f in report.findings)


def test_unknown_license_is_not_open():
    statuses = component_statuses(release({"model-card": {"license": "Some Custom License"}}))
    assert statuses["model-card"].status == "restricted"


def test_or_expression_is_open_when_any_choice_is_open():
    statuses = component_statuses(release({"training-code": {"license": "MIT OR llama2"}}))
    assert statuses["training-code"].status == "included"
    statuses = component_statuses(release({"training-code": {"license": "MIT AND llama2"}}))
    assert statuses["training-code"].status == "restricted"


def test_software_license_on_a_dataset_counts_with_a_warning():
    rel = release({"datasets": {"license": "MIT"}, "model-parameters-final": {"license": "MIT"}})
    assert component_statuses(rel)["datasets"].status == "included"
    misfits = [f.subject for f in analyze(rel).findings if f.rule == "MOF004"]
    assert misfits == ["datasets"]  # weights under a software license are conventional


def test_datasets_component_is_derived_from_the_dataset_list():
    rel = release({}, datasets=[
        {"id": "a", "license": "ODC-By-1.0"},
        {"id": "b", "license": "CC-BY-NC-4.0"},
        {"id": "e", "role": "evaluation", "license": "MIT"},
    ])
    statuses = component_statuses(rel)
    assert statuses["datasets"].status == "restricted"  # only as open as its least open dataset
    assert statuses["datasets"].license_text == "ODC-By-1.0 AND CC-BY-NC-4.0"
    assert statuses["evaluation-data"].status == "included"


def test_next_class_gaps_are_listed():
    report = analyze(release(all_of(CLASS3[:4]), license="Apache-2.0"))
    gaps = [f for f in report.findings if f.rule == "MOF005"]
    assert len(gaps) == 1
    assert "technical-report (missing)" in gaps[0].message
    assert "evaluation-results (missing)" in gaps[0].message


def test_unlicensed_component_is_reported():
    report = analyze(release({"model-card": {"license": "unlicensed"}}, license="MIT"))
    assert [(f.rule, f.subject) for f in report.findings if f.rule == "MOF001"] == [("MOF001", "model-card")]
    assert "model-card is released without a license" in next(f.message for f in report.findings if f.rule == "MOF001")


def test_restricted_license_is_reported_with_the_license_named():
    report = analyze(release({"model-parameters-final": {}}, license="gemma"))
    restricted = [f for f in report.findings if f.rule == "MOF003"]
    assert [f.subject for f in restricted] == ["model-parameters-final"]
    assert "LicenseRef-scancode-gemma-tou-2024-04-01" in restricted[0].message
    assert not [f for f in analyze(release({"model-parameters-final": {}}, license="MIT")).findings
                if f.rule == "MOF003"]


def test_metadata_rules_for_missing_license_and_missing_weights():
    bare = analyze(Release.model_validate({"name": "Bare"}))
    assert {"META001", "META002"} <= {f.rule for f in bare.findings}
    full = analyze(release({"model-parameters-final": {}}, license="MIT"))
    assert not {"META001", "META002"} & {f.rule for f in full.findings}


def test_the_stand_in_is_the_frameworks_substitution_not_a_fixed_pair(monkeypatch):
    """Which component stands in for which is read from mof-1.0.yaml's ``substitutions``: without
    it, a research paper no longer stands in for a missing technical report."""
    from modelcards.openness.components import mof

    ids = [c for c in CLASS3 if c != "technical-report"] + ["research-paper"]
    assert mof().substitutions == {"technical-report": "research-paper"}
    assert mof_of(release(all_of(ids), license="Apache-2.0")).mof_class == 3

    from modelcards.openness import mof as mof_module

    without = mof()._replace(substitutions={})
    monkeypatch.setattr(mof_module, "mof", lambda: without)
    result = mof_of(release(all_of(ids), license="Apache-2.0"))
    assert result.mof_class is None
    assert [g.component.id for g in result.missing_for(3)] == ["technical-report"]


def test_the_report_gives_every_component_its_place_status_and_license():
    report = analyze(release({"model-parameters-final": {}, "datasets": {"license": "CC-BY-NC-4.0"},
                              "training-code": {"availability": "gated"}}, license="Apache-2.0"))
    verdict = report.mof
    assert verdict is not None and len(verdict.components) == 17
    assert [c.id for c in verdict.components][:3] == ["model-architecture", "model-parameters-final", "model-card"]
    weights = verdict.component("model-parameters-final")
    assert (weights.mof_class, weights.required, weights.content_type, weights.status, weights.license) == (
        3, True, "data", "included", "Apache-2.0")
    assert weights.mot_name == "Model parameters (Final)"
    assert verdict.component("datasets").status == "restricted"
    assert verdict.component("datasets").license == "CC-BY-NC-4.0"
    assert verdict.component("training-code").status == "restricted"
    assert (verdict.component("research-paper").status, verdict.component("research-paper").license) == (
        "missing", None)
    assert verdict.mof_class is None and verdict.label == "Unclassified"
    assert dict(verdict.progress) == {1: 0, 2: 0, 3: pytest.approx(100 / 6)}
