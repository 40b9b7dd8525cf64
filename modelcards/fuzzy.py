"""Did-you-mean suggestions for misspelt keys, ids and names; used by every layer, imports nothing."""

from __future__ import annotations

import difflib
import typing


def _edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance. Written here because difflib's ratio scores
    swapped letters ('lisence' vs 'license') too low to suggest the obvious fix."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


MAX_COMPARED = 100
"""Longer words get no suggestion: no key, rule code or license id is that long, and comparing a
hostile 20,000-character value with every license id would take minutes."""


def closest(word: str, choices: typing.Iterable[str]) -> str | None:
    """The most plausible intended spelling of ``word`` among ``choices``, if any."""
    if len(word) > MAX_COMPARED:
        return None
    options = list(choices)
    lowered = word.lower()
    most = max(1, len(word) // 3)
    # the edit distance is at least the difference in length, so only choices of a near length can be near
    near = [c for c in options if abs(len(c) - len(word)) <= most]
    scored = sorted((_edit_distance(lowered, c.lower()), c) for c in near)
    if scored and scored[0][0] <= most:
        return scored[0][1]
    matches = difflib.get_close_matches(lowered, options, n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    match = closest(word, choices)
    return f"; did you mean {match!r}?" if match else ""
