"""Streaming batch audit over many cards: inputs -> runner (worker per card) -> writer + summary.

Nothing per card is kept after it is written, so memory is flat in the number of cards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING

from modelcards.audit.summary import Summary

if TYPE_CHECKING:
    from modelcards.audit.records import CardRecords
    from modelcards.config import Settings


def audit_paths(paths: Iterable[str], out: IO[str], *, fmt: str = "jsonl", jobs: int = 1,
                on_card: Callable[[Summary], None] | None = None, settings: Settings | None = None,
                lineage: bool | None = None, records: CardRecords | None = None) -> Summary:
    """Audit every card under ``paths``, write one record per card to ``out``, return the summary.

    ``on_card`` is called after each card (progress display). ``settings``: the ``[tool.modelcards]``
    select / ignore lists apply to every record as in ``check``, and ``summary.failing`` counts the
    cards whose report fails at the settings' fail-on. ``lineage``: resolve base-model chains
    through the dump's own cards (a first pass records every row's id, license and bases in a
    SQLite index); None: when some path is a dump, and only if its rows have ids. ``records``:
    also write one census row per card (``--records``)."""
    import os
    import tempfile

    from modelcards.audit.inputs import has_dump, iter_items
    from modelcards.audit.runner import pooled_index, run
    from modelcards.audit.writers import WRITERS

    paths = list(paths)
    writer = WRITERS[fmt](out)
    summary = Summary()
    folder = tempfile.mkdtemp(prefix="modelcards-lineage-") if lineage or (lineage is None and has_dump(paths)) \
        else None
    index_path = None
    try:
        if folder is not None:
            from modelcards.audit.lineage_index import build_index

            index_path = os.path.join(folder, "lineage.sqlite")
            stats = pooled_index(iter_items(paths), index_path, jobs) if jobs > 1 else \
                build_index(((item.id, item.text) for item in iter_items(paths) if item.id), index_path)
            if stats.with_ids:
                summary.census.lineage = "dump"
            else:
                index_path = None
        for result in run(iter_items(paths), jobs=jobs, encode=writer.needs_json, settings=settings,
                          index_path=index_path):
            if result is None:
                summary.skipped += 1
                continue
            record, row = result
            writer.write(record, row)
            summary.add(row)
            if records is not None:
                records.write(row)
            if on_card is not None:
                on_card(summary)
        writer.flush()
        if index_path is not None:
            from modelcards.audit.lineage_index import DumpIndex

            index = DumpIndex(index_path)
            summary.census.mark_roots(index)
            index.close()
    finally:
        if folder is not None:
            import shutil

            shutil.rmtree(folder, ignore_errors=True)
    return summary


__all__ = ["Summary", "audit_paths"]
