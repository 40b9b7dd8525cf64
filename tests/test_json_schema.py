from __future__ import annotations

import json

import jsonschema

import modelcards
from modelcards.diagnostics import formatters
from modelcards.schema.json_schema import release_json_schema_text

from conftest import EXAMPLES, ROOT


def test_committed_json_schema_is_current():
    committed = (ROOT / "schemas" / "release.schema.json").read_text(encoding="utf-8")
    assert committed == release_json_schema_text(), (
        "schemas/release.schema.json is stale: run `modelcards schema > schemas/release.schema.json`"
    )


def test_the_schema_written_beside_a_manifest_is_the_models_schema(cli, tmp_path):
    """``init`` and ``import`` write the shipped copy: it must be what the models generate."""
    from modelcards.starter import release_schema_text

    assert release_schema_text() == release_json_schema_text()
    assert cli("init", str(tmp_path / "modelcard.yaml")).exit_code == 0
    assert (tmp_path / "release.schema.json").read_text(encoding="utf-8") == release_json_schema_text()


def test_schema_cli_prints_the_same_schema(cli):
    result = cli("schema")
    assert result.exit_code == 0
    assert result.stdout == release_json_schema_text()


def test_init_writes_a_manifest_that_checks_and_the_schema_its_editor_line_names(cli, tmp_path):
    import yaml

    path = tmp_path / "modelcard.yaml"
    result = cli("init", str(path), "--name", "Tiny-1B")
    assert result.exit_code == 0
    text = path.read_text()
    first = text.splitlines()[0]
    assert first == "# yaml-language-server: $schema=release.schema.json"  # relative: right in every clone
    schema = json.loads((tmp_path / "release.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    as_editor_reads = json.loads(json.dumps(yaml.safe_load(text), default=str))  # YAML 1.2: dates are strings
    assert not list(validator.iter_errors(as_editor_reads))  # what the editor checks
    assert list(validator.iter_errors({**as_editor_reads, "name": 7}))
    assert "name: Tiny-1B" in text
    check = cli("check", str(path))
    assert check.exit_code == 0, check.output


def test_init_keeps_a_schema_file_that_is_already_there(cli, tmp_path):
    (tmp_path / "release.schema.json").write_text('{"title": "mine"}', encoding="utf-8")
    assert cli("init", str(tmp_path / "modelcard.yaml")).exit_code == 0
    assert (tmp_path / "release.schema.json").read_text(encoding="utf-8") == '{"title": "mine"}'
    assert (tmp_path / "modelcard.yaml").read_text().startswith("# yaml-language-server: $schema=release.schema.json\n")


def _report_validator() -> jsonschema.Draft202012Validator:
    """The report part of the committed modelcard.json schema: the ``check --format json`` object."""
    schema = json.loads((ROOT / "schemas" / "modelcard.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/ReportOut"})


def test_every_examples_report_is_a_valid_check_json_object_with_its_name():
    validator = _report_validator()
    for manifest in EXAMPLES:
        release = modelcards.load(str(manifest))
        data = json.loads(formatters.as_json(modelcards.analyze(release)))
        assert not list(validator.iter_errors(data)), manifest
        assert data["name"] == release.name
    broken = {**data, "name": 7}
    assert list(validator.iter_errors(broken))


def test_several_reports_are_one_json_array_and_one_sarif_log():
    reports = [modelcards.analyze(modelcards.load(str(m))) for m in EXAMPLES[:3]]
    many = json.loads(formatters.render_many(reports, "json"))
    assert many == [r.to_dict() for r in reports]
    assert json.loads(formatters.json_many(reports[:1])) == [reports[0].to_dict()]
    assert json.loads(formatters.render(reports[0], "json")) == reports[0].to_dict()  # one path: one object
    sarif = json.loads(formatters.render_many(reports, "sarif"))
    assert len(sarif["runs"]) == 1
    assert len(sarif["runs"][0]["results"]) == sum(len(r.findings) for r in reports)
