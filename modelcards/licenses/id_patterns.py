"""The first of a table's fnmatch patterns that an id matches, without trying every pattern.

The known-models and known-datasets tables match ids by fnmatch pattern, case-insensitively,
first match wins (``obligations._match``). A census meets millions of distinct ids, most of
which no pattern matches, and trying each of the table's patterns in turn on each of them is most
of what looking one up costs. An id can only match a pattern it starts with the literal
beginning of (the text before its first ``*``, ``?`` or ``[``), so the patterns are grouped by
the organisation that beginning names (``meta-llama/Llama-3*`` under ``meta-llama``); an id is
tried against its own organisation's patterns and those whose beginning names none
(``bert-base-*``), in table order, each compiled once. ``tests/test_id_patterns.py`` holds the
result to the plain loop's.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Sequence

_WILDCARD = re.compile(r"[*?\[]")
_Entry = tuple[int, str, Callable[[str], "re.Match[str] | None"]]
"""(index in the table, literal beginning, the compiled pattern's full match) of one pattern."""


def _index(entry: _Entry) -> int:
    return entry[0]


def literal_start(pattern: str) -> str:
    """The text of a pattern before its first wildcard."""
    return _WILDCARD.split(pattern, maxsplit=1)[0]


class PatternTable:
    """Lower-cased fnmatch patterns, looked up by id."""

    def __init__(self, patterns: Sequence[str]) -> None:
        lowered = [pattern.lower() for pattern in patterns]
        compiled: list[_Entry] = [(index, literal_start(pattern), re.compile(fnmatch.translate(pattern)).match)
                                  for index, pattern in enumerate(lowered)]
        by_org: dict[str, list[_Entry]] = {}
        anywhere: list[_Entry] = []
        for entry in compiled:
            start = entry[1]
            if "/" in start:
                by_org.setdefault(start.split("/", 1)[0], []).append(entry)
            else:
                anywhere.append(entry)
        self._anywhere = tuple(anywhere)
        self._by_org = {org: tuple(sorted(entries + anywhere, key=_index)) for org, entries in by_org.items()}

    def first(self, item_id: str) -> int | None:
        """The index of the first pattern ``item_id`` matches (any case), or None."""
        lowered = item_id.lower()
        slash = lowered.find("/")
        candidates = self._by_org.get(lowered[:slash], self._anywhere) if slash >= 0 else self._anywhere
        for index, start, match in candidates:
            if lowered.startswith(start) and match(lowered):
                return index
        return None
