"""Batch audit over dumps and with worker processes: same records, other shapes, flat failures."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

import modelcards

from conftest import ROOT, fast_and_located

CARD = "---\nlicense: {license}\nbase_model: {base}\n---\n# {name}\n\nSome text.\n"


def _card(name: str, license: str = "apache-2.0", base: str = "mistralai/Mistral-7B-v0.1") -> str:
    return CARD.format(name=name, license=license, base=base)


def test_workers_give_the_same_records_in_the_same_order_as_one_process(cli):
    serial = cli("audit", str(ROOT / "examples"))
    parallel = cli("audit", str(ROOT / "examples"), "--jobs", "2")
    assert parallel.exit_code == 0
    assert parallel.stdout == serial.stdout
    manifests = sorted(str(p) for p in (ROOT / "examples").glob("*/modelcard.yaml"))
    assert sorted(json.loads(line)["source"] for line in parallel.stdout.splitlines()) == manifests


def test_jsonl_dump_rows_are_cards_named_by_their_id_and_bad_rows_are_input_findings(cli, tmp_path):
    dump = tmp_path / "dump.jsonl"
    rows = [
        json.dumps({"modelId": "org/good", "card": _card("Good")}),
        "{not json",
        json.dumps({"modelId": "org/no-text", "downloads": 3}),
        json.dumps({"id": "org/bad-yaml", "text": "---\nlicense: [mit\n---\n# X\n"}),
        json.dumps({"id": "org/huge", "card": _card("Huge") + "x" * (6 * 1024 * 1024)}),
    ]
    dump.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = cli("audit", str(dump))
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"] for r in records] == [f"{dump}#org/good", f"{dump}:2", f"{dump}#org/no-text",
                                              f"{dump}#org/bad-yaml", f"{dump}#org/huge"]
    assert not any(f["kind"] == "input" for f in records[0]["findings"])
    for broken in records[1:]:
        assert [f["kind"] for f in broken["findings"]] == ["input"]
    assert "invalid YAML" in records[3]["findings"][0]["message"]
    assert "the limit is 5 MB" in records[4]["findings"][0]["message"]
    assert "audited 5 card(s)" in result.stderr and "4 unreadable" in result.stderr


@pytest.mark.slow  # 2,500 cards through a subprocess: run by `pytest -m slow` and .ci/run
def test_parquet_dump_is_read_in_batches_with_its_text_column(cli, tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    names = [f"org/model-{i}" for i in range(2500)]
    table = pa.table({"modelId": names, "card": [_card(n) for n in names]})
    path = tmp_path / "cards.parquet"
    pq.write_table(table, path, row_group_size=1000)
    result = cli("audit", str(path), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["source"] for r in rows] == [f"{path}#{n}" for n in names]
    assert {r["base_families"] for r in rows} == {"mistralai"}
    assert "audited 2500 card(s)" in result.stderr


def test_huge_and_binary_files_become_input_findings_and_the_run_goes_on(cli, tmp_path):
    cards = tmp_path / "cards"
    cards.mkdir()
    (cards / "a-huge.md").write_bytes(b"---\nlicense: mit\n---\n" + b"x" * (50 * 1024 * 1024))
    (cards / "b-binary.md").write_bytes(bytes(range(256)) * 64)
    (cards / "c-good.md").write_text(_card("Good"), encoding="utf-8")
    result = cli("audit", str(cards), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["mof_label"] for r in rows] == ["unreadable", "unreadable", "Unclassified"]
    records = [json.loads(line) for line in cli("audit", str(cards)).stdout.splitlines()]
    assert "MB" in records[0]["findings"][0]["message"]


def test_csv_and_table_carry_the_verdicts_of_the_jsonl_records(cli):
    records = [json.loads(line) for line in cli("audit", str(ROOT / "examples")).stdout.splitlines()]
    rows = list(csv.DictReader(io.StringIO(cli("audit", str(ROOT / "examples"), "--format", "csv").stdout)))
    for record, row in zip(records, rows, strict=True):
        assert row["source"] == record["source"]
        assert row["mof_label"] == record["openness"]["mof"]["label"]
        assert row["osaid"] == record["openness"]["osaid"]["verdict"]
        assert int(row["errors"]) == sum(f["severity"] == "error" for f in record["findings"])
        assert row["rules"].split() == sorted({f["rule"] for f in record["findings"]})
    table = cli("audit", str(ROOT / "examples"), "--format", "table").stdout.splitlines()
    olmo = next(line for line in table if "olmo-7b" in line)
    assert "Class I" in olmo and "meets" in olmo


def test_summary_counts_classes_licenses_and_base_model_families(cli, write, tmp_path):
    write("cards/a.md", _card("A", base="meta-llama/Meta-Llama-3-8B"))
    write("cards/b.md", _card("B", license="mit"))
    write("cards/c.md", _card("C", license="mit"))
    result = cli("audit", str(tmp_path / "cards"), "--summary", "--report", str(tmp_path / "summary.json"))
    assert "licenses: mit x2, apache-2.0 x1" in result.stderr
    assert "base-model families: mistralai x2, meta-llama x1" in result.stderr
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["cards"] == 3 and summary["licenses"] == {"mit": 2, "apache-2.0": 1}
    assert summary["mof_classes"] == {"Unclassified": 3}


def test_html_report_has_a_chart_per_breakdown_and_escapes_card_text(cli, write, tmp_path):
    write("cards/a.md", _card("A", license='"<script>alert(1)</script>"'))
    write("cards/b.md", _card("B"))
    report = tmp_path / "audit.html"
    result = cli("audit", str(tmp_path / "cards"), "--report", str(report))
    assert result.exit_code == 0
    html = report.read_text(encoding="utf-8")
    charts = re.findall(r'<svg [^>]*aria-label="([^"]*)"', html)
    for breakdown in ("Model Openness Framework class", "OSI Open Source AI Definition", "Top 10 findings",
                      "Top 10 stated licenses", "Top 10 base-model families"):
        assert any(chart.startswith(breakdown) for chart in charts), (breakdown, charts)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<script>") == 1  # the page's own sorting and filtering, nothing from a card
    assert ">2</b>cards read" in html


def test_report_needs_a_known_suffix_and_keeps_existing_files_on_refusal(cli, write, tmp_path):
    keep = write("notes.txt", "mine")
    result = cli("audit", str(ROOT / "examples"), "--report", keep)
    assert result.exit_code == 2
    assert ".html or .json" in result.stderr
    assert (tmp_path / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("text", [
    "license: mit\ndate: 2024-01-02\nversion: 1.10\ncount: 0x1F\nflag: yes\nnothing: ~\n1: one\n",
    "model-index:\n- name: x\n  results:\n  - metrics: [{type: acc, value: 0.5}]\n",
    "a: &anchor [1, 2]\nb: *anchor\n",
    "a: !!python/object:os.system x\n",
    "a: 1\na: 2\n",
    "? [complex]\n: key\n",
    "tags: [a\n",
    "tags: [a, 1, 'b', null, 2024-01-02]\n'quoted key': \"v\"\n",
    "".join("  " * i + "a:\n" for i in range(99)) + "  " * 99 + "b: x\n",  # deepest allowed
    "".join("  " * i + "a:\n" for i in range(100)) + "  " * 100 + "b: x\n",  # one level deeper
])
def test_the_fast_front_matter_loader_agrees_with_the_located_loader(text):
    loaded = fast_and_located(text)
    if loaded is None:  # refused by both, with the same message
        return
    fast, expected = loaded
    assert fast.data == expected.data
    assert [type(v) for v in fast.data.values()] == [type(v) for v in expected.data.values()]
    assert fast.locate(("license",)) == expected.locate(("license",))


def test_the_fast_loaders_tags_are_pyyamls_for_every_kind_of_scalar():
    """The fast loader's tag shortcut (strings that start no implicit type) must tag every
    scalar as PyYAML's resolver does, or a card's values would change type on the fast path."""
    import random

    import yaml

    from modelcards.readers.located_yaml import _implicit_tag

    pieces = ["", "0", "1", "9", ".", "-", "+", "e", "x", "o", "O", "n", "N", "y", "Y", "t", "T", "f", "F",
              "~", "<<", "=", "!", "&", "*", "_", ":", "2024-01-02", "inf", "nan", "true", "null", "yes", "off",
              "bench-card", "mit", " "]
    rng = random.Random(20261123)
    resolver = yaml.resolver.Resolver()
    for _ in range(20_000):
        value = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))
        implicit = (rng.random() < 0.8, rng.random() < 0.5)
        assert _implicit_tag.__wrapped__(yaml.ScalarNode, value, implicit) == resolver.resolve(
            yaml.ScalarNode, value, implicit), (value, implicit)
    for kind in (yaml.SequenceNode, yaml.MappingNode):
        assert _implicit_tag.__wrapped__(kind, None, True) == resolver.resolve(kind, None, True)


def test_directory_walks_skip_files_that_are_not_cards_but_files_named_on_the_command_line_are_audited(cli, write,
                                                                                                       tmp_path):
    write("repo/README.md", "# A model without metadata\n\nSome text.\n")
    write("repo/modelcard.yaml", "name: Tiny\nlicense: mit\n")
    write("repo/mkdocs.yml", "site_name: Docs\n")
    write("repo/docs/index.md", "# Welcome\n")
    write("repo/.github/workflows/ci.yml", "on: push\n")
    write("repo/broken.yaml", "name: [x\n")
    result = cli("audit", str(tmp_path / "repo"))
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"].rsplit("repo/", 1)[1] for r in records] == ["README.md", "broken.yaml", "modelcard.yaml"]
    assert records[0]["openness"]["mof"]["label"] == "Unclassified"  # a Hub card may have no metadata
    assert [f["kind"] for f in records[1]["findings"]] == ["input"]
    assert "skipped 2 file(s) that are not cards" in result.stderr
    named = json.loads(cli("audit", str(tmp_path / "repo" / "docs" / "index.md")).stdout)
    assert named["openness"]["mof"]["label"] == "Unclassified"  # a card without metadata, as the user said


@pytest.mark.slow  # a real terminal (pty) around a subprocess: run by `pytest -m slow` and .ci/run
def test_progress_is_drawn_on_a_terminal_and_never_in_the_output(tmp_path):
    import os
    import pty
    import subprocess
    import sys

    dump = tmp_path / "cards.jsonl"
    dump.write_text("".join(json.dumps({"id": f"org/m{i}", "card": _card(f"M{i}")}) + "\n" for i in range(1500)),
                    encoding="utf-8")
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "modelcards", "audit", str(dump)],
                               stdout=subprocess.PIPE, stderr=terminal, env={**os.environ, "COLUMNS": "120"})
    os.close(terminal)
    import threading

    captured: list[bytes] = []
    reader = threading.Thread(target=lambda: captured.append(process.stdout.read()))
    reader.start()
    drawn = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closes when the process exits
            break
        if not chunk:
            break
        drawn += chunk
    reader.join(timeout=60)
    stdout = captured[0]
    assert process.wait(timeout=60) == 0
    os.close(controller)
    assert b"auditing" in drawn and b"cards/s" in drawn
    assert b"audited 1500 card(s)" in drawn
    assert len(stdout.splitlines()) == 1500 and b"auditing" not in stdout


def test_json_lines_are_the_same_value_with_or_without_orjson(monkeypatch):
    from modelcards.audit import jsonio

    assert jsonio._orjson is not None, "the test extras install orjson"
    report = modelcards.analyze(modelcards.load(str(ROOT / "examples" / "olmo-7b" / "modelcard.yaml")))
    data = report.to_dict()
    data["source"] = "ünïcode/Модель.yaml"
    fast = jsonio.encode_json(data)
    monkeypatch.setattr(jsonio, "_orjson", None)
    plain = jsonio.encode_json(data)
    assert json.loads(fast) == json.loads(plain) == data
    assert "\n" not in fast and "\n" not in plain


def test_a_batch_line_is_the_check_json_object_whichever_encoder_runs(monkeypatch):
    """orjson writes findings straight from the dataclass; the standard library goes through
    ``to_dict``. Both must give exactly the ``check --format json`` object."""
    from modelcards import analyze, load
    from modelcards.audit import jsonio

    report = analyze(load(str(ROOT / "examples" / "mislabelled-llama3-finetune" / "modelcard.yaml")))
    assert report.findings
    expected = report.to_dict()
    for encoder in ("orjson", "json"):
        record = jsonio.encode_report(report)
        assert json.loads(record) == expected, encoder
        assert record.endswith(b"\n") and record.count(b"\n") == 1, encoder
        monkeypatch.setattr(jsonio, "_orjson", None)


def test_records_are_the_same_utf8_lines_into_a_file_or_a_text_stream_without_bytes(tmp_path):
    """Release scripts call ``audit_paths`` with any text stream: a file's records go to its byte
    buffer as UTF-8, a StringIO gets them decoded, and text written before stays first."""
    from modelcards.audit import audit_paths

    card = tmp_path / "cards" / "Модель" / "README.md"
    card.parent.mkdir(parents=True)
    card.write_text(_card("Модель ünï"), encoding="utf-8")
    text_stream = io.StringIO()
    audit_paths([str(card)], text_stream)
    out = tmp_path / "audit.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        handle.write("# header\n")
        audit_paths([str(card)], handle)
        handle.write("# footer\n")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# header" and lines[-1] == "# footer"
    assert lines[1:-1] == text_stream.getvalue().splitlines()
    assert json.loads(lines[1])["source"] == str(card)


def test_card_releases_are_frozen_so_no_card_can_change_the_next():
    """Releases are shared by the audit's memo (and readers may share empty parts): editing one
    in place is refused, and a changed copy leaves the next card read as it was."""
    from pydantic import ValidationError

    from modelcards.readers.dispatch import read_text

    text = _card("Shared", base="meta-llama/Meta-Llama-3-8B")
    first = read_text(text, "a/README.md").release
    for edit in (lambda r: setattr(r.claims, "open_source", True), lambda r: setattr(r.card, "summary", "x"),
                 lambda r: setattr(r.artifacts["model-card"], "license", "mit"), lambda r: setattr(r, "name", "y")):
        with pytest.raises(ValidationError):
            edit(first)
    changed = first.model_copy(update={"claims": first.claims.model_copy(update={"open_source": True})})
    assert changed.claims.open_source is True
    assert first.claims.open_source is None and first.name == "Shared"
    assert read_text(text, "a/README.md").release == first


def test_records_reusing_the_memos_verdict_json_are_the_bytes_of_the_whole_report():
    """Batch records reuse the JSON of the verdicts made once per memo entry; each record must
    still be exactly what encoding the whole report gives, for every distinct verdict in the run."""
    from modelcards.analysis import analyze
    from modelcards.audit import jsonio
    from modelcards.audit.analyzer import CachedAnalyzer
    from modelcards.readers.dispatch import read_text

    texts = [_card("A"), _card("B", license="cc-by-nc-4.0"), _card("A2"), _card("C", license="llama3")]
    analyzer = CachedAnalyzer()
    records = []
    for i, text in enumerate(texts * 2):
        source = read_text(text, f"card-{i}/README.md")
        record = analyzer.record(source)
        assert record.report == analyze(source)
        reused = jsonio.encode_report(record.report, openness=record.openness_json())
        assert reused == jsonio.encode_report(record.report)
        assert json.loads(reused) == record.report.to_dict()
        records.append(json.loads(reused))
    verdicts = {json.dumps(r["openness"], sort_keys=True) for r in records}
    assert len(verdicts) == 3  # apache-2.0 twice (A, A2), cc-by-nc, llama3
    assert [r["openness"] for r in records[:4]] == [r["openness"] for r in records[4:]]


def test_a_walked_manifest_gets_the_same_located_record_as_the_file_named_alone(cli, tmp_path):
    """Walked YAML is loaded once to tell cards from other files, and that load is reused: the
    record, lines and columns included, must be what auditing the file by name gives."""
    import shutil

    folder = tmp_path / "releases"
    shutil.copytree(ROOT / "examples" / "mislabelled-llama3-finetune", folder / "llama")
    broken = folder / "broken" / "modelcard.yaml"
    broken.parent.mkdir()
    broken.write_text("name: Broken\nlicense: apache-2.0\nartifacts:\n  model-parameters-final:\n"
                      "    availability: sometimes\n", encoding="utf-8")
    walked = [json.loads(line) for line in cli("audit", str(folder)).stdout.splitlines()]
    named = [json.loads(cli("audit", record["source"]).stdout) for record in walked]
    assert walked == named
    assert {record["source"] for record in walked} == {str(folder / "llama" / "modelcard.yaml"), str(broken)}
    assert any(f["line"] for record in walked for f in record["findings"])
    broken_record = next(r for r in walked if r["source"] == str(broken))
    assert [(f["kind"], f["line"]) for f in broken_record["findings"]] == [("input", 5)]


def test_summary_breakdowns_are_ordered_as_counter_most_common_orders_them():
    """The summary keeps plain counts; its top-N lists must still be largest first with ties in
    the order first met, as ``collections.Counter.most_common`` gives them."""
    import random
    from collections import Counter

    from modelcards.audit.summary import top

    rng = random.Random(7)
    for _ in range(300):
        keys = [rng.choice("abcdefgh") for _ in range(rng.randint(0, 40))]
        counts: dict[str, int] = {}
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
        for n in (None, 1, 3, 10):
            assert top(counts, n) == Counter(keys).most_common(n)
