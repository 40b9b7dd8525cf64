"""The fast heading scanner must find exactly the top-level ATX headings of level 1 and 2 that
markdown-it finds, or say it cannot decide (None): a card's name and sections come from them."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from modelcards.readers import headings_fast
from modelcards.readers.front_matter import find_front_matter
from modelcards.readers.headings_fast import fast_headings
from modelcards.readers.markdown_body import headings, markdown_headings, tokens

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "hf-cards" / "cards"

PIECES = [
    "# Title", "## Section", "### Deep", "#", "#tag", " # one in", "  # two in", "   ## three in", "    # code",
    "\t# tab", "# A ##", "## B #", "#\tx", "```", "```python", "``` `x`", "~~~", "~~~~", "  ```", "   ~~~",
    "    ```", "\t```", "<div>", "</div>", "<div align=\"center\">", "<span>", "<img src=\"a.png\">", "<br/>",
    "<!--", "-->", "<!-- note -->", "<script>", "</script>", "<?php", "?>", "<!DOCTYPE html>", "<![CDATA[",
    "]]>", "<https://example.org>", "  <p>", "  <br>", "   <img src=x>", "  </details>", "  <!-- c -->",
    "text", "More words", "- item", "* item", "1. step", "2) step",
    "> quote", "[ref]: https://example.org", "[link](https://x.y)", "===", "---", "***", "| a | b |", "",
    "", "", "  ", "\t", "Ünïcode", "'quoted'", "(aside)", "**bold**", "12 apples",
]
BREAKS = ["\n", "\n", "\n", "\r\n", "\r"]


def _markdown_it(text: str) -> list[tuple[int, int, str]]:
    return markdown_headings(tokens(text))


def _generated(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 14)):
        parts.append(rng.choice(PIECES))
        parts.append(rng.choice(BREAKS))
    return "".join(parts)


@pytest.mark.parametrize("text", [
    "# Name\n\nIntro\n\n## Uses\n", "```\n# pip install foo\n```\n# Llama 3 Helper\n",
    "<div>\n# hidden in HTML\n</div>\n\n# Shown\n", "<!--\n# commented\n-->\n# After\n",
    "- item\n\n  ```\n# x\n  ```\n", "text\n<span>\n# not swallowed\n", "# H\n<span>\n# swallowed\n",
    "  ```\ncode at the margin\n  ```\n# after\n", "1. step\n   ```bash\n   # comment\n   ```\n## Next\n",
    "Title\n=====\n## Two\n", "- a\n  <div>\n  # in HTML\n  </div>\n\n# y\n",
    "- a\n\n  <div>\n# out\n", "# A #\n## B ##\n", "\t# tab\n", "#\n# \n##\n",
])
def test_cards_people_write(text: str) -> None:
    fast = fast_headings(text)
    assert fast is None or fast == _markdown_it(text), text


def test_generated_texts() -> None:
    rng = random.Random(20261203)
    decided = 0
    total = 6_000
    for _ in range(total):
        text = _generated(rng)
        fast = fast_headings(text)
        if fast is not None:
            decided += 1
            assert fast == _markdown_it(text), repr(text)
    assert decided > total * 0.6  # the scanner decides most texts, or it saves nothing


@pytest.mark.parametrize("count", [1_000, pytest.param(6_000, marks=pytest.mark.slow)])
def test_undecided_stretches_parsed_alone_give_the_whole_parse(count: int) -> None:
    """Cards join many blocks; where the scanner cannot decide, only that stretch is parsed, and
    the headings must be those of one markdown-it parse of the whole text, at the same lines.
    (A thousand texts in the default suite; six thousand in the slow run.)"""
    rng = random.Random(20261204 + count)
    segmented = 0
    for _ in range(count):
        text = "\n\n".join(_generated(rng) for _ in range(rng.randint(1, 6)))
        if fast_headings(text) is None:
            segmented += 1
        assert headings(text) == _markdown_it(text), repr(text)
    assert segmented > count // 10  # the stretches were exercised, not only the scanner


@pytest.mark.parametrize("text", [
    "- a\n  # in item\n\n# Out\n",  # resumes after the list
    "- a\n  ```\n\n# fenced\n  ```\n\n# Out\n",  # the list item ends at the margin line
    "- a\n  # x\n\n```\n\n# fenced at the top\n```\n## After\n",  # a fence past the stretch's end
    "<!--\n\n# commented\n-->\n- a\n  # x\n\n## B\n",  # no restart inside the comment
    "# A\r\n- a\r\n  # x\r\n\r\n## B\r\n",
])
def test_stretches_people_write(text: str) -> None:
    assert headings(text) == _markdown_it(text)


def test_the_copied_patterns_are_markdown_its() -> None:
    from markdown_it.common.html_blocks import block_names
    from markdown_it.common.utils import MD_TRIM_CHARS
    from markdown_it.rules_block.html_block import HTML_SEQUENCES

    assert headings_fast._BLOCK_NAMES.split("|") == block_names
    assert headings_fast._TRIM == MD_TRIM_CHARS
    ours = [(start.pattern, start.flags, None if end is None else end.pattern, interrupts)
            for start, end, interrupts in headings_fast.HTML_SEQUENCES]
    theirs = [(start.pattern, start.flags, None if end.pattern == "^$" else end.pattern, interrupts)
              for start, end, interrupts in HTML_SEQUENCES]
    assert ours == theirs


@pytest.mark.slow  # the whole real corpus: run by `pytest -m slow` and .ci/run
@pytest.mark.skipif(not CORPUS.is_dir(), reason="the real card corpus is not present")
def test_every_card_of_the_corpus() -> None:
    decided = 0
    cards = sorted(CORPUS.glob("*.md"))
    for path in cards:
        text = path.read_text(encoding="utf-8", errors="replace")
        found = find_front_matter(text)
        body = text[found.end:] if found else text
        fast = fast_headings(body)
        if fast is not None:
            decided += 1
            assert fast == _markdown_it(body), path.name
        assert headings(body) == _markdown_it(body), path.name
    assert decided > len(cards) * 0.95


@pytest.mark.parametrize("line", ["<span>", "</span>", "  <br/>", "<img src=\"a.png\">"])
def test_a_paragraph_continued_by_thousands_of_tag_lines_is_read_as_markdown_it_reads_it(line: str) -> None:
    """Each tag line (an HTML start that cannot interrupt a paragraph) asks what the line before
    it was: the answer for the last such line is kept, so the scan reads back to it, not to the
    paragraph's start, and a long paragraph of them is read once."""
    rng = random.Random(13)
    parts = ["Intro text", *[line] * 3000, "# After the long paragraph", "", "More text"]
    for i in range(3000):
        parts.append(line if rng.random() < 0.8 else rng.choice(["words", "[ref]: /x", "- item", "", "## H"]))
        if i % 1500 == 0:
            parts.append(f"# Heading {i}")
    text = "\n".join(parts) + "\n"
    assert headings(text) == _markdown_it(text)
