"""Run the worker over a stream of cards, serially or on a process pool, in input order.

``multiprocessing.Pool.imap`` would read the whole input ahead of the workers (its feeder thread
is unbounded), so cards are sent in fixed-size batches with at most two in flight: memory stays
flat however many cards the dump holds, and output order is the input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from modelcards.audit.analyzer import CachedAnalyzer
from modelcards.audit.inputs import Item
from modelcards.audit.worker import Row, audit_item

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

    from modelcards.config import Settings

CHUNK = 64
"""Cards per task sent to a worker: large enough to amortise pickling, small enough to balance."""


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


Result = tuple[bytes | None, Row] | None


_analyzer: CachedAnalyzer | None = None
"""The analyzer of this worker process, made by ``_start_worker`` when the pool starts it."""


def _start_worker(index_path: str | None = None) -> None:
    """A pool worker's start: its own analyzer, and its own connection to the lineage index."""
    global _analyzer
    _analyzer = CachedAnalyzer()
    if index_path is not None:
        from modelcards.audit.lineage_index import DumpIndex
        from modelcards.licenses.lineage import set_index

        set_index(DumpIndex(index_path))


def _audit_batch(batch: list[Item], encode: bool, settings: Settings | None) -> list[Result]:
    return [audit_item(item, encode, _analyzer, settings) for item in batch]


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
        try:
            with using_index(index):
                for item in items:
                    yield audit_item(item, encode, analyzer, settings)
        finally:
            if index is not None:
                index.close()
        return
    import multiprocessing

    context = multiprocessing.get_context("spawn" if _threads_started() else None)
    with context.Pool(jobs, initializer=_start_worker, initargs=(index_path,)) as pool:
        window = jobs * 4  # chunks in flight: keeps every worker busy while the parent writes
        pending: list[AsyncResult[list[Result]]] = []
        for batch in _batches(items, CHUNK):
            pending.append(pool.apply_async(_audit_batch, (batch, encode, settings)))
            if len(pending) >= window:
                yield from pending.pop(0).get()
        for result in pending:
            yield from result.get()


def _threads_started() -> bool:
    """Forking a process with live threads can deadlock; fall back to spawn then."""
    import threading

    return threading.active_count() > 1
