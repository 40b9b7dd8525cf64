"""A card's name is its title: the first level-1 ATX heading before the first section, as
CommonMark reads the body (never a comment in a code block or a heading inside HTML), else the
card's folder name. Every reader path takes the same name."""

from __future__ import annotations

import pytest

from modelcards.readers.dispatch import read_text


@pytest.mark.parametrize(("text", "name"), [
    ("---\nlicense: mit\n# a YAML comment\n---\nIntro.\n# The Model #\n# Later\n", "The Model"),
    ("# First\n## Section\n# After the first section\n", "First"),
    ("## Only a section\n# Too late\n", "x"),
    ("~~~\n# in code\n~~~\n<div>\n# in HTML\n</div>\n\n    # indented code\n", "x"),
    ("No heading here\n", "x"),
])
def test_the_name_is_the_first_level_1_heading_before_any_section(text, name):
    assert read_text(text, "models/x/README.md").release.name == name
