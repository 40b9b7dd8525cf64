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


def test_the_lines_holding_a_placeholder_hint_are_found_once_each_in_order():
    text = "intro\nMore Information Needed {{ x }}\nplain\n- TODO: a TBD todo\n\n{\n}"
    assert card_outline._hint_lines(text) == [1, 3, 5]
    assert card_outline._hint_lines("nothing to see\nhere") == []
    assert card_outline._hint_lines("{") == [0] and card_outline._hint_lines("x\nTBD") == [1]


def test_hint_lines_are_the_lines_that_hold_a_hint_on_generated_texts():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from(["nformation", "{", "TODO", "TBD", "odo", "\n", " ", "x", "T", "od", "Information"])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces | st.text(max_size=3), max_size=20).map("".join))
    def check(text):
        hints = ("nformation", "{", "TODO", "TBD", "odo")
        expected = [i for i, line in enumerate(text.split("\n")) if any(hint in line for hint in hints)]
        assert card_outline._hint_lines(text) == expected

    check()


def test_an_outline_holds_every_field_of_its_parts_headings_and_placeholders(tmp_path):
    import modelcards

    path = tmp_path / "README.md"
    path.write_text("---\nlicense: mit\n---\n# Tiny\nA model.\n\n## Uses\n\n### Direct Use\n\n"
                    "[More Information Needed]\n\n**Out-of-Scope Uses** none\n", encoding="utf-8")
    found = card_outline.build(modelcards.read(str(path)).release)
    for row in (*found.parts, *found.heads, *found.placeholders, *found.part_headings.values()):
        assert len(row) == len(type(row)._fields)
    assert [(h.title, h.level, h.label) for h in found.heads] == [
        ("Uses", 2, None), ("Direct Use", 3, None), ("Out-of-Scope Uses", 7, " none")]
    assert [(p.found, p.kind) for p in found.placeholders] == [("[More Information Needed]", "template")]
    assert found.section_of(found.placeholders[0].part, found.placeholders[0].index) == "Direct Use"
