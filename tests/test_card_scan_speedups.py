"""The body scan's fence lines (``card_scan._fences``, found by a literal search for the marks)
against the plain rule they stand for (a line at most three spaces in, then three or more
backticks or tildes), on generated texts and on lines that hold thousands of marks; and what the
scan finds in a body of thousands of rendered-block markers or BibTeX eprints."""

from __future__ import annotations

import random
import re

from modelcards.readers.card_scan import _fences, scan

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


def test_thousands_of_unclosed_rendered_block_markers_hide_only_themselves() -> None:
    text = "# Card\n" + "<!-- modelcards:begin details -->\nSee https://github.com/acme/code\n" * 3000
    links = scan(text).links
    assert [(hit.text, hit.line) for hit in links] == [("https://github.com/acme/code", 3 + 2 * i) for i in range(3000)]


def test_each_eprint_of_a_long_citation_block_is_a_link_on_its_own_line() -> None:
    entries = [f"  eprint={{2309.{i:05d}}}, journal={{arXiv preprint arXiv:2401.{i:05d}}}," for i in range(3000)]
    text = "## Citation\n\n```bibtex\n@misc{x,\n" + "\n".join(entries) + "\n}\n```\n"
    links = [hit for hit in scan(text).links if hit.in_code]
    want = [(url, 5 + i, entries[i].strip()) for i in range(3000)
            for url in (f"https://arxiv.org/abs/2309.{i:05d}", f"https://arxiv.org/abs/2401.{i:05d}")]
    assert [(hit.text, hit.line, hit.context) for hit in links] == want
    assert {hit.section for hit in links} == {("Citation",)}
