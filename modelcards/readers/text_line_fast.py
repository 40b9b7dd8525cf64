"""The card line of a line of card text (``HubCard._text_line``), walked to from the nearest heading.

Findings about card text name a line of a part (a section, the summary) by its index and its
text, and the reader finds the card line that holds it: the line at that index or a later one.
The plain path lists where every body line starts, then looks from that index on; a card can
hold a hundred thousand lines and only a few findings. A body without ``\r`` has its top-level
headings' offsets at hand (``HubCard.top_heading_offsets``), so the wanted line is reached by
walking from the last heading at or before it, line break by line break, and no list of lines
is made. ``tests/test_text_line_fast.py`` holds it to the plain path.
"""

from __future__ import annotations

from bisect import bisect_right

from modelcards.readers.headings_fast import Heading


def text_line_at(text: str, start: int, headings: list[Heading], offsets: list[int], first: int,
                 wanted: str) -> int | None:
    """The body line index of the first line of the body ``text[start:]`` (without ``\r``), from
    body line ``first`` on, that reads ``wanted`` once stripped on the right; None when none does.
    ``headings`` are body headings in order of their lines, ``offsets`` the offset in the body of
    each one's line."""
    end = len(text)
    index = bisect_right(headings, (first, 7)) - 1  # the last heading at or before that line (levels are 1-6)
    line, at = (headings[index][0], start + offsets[index]) if index >= 0 else (0, start)
    while line < first and at < end:
        line_break = text.find("\n", at)
        at = end if line_break < 0 else line_break + 1
        line += 1
    while at < end:
        line_break = text.find("\n", at)
        stop = end if line_break < 0 else line_break + 1
        if text[at:stop].rstrip() == wanted:
            return line
        at, line = stop, line + 1
    return None
