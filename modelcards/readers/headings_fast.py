"""The top-level ATX headings of level 1 and 2 of a Markdown text, without a Markdown parser.

A card's name and its sections come from these headings alone, and batch audits read millions
of cards, so they are found without a full markdown-it parse (benchmarks/PERFORMANCE.md). This scanner follows the
CommonMark block rules that decide whether a ``#`` line is a top-level heading, as markdown-it
implements them: fenced code, HTML blocks (markdown-it's own start and end patterns) and
indentation. Any line it cannot decide (a fence or HTML block indented under a possible list
item, a ``#`` line that may belong to one, a type-7 HTML tag after a line that may or may not
be a paragraph, a NUL) makes it answer None, and the caller parses with markdown-it instead.
``tests/test_reader_parity_headings.py`` holds it to the markdown-it path.

Why a line at most one space in is never inside a container: a list item's content starts two
columns in or more, and a line that leaves a list item or a block quote without its marker
only stays inside as a lazy paragraph continuation, which a heading, a fence or an HTML block
of types 1-6 can never be (each interrupts a paragraph).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

Heading = tuple[int, int, str]
"""(0-based line index, level, text) as markdown-it's ``heading_open`` map and inline content give."""

_BLOCK_NAMES = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|"
    "dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|"
    "head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|"
    "p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul"
)
"""``markdown_it.common.html_blocks.block_names`` (CommonMark 0.31.2 HTML block type 6); copied,
so that the scan does not import markdown-it, and a test checks they agree."""

_ATTRIBUTE = (
    "(?:\\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\\s*=\\s*(?:[^\"'=<>`\\x00-\\x20]+|'[^']*'|\"[^\"]*\"))?)"
)
_OPEN_CLOSE_TAG = "^(?:<[A-Za-z][A-Za-z0-9\\-]*" + _ATTRIBUTE + "*\\s*\\/?>|<\\/[A-Za-z][A-Za-z0-9\\-]*\\s*>)"

HTML_SEQUENCES: tuple[tuple[re.Pattern[str], re.Pattern[str] | None, bool], ...] = (
    (re.compile(r"^<(?a:(script|pre|style|textarea))(?=(\s|>|$))", re.IGNORECASE),
     re.compile(r"<\/(?a:(script|pre|style|textarea))>", re.IGNORECASE), True),
    (re.compile(r"^<!--"), re.compile(r"-->"), True),
    (re.compile(r"^<\?"), re.compile(r"\?>"), True),
    (re.compile(r"^<![A-Za-z]"), re.compile(r">"), True),
    (re.compile(r"^<!\[CDATA\["), re.compile(r"\]\]>"), True),
    (re.compile("^</?(?a:(" + _BLOCK_NAMES + "))(?=(\\s|/?>|$))", re.IGNORECASE), None, True),
    (re.compile(_OPEN_CLOSE_TAG + "\\s*$"), None, False),
)
"""markdown-it's ``rules_block.html_block.HTML_SEQUENCES``: (start, end, may interrupt a
paragraph); an end of None is markdown-it's ``^$``, a block that ends at a blank line."""

_TRIM = "".join(chr(c) for c in sorted({0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000,
                                          *range(0x2000, 0x200B), 0x2028, 0x2029}))
"""``markdown_it.common.utils.MD_TRIM_CHARS``: what markdown-it strips from heading text."""

_NEWLINES = re.compile(r"\r\n?")

# What the line before may have been, for the one start that depends on it: an HTML block of
# type 7 cannot interrupt a paragraph.
_BLANK, _PARAGRAPH, _CLOSED, _UNKNOWN, _REFERENCE = range(5)


def _indent(line: str) -> tuple[int, int]:
    """(columns, characters) of the line's leading spaces and tabs, tabs to the next multiple of
    four, as markdown-it's ``sCount`` and ``tShift``."""
    columns = chars = 0
    for ch in line:
        if ch == " ":
            columns += 1
        elif ch == "\t":
            columns += 4 - columns % 4
        else:
            break
        chars += 1
    return columns, chars


def _heading(line: str, start: int) -> tuple[int, str] | None:
    """(level, text) of an ATX heading whose ``#`` run starts at ``start``, as markdown-it's
    heading rule cuts it; None when the line is no heading."""
    end = len(line)
    pos = start
    while pos < end and line[pos] == "#":
        pos += 1
    level = pos - start
    if level > 6 or (pos < end and line[pos] not in " \t"):
        return None
    maximum = end
    while maximum > pos and line[maximum - 1] in " \t":
        maximum -= 1
    back = maximum
    while back > pos and line[back - 1] == "#":
        back -= 1
    if back < maximum and back > pos and line[back - 1] in " \t":
        maximum = back
    return level, line[pos:maximum].strip(_TRIM)


def _fence(text: str) -> tuple[str, int] | None:
    """(marker, length) when ``text`` (a line from its first non-space) opens a code fence."""
    marker = text[:1]
    if marker not in ("`", "~"):
        return None
    length = len(text) - len(text.lstrip(marker))
    if length < 3 or (marker == "`" and "`" in text[length:]):
        return None
    return marker, length


def _closes(text: str, marker: str, length: int) -> bool:
    run = len(text) - len(text.lstrip(marker))
    return run >= length and not text[run:].strip(" \t")


def _html_start(text: str) -> tuple[re.Pattern[str] | None, bool] | None:
    for start, end, interrupts in HTML_SEQUENCES:
        if start.search(text):
            return end, interrupts
    return None


# The patterns below match a line with the line break before it: the scan runs over the text
# with a line break put in front, so each pattern starts with a literal.
_EVENT = re.compile(r"\n[ \t]*[#`~<]")
"""A line that may start a heading, a fence or an HTML block; no other line can."""
_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n|\Z)")
_LIST_MARKER = re.compile(r"\n {0,3}(?:[-+*]|\d{1,9}[.)])(?=[ \t\n]|\Z)")
"""A line that may open a list item; before the first, no line is inside one."""


@lru_cache(maxsize=64)
def _closer(marker: str, length: int) -> re.Pattern[str]:
    """A line that closes a top-level fence: at most three spaces in, the marker run, blanks."""
    return re.compile("\n {0,3}" + re.escape(marker) + "{" + str(length) + ",}[ \t]*(?=\n|\\Z)")


@lru_cache(maxsize=64)
def _indented_closer(marker: str, length: int) -> re.Pattern[str]:
    return re.compile("\n[ \t]+" + re.escape(marker) + "{" + str(length) + ",}[ \t]*(?=\n|\\Z)")


@lru_cache(maxsize=4)
def _outdented(columns: int) -> re.Pattern[str]:
    """A non-blank line fewer than ``columns`` spaces in."""
    return re.compile("\n {0," + str(columns - 1) + "}[^ \t\n]")


def _nested_fence_end(text: str, body: int, columns: int, marker: str, length: int) -> int | None:
    """Where a fence opened two or three spaces in ends (the start of its closing line, or the
    text's length), when that is the same whether or not it sits in a list item: its lines and its
    closing line all at least as far in as the opening, no indented line that could close it only
    inside a list item. None otherwise."""
    closer = _closer(marker, length).search(text, body - 1)
    limit = closer.start() + 1 if closer is not None else len(text)
    if (_outdented(columns).search(text, body - 1, limit)
            or _indented_closer(marker, length).search(text, body - 1, limit)):
        return None
    if closer is not None and _indent(closer.group()[1:])[0] < columns:
        return None
    return limit


_BLOCK_MARKS = frozenset(">-+*_=0123456789")
"""The characters a line that starts no fence, heading or HTML block may still start a block with."""
_RULE_OR_ITEM = re.compile(r"[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|[-*_=][-*_= \t]*$")
"""A list item's marker, or a line of rule or underline characters only."""


def _line_class(line: str, offset: int, first_list: int, before: int) -> int:
    """What a line that starts no block is, given what the line before it was."""
    columns, chars = _indent(line)
    if not line[chars:]:
        return _BLANK
    if columns > 1 and offset > first_list:
        return _UNKNOWN  # may be in a list item, and start a block there (a heading, a rule, a fence...)
    if columns >= 4:  # indented code, or a paragraph's continuation
        return _PARAGRAPH if before == _PARAGRAPH else _UNKNOWN
    rest = line[chars:]
    first = rest[0]
    if first == "[":
        return _REFERENCE  # a link reference definition's title may run over several lines
    if first in _BLOCK_MARKS and (first == ">" or _RULE_OR_ITEM.match(rest)):
        return _UNKNOWN  # a quote, a list item, a rule or a setext underline
    return _REFERENCE if before == _REFERENCE else _PARAGRAPH


def _before(text: str, start: int, closed_at: int, first_list: int, origin: int,
            known: tuple[int, int] = (-1, _BLANK)) -> int:
    """What the line before the one at ``start`` was: read back to the last blank line or block
    end (after which the state is known), or to the text's first line (at ``origin``), or to the
    line ``known`` names (its start, what it was), then forward again."""
    lines: list[tuple[str, int]] = []
    state = _BLANK
    end = start - 1
    while end >= origin:
        begin = text.rfind("\n", 0, end) + 1
        if begin == closed_at:
            state = _CLOSED
            break
        if begin == known[0]:
            state = known[1]
            break
        line = text[begin:end]
        if not line.strip(" \t"):
            break
        lines.append((line, begin))
        end = begin - 1
    for line, begin in reversed(lines):
        state = _line_class(line, begin, first_list, state)
    return state


def _prepared(text: str) -> str:
    """The text with a line break put in front and line ends made ``\n``, as the scan reads it."""
    return "\n" + (_NEWLINES.sub("\n", text) if "\r" in text else text)


def fast_headings(text: str) -> list[Heading] | None:
    """The level-1 and level-2 ATX headings at the top level of ``text``, in order; None when
    the text holds something only a Markdown parser can decide."""
    if "\x00" in text:
        return None  # markdown-it replaces NUL before parsing
    found: list[Heading] = []
    return found if _scan(_prepared(text), 1, 0, found, 1) is None else None


_SAFE_START = re.compile(r"\n[ \t]*\n(?=[^ \t\n])")
"""A blank line, then a line at the margin: there every list item and block quote has ended, so
a Markdown parser started on that line finds the blocks a parse of the whole text finds."""


Segment = Callable[[str], tuple[list[Heading], int]]
"""A Markdown parser over a stretch of text: (its headings as ``fast_headings`` gives them, the
line after the last line any fence or HTML block of it reaches)."""


def segmented_headings(text: str, parse: Segment, start: int = 0,
                       offsets: list[int] | None = None) -> list[Heading]:
    """``fast_headings`` of ``text[start:]``, where each stretch the scan cannot decide is handed
    to ``parse`` alone: from the last line before it where a parser's state is known (a blank
    line, then a line at the margin, outside any block the scan has seen open) to the next such
    line after it where no fence or HTML block is left open. A card that holds one
    hard-to-decide list thus costs a parse of that list, not of the whole card.

    ``offsets``, when given and ``text[start:]`` holds neither ``\r`` nor NUL, gets the offset in
    ``text[start:]`` of each heading's line. The scan reads ``text`` itself, without a copy, when a
    line break ends at ``start`` (a card's body after its front matter)."""
    if text.find("\x00", start) >= 0:
        return parse(text[start:])[0]
    if text.find("\r", start) >= 0:
        prepared, origin, offsets = _prepared(text[start:]), 1, None  # its offsets are not the text's
    elif start > 0 and text[start - 1] == "\n":
        prepared, origin = text, start
    else:
        prepared, origin = "\n" + text[start:], 1
    size = len(prepared)
    found: list[Heading] = []
    pos, line_at = origin, 0
    while (unsure := _scan(prepared, pos, line_at, found, origin, offsets)) is not None:
        at, floor = unsure
        begin = floor
        for match in _SAFE_START.finditer(prepared, max(floor - 1, 0), at + 1):
            begin = match.end()
        first_line = line_at + prepared.count("\n", pos, begin)
        while found and found[-1][0] >= first_line:
            found.pop()  # the segment's parse finds these again
            if offsets is not None:
                offsets.pop()
        line_end = prepared.find("\n", at)
        reach = line_end - begin
        while True:
            safe = _SAFE_START.search(prepared, begin + reach) if line_end != -1 else None
            end = size if safe is None else safe.end()
            segment = prepared[begin:end]
            lines = segment.count("\n") + (not segment.endswith("\n"))
            heads, reached = parse(segment)
            if end == size or reached < lines:
                break
            reach *= 2  # a block runs on past this end: take a longer stretch
        found.extend((first_line + line, level, title) for line, level, title in heads)
        if offsets is not None:
            _line_offsets(prepared, begin, [line for line, _level, _title in heads], origin, offsets)
        if end >= size:
            break
        pos, line_at = end, first_line + lines
    return found


def _line_offsets(text: str, at: int, lines: list[int], origin: int, offsets: list[int]) -> None:
    """Append to ``offsets`` the offset from ``origin`` of each of ``lines`` (in order, counted
    from the line that starts at ``at``)."""
    line = 0
    for wanted in lines:
        while line < wanted:
            at = text.find("\n", at) + 1
            line += 1
        offsets.append(at - origin)


def _scan(text: str, pos: int, line_at: int, found: list[Heading], origin: int,
          offsets: list[int] | None = None) -> tuple[int, int] | None:
    """Scan the prepared ``text`` from ``pos`` (the start of line ``line_at``, where no block is
    open; the text's first line starts at ``origin``), appending headings to ``found`` (and the
    offsets of their lines from ``origin`` to ``offsets``); None at the end, or (the start of the
    first line it cannot decide, the start of the line after the last top-level block it closed)."""
    size = len(text)
    listed = _LIST_MARKER.search(text, pos - 1)
    first_list = listed.start() + 1 if listed is not None else size + 1
    closed_at = -1  # start of the last line that ended a block: a heading, a fence's or HTML block's end
    continued = (-1, _BLANK)  # (start, what it was) of the last line found to continue a paragraph
    floor = pos
    counted, lines_before = pos, line_at
    while (event := _EVENT.search(text, pos - 1)) is not None:
        start = event.start() + 1
        end = text.find("\n", start)
        end = size if end == -1 else end
        pos = end + 1
        line = text[start:end]
        columns, chars = _indent(line) if line[0] in " \t" else (0, 0)
        if columns >= 4:
            continue
        rest = line[chars:]
        first = rest[0]
        nested = columns > 1 and start > first_list  # may be inside a list item
        if first == "#":
            level = len(rest) - len(rest.lstrip("#"))
            if level > 6 or rest[level:level + 1] not in ("", " ", "\t"):
                continue  # not a heading: paragraph text such as "#hashtag"
            if nested:
                return start, floor
            heading = _heading(line, chars) if level <= 2 else None
            if heading is not None:
                lines_before += text.count("\n", counted, start)
                counted = start
                found.append((lines_before, heading[0], heading[1]))
                if offsets is not None:
                    offsets.append(start - origin)
            closed_at = start
            floor = pos
        elif first in "`~":
            opened = _fence(rest)
            if opened is None:
                continue
            if nested:
                limit = _nested_fence_end(text, pos, columns, *opened)
                if limit is None:
                    return start, floor
            else:
                closer = _closer(*opened).search(text, pos - 1)
                limit = closer.start() + 1 if closer is not None else size
            if limit >= size:
                return None  # an unclosed fence runs to the end
            closed_at = limit
            close_end = text.find("\n", limit)
            pos = size if close_end == -1 else close_end + 1
            if not nested:
                floor = pos
        elif first == "<":
            started = _html_start(rest)
            if started is None:
                continue
            end_pattern, interrupts = started
            if not interrupts:
                before = _before(text, start, closed_at, first_list, origin, continued)
                if before == _PARAGRAPH:
                    # a paragraph's continuation, not an HTML block: what it was is known, so the
                    # next such line reads back to it, not to the paragraph's start
                    continued = (start, _line_class(text[start:end], start, first_list, before))
                    continue
                if before not in (_BLANK, _CLOSED):
                    return start, floor
            if end_pattern is None:
                blank = _BLANK_LINE.search(text, pos - 1)
                block_end = size if blank is None else blank.start()
                if nested and _outdented(columns).search(text, pos - 1, block_end):
                    return start, floor  # a line further out would end it early inside a list item
                if blank is None:
                    return None
                pos = blank.end() + 1
            elif end_pattern.search(rest):
                closed_at = start
            else:
                closing = end_pattern.search(text, pos)
                close_end = size if closing is None else text.find("\n", closing.start())
                close_end = size if close_end == -1 else close_end
                if nested and _outdented(columns).search(text, pos - 1, close_end):
                    return start, floor
                if closing is None:
                    return None
                closed_at = text.rfind("\n", 0, closing.start()) + 1
                pos = close_end + 1
            if not nested:
                floor = pos
    return None
