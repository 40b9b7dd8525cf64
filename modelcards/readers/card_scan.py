"""One pass over a card body for what evidence and claims need: links, claim phrases, headings.

The batch audit reads millions of cards, and evidence needs only a few things of a body: the
URLs it shows, the phrases that make a claim ("open source", "open weights", "free for
commercial use", ...), the ATX headings that say which section a line is in, and whether a
section holds a table. Each is found by one search over the body that skips ahead by a
literal prefix (``http``, ``open``, a fence, a ``#`` at a line start), and the hits are
merged in order of their offset, so the body is walked once per kind and never line by line;
fenced code blocks, HTML comments and the blocks modelcards rendered from a manifest are
skipped as a whole (a URL or phrase inside them is example code or template text, not
something the card states), except the URLs and arXiv eprints of a fenced block under a
citation heading, where cards put their own BibTeX. Indented code and inline
code spans are not recognised: they seldom hold links, and ``tests/test_reader_parity.py``
holds the scanner's links to markdown-it's (``readers/markdown_body.py``) on generated texts
and on the corpus. The full Markdown parse stays for the rules that need it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from modelcards.readers.literal_gate import latest_cache, matcher, short_cache

_HEADING_AT = r" {0,3}(#{1,6})(?=[ \t\n]|$)([^\n]*)"
"""A line that opens an ATX heading: its ``#`` run and the rest of the line."""
_HEADING_LINE = re.compile("\n" + _HEADING_AT)
"""Such a line, matched with the line break before it (a literal first character, so the search
skips ahead between line breaks)."""
_FIRST_HEADING = re.compile(_HEADING_AT)
"""Such a line at the body's start."""
_TABLE = re.compile(r"^[ ]{0,3}\|", re.MULTILINE)
_URL = re.compile(r"https?://(?:[^\s<>()\[\]\"'`|*]++|\([^\s()<>]*\))+")
"""A URL: a run of URL characters, with balanced parentheses (``++``: the run is matched in one
step, not character by character through the alternation)."""
_OPEN = re.compile(rb"open[ -]?(?:sourced?|weights?)(?![a-z0-9_])")
"""An "open source" / "open weights" phrase in the folded body (``_folded``): a match followed by
a ``?`` byte holds only if the character there is no word character."""
_WORD = re.compile(r"\w")
_LITERAL_PHRASES = (b"fully open", b"fully-open", b"free for commercial use", b"commercial use is permitted",
                    b"intermediate checkpoint")
"""Found by ``bytes.find`` in the folded body: one pass each at C speed, where one pattern with
every alternative would be tried at every offset."""
_ABSENT = re.compile(rb"coming soon|not (?:yet )?(?:been )?(?:released|available|public)"
                     rb"|does not (?:contain|include|host)|do not (?:contain|include|host)")
"""What a card says of weights that are not there; searched only on the lines that name weights."""
_DERIVED = re.compile(r"<!-- modelcards:begin (details|openness|license)(?: sha256=[0-9a-f]+)? -->")
"""The README blocks ``renderers/blocks.py`` writes from manifest data (``hub_card.DERIVED_BLOCKS``)."""
_CITATION_HEADING = re.compile(r"citation|cite|bibtex|paper|publication", re.IGNORECASE)
_cites = short_cache(matcher(_CITATION_HEADING))
"""Whether a heading's title names a citation (cards repeat their headings: each title judged once)."""


class Hit(NamedTuple):
    """A URL or a phrase, with the card file's line, that line's text and its section."""

    text: str
    line: int
    context: str
    """The whole line the hit is on, stripped."""
    section: tuple[str, ...]
    """The headings it is under, outermost first (empty before the first heading)."""
    in_code: bool = False


@dataclass(frozen=True)
class Scan:
    links: tuple[Hit, ...]
    phrases: tuple[Hit, ...]
    headings: tuple[tuple[int, int, str], ...]
    """(file line, level, text) of every ATX heading outside code."""
    blank: bool = False
    """The body holds nothing but white space."""
    body: str = ""
    """The text the body was scanned in: the body, or the card's whole text when the body was
    scanned where it starts in it."""
    head_at: tuple[int, ...] = ()
    """Offset in ``body`` of each heading of ``headings``."""

    def has_table(self, index: int) -> bool:
        """Whether the section under ``headings[index]`` (up to the next heading) holds a table
        row outside code; looked for only when asked (an evaluation heading)."""
        body = self.body
        start = self.head_at[index]
        end = self.head_at[index + 1] if index + 1 < len(self.head_at) else len(body)
        return _TABLE.search(body, start, end) is not None


def _headings(text: str, start: int = 0) -> list[tuple[int, str, str]]:
    """(offset of the line, its ``#`` run, the rest of the line) of every line that opens an ATX
    heading (at most three spaces in), in order, in the body at ``start``."""
    first = _FIRST_HEADING.match(text, start)
    out = [(start, first.group(1), first.group(2))] if first else []
    out.extend((m.start() + 1, m.group(1), m.group(2)) for m in _HEADING_LINE.finditer(text, start))
    return out


def _folded(text: str, start: int = 0) -> tuple[bytes | bytearray, list[int]]:
    """The body at ``start`` lower-cased as the phrases are searched in it, at a byte per
    character: ASCII letters lower-cased, every other character ``?``; and the offsets in it of
    the combining dots of lower-cased ``İ``.

    The phrases are ASCII, and ``str.lower`` maps no character but ASCII letters, the Kelvin sign
    (to ``k``) and ``İ`` (to ``i`` and a combining dot: the one character whose lower case is two)
    to an ASCII letter, so ``body.lower()`` and this hold the same at every offset where a phrase
    can match, and the phrases' offsets are those in ``body.lower()``, as they always were.
    Lower-casing a text with any character beyond Latin-1 builds a copy at four bytes a character
    and a buffer three times that."""
    folded = text.encode("ascii", "replace")
    folded = (folded[start:] if start else folded).lower()
    if text.isascii() or ("\u0130" not in text and "\u212a" not in text):
        return folded, []
    special = sorted(at - start for char in ("\u0130", "\u212a") for at in _offsets(text, char, start))
    if not special:
        return folded, []
    # the stretches between them, joined once: an edit in place would move the rest of the body each time
    pieces: list[bytes] = []
    dots: list[int] = []
    done = 0
    for at in special:
        pieces.append(folded[done:at])
        if text[start + at] == "\u0130":
            dots.append(at + len(dots) + 1)  # one more after each İ before it
            pieces.append(b"i?")
        else:
            pieces.append(b"k")
        done = at + 1
    pieces.append(folded[done:])
    return b"".join(pieces), dots


def _offsets(text: str, char: str, start: int) -> list[int]:
    found: list[int] = []
    at = text.find(char, start)
    while at >= 0:
        found.append(at)
        at = text.find(char, at + 1)
    return found


def _lower_char(text: str, start: int, dots: list[int], at: int) -> str:
    """The character at offset ``at`` of the lower-cased body at ``start``, as far as being a
    word character or alphanumeric goes (a character is either exactly when its lower case is)."""
    if dots:
        before = bisect_left(dots, at)
        if before < len(dots) and dots[before] == at:
            return "\u0307"
        at -= before
    return text[start + at:start + at + 1]


def _phrase_hits(text: str, start: int = 0) -> list[tuple[int, str, str]]:
    """(offset, "phrase", text as written) of every claim or absence phrase of the body at
    ``start`` (offsets in ``text``)."""
    lower, dots = _folded(text, start)
    found = [(start + m.start(), "phrase", text[start + m.start():start + m.end()]) for m in _OPEN.finditer(lower)
             if lower[m.end():m.end() + 1] != b"?" or not _WORD.match(_lower_char(text, start, dots, m.end()))]
    for phrase in _LITERAL_PHRASES:
        at = lower.find(phrase)
        while at >= 0:
            end = at + len(phrase)
            if phrase == b"intermediate checkpoint" and lower[end:end + 1] == b"s":
                end += 1
            if not _lower_char(text, start, dots, end).isalnum() and \
                    not (phrase.startswith(b"fully") and lower[end:end + 1] == b"-"):
                found.append((start + at, "phrase", text[start + at:start + end]))
            at = lower.find(phrase, end)
    at = lower.find(b"weight")
    seen: set[int] = set()
    while at >= 0:  # what a card says of weights that are not there, on the lines that name them
        line_start = lower.rfind(b"\n", 0, at) + 1
        end = lower.find(b"\n", at)
        end = len(lower) if end < 0 else end
        if line_start not in seen:
            seen.add(line_start)
            found.extend((start + m.start(), "phrase", text[start + m.start():start + m.end()])
                         for m in _ABSENT.finditer(lower, line_start, end))
        at = lower.find(b"weight", end)
    return found


_Fence = tuple[int, str, int, bool]
"""A line that opens or closes a fence (a run of three or more backticks or tildes at most three
spaces in): the offset of the line's start, the run's character, the run's length, and whether
nothing but spaces and tabs follows the run (the line can close a fence). A plain tuple: a card
may hold thousands of fences."""


def _fences(text: str, start: int = 0) -> list[_Fence]:
    """Every fence line of the body at ``start``, in order, found by a literal search (a pattern
    anchored at line starts is tried at every offset)."""
    out: list[_Fence] = []
    size = len(text)
    for mark in ("```", "~~~"):
        line_start = checked = start  # the start of the line that holds offset ``checked``
        at = text.find(mark, start)
        while at >= 0:
            # read back only to the last mark (a line may hold thousands of them)
            line_break = text.rfind("\n", checked, at)
            if line_break >= 0:
                line_start = line_break + 1
            checked = at
            if at - line_start <= 3 and text[line_start:at].strip(" ") == "":
                end = at + 3
                while end < size and text[end] == mark[0]:
                    end += 1
                line_end = text.find("\n", end)
                rest = text[end:] if line_end < 0 else text[end:line_end]
                out.append((line_start, mark[0], end - at, not rest.strip(" \t")))
                at = text.find(mark, end)
            else:
                at = text.find(mark, at + 3)
    out.sort()
    return out


def _code_regions(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) offsets of fenced code, HTML comments and rendered blocks, in order, in the
    body at ``start``."""
    fences = _fences(text, start)
    starts: list[tuple[int, int]] = [(fence[0], i) for i, fence in enumerate(fences)]
    at = text.find("<!--", start)
    while at >= 0:
        starts.append((at, -1))
        at = text.find("<!--", at + 4)
    if not starts:
        return []
    starts.sort()
    regions: list[tuple[int, int]] = []
    unclosed: set[str] = set()  # rendered blocks whose end marker is not in the rest of the body
    done = -1
    size = len(text)
    for begin, fence_index in starts:
        if begin < done:
            continue
        if fence_index < 0:
            derived = _DERIVED.match(text, begin)
            if derived is not None:  # a block modelcards rendered from manifest data: not card text
                name = derived.group(1)
                end = -1 if name in unclosed else text.find(f"<!-- modelcards:end {name} -->", derived.end())
                if end < 0:
                    unclosed.add(name)  # no end after this begin, nor after any later one
                    end = derived.end()
            else:
                end = text.find("-->", begin + 4)
                end = size if end < 0 else end + 3
        else:
            end = _closing_end(text, fences, fence_index)
        regions.append((begin, end))
        done = end
    return regions


def _closing_end(text: str, fences: list[_Fence], index: int) -> int:
    """Where the fence opened by ``fences[index]`` ends: the end of the first later bare fence
    line of the same mark and at least as long, before its line break (the text's end when no
    line closes it)."""
    opened_start, opened_mark, opened_length, _bare = fences[index]
    open_end = text.find("\n", opened_start)
    if open_end < 0:
        return len(text)
    for later in range(index + 1, len(fences)):  # not a slice of the rest: a card may hold thousands of fences
        fence_start, mark, length, bare = fences[later]
        if fence_start > open_end and mark == opened_mark and bare and length >= opened_length:
            line_end = text.find("\n", fence_start)
            return len(text) if line_end < 0 else line_end
    return len(text)


def _url_hit(match: re.Match[str]) -> tuple[int, str, str]:
    """(offset, "url", URL) of a URL match; a match of a Markdown link's target written without
    its scheme (``](arxiv.org/abs/...)``, see ``card_evidence.EVIDENCE_URLS``) leaves out its ``](``."""
    text = match.group()
    if text.startswith("]("):
        return match.start() + 2, "url", text[2:]
    return match.start(), "url", text


_NON_SPACE = re.compile(r"\S")


def scan(body: str, first_line: int = 1, urls: tuple[tuple[str, re.Pattern[str]], ...] | None = None,
         start: int = 0) -> Scan:
    """The links, phrases and headings of ``body[start:]`` (a card's body read where it starts
    in the card's text, without a copy: a line break ends just before ``start``, as after a
    front matter); ``first_line`` is the card file's line of the body's first line; ``urls``:
    (literal, pattern) of the URLs to keep, each pattern searched only in a body holding its
    literal (every URL when None). Offsets are those in ``body``."""
    text = body
    regions = _code_regions(text, start)
    # the regions do not overlap and come in order, as the headings and the hits do: the first
    # region that ends after an offset holds it when it starts at or before it
    region, regions_count = 0, len(regions)
    headings: list[tuple[int, int, str]] = []
    head_at: list[int] = []
    paths: list[tuple[str, ...]] = []
    stack: list[tuple[int, tuple[str, ...]]] = []  # (level, the path down to that heading)
    line, counted = first_line, start
    for pos, marks, raw in _headings(text, start):
        while region < regions_count and regions[region][1] <= pos:
            region += 1
        if region < regions_count and regions[region][0] <= pos:
            continue
        line += text.count("\n", counted, pos)
        counted = pos
        raw = raw.strip()
        title = raw if not raw.endswith("#") else \
            (re.sub(r"[ \t]+#+$", "", raw).strip() if raw != "#" * len(raw) else "")
        level = len(marks)
        while stack and stack[-1][0] >= level:
            stack.pop()
        path = (*stack[-1][1], title) if stack else (title,)
        stack.append((level, path))
        headings.append((line, level, title))
        head_at.append(pos)
        paths.append(path)

    def section(pos: int) -> tuple[str, ...]:
        i = bisect_right(head_at, pos) - 1
        return paths[i] if i >= 0 else ()

    found: list[tuple[int, str, str]] = []
    for literal, pattern in urls or (("http", _URL),):
        if text.find(literal, start) >= 0:
            found.extend(map(_url_hit, pattern.finditer(text, start)))
    found.extend(_phrase_hits(text, start))
    found.sort()
    links: list[Hit] = []
    phrases: list[Hit] = []
    line, counted = first_line, start
    # the code regions under a citation heading (one of their path's), whose URLs and eprints count
    cited = {i for i, (begin, _end) in enumerate(regions)
             if (h := bisect_right(head_at, begin) - 1) >= 0 and any(map(_cites, paths[h]))}
    size = len(text)
    line_start, line_end, context = start, -1, ""  # of the line of the last hit: hits share lines
    region = 0
    heading, last_heading = -1, len(head_at) - 1  # the last heading at or before the hit
    for pos, kind, hit in found:
        line += text.count("\n", counted, pos)
        line_break = text.rfind("\n", counted, pos)
        if line_break >= 0:
            line_start = line_break + 1
        counted = pos
        while region < regions_count and regions[region][1] <= pos:
            region += 1
        in_code = region < regions_count and regions[region][0] <= pos
        if in_code and not (kind == "url" and region in cited):
            continue
        if line_end < pos:  # a later line than the last hit's
            line_end = text.find("\n", pos)
            if line_end < 0:
                line_end = size
            context = text[line_start:line_end].strip()
        while heading < last_heading and head_at[heading + 1] <= pos:
            heading += 1
        where = paths[heading] if heading >= 0 else ()
        if kind == "url":
            links.append(Hit(hit.rstrip(".,;:!?"), line, context, where, in_code=in_code))
        else:
            phrases.append(Hit(hit, line, context, where))
    line, counted = first_line, start
    for i in sorted(cited):
        line += text.count("\n", counted, regions[i][0])
        counted = regions[i][0]
        _eprints(text, regions[i], line, section(counted), links)
    blank = _NON_SPACE.search(text, start) is None
    return Scan(tuple(links), tuple(phrases), tuple(headings), blank, text, tuple(head_at))


def path_mentions(matches: Callable[[str], bool], path: tuple[str, ...]) -> bool:
    """Whether any heading of a section path (``Hit.section``) ``matches`` (a
    ``literal_gate.matcher``): cards repeat their sections, so each path of at most 500
    characters is judged once per test, and the latest few longer ones too (the hits under one
    long heading are judged one after another)."""
    if sum(map(len, path)) <= 500:
        return _path_mentions(matches, path)
    return _long_path_mentions(matches, path)


def _mentions(matches: Callable[[str], bool], path: tuple[str, ...]) -> bool:
    return any(map(matches, path))


_path_mentions = lru_cache(maxsize=4096)(_mentions)
_long_path_mentions = latest_cache(_mentions)


_EPRINT = re.compile(r"(?:eprint\s*=\s*[{\"]\s*|arXiv:\s*)(\d{4}\.\d{4,5})")
"""An arXiv id in BibTeX: ``eprint={2309.11235}``, or ``journal={arXiv preprint arXiv:2309.11235}``."""


def _eprints(body: str, region: tuple[int, int], line: int, where: tuple[str, ...], links: list[Hit]) -> None:
    """The arXiv eprints of a BibTeX block under a citation heading, as arXiv links (each line
    counted and read once, however many eprints it holds)."""
    block = body[region[0]:region[1]]
    counted, line_start, line_end, context = 0, 0, -1, ""
    for match in _EPRINT.finditer(block):
        at = match.start()
        line += block.count("\n", counted, at)
        line_break = block.rfind("\n", counted, at)
        if line_break >= 0:
            line_start = line_break + 1
        counted = at
        if line_end < at:  # a later line than the last eprint's
            line_end = block.find("\n", at)
            if line_end < 0:
                line_end = len(block)
            context = block[line_start:line_end].strip()
        links.append(Hit(f"https://arxiv.org/abs/{match.group(1)}", line, context, where, in_code=True))
