"""A regex search that first checks, at C speed, for the literal words every match must hold.

The evidence rules search card lines with case-insensitive patterns of many ``\\b``-anchored
alternatives; ``re`` cannot skip ahead for those, so it tries every alternative at every offset
of the line. Most lines hold none of the words, which ``in`` on the lower-cased line says at
once. Only for ASCII lines: there lower-casing is exactly what ``re.IGNORECASE`` folds, while
some non-ASCII letters (the Kelvin sign, the long s) match ASCII ones case-insensitively; any
other line goes to the pattern directly. ``tests/test_speed_paths_gate.py`` holds each gated
search to its plain pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Search = Callable[[str], "re.Match[str] | None"]


def gated(pattern: re.Pattern[str], words: tuple[str, ...]) -> Search:
    """``pattern.search``, returning None at once for an ASCII text that holds none of ``words``
    (lower case). Each alternative of ``pattern`` must contain one of ``words`` as a literal, so
    that no match is ever missed."""
    search = pattern.search

    def gated_search(text: str) -> re.Match[str] | None:
        if text.isascii():
            low = text.lower()
            for word in words:
                if word in low:
                    return search(text)
            return None
        return search(text)

    gated_search.pattern = pattern  # type: ignore[attr-defined]
    gated_search.words = words  # type: ignore[attr-defined]
    return gated_search
