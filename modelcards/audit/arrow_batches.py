"""The per-card audit as a function over Arrow record batches, for distributed engines.

``audit_batch`` maps one ``pyarrow.RecordBatch`` of a dump (a card-text column, optionally an id
and a date column, named as ``audit`` reads them) to a batch of one row per card: the ``check``
JSON object that ``audit`` prints for that card (``record``) and the flat census columns of
``--records``. It holds no state between batches beyond each process's memoised analyzer, so an
engine can run it as a map over partitions:

- Dask: ``ddf.map_partitions(audit_frame, meta=audit_frame(ddf._meta))`` over
  ``dask.dataframe.read_parquet(dump)`` (pandas partitions; ``audit_frame`` wraps this function).
- Spark: ``df.mapInArrow(lambda batches: map(audit_batch, batches), schema)`` with
  ``schema = pyspark.sql.pandas.types.from_arrow_schema(OUTPUT_SCHEMA)``.
- Ray Data: ``ds.map_batches(audit_batch, batch_format="pyarrow")``.

Lineage through the dump is a join the engine performs: map ``lineage_batch`` over the dump
(each card's id, stated license, base models, relation: the first pass of ``audit --lineage``),
collect those rows into a lineage index every worker can read (``lineage_index.write_index``),
and pass its path as ``index_path``: each worker process then opens it read-only, as
``audit --jobs N`` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from modelcards.audit.inputs import DATE_COLUMNS, ID_COLUMNS, TEXT_COLUMNS, Item
from modelcards.audit.records import COLUMNS, record_of

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from modelcards.audit.analyzer import CachedAnalyzer
    from modelcards.config import Settings

_state: dict[str, Any] = {}
"""This process's analyzer and the lineage index it opened (one per process, as in ``runner``)."""


def _analyzer(index_path: str | None) -> CachedAnalyzer:
    from modelcards.audit.analyzer import CachedAnalyzer
    from modelcards.audit.lineage_index import DumpIndex
    from modelcards.licenses.lineage import set_index

    if _state.get("index_path", False) != index_path:  # a new index: new chains, so new memos too
        set_index(DumpIndex(index_path) if index_path is not None else None)
        _state.update(index_path=index_path, analyzer=CachedAnalyzer())
    analyzer: CachedAnalyzer = _state["analyzer"]
    return analyzer


def _column(names: list[str], wanted: tuple[str, ...]) -> str | None:
    return next((c for c in wanted if c in names), None)


def output_schema() -> pa.Schema:
    """The schema of ``audit_batch``'s result: ``record`` (the JSON object) then the census columns."""
    import pyarrow as pa

    from modelcards.audit.records import column_types

    types = column_types()
    return pa.schema([("record", pa.string())] + [(name, types[name]()) for name in COLUMNS])


def audit_batch(batch: pa.RecordBatch | pa.Table, *, source: str = "batch", index_path: str | None = None,
                settings: Settings | None = None) -> pa.RecordBatch:
    """One output row per input row, in order: the card's ``audit`` record and census columns.
    ``source`` names the dump (a row's source is ``source#id``, or ``source:n`` without ids).
    A ``pyarrow.Table`` is read as one batch."""
    import pyarrow as pa

    from modelcards.audit.worker import audit_item

    names = batch.schema.names
    text_column, id_column = _column(names, TEXT_COLUMNS), _column(names, ID_COLUMNS)
    date_column = _column(names, DATE_COLUMNS)
    if text_column is None:
        raise ValueError(f"no card-text column (looked for {', '.join(TEXT_COLUMNS)})")
    texts = batch.column(text_column).to_pylist()
    nothing = [None] * len(texts)
    ids = batch.column(id_column).to_pylist() if id_column else nothing
    dates = batch.column(date_column).to_pylist() if date_column else nothing
    analyzer = _analyzer(index_path)
    records: list[str] = []
    rows: list[tuple[Any, ...]] = []
    for number, (text, name, created) in enumerate(zip(texts, ids, dates, strict=True), start=1):
        card_id = str(name) if name is not None else None
        where = f"{source}#{name}" if name is not None else f"{source}:{number}"
        item = Item(where, text, markdown=True, id=card_id, created=created) if isinstance(text, str) else \
            Item(where, None, "empty card text", id=card_id)
        result = audit_item(item, True, analyzer, settings)
        assert result is not None  # dump rows are cards, never skipped as walked files are
        record, row = result
        assert record is not None
        records.append(record.decode("utf-8").rstrip("\n"))
        rows.append(record_of(row))
    schema = output_schema()
    columns = [pa.array(records, pa.string())] + [
        pa.array([r[i] for r in rows], schema.field(i + 1).type) for i in range(len(COLUMNS))]
    return pa.RecordBatch.from_arrays(columns, schema=schema)


def audit_frame(frame: pd.DataFrame, *, source: str = "batch", index_path: str | None = None) -> pd.DataFrame:
    """``audit_batch`` for a pandas partition (Dask's ``map_partitions``)."""
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, preserve_index=False)
    result: pd.DataFrame = audit_batch(table, source=source, index_path=index_path).to_pandas()
    result.index = frame.index
    return result


def lineage_batch(batch: pa.RecordBatch | pa.Table) -> pa.RecordBatch:
    """The first pass as a map: each row's id, stated license, base models (newline-separated) and
    relation (``lineage_index.lineage_row``): the rows ``lineage_index.write_index`` takes, which
    the engine collects to build the index every worker then reads."""
    import pyarrow as pa

    from modelcards.audit.lineage_index import lineage_row

    names = batch.schema.names
    text_column, id_column = _column(names, TEXT_COLUMNS), _column(names, ID_COLUMNS)
    if text_column is None or id_column is None:
        raise ValueError("the lineage pass needs an id and a card-text column")
    rows = [lineage_row(str(name), text) for text, name in
            zip(batch.column(text_column).to_pylist(), batch.column(id_column).to_pylist(), strict=True)
            if name is not None and isinstance(text, str)]
    columns = list(zip(*rows, strict=True)) if rows else [(), (), (), ()]
    return pa.RecordBatch.from_pydict({name: pa.array(list(values), pa.string())
                                       for name, values in zip(("id", "license", "bases", "relation"), columns,
                                                               strict=True)})
