"""A release's card text as an outline: its parts, their headings of every level, and the lines
that hold template placeholders, for the CARD rules and the completeness score.

The card text is the release's ``card`` (``schema.CardText``): the summary, the prose fields and
the further sections. A Hugging Face card's reader splits its body at its level-2 headings, so a
part is one level-2 section, and headings of other levels are found here inside its text; a
manifest's parts are the sections ``modelcards render`` writes (``## <heading>`` per field). Each
line is of one kind: fenced code, HTML comment, heading (ATX, at most three spaces in), or text,
blank or not (``classify``). Placeholders are looked for only in text lines, after inline code spans, inline HTML
comments and link targets are taken out, so a ``TODO`` in a code sample, a comment, a URL or a
word (``TODOs``, ``todo_list``) is not one; in code only a line that is just
``[More Information Needed]``, or a ``{{ variable }}`` of the Hub template itself, is. Indented
code blocks are not told from indented text: cards seldom use them, and a heading never sits in
one (it is four spaces in).

The placeholders are those huggingface_hub's own model card template leaves in a card rendered
with missing values (``[More Information Needed]``, its default recommendation, and its
``{{ variable }}`` names, read from the installed template), the ``More information needed``
lines the transformers Trainer (and the template's older versions) write, and ``TODO`` / ``TBD``
written by hand. The template's own prose lines ("Use the code below to get started with the
model.") say nothing about the model, so they do not make a section filled.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, TypeVar

from modelcards.schema import CardText, Release
from modelcards.schema.card_sections import SECTION_HEADINGS

TEXT, CODE, COMMENT, HEADING = range(1, 5)
"""The kinds of line a part's ``kinds`` holds, one a line: ``TEXT`` is any line outside code and
comments that is not a heading, blank or not (``blank``)."""
T = TypeVar("T")

_ATX = re.compile(r"( {0,3})(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+$")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)$")
BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_INLINE_COMMENT = re.compile(r"<!--.*?-->")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+")
_LABEL = re.compile(r" {0,3}(\*\*|__)([^*_\n]{2,80}?)\1(.*)$")
_LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")

MORE_INFO = "[More Information Needed]"
_MORE_INFO = re.compile(re.escape(MORE_INFO), re.IGNORECASE)
_MORE_INFO_CODE = MORE_INFO.lower()
"""The placeholder alone on a line of a code block (skops' template puts BibTeX's in one)."""
_TRAINER_LINE = re.compile(r"(?:[\s>*_|-]*|[^:]{1,80}:[*_]*[ \t]*)more information needed\.?[\s*_|]*", re.IGNORECASE)
"""A line that is only ``More information needed``, or a ``label: More information needed`` item: the
transformers Trainer's card (``modelcard.py``) and the Hub template before ``[More Information Needed]``."""
_RECOMMENDATION = re.compile(r"more information needed for further recomm?endations\.?", re.IGNORECASE)
"""The template's default recommendation (``bias_recommendations``), as its versions spelt it."""
_JINJA = re.compile(r"\{\{-?(\s*)([A-Za-z_][\w.]*)(\s*)(\|[^{}]*)?-?\}\}|\{%-?\s*(?:if|for|endif|endfor|set|block|"
                    r"endblock|else|elif|include|extends)\b[^%]*%\}")
_TODO = re.compile(r"(?<![\w/.\-])(TODO|TBD)(?![\w/\-])")
_TODO_LINE = re.compile(r"[\W_]*(to ?do|tbd)[\W_]*", re.IGNORECASE)
_TITLE_PLACEHOLDER = re.compile(r"\{+\s*[A-Za-z_]\w*\s*\}+|(?:model card for )?model id", re.IGNORECASE)
"""A title left as the template wrote it: ``{MODEL_NAME}`` (sentence-transformers' old card
template), ``{{ model_id }}``, or huggingface_hub's default ``Model Card for Model ID``."""


class Placeholder(NamedTuple):
    """A line of template text the card still holds."""

    part: int
    index: int
    """Line index in the part's text."""
    found: str
    """The placeholder as written (``[More Information Needed]``, ``{{ direct_use }}``, ``TODO``)."""
    kind: str
    """``template`` (huggingface_hub's), ``trainer`` (transformers'), ``jinja`` or ``todo``."""


class Head(NamedTuple):
    """A heading of the card text."""

    part: int
    index: int
    """Line index in the part's text; -1 for the part's own level-2 heading."""
    level: int
    title: str
    key: str
    """The title normalised for matching (``normal_heading``)."""
    label: str | None = None
    """For a bold label opening a text line (``**Out-of-Scope Uses** Use in ...``, as Meta's
    cards write their sections): the text after it on that line. Labels count where a section is
    looked for, never as headings of their own (CARD002, the section a line is in)."""


class Part(NamedTuple):
    """The summary, a prose field or a further section, with its lines classed."""

    path: tuple[str, ...]
    """The release path of its text under ``card``: ``("summary",)``, ``("intended_use",)``,
    ``("sections", title)``."""
    heading: str | None
    lines: tuple[str, ...]
    kinds: bytes
    """The kind of each line (``classify``)."""

    def at(self, index: int = -1) -> tuple[object, ...]:
        """The release path that places line ``index`` of this part (-1: its heading) in the source:
        ``("card", *path, "line", index, text)``, which a Hugging Face card's reader places on the
        card line holding that text and a manifest's on the field (``readers/hub_card.py``)."""
        if index < 0:
            return ("card", *self.path)
        return ("card", *self.path, "line", index, self.lines[index])


class Outline(NamedTuple):
    parts: tuple[Part, ...]
    heads: tuple[Head, ...]
    placeholders: tuple[Placeholder, ...]
    title_placeholder: str | None
    """The release's name, when it is a template's title placeholder."""
    part_headings: dict[int, Inner]
    """part -> the headings inside its text (not labels), in line order."""
    marked: dict[int, set[int]]
    """part -> the line indexes holding a placeholder."""

    def section_of(self, part_index: int, index: int) -> str | None:
        """The title of the nearest heading above line ``index`` of a part, else the part's own."""
        inner = self.part_headings.get(part_index)
        if inner:
            at = bisect_left(inner.indexes, index) - 1
            if at >= 0:
                return inner.titles[at]
        return self.parts[part_index].heading

    def next_heading(self, head: Head) -> tuple[int, str] | None:
        """(line index, title) of the first heading after ``head`` in its part of its level or
        above (a level-2 part's text ends with the part)."""
        inner = self.part_headings.get(head.part)
        if inner:
            for at in range(bisect_right(inner.indexes, head.index), len(inner.indexes)):
                if inner.levels[at] <= head.level:
                    return inner.indexes[at], inner.titles[at]
        return None

    def under(self, head: Head) -> range:
        """The line indexes of the text under ``head``, up to the next heading of its level or
        above (``next_heading``), its subsections included."""
        after = self.next_heading(head)
        return range(head.index + 1, len(self.parts[head.part].lines) if after is None else after[0])

    def filled(self, head: Head) -> bool:
        """Whether the text under ``head`` (its subsections included) says anything (``says``)."""
        if head.label is not None:
            return bool(head.label.strip(" :*_")) or self.says(head.part, self._paragraph(head))
        return self.says(head.part, self.under(head))

    def _paragraph(self, head: Head) -> range:
        """The lines after a label up to the next heading or label."""
        part = self.parts[head.part]
        kinds, lines = part.kinds, part.lines
        for index in range(head.index + 1, len(lines)):
            if kinds[index] == HEADING or (kinds[index] == TEXT and _LABEL.match(lines[index])):
                return range(head.index + 1, index)
        return range(head.index + 1, len(lines))

    def summary_filled(self) -> bool:
        """Whether the card's summary (the text before its first section; the first part when
        the card has one) says anything."""
        parts = self.parts
        return bool(parts) and parts[0].path == ("summary",) and self.says(0, range(len(parts[0].lines)))

    def says(self, part_index: int, indexes: Iterable[int]) -> bool:
        """Whether any of these lines of a part is a code block or a text line that is not a
        placeholder line, a thematic break or a line of the Hub template's own boilerplate."""
        part = self.parts[part_index]
        kinds, lines = part.kinds, part.lines
        marked = self.marked.get(part_index, ())
        template = template_lines()
        for index in indexes:
            kind = kinds[index]
            if kind == CODE and index not in marked and not _FENCE.match(lines[index]):
                return True
            if kind != TEXT or index in marked:
                continue
            line = lines[index].strip()
            if not line or BREAK.match(line) or line in template:
                continue
            return True
        return False


class Inner(NamedTuple):
    """The headings inside a part's text, in line order: their line indexes, levels and titles."""

    indexes: list[int]
    levels: list[int]
    titles: list[str]


@lru_cache(maxsize=8192)
def normal_heading(title: str) -> str:
    """A heading as the completeness table matches it: lower case, without Markdown (links,
    emphasis, code), ``[optional]``, a leading number (``2.``, ``1.2``, ``IV.``), emoji and
    punctuation at either end."""
    if _PLAIN_TITLE.fullmatch(title):
        return " ".join(title.lower().split())
    text = _LINK.sub(r"\1", title) if "](" in title else title
    text = text.lower().replace("[optional]", " ")
    text = _EMPHASIS.sub("", text)
    text = _SYMBOLS.sub(" ", text)
    text = _NUMBERING.sub("", text)
    return " ".join(text.split()).strip(" .:-,")


_PLAIN_TITLE = re.compile(r"[A-Za-z][A-Za-z ,&'()/]*[A-Za-z)]")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"[*_`~]")
_SYMBOLS = re.compile(r"[^\w\s&,/()'+.:-]")
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[ivx]+\.)\s+")


class Kept(dict[str, T]):
    """``judge(text)`` for texts of at most ``longest`` characters, kept until ``most`` are held,
    then forgotten all at once (cheaper than an LRU's bookkeeping on every hit). A longer text is
    judged each time, so that what is kept stays small whatever the cards hold."""

    __slots__ = ("judge", "longest", "most")

    def __init__(self, judge: Callable[[str], T], longest: int, most: int) -> None:
        super().__init__()
        self.judge, self.longest, self.most = judge, longest, most

    def __missing__(self, text: str) -> T:
        value = self.judge(text)
        if len(text) <= self.longest:
            if len(self) >= self.most:
                self.clear()
            self[text] = value
        return value


def per_line(judge: Callable[[str], T]) -> Callable[[str], T]:
    """``judge(line)``, kept for up to 8192 distinct lines of at most 500 characters (``Kept``):
    cards repeat their headings' and the template's lines."""
    return Kept(judge, 500, 8192).__getitem__


@per_line
def _heading_of(line: str) -> tuple[int, str] | None:
    """(level, title) of an ATX heading line, else None (cards repeat their headings' lines)."""
    match = _ATX.match(line)
    if match is None:
        return None
    text = _CLOSING_HASHES.sub("", match.group(3) or "").strip()
    return len(match.group(2)), text


_EVENT = re.compile(r"\n(?=[ `~#*_]) {0,3}(?:`{3,}|~{3,}|#{1,6}(?=[ \t\n]|$)|\*\*|__)")
"""Where a line's kind can change: a fence or an ATX heading opening a line (searched in the text
after a ``\n``, a literal the search skips ahead by), and ``<!--`` (found with ``str.find``); and
a bold run opening a line, which may be a label (``Head.label``), found in the same search. (The
lookahead only turns away, at once, the many lines that open with none of these.)"""


def _events(text: str) -> list[tuple[int, str]]:
    """(offset, mark) of each fence, heading or bold run opening a line, and of each ``<!--``, in order."""
    found = [(m.start(), m.group()[1:]) for m in _EVENT.finditer("\n" + text)]
    at = text.find("<!--")
    if at >= 0:
        while at >= 0:
            found.append((at, "<!--"))
            at = text.find("<!--", at + 4)
        found.sort()
    return found


def blank(line: str) -> bool:
    """Whether a line holds nothing but white space (a ``TEXT`` line that says nothing)."""
    return not line.strip()


def classify(text: str, lines: list[str]) -> tuple[bytes, list[tuple[int, int, str]], list[int]]:
    """(the kind of each line, (index, level, title) of each heading, the index of each line
    outside code and comments that opens with a bold run) of a part: ``text`` split into
    ``lines``. Fenced code runs to its closing fence (or the part's end); an HTML comment that
    opens a line makes it and the lines up to its ``-->`` comments, one opening inside a line
    only the lines after it."""
    if "#" not in text and "```" not in text and "~~~" not in text and "<!--" not in text \
            and "**" not in text and "__" not in text:
        return bytes((TEXT,)) * len(lines), [], []  # no line can open a fence, a heading, a comment or bold
    kinds = bytearray((TEXT,)) * len(lines)
    regions: list[tuple[int, int, int]] = []
    heads: list[tuple[int, int, str]] = []
    bold: list[int] = []
    fence: tuple[str, int, int] | None = None  # (marker, length, first line)
    skip_to = -1  # offset where the comment being skipped ends
    last_line = len(lines) - 1
    index, counted = 0, 0  # the line of offset ``counted``
    for offset, mark in _events(text):
        if offset < skip_to:
            continue
        index += text.count("\n", counted, offset)
        counted = offset
        if fence is not None:
            line = lines[index]
            stripped = line.strip()
            if mark[-1] == fence[0] and set(stripped) == {fence[0]} and len(stripped) >= fence[1]:
                regions.append((fence[2], index, CODE))
                fence = None
            continue
        if mark == "<!--":
            close = text.find("-->", offset + 4)
            end = last_line if close < 0 else index + text.count("\n", offset, close)
            line_start = text.rfind("\n", 0, offset) + 1
            own = offset - line_start <= 3 and text[line_start:offset].strip(" ") == ""
            first = index if own else index + 1
            if end >= first:
                regions.append((first, end, COMMENT))
            skip_to = len(text) if close < 0 else close + 3
            continue
        stripped = mark.lstrip(" ")
        if stripped[0] in "*_":
            bold.append(index)
            continue
        if stripped[0] in "`~":
            info = lines[index][len(mark):]
            if stripped[0] == "`" and "`" in info:
                continue  # a backtick fence's info string has no backtick: this is inline code
            fence = (stripped[0], len(stripped), index)
            continue
        heading = _heading_of(lines[index])
        if heading is not None:
            heads.append((index, heading[0], heading[1]))
    if fence is not None:
        regions.append((fence[2], last_line, CODE))
    for first, last, kind in regions:  # fences and comments never overlap, nor hold a heading
        kinds[first:last + 1] = bytes((kind,)) * (last + 1 - first)
    for index, _level, _title in heads:
        kinds[index] = HEADING
    return bytes(kinds), heads, bold


@lru_cache(maxsize=1)
def _template_text() -> str:
    """huggingface_hub's model card template, as installed (the card ``ModelCard.from_template`` renders)."""
    from importlib.util import find_spec

    spec = find_spec("huggingface_hub")
    if spec is None or not spec.submodule_search_locations:
        return ""
    path = Path(next(iter(spec.submodule_search_locations))) / "templates" / "modelcard_template.md"
    return path.read_text("utf-8") if path.is_file() else ""


@lru_cache(maxsize=1)
def template_variables() -> frozenset[str]:
    """The ``{{ variable }}`` names of huggingface_hub's model card template."""
    return frozenset(re.findall(r"\{\{\s*(\w+)", _template_text()))


@lru_cache(maxsize=1)
def template_lines() -> frozenset[str]:
    """The template's own prose lines (no variable, heading or comment in them), stripped: what a
    card made from it says before its author writes anything ("Use the code below to get started
    with the model.", "**BibTeX:**")."""
    out = set()
    for line in _template_text().split("\n"):
        text = line.strip()
        if text and "{{" not in text and not text.startswith(("#", "<!--", "---")):
            out.add(text)
    return frozenset(out)


def _masked(line: str) -> str:
    """The line without what cannot hold a placeholder: code spans, inline comments, link targets."""
    if "`" in line:
        line = _CODE_SPAN.sub(" ", line)
    if "<!--" in line:
        line = _INLINE_COMMENT.sub(" ", line).split("<!--", 1)[0]
    if "http" in line or "](" in line:
        line = _LINK_TARGET.sub(" ", line)
    return line


def _roadmap_label(kinds: bytes, lines: Sequence[str], index: int) -> bool:
    """Whether line ``index`` is a lone ``TODO`` label over a list (a to-do list: plans, not a gap)."""
    for after in range(index + 1, len(lines)):
        kind, line = kinds[after], lines[after]
        if kind == TEXT and blank(line):
            continue
        return kind == TEXT and _LIST_ITEM.match(line) is not None
    return False


def _placeholder(kinds: bytes, lines: Sequence[str], index: int) -> tuple[str, str] | None:
    """(found, kind) of the first placeholder on a text line, or None."""
    hit = _line_placeholder(lines[index])
    if hit is None or (hit[2] and _roadmap_label(kinds, lines, index)):
        return None
    return hit[0], hit[1]


@per_line
def _line_placeholder(line: str) -> tuple[str, str, bool] | None:
    """(found, kind, whether the line is a lone ``TODO``) of the first placeholder on a text line,
    or None. What the line alone tells (cards repeat the template's lines): whether a lone ``TODO``
    is a to-do list's label depends on the lines after it (``_placeholder``)."""
    text = _masked(line)
    found = _MORE_INFO.search(text)
    if found:
        return found.group(), "template", False
    if "nformation" in text:
        if _TRAINER_LINE.fullmatch(text):
            return text.strip(" \t>*_|-").rsplit(":", 1)[-1].strip(" *_"), "trainer", False
        if recommendation := _RECOMMENDATION.search(text):
            return recommendation.group(), "template", False
    if "{" in text:
        for match in _JINJA.finditer(text):
            name = match.group(2)
            if name is None or match.group(1) or match.group(3) or match.group(4) or name in template_variables():
                return match.group(), "jinja", False
    if "TODO" in text or "TBD" in text or "odo" in text:
        todo = _TODO.search(text)
        lone = _TODO_LINE.fullmatch(text)
        if todo or lone:
            return (todo.group() if todo else lone.group(1)), "todo", lone is not None  # type: ignore[union-attr]
    return None


_HINTS = ("nformation", "{", "TODO", "TBD", "odo")
"""Text that every placeholder holds: only the lines holding one are searched."""


def _parts(release: Release) -> list[tuple[tuple[str, ...], str | None, str]]:
    """(release path, heading, text) of the card text's parts: the summary, the prose fields, the
    further sections. The card's values are read from its ``__dict__``, where the model holds
    its fields (one dictionary look-up each, not a model attribute look-up)."""
    card = release.card
    values = vars(card)
    parts: list[tuple[tuple[str, ...], str | None, str]] = []
    if summary := values["summary"]:
        parts.append((("summary",), None, summary))
    for path, heading in _prose_fields(type(card)):
        text = values[path[0]]
        if isinstance(text, str):
            parts.append((path, heading, text))
    parts += [(("sections", title), title, text) for title, text in values["sections"].items()]
    return parts


@lru_cache(maxsize=4)
def _prose_fields(card: type[CardText]) -> tuple[tuple[tuple[str], str], ...]:
    """(release path, heading) of the card's prose fields but the summary, in their order."""
    return tuple(((field,), SECTION_HEADINGS.get(field, field.replace("_", " ").capitalize()))
                 for field in card.model_fields if field not in ("summary", "sections"))


def _code_placeholder(line: str) -> tuple[str, str] | None:
    """(found, kind) of a placeholder on a line of code: ``[More Information Needed]`` alone, or
    an unrendered ``{{ variable }}`` of the Hub template itself (its ``get_started_code``). Other
    Jinja in code is a chat template or an example, not a gap."""
    stripped = line.strip()
    if stripped.lower() == _MORE_INFO_CODE:
        return stripped, "template"
    if "{{" in line:
        for match in _JINJA.finditer(line):
            if match.group(2) in template_variables():
                return match.group(), "jinja"
    return None


def _hint_lines(text: str) -> list[int]:
    """The index of each line of ``text`` holding a placeholder hint, in order, once per line."""
    offsets = []
    for hint in _HINTS:
        at = text.find(hint)
        while at >= 0:
            offsets.append(at)
            at = text.find(hint, at + len(hint))
    if not offsets:
        return offsets
    offsets.sort()
    indexes = []
    index, counted, last = 0, 0, -1
    for offset in offsets:
        index += text.count("\n", counted, offset)
        counted = offset
        if index != last:
            last = index
            indexes.append(index)
    return indexes


class PartText(NamedTuple):
    """What a part's text alone tells (``read_part``), whichever card holds it."""

    lines: tuple[str, ...]
    kinds: bytes
    headings: list[tuple[int, int, str]]
    """(line index, level, title) of each heading, in order."""
    labels: list[tuple[int, str, str]]
    """(line index, label, the text after it) of each bold label opening a text line (``Head.label``)."""
    placeholders: list[tuple[int, str, str]]
    """(line index, found, kind) of each line holding a placeholder (``Placeholder``)."""


def read_part(text: str) -> PartText:
    """The lines of a part's text, their kinds, headings, labels and placeholder lines."""
    lines = text.split("\n")
    if "\r" in text:
        lines = [line.rstrip("\r") for line in lines]
        text = "\n".join(lines)
    kinds, headings, bold_lines = classify(text, lines)
    labels = [(index, bold.group(2), bold.group(3)) for index in bold_lines
              if kinds[index] == TEXT and (bold := _LABEL.match(lines[index]))] if bold_lines else []
    placeholders = []
    for index in _hint_lines(text):
        kind = kinds[index]
        hit = _placeholder(kinds, lines, index) if kind == TEXT else \
            _code_placeholder(lines[index]) if kind == CODE else None
        if hit is not None:
            placeholders.append((index, *hit))
    return _made(PartText, (tuple(lines), kinds, headings, labels, placeholders))


_made = tuple.__new__
"""``_made(Head, values)``: a named tuple of all its values, made without the Python ``__new__``
its class generates (the outline makes one for each part, heading and placeholder of a card)."""


def build(release: Release) -> Outline:
    """The outline of a release's card text."""
    parts: list[Part] = []
    heads: list[Head] = []
    placeholders: list[Placeholder] = []
    part_headings: dict[int, Inner] = {}
    marked: dict[int, set[int]] = {}
    for number, (path, heading, text) in enumerate(_parts(release)):
        lines, kinds, headings, labels, hits = read_part(text)
        parts.append(_made(Part, (path, heading, lines, kinds)))
        if heading is not None:
            heads.append(_made(Head, (number, -1, 2, heading, normal_heading(heading), None)))
        if headings:
            heads += [_made(Head, (number, index, level, title, normal_heading(title), None))
                      for index, level, title in headings]
            part_headings[number] = _made(Inner, map(list, zip(*headings, strict=True)))
        if labels:
            heads += [_made(Head, (number, index, 7, label, normal_heading(label), rest))
                      for index, label, rest in labels]
        if hits:
            placeholders += [_made(Placeholder, (number, *hit)) for hit in hits]
            marked[number] = {index for index, _found, _kind in hits}
    name = release.name.strip()
    title = name if _TITLE_PLACEHOLDER.fullmatch(name) else None
    return Outline(tuple(parts), tuple(heads), tuple(placeholders), title, part_headings, marked)


def last_release(build: Callable[[Release], T]) -> Callable[[Release], T]:
    """``build``, kept for the last release asked about: the CARD rules and the completeness score
    each ask for the same release in turn (by identity: releases are frozen)."""
    last: list[tuple[Release, T]] = []

    def kept(release: Release) -> T:
        if last and last[0][0] is release:
            return last[0][1]
        made = build(release)
        last[:] = [(release, made)]
        return made

    kept.__doc__ = build.__doc__
    return kept


outline = last_release(build)
"""``build(release)`` for the last release asked about (``last_release``)."""
