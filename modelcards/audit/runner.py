"""Run the worker over a stream of cards, serially or on a process pool, in input order.

``multiprocessing.Pool.imap`` would read the whole input ahead of the workers (its feeder thread
is unbounded), so cards are sent in fixed-size batches with a few per worker in flight: memory
stays flat however many cards the dump holds, and output order is the input order.

On a pool, a JSONL dump goes to the workers as runs of lines by byte range (``inputs.Lines``):
each worker reads and decodes its own rows, so the card texts never cross a pipe, and the
parent does no more per card than write the record and count the row. Rows come back as plain
tuples (``_pack``), which pickle in a fraction of the time of the dataclasses they are made from.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields
from itertools import islice
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar

from modelcards.audit.analyzer import CachedAnalyzer
from modelcards.audit.census import CardCensus
from modelcards.audit.inputs import Cards, Item, Lines
from modelcards.audit.worker import Row, audit_item

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult, Pool

    from modelcards.audit.lineage_index import DumpIndex, IndexRow, IndexStats
    from modelcards.config import Settings

T = TypeVar("T")
B = TypeVar("B")

CHUNK = 64
"""Cards per task sent to a worker: large enough to amortise pickling, small enough to balance."""


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _tasks(parts: Iterable[Item | Lines], size: int) -> Iterator[list[Item | Lines]]:
    """Batches of ``size`` items; a run of dump lines is a batch of its own (it holds as many)."""
    batch: list[Item | Lines] = []
    for part in parts:
        if isinstance(part, Lines):
            if batch:
                yield batch
                batch = []
            yield [part]
            continue
        batch.append(part)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


Result = tuple[bytes | None, Row] | None
Packed = tuple[bytes | None, tuple[Any, ...]] | None
"""A result as it crosses from a worker: the row's fields as a tuple, its census as a tuple."""

_ROW_FIELDS = tuple(field.name for field in fields(Row))
_row_values = attrgetter(*_ROW_FIELDS)
_CENSUS_AT = _ROW_FIELDS.index("census")
_census_of = CardCensus._make


def _pack(result: Result) -> Packed:
    """A worker's result as plain tuples (a dataclass pickles field by field, slowly)."""
    if result is None:
        return None
    record, row = result
    values = _row_values(row)
    census = values[_CENSUS_AT]
    if census is not None:
        values = (*values[:_CENSUS_AT], tuple(census), *values[_CENSUS_AT + 1:])
    return record, values


def _unpack(packed: Packed) -> Result:
    """``_pack`` undone: the (record, row) the worker made."""
    if packed is None:
        return None
    record, values = packed
    row = Row(*values)
    census = values[_CENSUS_AT]
    if census is not None:
        row.census = _census_of(census)
    return record, row


_analyzer: CachedAnalyzer | None = None
"""The analyzer of this worker process, made by ``_start_worker`` when the pool starts it."""
_settled = False
"""Whether this worker process has settled its garbage collector (``_settle``)."""
YOUNG_THRESHOLD = 50_000
"""Allocations between two collections of the youngest generation during an audit (Python's
default is 700): a card's objects die by reference counting well before that, so the collector
walks few of them, and the cyclic garbage left waiting stays bounded."""


def _settle() -> tuple[int, ...] | None:
    """Tune the garbage collector for the rest of an audit, once the first card has loaded the
    tables: every object alive now (modules, license tables, reader caches) lives as long as the
    audit, so it is exempt from the full collections (``gc.freeze``), which a long audit would
    otherwise make walk it again and again; and the youngest generation is collected less often.
    The thresholds to restore, or None (nothing done) when the process has frozen objects
    already: that is its owner's choice."""
    if gc.get_freeze_count():
        return None
    previous = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(previous[0], YOUNG_THRESHOLD), *previous[1:])
    return previous


def _unsettle(previous: tuple[int, ...]) -> None:
    """Undo ``_settle``: the caller's process goes on, its objects collectable again."""
    gc.set_threshold(*previous)
    gc.unfreeze()


_index: DumpIndex | None = None
"""The lineage index of this worker process, when the audit has one."""


def _start_worker(index_path: str | None = None) -> None:
    """A pool worker's start: its own analyzer, and its own connection to the lineage index."""
    global _analyzer, _index
    _analyzer = CachedAnalyzer()
    if index_path is not None:
        from modelcards.audit.lineage_index import DumpIndex
        from modelcards.licenses.lineage import set_index

        _index = DumpIndex(index_path)
        set_index(_index)


def _read(part: Item | Lines) -> Iterable[Item]:
    """The cards of a task's part; a run of dump lines has its chains read ahead from the index
    when this worker has one (the first pass's workers have none: the index is being built)."""
    if not isinstance(part, Lines):
        return (part,)
    items = list(part.items())
    if _index is not None:
        _index.prefetch(item.id for item in items if item.id)
    return items


def _audit_batch(batch: list[Item | Lines], encode: bool, settings: Settings | None) -> list[Packed]:
    """A pool task: the packed results of a batch of items, or of a run of dump lines read here."""
    global _settled
    results = [_pack(audit_item(item, encode, _analyzer, settings)) for part in batch for item in _read(part)]
    if not _settled:
        _settled = True
        _settle()
    return results


def run(items: Iterable[Item], jobs: int = 1, *, encode: bool = True,
        settings: Settings | None = None, index_path: str | None = None) -> Iterator[Result]:
    """(JSONL record, row) per card in input order; None for walked files that are not cards.
    ``encode``: whether to make the records (see ``audit_item``); ``settings``: the ``[tool.modelcards]``
    select / ignore lists each record keeps to, and the fail-on a card's row is judged at;
    ``index_path``: a lineage index (``lineage_index.build_index``) chains are resolved through."""
    if jobs <= 1:
        from modelcards.audit.lineage_index import DumpIndex
        from modelcards.licenses.lineage import using_index

        analyzer = CachedAnalyzer()  # this run's memos, dropped with it: they hold this index's chains
        index = DumpIndex(index_path) if index_path is not None else None
        settled, previous = False, None
        try:
            with using_index(index):
                for item in items:
                    yield audit_item(item, encode, analyzer, settings)
                    if not settled:
                        settled, previous = True, _settle()
        finally:
            if previous is not None:
                _unsettle(previous)
            if index is not None:
                index.close()
        return
    tasks = _tasks(items.parts(CHUNK), CHUNK) if isinstance(items, Cards) and not items.started else \
        _batches(items, CHUNK)
    for packed in _in_order(_pool(jobs, index_path), tasks, _audit_batch, (encode, settings), jobs):
        yield _unpack(packed)


def _pool(jobs: int, index_path: str | None = None) -> Pool:
    import multiprocessing

    context = multiprocessing.get_context("spawn" if _threads_started() else None)
    return context.Pool(jobs, initializer=_start_worker, initargs=(index_path,))


def _in_order(pool: Pool, batches: Iterable[list[B]], task: Callable[..., list[T]], args: tuple[object, ...],
              jobs: int) -> Iterator[T]:
    """``task(batch, *args)`` of every batch on ``pool``, results in input order, with at most a
    few batches in flight; the pool is closed at the end."""
    with pool:
        window = jobs * 4  # chunks in flight: keeps every worker busy while the parent writes
        pending: list[AsyncResult[list[T]]] = []
        for batch in batches:
            pending.append(pool.apply_async(task, (batch, *args)))
            if len(pending) >= window:
                yield from pending.pop(0).get()
        for result in pending:
            yield from result.get()


def _lineage_task(batch: list[Item | Lines]) -> list[tuple[int, int, list[IndexRow]]]:
    """A first-pass task: (rows with an id, of them with a text, their index rows) of a batch of
    items or of a run of dump lines read here."""
    from modelcards.audit.lineage_index import lineage_row

    with_id = with_text = 0
    made = []
    for part in batch:
        for item in _read(part):
            if item.id:
                with_id += 1
                if item.text is not None:
                    with_text += 1
                    made.append(lineage_row(item.id, item.text))
    return [(with_id, with_text, made)]


def pooled_index(cards: Cards, path: str, jobs: int) -> IndexStats:
    """``build_index`` of the cards with an id (what ``build_index(((c.id, c.text) for c in cards
    if c.id), path)`` records and counts), on ``jobs`` worker processes that read a dump's runs of
    lines themselves: the parent only cuts the dump into runs and writes the index."""
    from modelcards.audit.lineage_index import IndexStats, write_index

    stats = IndexStats()

    def rows() -> Iterator[IndexRow]:
        tasks = _tasks(cards.parts(CHUNK * 4), CHUNK * 4)
        for with_id, with_text, made in _in_order(_pool(jobs), tasks, _lineage_task, (), jobs):
            stats.rows += with_id
            stats.with_ids += with_text
            yield from made

    write_index(rows(), path)
    return stats


def _threads_started() -> bool:
    """Forking a process with live threads can deadlock; fall back to spawn then."""
    import threading

    return threading.active_count() > 1
