"""``audit --records x.parquet|x.csv``: one flat row per card, for pandas, DuckDB or Spark users.

The JSONL records are the full ``check`` objects; these rows are what a census query groups
by: the card's id, family root, relation, licenses, verdicts and rule codes. Rows are written
as they come (Parquet in row groups of ``BATCH`` rows), so memory stays flat.
"""

from __future__ import annotations

import csv
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from modelcards.audit.worker import Row

COLUMNS = ("id", "source", "family_root", "root_license", "relation", "parent", "license", "license_open",
           "mof_class", "mof_label", "osaid", "completeness", "open_source_claim", "openwashing", "dropped_terms",
           "errors", "warnings", "infos", "rules", "month")
BATCH = 10000
SUFFIXES = (".parquet", ".csv")


def record_of(row: Row) -> tuple[Any, ...]:
    """One card's row, in ``COLUMNS`` order (census fields empty for an unreadable card)."""
    c = row.census
    return (
        row.id, row.source, c.root if c else None, c.root_license if c else None,
        c.relation if c else None, c.parent if c else None, c.license if c else row.license,
        c.is_open if c else None, row.mof_class, row.mof_label, row.osaid, c.completeness if c else None,
        c.open_claim if c else None, c.openwashing if c else None, c.dropped if c else None,
        row.errors, row.warnings, row.infos, " ".join(row.rules), c.month if c else None,
    )


class CardRecords:
    """A per-card table file being written: ``write`` each row, then ``close``."""

    def __init__(self, path: str) -> None:
        lowered = path.lower()
        if not lowered.endswith(SUFFIXES):
            raise ValueError(f"--records {path}: use a .parquet or .csv file name")
        self.path = path
        self.parquet = lowered.endswith(".parquet")
        self.rows: list[tuple[Any, ...]] = []
        self._writer: Any = None
        self._handle: IO[str] | None = None
        if self.parquet:
            try:
                import pyarrow  # noqa: F401  (refuse before the audit runs, not after)
            except ImportError:
                raise ValueError(f"--records {path}: writing Parquet needs pyarrow: "
                                 "pip install 'modelcards-release[parquet]' (or write .csv)") from None
        else:
            try:
                self._handle = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115  (closed by close())
            except OSError as err:
                raise ValueError(f"--records {path}: cannot write: {err.strerror or err}") from None
            self._csv = csv.writer(self._handle, lineterminator="\n")
            self._csv.writerow(COLUMNS)

    def write(self, row: Row) -> None:
        if not self.parquet:
            self._csv.writerow(["" if v is None else v for v in record_of(row)])
            return
        self.rows.append(record_of(row))
        if len(self.rows) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self.rows:
            return
        columns = list(zip(*self.rows, strict=True))
        types = column_types()
        table = pa.table({name: pa.array(list(values), type=types[name]()) for name, values in
                          zip(COLUMNS, columns, strict=True)})
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, table.schema)
        self._writer.write_table(table)
        self.rows.clear()

    def close(self) -> None:
        if self.parquet:
            self._flush()
            if self._writer is None:  # no cards: still a valid, empty table
                import pyarrow as pa
                import pyarrow.parquet as pq

                types = column_types()
                pq.write_table(pa.table({name: pa.array([], type=types[name]()) for name in COLUMNS}), self.path)
            else:
                self._writer.close()
        elif self._handle is not None:
            self._handle.close()


def column_types() -> dict[str, Any]:
    """Each column's pyarrow type factory (text unless listed)."""
    import pyarrow as pa

    text, flag, number = pa.string, pa.bool_, pa.int32
    kinds = {"license_open": flag, "open_source_claim": flag, "openwashing": flag, "dropped_terms": flag,
             "mof_class": number, "completeness": number, "errors": number, "warnings": number, "infos": number}
    return {name: kinds.get(name, text) for name in COLUMNS}
