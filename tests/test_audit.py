"""Serial audit: one JSON object per card in the `check --format json` shape; broken cards
become `input` findings and the run goes on."""

from __future__ import annotations

import json

from conftest import ROOT


def test_audit_streams_one_line_per_card_and_survives_broken_ones(cli, tmp_path, write):
    write("cards/a/README.md", "---\nlicense: mit\n---\n# Tiny\n")
    write("cards/b/modelcard.yaml", "name: x\n  bad: [\n")
    (tmp_path / "cards" / "c.yaml").write_bytes(b"\x00\xff" * 50)
    write("cards/notes.txt", "not a card")
    result = cli("audit", str(tmp_path / "cards"))
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    # a directory's own files first, then its subdirectories, each in sorted order
    assert [line["source"].rsplit("cards/", 1)[1] for line in lines] == ["c.yaml", "a/README.md", "b/modelcard.yaml"]
    assert lines[1]["openness"]["mof"]["components"]["model-card"]["status"] == "included"
    for broken in (lines[0], lines[2]):
        assert [f["kind"] for f in broken["findings"]] == ["input"]
        assert broken["findings"][0]["severity"] == "error"
    assert "audited 3 card(s)" in result.stderr and "2 unreadable" in result.stderr


def test_audit_of_the_examples_matches_check(cli):
    result = cli("audit", str(ROOT / "examples"))
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    # every manifest is a card, the docs site's pages and MkDocs settings are not
    manifests = sorted(str(p) for p in (ROOT / "examples").glob("*/modelcard.yaml"))
    assert sorted(line["source"] for line in lines) == manifests
    pythia = next(line for line in lines if "pythia" in line["source"])
    single = json.loads(cli("check", pythia["source"], "--format", "json").stdout)
    assert pythia == single


def test_check_reads_a_hugging_face_card_and_locates_front_matter_errors(cli, write):
    good = write("README.md", "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B\n---\n# Llama-Tuned\n")
    result = cli("check", good, "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["openness"]["mof"]["components"]["model-card"]["license"] == (
        "LicenseRef-scancode-llama-3.1-license-2024"
    )
    broken = write("bad/README.md", "---\nlicense: mit\ntags: [a\n---\n# X\n")
    result = cli("check", broken)
    assert result.exit_code == 2
    # the parser meets the unclosed '[' at the end of the front matter: the closing '---' on the
    # card's line 4 (line 3 of the front matter alone, which a reader that forgot the opening
    # '---' would report)
    assert f"{broken}:4:1: error: invalid YAML" in result.stderr
    assert "invalid YAML" in result.stderr


def test_github_format_annotates_with_file_and_line(cli):
    path = str(ROOT / "examples" / "mislabelled-llama3-finetune" / "modelcard.yaml")
    result = cli("check", path, "--format", "github")
    assert result.exit_code == 1
    assert f"::error file={path},line=" in result.stdout


def test_the_input_code_that_audit_records_is_explained_like_every_rule(cli):
    result = cli("explain", "INPUT")
    assert result.exit_code == 0
    assert result.stdout.startswith("INPUT (unreadable-input)\nkind: input; default severity: error")
    assert "INPUT  unreadable-input" in cli("explain").stdout


def test_a_dump_rows_hub_id_names_the_repository_the_naming_rules_judge(cli, tmp_path):
    card = "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B\n---\n# Our chat model\n\nA chat model.\n"
    rows = [{"id": "meta-llama/Llama-3.1-8B-Chat", "card": card}, {"id": "someorg/Llama-3.1-8B-Chat", "card": card},
            {"id": "someorg/Chat-8B", "card": card}]
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    result = cli("audit", str(dump), "--select", "LIC005,LIC006")
    assert result.exit_code == 0
    found = {line["id"]: {f["rule"] for f in line["findings"]} for line in map(json.loads, result.stdout.splitlines())}
    # the licensor's own model owes neither clause; a derivative's repository name begins with "Llama" or not
    assert found == {"meta-llama/Llama-3.1-8B-Chat": set(), "someorg/Llama-3.1-8B-Chat": {"LIC006"},
                     "someorg/Chat-8B": {"LIC005", "LIC006"}}
