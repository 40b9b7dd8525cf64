"""A card's title and fields (``hub_card.card_fields``) cut from its body at its headings' offsets.

``card_fields`` splits the body into lines and joins each part's lines again; a body without
``\r`` joins them with the very line breaks it holds, so each part is the stretch of the body
from its first line to the line break before the next part's heading, cut out in one slice:
no list of every line, no copy of a part but the part itself (a card can be megabytes).
``tests/test_card_fields_fast.py`` holds it to ``card_fields``.
"""

from __future__ import annotations

from typing import Any

from modelcards.readers.headings_fast import Heading
from modelcards.schema.card_sections import card_text_fields


def card_fields_at(text: str, found: list[Heading], offsets: list[int], start: int,
                   title_at: tuple[int, str] | None) -> tuple[str | None, dict[str, Any]]:
    """``hub_card.card_fields`` of a body without ``\r`` (``text[start:]``): ``offsets`` holds the
    offset in the body of each heading's line, ``title_at`` the (line, text) of the title
    heading among them (``hub_card._title``)."""
    end_of_text = len(text)

    def line_end(at: int) -> int:
        """Offset in ``text`` of the line break that ends the line at ``at`` (the text's end)."""
        found_at = text.find("\n", at)
        return end_of_text if found_at < 0 else found_at

    title_start = title_end = None  # offsets in text of the title line and of its line break
    title = None
    if title_at is not None:
        title = title_at[1]
        at = start + offsets[found.index((title_at[0], 1, title))]
        end = line_end(at)
        if text[at:end].rstrip() == f"# {title}":
            title_start, title_end = at, end
    splits: list[tuple[int, int, str]] = []  # (offset of the heading line, of its line break, heading)
    seen: set[str] = set()
    for (_line, level, heading), offset in zip(found, offsets, strict=True):
        if level == 2 and heading.strip() and heading not in seen:
            at = start + offset
            end = line_end(at)
            if text[at:end] == f"## {heading}":
                splits.append((at, end, heading))
                seen.add(heading)
    # each part runs from a line's start to the line break before the next part's heading line
    # (the text's end after the last one): the lines between, joined by their own breaks
    ends = [at - 1 for at, _end, _heading in splits[1:]] + ([end_of_text] if splits else [])
    preamble_end = splits[0][0] - 1 if splits else end_of_text
    # (an end before ``start`` is spelled out as empty: an end of -1 would count from the text's end)
    if title_start is None:
        preamble = text[start:preamble_end] if preamble_end > start else ""
    elif title_end >= preamble_end:  # the title is the preamble's last line
        preamble = text[start:title_start - 1] if title_start > start else ""
    elif title_start == start:
        preamble = text[title_end + 1:preamble_end]
    else:
        preamble = text[start:title_start] + text[title_end + 1:preamble_end]
    parts = ((heading, text[heading_end + 1:end])
             for (_at, heading_end, heading), end in zip(splits, ends, strict=True))
    return title, card_text_fields(preamble, parts)
