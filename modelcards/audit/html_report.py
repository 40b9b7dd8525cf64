"""The one-page audit report (``audit --report x.html``).

Inline SVG keeps the page a single self-contained file (no chart library, nothing fetched) that
can be attached to an issue or archived next to the JSONL output. The page is the census page
of ``census_html``: the summary's charts, families, license drift, openwashing, months and the
per-card table.
"""

from __future__ import annotations

from modelcards.audit.bars import BAR_WIDTH, Bar, bars
from modelcards.audit.summary import Summary

_bars = bars
"""The former name of ``bars``."""


def render_report(summary: Summary, *, title: str = "Model card audit") -> str:
    """The audit's one-page report of ``summary``."""
    from modelcards.audit.census_html import render_census

    return render_census(summary, title=title)


__all__ = ["BAR_WIDTH", "Bar", "bars", "render_report"]
