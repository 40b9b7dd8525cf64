"""The EU AI Act's duties for general-purpose AI models, as AIA findings under ``eu_ai_act: {gpai: true}``,
with the open-source exemption scoped as Art. 53(2) and 54(6) scope it."""

from __future__ import annotations

import textwrap

import pytest

import modelcards

CLOSED = """\
name: Tiny-1B
license: other
license_name: tiny-license
eu_ai_act: {gpai: true}
"""
OPEN = """\
name: Open-1B
producer: Example Lab
contact: lab@example.org
date: 2025-09-01
license: Apache-2.0
model: {type: language, languages: [en]}
artifacts:
  model-parameters-final: {location: https://huggingface.co/example/open-1b}
  model-architecture: {location: https://github.com/example/open-1b}
  model-card: {location: https://huggingface.co/example/open-1b/blob/main/README.md}
datasets:
  - {id: example/corpus, license: CC-BY-4.0}
"""
COMPLETE_ACT = """\
eu_ai_act:
  gpai: true
  established_in_eu: false
  authorised_representative: Example EU Rep GmbH, rep@example.eu
  copyright_policy: https://example.org/copyright-policy
  tdm_opt_out: robots.txt and the TDM Reservation Protocol honoured at crawl time
  training_data_size: 2T tokens
  illegal_content_removal: URL blocklists and classifier filtering
training_facts:
  compute: {flop: 1.2e23, hours: 180000, energy_kwh: 104000}
"""


def _findings(write, text: str) -> dict[str, list[str]]:
    report = modelcards.check(write("modelcard.yaml", textwrap.dedent(text)))
    found: dict[str, list[str]] = {}
    for finding in report.findings:
        if finding.rule.startswith("AIA"):
            found.setdefault(finding.rule, []).append(finding.message)
    return found


def test_without_the_gpai_declaration_no_duty_is_asked(write):
    assert _findings(write, CLOSED.replace("gpai: true", "gpai: false")) == {}
    assert _findings(write, OPEN) == {}


def test_a_closed_gpai_model_owes_every_duty_each_citing_its_article(write):
    found = _findings(write, CLOSED)
    assert set(found) == {"AIA001", "AIA002", "AIA003", "AIA004"}
    assert [("Art. 53(1)(c)" in m) for m in found["AIA001"]] == [True, True]
    assert any("Art. 54(1)" in m and "is not stated" in m for m in found["AIA002"])
    assert any("producer and contact" in m and "Annex XII" in m for m in found["AIA002"])
    assert sorted("Annex XI 1(2)(d)" in m for m in found["AIA003"]) == [False, True]
    assert any("Annex XI 1(2)(e)" in m for m in found["AIA003"])
    assert all("Art. 53(1)(d)" in m for m in found["AIA004"]) and len(found["AIA004"]) == 8


def test_findings_are_located_at_the_declaration(write):
    path = write("modelcard.yaml", CLOSED)
    report = modelcards.check(path)
    lines = {f.line for f in report.findings if f.rule.startswith("AIA")}
    assert lines == {4}


def test_the_open_source_exemption_lifts_only_annex_xi_and_the_representative(write):
    found = _findings(write, OPEN + "eu_ai_act: {gpai: true, established_in_eu: false}\n")
    # copyright policy (53(1)(c)) and the training summary (53(1)(d)) stay for open-source models
    assert set(found) == {"AIA001", "AIA004"}
    assert len(found["AIA004"]) == 3  # training data size, TDM opt-outs, illegal content


@pytest.mark.parametrize("systemic", ["systemic_risk: true", "presumed"])
def test_no_exemption_for_a_model_with_systemic_risk(write, systemic):
    act = ("eu_ai_act: {gpai: true, systemic_risk: true}\n" if systemic != "presumed" else
           "eu_ai_act: {gpai: true}\ntraining_facts: {compute: {flop: 3.8e25}}\n")  # over 10^25 FLOP, Art. 51(2)
    found = _findings(write, OPEN + act)
    assert {"AIA002", "AIA003"} <= set(found)
    assert any("systemic risk" in m for m in found["AIA003"])
    if systemic == "presumed":  # the FLOP are stated, the energy is not
        assert len(found["AIA003"]) == 1 and "energy" in found["AIA003"][0]


def test_a_restricted_licence_is_no_open_source_exemption(write):
    found = _findings(write, OPEN.replace("license: Apache-2.0", "license: CC-BY-NC-4.0")
                      + "eu_ai_act: {gpai: true, established_in_eu: true}\n")
    assert "AIA003" in found and "AIA002" not in found  # established in the Union: no representative needed


def test_a_fully_stated_release_has_no_aia_finding(write):
    assert _findings(write, OPEN + COMPLETE_ACT) == {}
    assert _findings(write, CLOSED.replace("eu_ai_act: {gpai: true}\n", "") + "producer: Lab\ncontact: a@b.org\n"
                     + "date: 2025-01-01\nmodel: {type: language, languages: [en]}\n"
                     + "datasets: [{id: example/corpus}]\n" + COMPLETE_ACT) == {}


def test_a_published_summary_link_answers_the_template_fields(write):
    found = _findings(write, CLOSED.replace("{gpai: true}", "{gpai: true, training_summary: https://example.org/s}"))
    assert "AIA004" not in found and "AIA001" in found


def test_the_training_summary_carries_the_stated_eu_fields_and_marks_the_rest(tmp_path):
    from modelcards import api

    manifest = tmp_path / "modelcard.yaml"
    manifest.write_text("name: X-1B\nlicense: apache-2.0\neu_ai_act:\n  gpai: true\n"
                        "  authorised_representative: EU Rep GmbH, rep@example.eu\n"
                        "  training_data_size: 2T tokens\n  tdm_opt_out: We honour robots.txt and TDM-Rep.\n",
                        encoding="utf-8")
    api.render(api.read(manifest), tmp_path / "out", formats=["eu"])
    summary = (tmp_path / "out" / "eu-training-summary.md").read_text(encoding="utf-8")
    assert "representative (if established outside the EU):** EU Rep GmbH, rep@example.eu" in summary
    assert "**Training data size:** 2T tokens" in summary
    assert "We honour robots.txt and TDM-Rep." in summary
    removal = summary[summary.index("### 3.2 Removal of illegal content"):]
    assert removal.split("\n\n")[1].startswith("**TODO:** to complete.")  # not stated: never invented
