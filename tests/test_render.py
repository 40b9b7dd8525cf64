"""render: README + modelcard.json from a manifest; hand-written text survives; --check finds drift."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from huggingface_hub import ModelCard

import modelcards

from conftest import EXAMPLES, ROOT

FRONT_MATTER = {
    # example: (license, license_name, training datasets, base models), as each manifest states them
    # and the Hub wants them: Hub ids in lower case, a license the Hub does not list as ``other``
    # with its name; evaluation-only datasets are not training data.
    "bloom": ("bigscience-bloom-rail-1.0", None, ["bigscience-data/roots"], []),
    "falcon-180b": ("other", "falcon-180b-tii-license-1.0", ["tiiuae/falcon-refinedweb", "tiiuae/curated-corpora"],
                    []),
    "falcon-40b": ("apache-2.0", None, ["tiiuae/falcon-refinedweb", "tiiuae/curated-corpora"], []),
    "llama-2-7b": ("llama2", None, ["meta/llama-2-pretraining-mix"], []),
    "meta-llama-3-8b": ("llama3", None, ["meta/llama-3-pretraining-mix"], []),
    "mislabelled-llama3-finetune": ("apache-2.0", None, ["tatsu-lab/alpaca"], ["meta-llama/Meta-Llama-3-8B"]),
    "mistral-7b-v0.1": ("apache-2.0", None, [], []),
    "mixtral-8x7b-v0.1": ("apache-2.0", None, [], []),
    "olmo-7b": ("apache-2.0", None, ["allenai/dolma"], []),
    "openllama-7b": ("apache-2.0", None, ["togethercomputer/RedPajama-Data-1T"], []),
    "pythia-6.9b": ("apache-2.0", None, ["EleutherAI/pile"], []),
}
WITH_ERRORS = {"llama-2-7b", "mislabelled-llama3-finetune"}
"""Examples with error-level findings: render still writes (exit 0) and says so on stderr."""


@pytest.mark.parametrize("manifest", EXAMPLES, ids=lambda p: p.parent.name)
def test_every_example_renders_a_card_huggingface_hub_parses_with_the_manifest_data(manifest, tmp_path, cli):
    name = manifest.parent.name
    assert name in FRONT_MATTER, f"state the expected front matter of the new example {name!r} in FRONT_MATTER"
    license_id, license_name, datasets, base_models = FRONT_MATTER[name]
    result = cli("render", str(manifest), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert ("error-level finding(s)" in result.stderr) == (name in WITH_ERRORS), result.stderr
    release = modelcards.load(str(manifest))
    card = ModelCard.load(tmp_path / "README.md")
    data = card.data.to_dict()
    assert data.get("license") == license_id
    assert data.get("license_name") == license_name
    assert data.get("language", []) == release.model.languages
    assert data.get("pipeline_tag") == release.model.pipeline_tag
    assert data.get("library_name") == release.model.library_name
    assert data.get("base_model", []) == base_models
    assert data.get("datasets", []) == datasets
    assert card.text.count(f"# {release.name}\n") == 1
    assert "## Openness" in card.text and "## License and obligations" in card.text
    # each verdict is its own list item, whatever the class
    assert "\n- **Model Openness Framework:** " in card.text
    assert "\n- **OSI Open Source AI Definition:** " in card.text
    assert cli("render", str(manifest), "-o", str(tmp_path), "--check").exit_code == 0


def test_modelcard_json_validates_against_the_committed_schema(tmp_path, cli):
    import jsonschema

    from modelcards.schema.json_schema import modelcard_json_schema_text

    committed = (ROOT / "schemas" / "modelcard.schema.json").read_text(encoding="utf-8")
    assert committed == modelcard_json_schema_text(), (
        "schemas/modelcard.schema.json is stale: run `python -m modelcards.schema.json_schema`")
    validator = jsonschema.Draft202012Validator(json.loads(committed))
    for manifest in EXAMPLES:
        out = tmp_path / manifest.parent.name
        assert cli("render", str(manifest), "-o", str(out), "--formats", "json").exit_code == 0, manifest
        document = json.loads((out / "modelcard.json").read_text())
        assert not list(validator.iter_errors(document)), manifest
        name = modelcards.load(str(manifest)).name
        assert document["release"]["name"] == name
        assert document["report"]["name"] == name
        assert document["report"]["openness"]["mof"]["label"]


GOLDEN = ["olmo-7b", "mislabelled-llama3-finetune", "falcon-180b"]


@pytest.mark.parametrize("name", GOLDEN)
def test_golden_outputs(name, tmp_path, cli):
    """Reviewed outputs; regenerate with MODELCARDS_UPDATE_GOLDEN=1 after an intended change."""
    import os

    manifest = ROOT / "examples" / name / "modelcard.yaml"
    golden = ROOT / "tests" / "golden" / name
    # render from the golden directory's point of view so the recorded source path is the same
    cli("render", str(manifest), "-o", str(tmp_path), "--formats", "readme,json")
    for filename in ("README.md", "modelcard.json"):
        produced = (tmp_path / filename).read_text(encoding="utf-8")
        if filename == "modelcard.json":  # the source path is relative to the output directory
            document = json.loads(produced)
            document["report"]["source"] = f"examples/{name}/modelcard.yaml"
            produced = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        if os.environ.get("MODELCARDS_UPDATE_GOLDEN"):
            golden.mkdir(parents=True, exist_ok=True)
            (golden / filename).write_text(produced, encoding="utf-8")
        assert produced == (golden / filename).read_text(encoding="utf-8"), f"{name}/{filename} differs"


def _render(cli, manifest: str, out: Path, *extra: str):
    return cli("render", manifest, "-o", str(out), *extra)


@pytest.fixture
def rendered(tmp_path, cli):
    manifest = str(ROOT / "examples" / "olmo-7b" / "modelcard.yaml")
    out = tmp_path / "out"
    assert _render(cli, manifest, out).exit_code == 0
    return manifest, out


def test_render_is_idempotent(rendered, cli):
    manifest, out = rendered
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    result = _render(cli, manifest, out)
    assert result.exit_code == 0
    assert "wrote" not in result.stdout
    assert before == {p.name: p.read_bytes() for p in out.iterdir()}


def test_text_outside_generated_blocks_and_in_user_blocks_survives(rendered, cli):
    manifest, out = rendered
    readme = out / "README.md"
    text = readme.read_text()
    text = text.replace("<!-- modelcards:end details -->\n", "<!-- modelcards:end details -->\n\nOur own words.\n")
    text = text.replace("<!-- modelcards:user notes -->\n", "<!-- modelcards:user notes -->\nA hand note.\n")
    readme.write_text(text)
    assert _render(cli, manifest, out, "--check").exit_code == 0
    assert _render(cli, manifest, out).exit_code == 0
    after = readme.read_text()
    assert "\nOur own words.\n" in after and "A hand note.\n" in after
    assert after.index("Our own words.") > after.index("<!-- modelcards:end details -->")


def test_edit_inside_a_generated_block_fails_check_and_makes_render_refuse(rendered, cli):
    manifest, out = rendered
    readme = out / "README.md"
    edited = readme.read_text().replace("## Openness\n", "## Openness (edited)\n")
    readme.write_text(edited)
    check = _render(cli, manifest, out, "--check")
    assert check.exit_code == 1
    assert f"{readme}:" in check.stderr and "'openness'" in check.stderr
    refused = _render(cli, manifest, out)
    assert refused.exit_code == 1
    assert "generated block 'openness' was edited by hand" in refused.stderr
    assert readme.read_text() == edited  # nothing lost, nothing written
    forced = _render(cli, manifest, out, "--force")
    assert forced.exit_code == 0
    assert "(edited)" not in readme.read_text()


def test_edited_front_matter_is_detected(rendered, cli):
    manifest, out = rendered
    readme = out / "README.md"
    readme.write_text(readme.read_text().replace("license: apache-2.0", "license: mit"))
    result = _render(cli, manifest, out, "--check")
    assert result.exit_code == 1 and "'front matter'" in result.stderr


def test_a_deleted_end_marker_is_reported_with_its_line(rendered, cli):
    manifest, out = rendered
    readme = out / "README.md"
    lines = readme.read_text().splitlines(keepends=True)
    lines = [line for line in lines if line != "<!-- modelcards:end openness -->\n"]
    readme.write_text("".join(lines))
    result = _render(cli, manifest, out)
    assert result.exit_code == 1
    assert "block 'openness'" in result.stderr and "no end marker" in result.stderr
    assert readme.read_text() == "".join(lines)


def test_a_hand_written_readme_is_not_overwritten(tmp_path, cli):
    out = tmp_path / "out"
    out.mkdir()
    (out / "README.md").write_text("# My card\n\nWritten by hand.\n")
    result = _render(cli, str(ROOT / "examples" / "olmo-7b" / "modelcard.yaml"), out)
    assert result.exit_code == 1 and "modelcards import" in result.stderr
    assert (out / "README.md").read_text() == "# My card\n\nWritten by hand.\n"


def test_check_reports_missing_files(tmp_path, cli):
    result = _render(cli, str(ROOT / "examples" / "olmo-7b" / "modelcard.yaml"), tmp_path / "none", "--check")
    assert result.exit_code == 1 and "README.md: missing" in result.stderr
    assert not (tmp_path / "none").exists()


def test_template_override_replaces_one_block(tmp_path, cli):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "README.md.j2").write_text(
        '{% extends "default/README.md.j2" %}\n{% block openness %}\n\n'
        "<!-- modelcards:begin openness -->\n## How open\n\n{{ mof.label }} by our own wording.\n"
        "<!-- modelcards:end openness -->\n{% endblock %}\n")
    out = tmp_path / "out"
    result = _render(cli, str(ROOT / "examples" / "olmo-7b" / "modelcard.yaml"), out, "--templates", str(templates))
    assert result.exit_code == 0, result.output
    text = (out / "README.md").read_text()
    assert "Class I - Open Science Model by our own wording." in text
    assert "## Openness" not in text and "## License and obligations" in text


def test_template_syntax_error_is_located(tmp_path, cli):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "README.md.j2").write_text("line one\n{% if %}\n")
    result = _render(cli, str(ROOT / "examples" / "olmo-7b" / "modelcard.yaml"), tmp_path / "o",
                     "--templates", str(templates))
    assert result.exit_code == 2
    assert "README.md.j2:2: error: template error" in result.stderr


def test_unknown_format_is_refused_with_a_suggestion(tmp_path, cli):
    result = _render(cli, str(ROOT / "examples" / "olmo-7b" / "modelcard.yaml"), tmp_path, "--formats", "jsn")
    assert result.exit_code == 2 and "did you mean 'json'" in result.stderr


def test_user_text_in_table_cells_cannot_break_the_table(tmp_path, write, cli):
    manifest = write("m.yaml", """\
        name: Pipe-Model
        license: Apache-2.0
        datasets:
          - id: org/data
            name: "a | b\\nc"
            license: CC-BY-4.0
        """)
    assert _render(cli, manifest, tmp_path / "o").exit_code == 0
    text = (tmp_path / "o" / "README.md").read_text()
    assert "| a \\| b c | pretraining | CC-BY-4.0 |" in text


def test_python_api_renders_and_analyze_can_be_called_twice(tmp_path):
    release = modelcards.load(str(ROOT / "examples" / "pythia-6.9b" / "modelcard.yaml"))
    report = modelcards.analyze(release)
    assert modelcards.analyze(release).to_dict() == report.to_dict()
    written = modelcards.render(release, str(tmp_path), report)
    assert {Path(p).name for p in written} >= {"README.md", "modelcard.json"}
    assert modelcards.render(release, str(tmp_path), report) == []


def _license_block(readme: str) -> str:
    start = readme.index("<!-- modelcards:begin license")
    return readme[start:readme.index("<!-- modelcards:end license -->", start)]


def test_readme_obligations_come_from_the_report_not_from_a_findings_filter(tmp_path):
    """The obligation list is the report's: a change to LIC004's severity leaves it as it is."""
    from modelcards.renderers.readme import render_readme

    release = modelcards.load(str(ROOT / "examples" / "mislabelled-llama3-finetune" / "modelcard.yaml"))
    report = modelcards.analyze(release)
    assert any(f.rule == "LIC004" and f.severity == "info" for f in report.findings)
    as_warning = dataclasses.replace(report, findings=tuple(
        dataclasses.replace(f, severity="warning") if f.rule == "LIC004" else f for f in report.findings))
    without = dataclasses.replace(report, findings=tuple(f for f in report.findings if f.rule != "LIC004"))
    block = _license_block(render_readme(release, report).text())
    inherited = "- pass-down: Use must follow the Meta Llama 3 Acceptable Use Policy. " \
                "(inherited from meta-llama/Meta-Llama-3-8B)\n"
    assert inherited in block
    assert "- Give recipients a copy of the Apache License 2.0.\n" in block
    assert _license_block(render_readme(release, as_warning).text()) == block
    assert _license_block(render_readme(release, without).text()) == block
    no_obligations = dataclasses.replace(report, obligations=())
    assert "inherited from" not in _license_block(render_readme(release, no_obligations).text())


def test_docs_page_obligation_links_point_at_the_source_url_with_the_clause_as_text():
    """An obligation's source is "URL clause": the link goes to the URL, the clause is shown."""
    import re

    from modelcards.docs_site.page import build_page

    release = modelcards.load(str(ROOT / "examples" / "falcon-40b" / "modelcard.yaml"))
    page = build_page(release, modelcards.analyze(release), page_id=0)
    html = "".join(page.fragments)
    assert '<a href="https://www.apache.org/licenses/LICENSE-2.0">[source: §4(a)]</a>' in html
    assert all(" " not in href for href in re.findall(r'href="([^"]*)"', html))
