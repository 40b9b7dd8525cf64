"""Case-insensitive regex searches made cheap for ASCII text, where lower-casing the text is exactly
what ``re.IGNORECASE`` folds.

The evidence rules search card lines and headings with case-insensitive patterns of many
alternatives; ``re`` cannot skip ahead for those, and folds the case of every character it tries,
at every offset. For an ASCII text, the same pattern without ``re.IGNORECASE`` (its literals are
lower case) searched in the lower-cased text finds the same matches at the same offsets, and skips
ahead by its literals; and a text that holds none of the literal words every match must hold is
passed over at once (``gated``). Only for ASCII text: some non-ASCII letters (the Kelvin sign, the
long s) match ASCII ones case-insensitively, and ``İ`` lower-cases to two characters; any other
text goes to the pattern itself. ``tests/test_speed_paths_gate.py`` holds each search to its plain
pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

Search = Callable[[str], "re.Match[str] | None"]
T = TypeVar("T")


_LONG_KEPT = 4
"""How many of the latest arguments over 500 characters ``short_cache`` keeps (``latest_cache``)."""


def short_cache(judge: Callable[..., T], maxsize: int = 4096) -> Callable[..., T]:
    """``judge(*texts)``, kept for up to ``maxsize`` distinct arguments of at most 500 characters in
    all (cards repeat their headings and links), and for the latest few longer ones only (the hits
    of one long line are judged one after another, each on that line), so that what is kept stays
    small whatever the cards hold."""
    kept = lru_cache(maxsize=maxsize)(judge)
    kept_long = latest_cache(judge)

    def judged(*texts: str) -> T:
        return kept(*texts) if sum(map(len, texts)) <= 500 else kept_long(*texts)

    judged.__doc__ = judge.__doc__
    judged.__wrapped__ = judge  # type: ignore[attr-defined]
    return judged


def found(search: Search, doc: str) -> Callable[[str], bool]:
    """Whether ``search`` finds a match in a text, kept per text as ``short_cache`` keeps
    judgements (cards repeat their lines: a quantiser's template, a producer's badges)."""

    def judge(text: str) -> bool:
        return search(text) is not None

    judge.__doc__ = doc
    return short_cache(judge)


def latest_cache(judge: Callable[..., T], keep: int = _LONG_KEPT) -> Callable[..., T]:
    """``judge(*args)``, kept for the latest ``keep`` distinct arguments only."""
    latest: dict[tuple[Any, ...], T] = {}

    def judged(*args: Any) -> T:
        if args in latest:
            return latest[args]
        if len(latest) >= keep:
            del latest[next(iter(latest))]
        value = latest[args] = judge(*args)
        return value

    judged.__doc__ = judge.__doc__
    return judged


def _case_sensitive(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` without ``re.IGNORECASE``, for lower-cased ASCII text: its literals (escapes
    aside) must be lower case, or it would miss what they match in upper case."""
    if re.search(r"[A-Z]", re.sub(r"\\.", "", pattern.pattern)):
        raise ValueError(f"pattern has upper-case literals: {pattern.pattern!r}")
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def gated(pattern: re.Pattern[str], words: tuple[str, ...]) -> Search:
    """A search of ``pattern`` (case-insensitive, literals in lower case) that returns None at
    once for an ASCII text that holds none of ``words`` (lower case), and otherwise the match of
    the pattern, in the lower-cased text for an ASCII text (the same span: callers test the match,
    they do not read its text). Each alternative of ``pattern`` must contain one of ``words`` as a
    literal, so that no match is ever missed."""
    search = pattern.search
    lowered = _case_sensitive(pattern).search

    def gated_search(text: str) -> re.Match[str] | None:
        if text.isascii():
            low = text.lower()
            for word in words:
                if word in low:
                    return lowered(low)
            return None
        return search(text)

    gated_search.pattern = pattern  # type: ignore[attr-defined]
    gated_search.words = words  # type: ignore[attr-defined]
    return gated_search


def matcher(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """Whether ``pattern`` (case-insensitive, literals in lower case) matches anywhere in a text:
    for an ASCII text, searched without ``re.IGNORECASE`` in the lower-cased text."""
    search = pattern.search
    lowered = _case_sensitive(pattern).search

    def matches(text: str) -> bool:
        if text.isascii():
            return lowered(text.lower()) is not None
        return search(text) is not None

    matches.pattern = pattern  # type: ignore[attr-defined]
    return matches
