"""The JSON copies of the data tables (``modelcards/tables_json.py``), the fast path of
``resources.read_data``: each must equal its YAML's parse and be current, and a stale or broken
one must never be read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from modelcards import resources, tables_json

PACKAGE = Path(resources.__file__).resolve().parent
TABLES = tables_json.tables(PACKAGE)


def test_the_package_has_tables_and_most_are_compiled() -> None:
    compiled = [path for path in TABLES if tables_json.json_path(path).exists()]
    assert len(TABLES) >= 10
    assert {path.name for path in compiled} >= {"obligations.yaml", "known-models.yaml", "aliases.yaml"}


@pytest.mark.parametrize("path", TABLES, ids=lambda path: f"{path.parent.parent.name}/{path.name}")
def test_each_json_is_current_and_equals_its_yaml(path: Path) -> None:
    raw = path.read_bytes()
    plain = resources.parse_yaml_table(raw)
    target = tables_json.json_path(path)
    if not tables_json.holds_exactly(plain):
        assert not target.exists(), f"{target.name} cannot hold {path.name} exactly, so it must not exist"
        return
    assert target.exists(), f"{path.name} has no JSON: run python -m modelcards.tables_json"
    compiled = json.loads(target.read_text("utf-8"))
    assert compiled["yaml_sha256"] == tables_json.digest(raw), (
        f"{target.name} was compiled from another {path.name}: run python -m modelcards.tables_json")
    assert compiled["data"] == plain


@pytest.mark.parametrize("path", TABLES, ids=lambda path: f"{path.parent.parent.name}/{path.name}")
def test_read_data_gives_the_yaml_parse(path: Path) -> None:
    package = f"modelcards.{path.parent.parent.name}"
    assert resources.read_data(package, path.name) == resources.parse_yaml_table(path.read_bytes())


def _table(tmp_path: Path, yaml_text: str) -> Path:
    path = tmp_path / "data" / "table.yaml"
    path.parent.mkdir()
    path.write_text(yaml_text, encoding="utf-8")
    return path


def test_a_json_of_other_bytes_is_not_read(tmp_path: Path) -> None:
    path = _table(tmp_path, "a: 1\n")
    assert tables_json.compile_table(path)
    assert tables_json.cached(path, path.read_bytes()) == {"a": 1}
    path.write_text("a: 2\n", encoding="utf-8")  # edited, not recompiled
    assert tables_json.cached(path, path.read_bytes()) is tables_json.MISSING


@pytest.mark.parametrize("broken", ["", "{", "[1, 2]", '{"data": 1}', '{"yaml_sha256": "x", "data": 1}'])
def test_a_broken_json_is_not_read(tmp_path: Path, broken: str) -> None:
    path = _table(tmp_path, "a: 1\n")
    tables_json.json_path(path).write_text(broken, encoding="utf-8")
    assert tables_json.cached(path, path.read_bytes()) is tables_json.MISSING


def test_no_json_means_missing(tmp_path: Path) -> None:
    path = _table(tmp_path, "a: 1\n")
    assert tables_json.cached(path, path.read_bytes()) is tables_json.MISSING


@pytest.mark.parametrize("yaml_text", ["released: 2026-12-01\n", "1: one\n", "~: none\n", "when: [2026-12-01]\n"])
def test_a_table_json_cannot_hold_gets_no_json(tmp_path: Path, yaml_text: str) -> None:
    path = _table(tmp_path, yaml_text)
    tables_json.json_path(path).write_text('{"left": "from before"}', encoding="utf-8")
    assert not tables_json.compile_table(path)
    assert not tables_json.json_path(path).exists()
