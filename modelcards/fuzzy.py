"""Did-you-mean suggestions for misspelt keys, ids and names; used by every layer, imports nothing
of the project's own."""

from __future__ import annotations

import typing

MAX_COMPARED = 100
"""Longer words get no suggestion: no key, rule code or license id is that long, and comparing a
hostile 20,000-character value with every license id would take minutes."""


def closest(word: str, choices: typing.Iterable[str]) -> str | None:
    """The most plausible intended spelling of ``word`` among ``choices``, if any: the nearest by
    optimal-string-alignment distance (swapped letters cost one, so 'lisence' finds 'license',
    which difflib's ratio scores too low), within a third of the word's length; else difflib's
    closest match."""
    if len(word) > MAX_COMPARED:
        return None
    from rapidfuzz.distance import OSA  # imported when a suggestion is wanted, not at start-up

    options = list(choices)
    lowered = word.lower()
    most = max(1, len(word) // 3)
    # the edit distance is at least the difference in length, so only choices of a near length can be near
    scored = sorted((OSA.distance(lowered, c.lower(), score_cutoff=most + 1), c) for c in options
                    if abs(len(c) - len(word)) <= most)
    if scored and scored[0][0] <= most:
        return scored[0][1]
    import difflib  # imported when a suggestion is wanted, not at start-up

    matches = difflib.get_close_matches(lowered, options, n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    match = closest(word, choices)
    return f"; did you mean {match!r}?" if match else ""
