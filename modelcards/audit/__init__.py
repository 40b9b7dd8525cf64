"""Streaming batch audit over many cards: inputs -> runner (worker per card) -> writer + summary.

Nothing per card is kept after it is written, so memory is flat in the number of cards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING

from modelcards.audit.summary import Summary

if TYPE_CHECKING:
    from modelcards.config import Settings


def audit_paths(paths: Iterable[str], out: IO[str], *, fmt: str = "jsonl", jobs: int = 1,
                on_card: Callable[[Summary], None] | None = None, settings: Settings | None = None) -> Summary:
    """Audit every card under ``paths``, write one record per card to ``out``, return the summary.

    ``on_card`` is called after each card (progress display). ``settings``: the ``[tool.modelcards]``
    select / ignore lists apply to every record as in ``check``, and ``summary.failing`` counts the
    cards whose report fails at the settings' fail-on."""
    from modelcards.audit.inputs import iter_items
    from modelcards.audit.runner import run
    from modelcards.audit.writers import WRITERS

    writer = WRITERS[fmt](out)
    summary = Summary()
    for result in run(iter_items(paths), jobs=jobs, encode=writer.needs_json, settings=settings):
        if result is None:
            summary.skipped += 1
            continue
        record, row = result
        writer.write(record, row)
        summary.add(row)
        if on_card is not None:
            on_card(summary)
    writer.flush()
    return summary


__all__ = ["Summary", "audit_paths"]
