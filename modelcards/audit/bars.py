"""Horizontal bar charts' data for the audit's HTML page: one bar per counted label, scaled to
the largest count (the page draws them as inline SVG)."""

from __future__ import annotations

from dataclasses import dataclass

BAR_WIDTH = 360


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    share: float
    width: int
    name: str = ""
    """For a finding's bar: the rule's name (``label`` is its code), so a reader need not run ``explain``."""


def bars(counts: dict[str, int], total: int, names: dict[str, str] | None = None) -> list[Bar]:
    """A bar per label: its count, its share of ``total``, its width against the largest count."""
    peak = max(counts.values(), default=0) or 1
    return [Bar(label, count, count / total if total else 0.0, max(1, round(BAR_WIDTH * count / peak)),
                (names or {}).get(label, "")) for label, count in counts.items()]
