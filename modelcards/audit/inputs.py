"""Where cards come from: files, directories, and JSONL / Parquet dumps with a card-text column.

Everything is a generator, so a dump of two million cards is never held in memory. A card that
cannot even be read becomes an ``Item`` carrying the error, which the worker turns into an
``input`` finding; the run goes on.
"""

from __future__ import annotations

import io
import json
import mmap
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, cast

from modelcards.audit.jsonio import decode_line
from modelcards.files import not_regular

CARD_SUFFIXES = (".md", ".yaml", ".yml")
DUMP_SUFFIXES = (".jsonl", ".parquet")
TEXT_COLUMNS = ("card", "text", "card_text", "readme", "content")
ID_COLUMNS = ("id", "modelId", "model_id", "repo_id", "name")
DATE_COLUMNS = ("createdAt", "created_at", "last_modified", "lastModified")
"""Dates of Hub dumps (the Hub API's ``createdAt`` and ``lastModified``), for the census's months."""

@dataclass(slots=True)
class Item:
    """One card to audit: its text, a file still to read, or the reason it could not be read."""

    source: str
    text: str | None
    error: str | None = None
    """Why the text could not be read (then ``text`` is None)."""
    on_disk: bool = False
    """``source`` is a file the worker reads itself, so only paths cross process boundaries."""
    markdown: bool | None = None
    """Text from a dump's card column is a Markdown card even without front matter."""
    walked: bool = False
    """Found by walking a directory (not named by the user): skipped when it is not a card."""
    id: str | None = None
    """The dump row's model id (its id column), carried into the record as ``"id"``."""
    created: object = None
    """The dump row's date (its ``createdAt`` or ``last_modified`` column), as the dump holds it."""

    def load(self) -> Item:
        """This item with its file read; unreadable files become an item carrying the error."""
        if not self.on_disk:
            return self
        read = _read_file(self.source)
        return Item(read.source, read.text, read.error, walked=self.walked, id=self.id, created=self.created)


def _walk(directory: str) -> Iterator[str]:
    """Card and dump files under ``directory`` in sorted order, hidden files and folders left out."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(CARD_SUFFIXES + DUMP_SUFFIXES):
                yield os.path.join(root, name)


def _read_file(path: str) -> Item:
    """A card file read whole: a regular file only (a FIFO or device named like a card would block
    the audit or never end), never more than the size limit + 1 bytes, UTF-8 (a BOM dropped)."""
    from modelcards.files import MAX_BYTES, NotRegularFile, read_limited

    try:
        raw = read_limited(path, MAX_BYTES)
    except NotRegularFile as err:
        return Item(path, None, str(err))
    except OSError as err:
        return Item(path, None, f"cannot read file: {err.strerror or err}")
    if len(raw) > MAX_BYTES:
        return Item(path, None, f"file is over the {MAX_BYTES // (1024 * 1024)} MB limit")
    try:
        return Item(path, raw.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        return Item(path, None, f"file is not valid UTF-8 text (line {line})")


def _pick(record: dict[str, object], columns: tuple[str, ...]) -> object:
    for column in columns:
        if column in record and record[column] is not None:
            return record[column]
    return None


def _jsonl(path: str) -> Iterator[Item]:
    with open(path, "rb", buffering=1 << 20) as handle:  # dump lines run to kilobytes each
        yield from _rows(path, handle, 1)


def _rows(path: str, lines: Iterable[bytes], first: int) -> Iterator[Item]:
    """The items of a JSONL dump's lines (each with its line break), numbered from ``first``."""
    for number, line in enumerate(lines, start=first):
        if line.isspace() or not line:
            continue
        try:
            record = decode_line(line)
        except json.JSONDecodeError as err:
            yield Item(f"{path}:{number}", None, f"invalid JSON line: {err.msg}")
            continue
        if not isinstance(record, dict):
            yield Item(f"{path}:{number}", None, "a JSONL line must be an object with a card-text column")
            continue
        text = _pick(record, TEXT_COLUMNS)
        name = _pick(record, ID_COLUMNS)
        source = f"{path}#{name}" if name is not None else f"{path}:{number}"
        card_id = str(name) if name is not None else None
        if not isinstance(text, str):
            yield Item(source, None, f"no card text (looked for columns {', '.join(TEXT_COLUMNS)})", id=card_id)
            continue
        yield Item(source, text, markdown=True, id=card_id, created=_pick(record, DATE_COLUMNS))


@dataclass(frozen=True, slots=True)
class Lines:
    """A run of whole lines of a JSONL dump, by byte range: what a pool worker is sent instead of
    the cards themselves, so that it reads and decodes them (the parent only finds line breaks)."""

    path: str
    start: int
    end: int
    first: int
    """The line number of the run's first line (a row without an id is named by its number)."""

    def items(self) -> Iterator[Item]:
        """The run's cards, as ``iter_items`` gives them."""
        with open(self.path, "rb") as handle:
            handle.seek(self.start)
            data = handle.read(self.end - self.start)
        return _rows(self.path, io.BytesIO(data), self.first)  # BytesIO splits lines as a file does


_WINDOW = 1 << 24
"""Bytes of a dump mapped at a time while its line breaks are found (16 MiB)."""


class _LineBreaks:
    """The line breaks of an open file, found with ``find`` in a read-only map of one window of it
    at a time: nothing is copied out of the file, and the pages of a window leave the process's
    memory when the next one is mapped."""

    def __init__(self, handle: BinaryIO) -> None:
        self.fileno = handle.fileno()
        self.size = os.fstat(self.fileno).st_size
        self.view: mmap.mmap | None = None
        self.at = 0
        """The file offset where ``view`` starts."""

    def next(self, offset: int) -> int:
        """The offset of the first line break at or after ``offset``, or -1."""
        while offset < self.size:
            view = self.view
            if view is None or not self.at <= offset < self.at + len(view):
                self.close()
                self.at = offset - offset % mmap.ALLOCATIONGRANULARITY
                view = self.view = mmap.mmap(self.fileno, min(_WINDOW, self.size - self.at),
                                             access=mmap.ACCESS_READ, offset=self.at)
            found = view.find(b"\n", offset - self.at)
            if found >= 0:
                return self.at + found
            offset = self.at + len(view)
        return -1

    def close(self) -> None:
        if self.view is not None:
            self.view.close()
            self.view = None


def _runs(path: str, lines: int, most_bytes: int) -> Iterator[Lines]:
    """The dump at ``path`` cut into runs of ``lines`` lines (fewer when they pass ``most_bytes``).
    The parent of a pool only tells where runs start and end (its workers read them), so it finds
    the line breaks in a map of the file instead of reading each line into memory."""
    with open(path, "rb") as handle:
        breaks = _LineBreaks(handle)
        try:
            size, start, first = breaks.size, 0, 1
            while start < size:
                end, count = start, 0
                while True:
                    line_break = breaks.next(end)
                    end = size if line_break < 0 else line_break + 1
                    count += 1
                    if end >= size or count >= lines or end - start >= most_bytes:
                        break
                yield Lines(path, start, end, first)
                start, first = end, first + count
        finally:
            breaks.close()


def _parquet(path: str) -> Iterator[Item]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield Item(path, None, "reading Parquet needs pyarrow: pip install 'modelcards-release[parquet]'")
        return
    try:
        parquet = pq.ParquetFile(path)
    except Exception as err:  # pyarrow raises several types for a broken file
        yield Item(path, None, f"cannot read Parquet file: {err}")
        return
    names = parquet.schema_arrow.names
    text_column = next((c for c in TEXT_COLUMNS if c in names), None)
    id_column = next((c for c in ID_COLUMNS if c in names), None)
    date_column = next((c for c in DATE_COLUMNS if c in names), None)
    if text_column is None:
        yield Item(path, None, f"no card-text column (looked for {', '.join(TEXT_COLUMNS)})")
        return
    columns = [text_column] + ([id_column] if id_column else []) + ([date_column] if date_column else [])
    row = 0
    for batch in parquet.iter_batches(batch_size=1024, columns=columns):
        texts = batch.column(0).to_pylist()
        nothing = [None] * len(texts)
        ids = batch.column(1).to_pylist() if id_column else nothing
        dates = batch.column(len(columns) - 1).to_pylist() if date_column else nothing
        for text, name, created in zip(texts, ids, dates, strict=True):
            row += 1
            source = f"{path}#{name}" if name is not None else f"{path}:{row}"
            card_id = str(name) if name is not None else None
            yield Item(source, text, markdown=True, id=card_id, created=created) if isinstance(text, str) else \
                Item(source, None, "empty card text", id=card_id)


def has_dump(paths: Iterable[str]) -> bool:
    """Whether any path is, or a directory holds, a JSONL or Parquet dump (where ids may be)."""
    for path in paths:
        files = _walk(path) if os.path.isdir(path) else iter([path])
        if any(file.lower().endswith(DUMP_SUFFIXES) for file in files):
            return True
    return False


class Cards:
    """The cards under some paths, in a stable order: paths as given, directories walked in
    sorted order. Iterating gives every card as an ``Item``; ``parts`` gives the same cards with
    each JSONL dump cut into ``Lines`` runs, for a process pool whose workers read the runs."""

    def __init__(self, paths: Iterable[str]) -> None:
        self._paths = paths
        self._items: Iterator[Item] | None = None

    def __iter__(self) -> Cards:
        return self

    def __next__(self) -> Item:
        if self._items is None:
            self._items = cast(Iterator[Item], _parts(self._paths, None))  # no runs: items only
        return next(self._items)

    @property
    def started(self) -> bool:
        """Whether some cards were taken already (``parts`` would give them again)."""
        return self._items is not None

    def parts(self, lines: int, most_bytes: int = 1 << 23) -> Iterator[Item | Lines]:
        """The cards, a dump's as runs of up to ``lines`` lines (or ``most_bytes``)."""
        return _parts(self._paths, (lines, most_bytes))


def _parts(paths: Iterable[str], runs: tuple[int, int] | None) -> Iterator[Item | Lines]:
    for path in paths:
        walked = os.path.isdir(path)
        files = _walk(path) if walked else iter([path])
        for file in files:
            lowered = file.lower()
            refused = not_regular(file)
            if refused:
                yield Item(file, None, refused)
            elif lowered.endswith(".jsonl"):
                yield from _jsonl(file) if runs is None else _runs(file, *runs)
            elif lowered.endswith(".parquet"):
                yield from _parquet(file)
            else:
                yield Item(file, None, on_disk=True, walked=walked)


def iter_items(paths: Iterable[str]) -> Cards:
    """Cards in a stable order: paths as given, directories walked in sorted order."""
    return Cards(paths)
