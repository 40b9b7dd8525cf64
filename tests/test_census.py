"""The census: lineage resolved through a dump's own cards, families, drift, openwashing, records."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from modelcards.audit import audit_paths
from modelcards.audit.lineage_index import DumpIndex, build_index, relation_of, scan_lineage
from modelcards.licenses.lineage import DumpEntry, chain_of, using_index

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "hf-cards" / "cards"

TWO_HOPS = [
    {"id": "Org/Root", "createdAt": "2024-01-05T10:00:00.000Z", "card": "---\nlicense: cc-by-nc-4.0\n---\n# Root\n"},
    {"id": "org/tuned", "createdAt": "2024-02-01T00:00:00.000Z",
     "card": "---\nlicense: apache-2.0\nbase_model: org/root\n---\n# Tuned\n\nThis model is fully open source.\n"},
    {"id": "org/tuned-GGUF", "createdAt": "2024-02-20T00:00:00.000Z",
     "card": "---\nlicense: apache-2.0\nbase_model: ORG/TUNED\ntags:\n- gguf\n---\n# Tuned GGUF\n"},
]


def _dump(tmp_path: Path, rows: list[dict[str, str]], name: str = "dump.jsonl") -> str:
    path = tmp_path / name
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return str(path)


def _audit(paths: list[str], **options: object) -> tuple[list[dict[str, object]], object]:
    out = io.StringIO()
    summary = audit_paths(paths, out, **options)  # type: ignore[arg-type]
    return [json.loads(line) for line in out.getvalue().splitlines()], summary


def _conflicts(record: dict[str, object]) -> list[dict[str, str]]:
    return [f for f in record["findings"] if f["kind"] == "license-conflict"]  # type: ignore[union-attr, index]


def test_a_two_hop_chain_is_judged_against_the_roots_terms_on_both_derivatives(tmp_path):
    records, _summary = _audit([_dump(tmp_path, TWO_HOPS)])
    assert [r["id"] for r in records] == ["Org/Root", "org/tuned", "org/tuned-GGUF"]
    assert _conflicts(records[0]) == []
    for derivative in records[1:]:
        conflicts = _conflicts(derivative)
        assert [f["rule"] for f in conflicts] == ["LIC003"]
        assert conflicts[0]["subject"] == "base-model:org/root"
        assert "CC-BY-NC-4.0" in conflicts[0]["message"] and "Apache-2.0" in conflicts[0]["message"]


def test_without_lineage_the_gguf_is_judged_against_its_parent_alone(tmp_path):
    records, summary = _audit([_dump(tmp_path, TWO_HOPS)], lineage=False)
    assert [r["id"] for r in records] == ["Org/Root", "org/tuned", "org/tuned-GGUF"]
    assert all(_conflicts(r) == [] for r in records)  # neither base is in the known-models table
    assert summary.census.lineage == "table"


def test_the_census_names_each_family_by_its_root_with_derivatives_by_relation(tmp_path):
    _records, summary = _audit([_dump(tmp_path, TWO_HOPS)])
    report = summary.to_dict()
    assert report["lineage"] == "dump"
    family = report["families"][0]
    assert {k: family[k] for k in ("root", "license", "derivatives", "dropped_terms")} == {
        "root": "Org/Root", "license": "CC-BY-NC-4.0", "derivatives": {"finetune": 1, "quantized": 1},
        "dropped_terms": 2}
    assert family["root_in_dump"] is True
    assert report["dropped_terms"] == {"derivatives": 2, "judged": 2, "share": 1.0, "share_of_derivatives": 1.0}
    assert report["derivatives"]["with_base_licenses_from_dump_cards"] == 2
    assert report["openwashing"]["cards"] == 1 and report["openwashing"]["by_family"] == {
        "Org/Root": {"claims": 1, "openwashing": 1}}
    assert report["license_drift"] == [{"root_license": "CC-BY-NC-4.0", "derivative_license": "Apache-2.0",
                                        "cards": 2}]
    assert report["months"]["2024-01"]["cards"] == 1
    assert report["months"]["2024-02"] == {"cards": 2, "derivatives": 2, "dropped_terms": 2,
                                           "open_source_claims": 1, "openwashing": 1}
    assert report["mof_classes"] == {"Unclassified": 3}


def test_a_base_missing_from_the_dump_falls_back_to_the_known_models_table(tmp_path):
    rows = [  # the fine-tune states no license of its own: the quantization is judged by the root's
        {"id": "me/llama-tuned", "card": "---\nbase_model: meta-llama/Meta-Llama-3-8B\n---\n# T\n"},
        {"id": "me/llama-tuned-q4", "card": "---\nlicense: mit\nbase_model: me/llama-tuned\n"
                                           "base_model_relation: quantized\n---\n# Q\n"},
    ]
    records, summary = _audit([_dump(tmp_path, rows)])
    assert _conflicts(records[0]) == []  # no license stated: nothing to judge
    conflicts = [f for f in _conflicts(records[1]) if f["rule"] == "LIC003"]
    assert [f["subject"] for f in conflicts] == ["base-model:meta-llama/Meta-Llama-3-8B"]
    report = summary.to_dict()
    assert report["derivatives"]["with_base_licenses_from_dump_cards"] == 0  # the table's license, not a card's
    family = report["families"][0]
    assert family["root"] == "meta-llama/Meta-Llama-3-8B" and family["root_in_dump"] is False
    assert family["license"].startswith("LicenseRef-modelcards-llama-3")
    assert family["derivatives"] == {"finetune": 1, "quantized": 1} and family["dropped_terms"] == 1


def test_workers_resolve_lineage_through_the_same_index(tmp_path):
    rows = TWO_HOPS + [{"id": f"org/q-{i}", "card": f"---\nlicense: mit\nbase_model: org/tuned-gguf\n---\n# Q{i}\n"}
                       for i in range(150)]
    dump = _dump(tmp_path, rows)
    serial, _ = _audit([dump])
    parallel, summary = _audit([dump], jobs=2)
    assert parallel == serial
    assert all(_conflicts(r)[0]["subject"] == "base-model:org/root" for r in serial[1:])
    assert summary.to_dict()["families"][0]["derivatives"] == {"finetune": 151, "quantized": 1}


def test_cycles_and_self_references_end(tmp_path):
    rows = [
        {"id": "a/one", "card": "---\nlicense: apache-2.0\nbase_model: a/two\n---\n# One\n"},
        {"id": "a/two", "card": "---\nlicense: apache-2.0\nbase_model: A/ONE\n---\n# Two\n"},
        {"id": "a/self", "card": "---\nlicense: apache-2.0\nbase_model: a/self\n---\n# Self\n"},
    ]
    records, summary = _audit([_dump(tmp_path, rows)])
    assert len(records) == 3
    report = summary.to_dict()
    assert report["derivatives"]["cards"] == 2  # a card naming itself as its base is no derivative
    assert sorted(f["root"] for f in report["families"]) == ["a/one", "a/two"]


def test_directories_of_cards_without_ids_keep_the_single_card_chain(cli, tmp_path, write):
    card = write("cards/README.md", "---\nlicense: apache-2.0\nbase_model: meta-llama/Meta-Llama-3-8B\n---\n# X\n")
    records, summary = _audit([str(tmp_path / "cards")])
    single = json.loads(cli("check", card, "--format", "json").stdout)
    assert records == [single] and "id" not in records[0]
    assert summary.census.lineage == "table"
    assert summary.to_dict()["families"][0]["root"] == "meta-llama/Meta-Llama-3-8B"


def test_chain_of_without_an_index_is_the_tables_and_with_one_follows_the_dump():
    bases = (("me/model", None, None),)
    assert [link.model_id for link in chain_of(bases)] == ["me/model"]

    entries = {"me/model": DumpEntry("Me/Model", "apache-2.0", ("meta-llama/Meta-Llama-3-8B",), "finetune")}

    class Index:
        def lookup(self, model_id: str) -> DumpEntry | None:
            return entries.get(model_id.lower())

    with using_index(Index()):
        chain = chain_of(bases)
    assert [(link.model_id, link.license_source, link.depth) for link in chain][:2] == [
        ("me/model", "dump", 1), ("meta-llama/Meta-Llama-3-8B", chain[1].license_source, 2)]
    assert chain[1].license is not None and "llama-3" in chain[1].license.canonical.lower()
    assert [link.model_id for link in chain_of(bases)] == ["me/model"]  # the index is gone after the block


def test_the_index_matches_ids_in_any_case_and_keeps_the_first_of_two_rows(tmp_path):
    path = str(tmp_path / "index.sqlite")
    stats = build_index([("Org/A", "---\nlicense: mit\n---\n"), ("org/a", "---\nlicense: gpl-3.0\n---\n"),
                         (None, "---\nlicense: mit\n---\n"), ("org/b", "---\nbase_model: [org/a, ORG/C]\n---\n")],
                        path)
    assert (stats.rows, stats.with_ids) == (4, 3)
    index = DumpIndex(path)
    assert index.lookup("ORG/a") == DumpEntry("Org/A", "mit", (), None)
    assert index.lookup("org/B") == DumpEntry("org/b", None, ("org/a", "ORG/C"), "merge")
    assert index.lookup("org/missing") is None
    assert len(index) == 2
    index.close()


@pytest.mark.parametrize(("front", "expected"), [
    ("license: mit\nbase_model: org/x\n", ("mit", ("org/x",), None)),
    ("license: 'apache-2.0'\nbase_model:\n- org/x\n-   \"org/y\"\nbase_model_relation: merge\n",
     ("apache-2.0", ("org/x", "org/y"), "merge")),
    ("base_model: [org/x, org/y]  \nlicense:\n  - mit\n  - apache-2.0\n",
     ("mit AND apache-2.0", ("org/x", "org/y"), None)),
    ("license: other\nlicense_name: my-terms\nlicense_link: LICENSE\n", ("my-terms", (), None)),
    ("  license: cc-by-nc-4.0\n  base_model: org/x\n", ("cc-by-nc-4.0", ("org/x",), None)),  # indented mapping
    ("license: >\n  mit\nbase_model: &b org/x\nother: *b\n", ("mit\n", ("org/x",), None)),  # YAML reads these
    ("license: 123\nbase_model: ''\nbase_model_relation: cousin\n", (None, (), None)),
    ("model-index:\n- name: x\n  license: gpl\nlicense: mit # the license\n", ("mit", (), None)),
])
def test_the_lineage_scan_reads_the_keys_as_yaml_does(front, expected):
    lineage = scan_lineage(f"---\n{front}---\n# Card\n")
    assert (lineage.license, lineage.bases, lineage.relation) == expected


def test_relations_are_inferred_as_the_hub_shows_them():
    def lineage(**keys: object):
        return scan_lineage("---\nbase_model: org/x\n" + "".join(f"{k}: {v}\n" for k, v in keys.items()) + "---\n")

    assert relation_of(lineage(base_model_relation="adapter", tags="[gguf]"), "me/x") == "adapter"
    assert relation_of(lineage(tags="[gguf]"), "me/x") == "quantized"
    assert relation_of(lineage(), "me/Model-7B-GPTQ") == "quantized"
    assert relation_of(lineage(library_name="peft"), "me/x") == "adapter"
    assert relation_of(lineage(tags="[mergekit, merge]"), "me/x") == "merge"
    assert relation_of(lineage(), "me/x") == "finetune"


@pytest.mark.slow  # seconds of work: run by .ci/run with the slow tests
@pytest.mark.skipif(not CORPUS.is_dir(), reason="the real Hub card corpus is not on this machine")
def test_the_lineage_scan_agrees_with_the_card_reader_on_every_real_card():
    from modelcards.errors import InputError
    from modelcards.readers.dispatch import read_text

    compared = 0
    for path in sorted(CORPUS.glob("*.md")):
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        try:
            release = read_text(text, str(path), markdown=True).release
        except InputError:
            continue
        license_text = release.license
        if license_text and license_text.strip().lower() == "other" and release.license_name:
            license_text = release.license_name
        lineage = scan_lineage(text)
        assert (lineage.license, lineage.bases) == (license_text, tuple(b.id for b in release.base_models)), path.name
        compared += 1
    assert compared > 2000


def test_records_files_have_one_row_per_card_with_its_family(tmp_path):
    from modelcards.audit.records import COLUMNS, CardRecords

    dump = _dump(tmp_path, [*TWO_HOPS, {"id": "org/broken", "card": "---\nlicense: [mit\n---\n"}])
    records = CardRecords(str(tmp_path / "cards.csv"))
    _audit([dump], records=records)
    records.close()
    with open(tmp_path / "cards.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == COLUMNS
    assert [(r["id"], r["family_root"], r["relation"], r["dropped_terms"]) for r in rows[:3]] == [
        ("Org/Root", "", "", "False"), ("org/tuned", "org/root", "finetune", "True"),
        ("org/tuned-GGUF", "org/root", "quantized", "True")]
    assert rows[1]["openwashing"] == "True" and "LIC003" in rows[1]["rules"].split()
    assert rows[3]["source"].endswith("#org/broken") and rows[3]["errors"] == "1" and rows[3]["id"] == "org/broken"


def test_records_parquet_holds_the_same_rows(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    from modelcards.audit.records import CardRecords

    records = CardRecords(str(tmp_path / "cards.parquet"))
    _audit([_dump(tmp_path, TWO_HOPS)], records=records)
    records.close()
    table = pq.read_table(tmp_path / "cards.parquet").to_pydict()
    assert table["id"] == ["Org/Root", "org/tuned", "org/tuned-GGUF"]
    assert table["dropped_terms"] == [False, True, True] and table["month"] == ["2024-01", "2024-02", "2024-02"]


def test_records_refuse_an_unknown_suffix():
    from modelcards.audit.records import CardRecords

    with pytest.raises(ValueError, match=r"\.parquet or \.csv"):
        CardRecords("cards.xlsx")


def test_the_summary_text_and_html_page_carry_the_census(tmp_path):
    from modelcards.audit.html_report import render_report

    hostile = {"id": "x/<script>document.title='pwned'</script>",
               "card": "---\nlicense: mit\nbase_model: org/tuned\n---\n# <img src=x onerror=alert(1)>\n"}
    _records, summary = _audit([_dump(tmp_path, [*TWO_HOPS, hostile])])
    text = summary.text(full=True)
    assert "lineage through the dump: 3 derivative(s) in 1 family(ies)" in text
    assert "dropped the root's terms: 3 of 3 judged derivative(s) (100.0%)" in text
    completeness = next(line for line in text.splitlines() if line.startswith("  completeness: "))
    assert sum(int(part.rsplit(" x", 1)[1]) for part in completeness.split(": ", 1)[1].split(", ")) == 4
    html = render_report(summary)
    assert "<script>document.title" not in html and "x/&lt;script&gt;document.title=" in html
    assert html.count("<script>") == 1
    assert 'href="#rule-LIC003"' in html and 'id="rule-LIC003"' in html and "derivative-relicensed" in html
    assert 'aria-label="Largest families"' in html and 'aria-label="By month"' in html
    assert html.count('<tr data-washing=') == 4


def test_completeness_is_counted_when_the_report_has_one():
    import dataclasses

    from modelcards.audit.census import Census, card_census
    from modelcards.readers.dispatch import read_text
    from modelcards.report import Completeness

    source = read_text("---\nlicense: mit\n---\n# A\n", "a/README.md", markdown=True)
    from modelcards.analysis import analyze

    report = dataclasses.replace(analyze(source), completeness=Completeness(73, ("Uses", "Evaluation")))
    facts = card_census(report, source.release, "org/a")
    assert (facts.completeness, facts.missing) == (73, ("Uses", "Evaluation"))

    class Row:
        source, mof_label, osaid, rules = "a", "Unclassified", "does-not-meet", ()

    census = Census()
    census.add(facts, Row())
    census.add(facts._replace(completeness=100, missing=()), Row())
    assert census.to_dict()["completeness"] == {"70-79": 1, "90-100": 1}
    assert census.to_dict()["completeness_missing"] == {"Uses": 1, "Evaluation": 1}


def test_the_report_lists_the_largest_families_and_counts_them_all(tmp_path, monkeypatch):
    import modelcards.audit.census as census_module

    monkeypatch.setattr(census_module, "FAMILIES_LISTED", 1)
    rows = [*TWO_HOPS, {"id": "b/one", "card": "---\nlicense: mit\nbase_model: other/base\n---\n# B\n"}]
    _records, summary = _audit([_dump(tmp_path, rows)])
    report = summary.to_dict()
    assert report["family_count"] == 2
    assert [f["root"] for f in report["families"]] == ["Org/Root"]
    assert report["derivatives"]["by_relation"] == {"finetune": 2, "quantized": 1}


def test_openwashing_counts_apart_the_claims_made_under_a_license_that_is_not_open(tmp_path):
    """Both cards claim open source and neither meets the OSAID; only the CC-BY-NC one states a
    license that is not open, and the unlicensed one states none."""
    rows = [
        {"id": "a/open", "card": "---\nlicense: apache-2.0\n---\n# Open\n\nThis model is fully open source.\n"},
        {"id": "a/nc", "card": "---\nlicense: cc-by-nc-4.0\n---\n# NC\n\nThis model is fully open source.\n"},
        {"id": "a/none", "card": "---\ntags:\n- text-generation\n---\n# None\n\nThis model is fully open source.\n"},
        {"id": "a/quiet", "card": "---\nlicense: cc-by-nc-4.0\n---\n# Quiet\n\nA model.\n"},
    ]
    _records, summary = _audit([_dump(tmp_path, rows)])
    washing = summary.to_dict()["openwashing"]
    assert (washing["open_source_claims"], washing["cards"]) == (3, 3)
    assert washing["license_not_open"] == 2
    assert washing["license_not_open_share_of_claims"] == round(2 / 3, 4)
    lines = "\n".join(summary.census.text())
    assert "2 of them under a license that is not open (66.7%)" in lines


def test_family_sizes_by_relation_count_every_derivative_largest_family_first():
    """One family with a single derivative, one with four of three relations (the compact counts
    the census keeps per family give the same numbers a plain tally does)."""
    from collections import Counter
    from types import SimpleNamespace

    from modelcards.audit.census import CardCensus, Census

    derivatives = [("Org/Big", "finetune"), ("org/big", "quantized"), ("ORG/BIG", "finetune"),
                   ("Org/Big", "merge"), ("Solo/One", "adapter")]
    census = Census(lineage="dump")
    row = SimpleNamespace(source="s", mof_label="Unclassified", osaid="does-not-meet", rules=())
    for i, (root, relation) in enumerate(derivatives):
        census.add(CardCensus(f"d/{i}", root, "Apache-2.0", relation, root, "MIT", False, False, False, None,
                              None, True), row)
    families = census.family_list()
    assert [(f["root"], f["derivatives"]) for f in families] == [
        ("Org/Big", dict(Counter(r for root, r in derivatives if root.lower() == "org/big"))),
        ("Solo/One", {"adapter": 1})]
    assert list(families[0]["derivatives"]) == ["finetune", "quantized", "merge"]  # the most first
    assert census.to_dict()["derivatives"]["by_relation"] == dict(Counter(r for _root, r in derivatives))
