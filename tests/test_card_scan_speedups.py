"""The body scan's fence lines (``card_scan._fences``, found by a literal search for the marks)
against the plain rule they stand for (a line at most three spaces in, then three or more
backticks or tildes), on generated texts and on lines that hold thousands of marks."""

from __future__ import annotations

import random
import re

from modelcards.readers.card_scan import _fences

_FENCE_LINE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$", re.MULTILINE)


def plain_fences(text: str, start: int = 0) -> list[tuple[int, str, int, bool]]:
    """(line start, mark, run length, nothing but blanks after the run) of each fence line."""
    body = text[start:]
    return [(start + m.start(), m.group(2)[0], len(m.group(2)), not m.group(3).strip(" \t"))
            for m in _FENCE_LINE.finditer(body)]


_PIECES = ["```", "~~~", "````", "`", "~", " ", "  ", "    ", "\t", "x", "python", "\n", "\n", "\r\n", "é", "😀"]


def test_the_fence_lines_are_the_plain_ones_on_generated_texts() -> None:
    rng = random.Random(17)
    for _ in range(4000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randrange(0, 30)))
        start = rng.choice([0, 0, rng.randrange(len(text) + 1)])
        if start and text[start - 1:start] != "\n":
            start = 0  # the body starts after a line break, or at the text's start
        assert _fences(text, start) == plain_fences(text, start), (text, start)


def test_a_line_of_thousands_of_marks_and_fences_after_it() -> None:
    text = "intro " + "```x ~~~y " * 20000 + "\n```python\ncode\n```\n" + "a ```" * 5000 + "\n~~~~\n"
    found = _fences(text)
    assert found == plain_fences(text)
    assert [(mark, length) for _start, mark, length, _bare in found] == [("`", 3), ("`", 3), ("~", 4)]
