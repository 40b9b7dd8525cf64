"""render: README + modelcard.json from a manifest; hand-written text survives; --check finds drift."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from huggingface_hub import ModelCard

import modelcards
from modelcards.licenses.hub_ids import hub_license

from conftest import EXAMPLES, ROOT


@pytest.mark.parametrize("manifest", EXAMPLES, ids=lambda p: p.parent.name)
def test_every_example_renders_a_card_huggingface_hub_parses_with_the_manifest_data(manifest, tmp_path, cli):
    result = cli("render", str(manifest), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    release = modelcards.load(str(manifest))
    card = ModelCard.load(tmp_path / "README.md")
    data = card.data.to_dict()
    expected = hub_license(release.license, release.license_name, release.license_link)
    assert data.get("license") == expected.license
    assert data.get("license_name") == expected.license_name
    assert data.get("language", []) == release.model.languages
    assert data.get("pipeline_tag") == release.model.pipeline_tag
    assert data.get("library_name") == release.model.library_name
    assert data.get("base_model", []) == [b.id for b in release.base_models]
    assert data.get("datasets", []) == [d.id for d in release.datasets if d.role != "evaluation"]
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
    assert committed == modelcard_json_schema_text(), "schemas/modelcard.schema.json is stale"
    validator = jsonschema.Draft202012Validator(json.loads(committed))
    for manifest in EXAMPLES:
        out = tmp_path / manifest.parent.name
        assert cli("render", str(manifest), "-o", str(out), "--formats", "json").exit_code in (0, 1)
        document = json.loads((out / "modelcard.json").read_text())
        assert not list(validator.iter_errors(document)), manifest
        assert document["release"]["name"] == modelcards.load(str(manifest)).name
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
    assert modelcards.analyze(release).openness == report.openness
    written = modelcards.render(release, str(tmp_path), report)
    assert {Path(p).name for p in written} >= {"README.md", "modelcard.json"}
    assert modelcards.render(release, str(tmp_path), report) == []
