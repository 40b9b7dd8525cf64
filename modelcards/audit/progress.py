"""A rich progress display on stderr for long audits, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from modelcards.audit.summary import Summary

EVERY = 200
"""Cards between refreshes, so redrawing stays a small part of an audit."""


@contextmanager
def progress_display() -> Iterator[Callable[[Summary], None] | None]:
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(SpinnerColumn(), TextColumn("auditing"), MofNCompleteColumn(),
                        TextColumn("cards · {task.fields[rate]} cards/s · {task.fields[errors]} with errors"),
                        TimeElapsedColumn(), console=Console(stderr=True), transient=True,
                        redirect_stdout=False, redirect_stderr=False)  # stdout carries the records
    task = progress.add_task("audit", total=None, rate="-", errors=0)

    def update(summary: Summary) -> None:
        if summary.cards % EVERY:
            return
        elapsed = progress.tasks[0].elapsed or 0
        rate = f"{summary.cards / elapsed:,.0f}" if elapsed else "-"
        progress.update(task, completed=summary.cards, rate=rate, errors=summary.with_errors)

    with progress:
        yield update
