"""The per-card audit as a map over Arrow batches: run through Dask over a Parquet dump, it gives
the records ``audit`` gives, lineage included (the index is the join the engine performs)."""

from __future__ import annotations

import io
import json

import pytest

from modelcards.audit import audit_paths

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

ROWS = [
    ("Org/Root", "2024-01-05", "---\nlicense: cc-by-nc-4.0\n---\n# Root\n"),
    ("org/tuned", "2024-02-01", "---\nlicense: apache-2.0\nbase_model: org/root\n---\n# Tuned\n\nFully open source.\n"),
    ("org/tuned-GGUF", "2024-02-20", "---\nlicense: apache-2.0\nbase_model: ORG/TUNED\ntags: [gguf]\n---\n# GGUF\n"),
    ("org/broken", "2024-03-01", "---\nlicense: [mit\n---\n# Broken\n"),
] + [(f"org/q-{i}", "2024-03-02", f"---\nlicense: mit\nbase_model: org/tuned\n---\n# Q{i}\n") for i in range(12)]


def _dump(tmp_path):
    path = tmp_path / "dump.parquet"
    table = pa.table({"id": [r[0] for r in ROWS], "createdAt": [r[1] for r in ROWS], "card": [r[2] for r in ROWS]})
    pq.write_table(table, path, row_group_size=4)  # four row groups: Dask's partitions
    return str(path)


def test_audit_batch_gives_audits_records_and_census_columns(tmp_path):
    from modelcards.audit.arrow_batches import audit_batch, output_schema
    from modelcards.audit.lineage_index import build_index

    dump = _dump(tmp_path)
    out = io.StringIO()
    audit_paths([dump], out)
    expected = [json.loads(line) for line in out.getvalue().splitlines()]
    index = str(tmp_path / "lineage.sqlite")
    build_index(((r[0], r[2]) for r in ROWS), index)
    batches = [audit_batch(b, source=dump, index_path=index) for b in pq.ParquetFile(dump).iter_batches(batch_size=5)]
    assert all(b.schema == output_schema() for b in batches)
    got = [json.loads(r) for b in batches for r in b.column("record").to_pylist()]
    assert got == expected
    census = pa.Table.from_batches(batches).to_pydict()
    assert census["family_root"][1:3] == ["org/root", "org/root"] and census["dropped_terms"][1:3] == [True, True]


def test_dask_map_partitions_over_a_parquet_dump_equals_audit(tmp_path):
    dd = pytest.importorskip("dask.dataframe")
    import dask

    from modelcards.audit.arrow_batches import audit_frame, lineage_batch
    from modelcards.audit.lineage_index import write_index

    dump = _dump(tmp_path)
    out = io.StringIO()
    audit_paths([dump], out)
    expected = [json.loads(line) for line in out.getvalue().splitlines()]

    frame = dd.read_parquet(dump, split_row_groups=True)
    assert frame.npartitions > 1
    with dask.config.set(scheduler="synchronous"):
        # the first pass as a map, then the index every worker reads: the join the engine performs
        def first_pass(part):
            return lineage_batch(pa.Table.from_pandas(part, preserve_index=False)).to_pandas()

        lineage = frame.map_partitions(first_pass, meta={"id": str, "license": str, "bases": str,
                                                         "relation": str}).compute()
        assert list(lineage["id"]) == [r[0] for r in ROWS]
        assert list(lineage["bases"])[:3] == ["", "org/root", "ORG/TUNED"]
        index = str(tmp_path / "lineage.sqlite")
        rows = lineage.astype(object).where(lineage.notna(), None).itertuples(index=False, name=None)
        assert write_index(rows, index) == len(ROWS)
        meta = audit_frame(frame._meta, source=dump, index_path=index)
        result = frame.map_partitions(audit_frame, source=dump, index_path=index, meta=meta).compute()
    assert [json.loads(r) for r in result["record"]] == expected
    assert list(result["id"]) == [r[0] for r in ROWS]
