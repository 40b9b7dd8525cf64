"""Where a Hugging Face card's YAML front matter is, found as huggingface_hub finds it.

The pattern is huggingface_hub's ``repocard.REGEX_YAML_BLOCK`` (a test checks they agree), so
the Hub and modelcards read the same metadata from a card.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Same pattern as huggingface_hub.repocard.REGEX_YAML_BLOCK (huggingface_hub 2.x), copied so that
# reading a card does not import huggingface_hub (start-up: benchmarks/PERFORMANCE.md).
FRONT_MATTER = re.compile(r"^(\s*---(?:\r\n|\r|\n))([\S\s]*?)((?:\r\n|\r|\n)---[ \t]*(\r\n|\n|$))")
_OPENING = re.compile(r"\s*---(\r\n|\r|\n)")
_FENCE_END = re.compile(r"[ \t]*(\r\n|\n|$)")
_CLOSING = re.compile(r"(?:\r\n|\r|\n)---" + _FENCE_END.pattern)


class FrontMatter(NamedTuple):
    """Where a card's front matter is: the same spans as ``FRONT_MATTER``'s groups."""

    opening: str
    """Text up to and including the opening ``---`` line, group 1."""
    data: str
    """The YAML between the fences, group 2."""
    end: int
    """Where the body starts."""


def find_front_matter(text: str) -> FrontMatter | None:
    """What ``FRONT_MATTER.search(text)`` finds, with one scan for the closing fence where the
    pattern's lazy ``[\\S\\s]*?`` tries it after every character.

    The pattern's only backtracking that changes a result: when no closing fence follows an
    opening line ended by ``\\r\\n``, the opening is retried as ended by ``\\r`` alone, so a fence
    right after it closes an empty front matter. Tests compare both on generated texts."""
    opening = _OPENING.match(text)
    if opening is None:
        return None
    start = opening.end()
    closing = _closing_fence(text, start)
    if closing is not None:
        return FrontMatter(text[:start], text[start:closing[0]], closing[1])
    if opening.group(1) == "\r\n":
        closing = _CLOSING.match(text, start - 1)
        if closing is not None:
            return FrontMatter(text[:start - 1], "", closing.end())
    return None


def _closing_fence(text: str, start: int) -> tuple[int, int] | None:
    """The span of ``_CLOSING.search(text, start)``: a ``---`` preceded by a line break at or
    after ``start`` and followed by ``_FENCE_END``. The match starts at that line break, or at
    the ``\\r`` before it when the break is ``\\r\\n``, as the pattern tries ``\\r\\n`` first;
    fences are met in order, so the first that fits is the leftmost match."""
    fence = text.find("---", start)
    while fence != -1:
        brk = fence - 1
        if brk >= start and text[brk] in "\r\n":
            tail = _FENCE_END.match(text, fence + 3)
            if tail is not None:
                if text[brk] == "\n" and brk > start and text[brk - 1] == "\r":
                    brk -= 1
                return brk, tail.end()
        fence = text.find("---", fence + 1)
    return None


def looks_like_card(text: str) -> bool:
    """Whether ``text`` opens a front matter (after blank space), as a card with metadata does."""
    return text.lstrip().startswith("---")


def is_markdown_card(text: str, path: str, markdown: bool | None = None) -> bool:
    """Whether to read ``text`` as a Markdown card rather than YAML: ``markdown`` when the caller
    knows (a dump's card column), else a ``.md`` name or leading front matter, and never for a ``.yaml``
    name. A README.md
    without front matter is a card with no metadata."""
    if markdown is None:
        lowered = path.lower()
        if lowered.endswith((".yaml", ".yml")):
            return False  # YAML, even when it opens with a `---` document start
        markdown = lowered.endswith(".md")
    return markdown or looks_like_card(text)
