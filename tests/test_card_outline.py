"""The card outline's line classes: fences, HTML comments and ATX headings found where a line
opens, and the headings of a part's text."""

from __future__ import annotations

from modelcards.rules import card_outline
from modelcards.rules.card_outline import CODE, COMMENT, HEADING, TEXT, _events, blank, classify


def test_events_at_the_edges_of_the_text():
    assert _events("# a") == [(0, "#")]
    assert _events("   ```py\nx\n```") == [(0, "   ```"), (11, "```")]
    assert _events("    # four spaces in") == []
    assert _events("x\n##") == [(2, "##")]
    assert _events("x # y\n####### seven") == []
    assert _events("a <!-- b\n<!-- c") == [(2, "<!--"), (9, "<!--")]
    assert _events("**a**\n  __b__ **c**") == [(0, "**"), (6, "  __")]


def test_classify_kinds_and_headings():
    text = "**Label:** intro\n## Uses\n<!-- note -->\n```\n# not a heading\n**code**\n```\n\n### Out-of-Scope Use\ntext"
    lines = text.split("\n")
    kinds, heads, bold = classify(text, lines)
    assert [kinds[i] for i in range(len(lines))] == [TEXT, HEADING, COMMENT, CODE, CODE, CODE, CODE, TEXT,
                                                     HEADING, TEXT]
    assert len(kinds) == len(lines) and [blank(line) for line in lines].index(True) == 7
    assert heads == [(1, 2, "Uses"), (8, 3, "Out-of-Scope Use")]
    assert bold == [0]


def test_long_lines_are_judged_as_short_ones_are():
    long = "a" * 600
    assert card_outline._heading_of("## " + long) == (2, long) and card_outline._heading_of("## Uses ##") == (2, "Uses")
    assert card_outline._line_placeholder(long + " TODO") == ("TODO", "todo", False)
    assert card_outline._line_placeholder("TODO") == ("TODO", "todo", True)
    assert card_outline._line_placeholder(long) is None
