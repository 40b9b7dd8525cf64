"""Per-card output of ``audit``: jsonl (the ``check --format json`` object), csv, or a table.

Each writer prints one card at a time, so output streams as the audit goes.
"""

from __future__ import annotations

import csv
from typing import IO, TYPE_CHECKING, Protocol

from modelcards.vocabulary import class_numeral

if TYPE_CHECKING:
    from modelcards.audit.worker import Row

CSV_COLUMNS = ("source", "mof_class", "mof_label", "osaid", "errors", "warnings", "infos", "license",
               "rules", "base_families")


class CardWriter(Protocol):
    needs_json: bool
    """Whether ``write`` uses the record: the worker skips encoding it otherwise."""

    def write(self, record: bytes | None, row: Row) -> None: ...

    def flush(self) -> None: ...


class JsonlWriter:
    """Records go to the text stream's byte buffer as the UTF-8 the worker encoded (JSON Lines
    is UTF-8 whatever the terminal's encoding), or are decoded for a stream without one."""

    needs_json = True

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.raw: IO[bytes] | None = getattr(out, "buffer", None)
        if self.raw is not None:
            out.flush()  # whatever was written as text goes first

    def write(self, record: bytes | None, row: Row) -> None:
        assert record is not None
        if self.raw is not None:
            self.raw.write(record)
        else:
            self.out.write(record.decode("utf-8"))

    def flush(self) -> None:
        (self.raw or self.out).flush()


class CsvWriter:
    needs_json = False

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.writer = csv.writer(out, lineterminator="\n")
        self.writer.writerow(CSV_COLUMNS)

    def write(self, record: bytes | None, row: Row) -> None:
        self.writer.writerow([row.source, "" if row.mof_class is None else row.mof_class, row.mof_label, row.osaid,
                              row.errors, row.warnings, row.infos, row.license or "", " ".join(row.rules),
                              " ".join(row.base_families)])

    def flush(self) -> None:
        self.out.flush()


class TableWriter:
    """Fixed-width columns, so rows can be printed before the widest value is known."""

    needs_json = False
    WIDTHS = (48, 12, 16, 4, 4, 24)
    HEADER = ("card", "MOF", "OSAID", "err", "warn", "license")

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self._print(self.HEADER)
        self.out.write("  ".join("-" * w for w in self.WIDTHS) + "\n")

    def _print(self, cells: tuple[str, ...]) -> None:
        fitted = [(c if len(c) <= w else "…" + c[-(w - 1):]).ljust(w) for c, w in zip(cells, self.WIDTHS, strict=True)]
        self.out.write("  ".join(fitted).rstrip() + "\n")

    def write(self, record: bytes | None, row: Row) -> None:
        numeral = class_numeral(row.mof_class)
        mof = ("unreadable" if not row.readable else f"Class {numeral}" if numeral else "unclassified")
        self._print((row.source, mof, row.osaid, str(row.errors), str(row.warnings), row.license or ""))

    def flush(self) -> None:
        self.out.flush()


WRITERS = {"jsonl": JsonlWriter, "csv": CsvWriter, "table": TableWriter}
