from __future__ import annotations

from modelcards.schema.json_schema import release_json_schema_text

from conftest import ROOT


def test_committed_json_schema_is_current():
    committed = (ROOT / "schemas" / "release.schema.json").read_text(encoding="utf-8")
    assert committed == release_json_schema_text(), (
        "schemas/release.schema.json is stale: run `modelcards schema > schemas/release.schema.json`"
    )


def test_schema_cli_prints_the_same_schema(cli):
    result = cli("schema")
    assert result.exit_code == 0
    assert result.stdout == release_json_schema_text()


def test_init_writes_a_manifest_that_checks_and_points_editors_at_the_schema(cli, tmp_path):
    path = tmp_path / "modelcard.yaml"
    result = cli("init", str(path), "--name", "Tiny-1B")
    assert result.exit_code == 0
    text = path.read_text()
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=file://")
    assert first.endswith("release.schema.json")
    assert "name: Tiny-1B" in text
    check = cli("check", str(path))
    assert check.exit_code == 0, check.output
