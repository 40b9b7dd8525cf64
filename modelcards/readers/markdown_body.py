"""A card body read with markdown-it (CommonMark): headings, links, code blocks, plain text.

What the card reader needs for every card (the level-1 and level-2 headings that give its name
and sections) comes from ``headings``, which asks the fast scanner first; the rest is parsed
here only when a caller asks for it. Lines are given as the card file's own 1-based lines:
``first_line`` is the file line of the body's first line.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from modelcards.readers.headings_fast import Heading, segmented_headings

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


class Section(NamedTuple):
    """A top-level heading: where a section of the card starts."""

    level: int
    title: str
    line: int


class Link(NamedTuple):
    """A link the card shows: ``kind`` is ``markdown`` ([text](url)), ``autolink`` (<url>),
    ``image``, ``html`` (an href or src attribute) or ``bare`` (a URL in plain text)."""

    url: str
    text: str
    line: int
    section: str | None
    """Title of the nearest top-level heading above the link, None before the first."""
    kind: str


class CodeBlock(NamedTuple):
    """A fenced or indented code block: its info string ('' for none), the file lines of its
    first and last line (fences included) and its content."""

    info: str
    start: int
    end: int
    text: str


class TextLine(NamedTuple):
    """A line of the card's text outside code: ``kind`` is ``text`` (Markdown) or ``html``."""

    line: int
    text: str
    kind: str


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


@lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    """CommonMark's block structure only: headings' text is their inline token's content, which
    the block parser sets; the inline rules (links, emphasis) are most of the parse's cost."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").disable("inline")


def tokens(text: str) -> list[Token]:
    return _parser().parse(text)


def markdown_headings(parsed: list[Token]) -> list[Heading]:
    """(line index, level, text) of the top-level ATX headings of level 1 and 2."""
    found = []
    for index, token in enumerate(parsed):
        # a setext heading's markup is = or -: only ATX headings count
        if token.type == "heading_open" and token.level == 0 and token.markup in ("#", "##") and token.map:
            found.append((token.map[0], int(token.tag[1]), parsed[index + 1].content))
    return found


def headings(text: str, start: int = 0, offsets: list[int] | None = None) -> list[Heading]:
    """``markdown_headings`` of ``text[start:]``, from the fast scanner, with markdown-it parsing
    only the stretches the scanner cannot decide; ``offsets``: see ``segmented_headings``."""
    return segmented_headings(text, _segment_headings, start, offsets)


_SPANNING = frozenset(("fence", "html_block"))
"""Blocks that run on until their own end, past blank lines and lines at the margin."""


def _segment_headings(segment: str) -> tuple[list[Heading], int]:
    """(headings, the line after the last one a fence or HTML block reaches) of a stretch of text."""
    parsed = _block_parser().parse(segment)
    reached = max((token.map[1] for token in parsed if token.type in _SPANNING and token.map), default=0)
    return markdown_headings(parsed), reached


def sections(parsed: list[Token], first_line: int) -> tuple[Section, ...]:
    return tuple(Section(int(t.tag[1]), parsed[i + 1].content, t.map[0] + first_line)
                 for i, t in enumerate(parsed) if t.type == "heading_open" and t.level == 0 and t.map)


_HTML_URL = re.compile(r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]{}\"'`]+")


def _enclosing(heads: tuple[Section, ...], line: int) -> str | None:
    title = None
    for head in heads:
        if head.line > line:
            break
        title = head.title
    return title


def _html_links(content: str, line: int, heads: tuple[Section, ...]) -> list[Link]:
    out = []
    for match in _HTML_URL.finditer(content):
        at = line + content.count("\n", 0, match.start())
        url = next(g for g in match.groups() if g is not None)
        out.append(Link(url, "", at, _enclosing(heads, at), "html"))
    return out


def links(parsed: list[Token], first_line: int) -> tuple[Link, ...]:
    heads = sections(parsed, first_line)
    found: list[Link] = []
    for token in parsed:
        if token.map is None:
            continue
        line = token.map[0] + first_line
        if token.type == "html_block":
            found.extend(_html_links(token.content, line, heads))
        if token.type != "inline" or not token.children:
            continue
        open_link: tuple[str, int, str, list[str]] | None = None  # (url, line, kind, text parts)
        for child in token.children:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "link_open":
                kind = "autolink" if child.markup == "autolink" else "markdown"
                open_link = (str(child.attrGet("href") or ""), line, kind, [])
            elif child.type == "link_close" and open_link is not None:
                url, at, kind, parts = open_link
                found.append(Link(url, "".join(parts), at, _enclosing(heads, at), kind))
                open_link = None
            elif child.type == "image":
                found.append(Link(str(child.attrGet("src") or ""), child.content, line, _enclosing(heads, line),
                                  "image"))
            elif child.type == "html_inline":
                found.extend(_html_links(child.content, line, heads))
            elif child.type in ("text", "code_inline"):
                if open_link is not None:
                    open_link[3].append(child.content)
                elif child.type == "text":
                    found.extend(Link(m.group().rstrip(".,;:!?"), "", line, _enclosing(heads, line), "bare")
                                 for m in _BARE_URL.finditer(child.content))
    return tuple(found)


def code_blocks(parsed: list[Token], first_line: int) -> tuple[CodeBlock, ...]:
    return tuple(CodeBlock(t.info.strip() if t.type == "fence" else "", t.map[0] + first_line,
                           t.map[1] - 1 + first_line, t.content)
                 for t in parsed if t.type in ("fence", "code_block") and t.map)


def plain_text(parsed: list[Token], first_line: int) -> tuple[TextLine, ...]:
    out: list[TextLine] = []
    for token in parsed:
        if token.map is None or token.type not in ("inline", "html_block"):
            continue
        kind = "html" if token.type == "html_block" else "text"
        for offset, text in enumerate(token.content.split("\n")):
            if text.strip():
                out.append(TextLine(token.map[0] + first_line + offset, text, kind))
    return tuple(out)
