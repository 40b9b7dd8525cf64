"""The card outline's line scanner: the lines where a line's kind can change are those a regular
expression over the text names (a fence or an ATX heading opening a line after at most three
spaces, and every ``<!--``), and the outline of a card read from Markdown."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from modelcards.rules.card_outline import CODE, COMMENT, HEADING, TEXT, _events, classify, openings

_EVENT = re.compile(r"\n {0,3}(?:`{3,}|~{3,}|#{1,6}(?=[ \t\n]|$))")
"""The events as one expression over the text after a ``\n``: the definition ``_events`` meets."""


def reference_events(text: str) -> list[tuple[int, str]]:
    found = [(m.start(), m.group()[1:]) for m in _EVENT.finditer("\n" + text)]
    found += [(m.start(), "<!--") for m in re.finditer("<!--", text)]
    return sorted(found)


def reference_openings(text: str, mark: str) -> list[int]:
    return [m.start() for m in re.finditer(r"\n {0,3}" + re.escape(mark), "\n" + text)]


_PIECES = st.sampled_from(["#", "##", "#######", "```", "````", "~~~", "`", "~", " ", "   ", "    ", "\t", "\n",
                           "x", "**", "__", "*", "<!--", "-->", "<!", "# x", "é", "中"])
_TEXT = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=300, deadline=None, database=None)
@given(_TEXT)
def test_the_events_are_those_of_the_expression(text):
    assert _events(text) == reference_events(text)


@settings(max_examples=300, deadline=None, database=None)
@given(_TEXT, st.sampled_from(["#", "```", "~~~", "**", "__"]))
def test_openings_are_the_lines_opening_with_the_mark(text, mark):
    assert [start for start, _at in openings(text, mark)] == reference_openings(text, mark)


def test_events_at_the_edges_of_the_text():
    assert _events("# a") == [(0, "#")]
    assert _events("   ```py\nx\n```") == [(0, "   ```"), (11, "```")]
    assert _events("    # four spaces in") == []
    assert _events("x\n##") == [(2, "##")]
    assert _events("x # y\n####### seven") == []
    assert _events("a <!-- b\n<!-- c") == [(2, "<!--"), (9, "<!--")]


def test_classify_kinds_and_headings():
    text = "intro\n## Uses\n<!-- note -->\n```\n# not a heading\n```\n\n### Out-of-Scope Use\ntext"
    lines = text.split("\n")
    kinds, heads = classify(text, lines)
    assert [kinds[i] for i in range(len(lines))] == [TEXT, HEADING, COMMENT, CODE, CODE, CODE, 0, HEADING, TEXT]
    assert heads == [(1, 2, "Uses"), (7, 3, "Out-of-Scope Use")]
