"""CLI options of the census (add as tests/test_census_cli.py once cli.py has --lineage and --records)."""

from __future__ import annotations

import csv
import json


def _dump(tmp_path):
    rows = [
        {"id": "Org/Root", "card": "---\nlicense: cc-by-nc-4.0\n---\n# Root\n"},
        {"id": "org/tuned", "card": "---\nlicense: apache-2.0\nbase_model: org/root\n---\n# Tuned\n"},
        {"id": "org/tuned-GGUF", "card": "---\nlicense: apache-2.0\nbase_model: ORG/TUNED\ntags: [gguf]\n---\n# G\n"},
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def _lic003(stdout):
    return [[f["subject"] for f in json.loads(line)["findings"] if f["rule"] == "LIC003"]
            for line in stdout.splitlines()]


def test_lineage_is_the_default_for_a_dump_with_ids_and_can_be_turned_off(cli, tmp_path):
    dump = _dump(tmp_path)
    on = cli("audit", dump, "--summary")
    assert _lic003(on.stdout) == [[], ["base-model:org/root"], ["base-model:org/root"]]
    assert "lineage through the dump" in on.stderr
    assert _lic003(cli("audit", dump, "--lineage").stdout) == _lic003(on.stdout)
    off = cli("audit", dump, "--no-lineage", "--summary")
    assert _lic003(off.stdout) == [[], [], []] and "lineage through the known-models table" in off.stderr


def test_records_are_written_and_a_bad_suffix_is_refused_before_the_audit(cli, tmp_path):
    dump = _dump(tmp_path)
    result = cli("audit", dump, "--records", str(tmp_path / "cards.csv"))
    assert result.exit_code == 0 and f"wrote {tmp_path / 'cards.csv'}" in result.stderr
    with open(tmp_path / "cards.csv", encoding="utf-8", newline="") as handle:
        assert [r["family_root"] for r in csv.DictReader(handle)] == ["", "org/root", "org/root"]
    refused = cli("audit", dump, "--records", str(tmp_path / "cards.xlsx"))
    assert refused.exit_code == 2 and ".parquet or .csv" in refused.stderr and refused.stdout == ""
