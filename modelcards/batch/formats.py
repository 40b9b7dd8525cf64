"""Per-card output of ``audit``: jsonl (the ``check --format json`` object), csv, or a table.

Each writer prints one card at a time, so output streams as the audit goes.
"""

from __future__ import annotations

import csv
from typing import IO, Protocol

from modelcards.batch.worker import Row

CSV_COLUMNS = ("source", "mof_class", "mof_label", "osaid", "errors", "warnings", "infos", "license",
               "rules", "base_families")

MOF_CLASSES = {1: "Class I", 2: "Class II", 3: "Class III"}


class CardWriter(Protocol):
    def write(self, line: str, row: Row) -> None: ...


class JsonlWriter:
    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, line: str, row: Row) -> None:
        self.out.write(line + "\n")


class CsvWriter:
    def __init__(self, out: IO[str]) -> None:
        self.writer = csv.writer(out, lineterminator="\n")
        self.writer.writerow(CSV_COLUMNS)

    def write(self, line: str, row: Row) -> None:
        self.writer.writerow([row.source, "" if row.mof_class is None else row.mof_class, row.mof_label, row.osaid,
                              row.errors, row.warnings, row.infos, row.license or "", " ".join(row.rules),
                              " ".join(row.base_families)])


class TableWriter:
    """Fixed-width columns, so rows can be printed before the widest value is known."""

    WIDTHS = (48, 12, 16, 4, 4, 24)
    HEADER = ("card", "MOF", "OSAID", "err", "warn", "license")

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self._print(self.HEADER)
        self.out.write("  ".join("-" * w for w in self.WIDTHS) + "\n")

    def _print(self, cells: tuple[str, ...]) -> None:
        fitted = [(c if len(c) <= w else "…" + c[-(w - 1):]).ljust(w) for c, w in zip(cells, self.WIDTHS, strict=True)]
        self.out.write("  ".join(fitted).rstrip() + "\n")

    def write(self, line: str, row: Row) -> None:
        mof = MOF_CLASSES.get(row.mof_class, "unclassified") if row.readable else "unreadable"
        self._print((row.source, mof, row.osaid, str(row.errors), str(row.warnings), row.license or ""))


WRITERS = {"jsonl": JsonlWriter, "csv": CsvWriter, "table": TableWriter}
