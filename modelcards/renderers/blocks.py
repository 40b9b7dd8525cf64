"""Generated and user blocks in a rendered README, and merging a new rendering into the old file.

A rendered README is a sequence of segments::

    ---                                           front matter (generated; hash in a YAML comment)
    <!-- modelcards:begin NAME sha256=HASH -->    generated block: rewritten on every render
    <!-- modelcards:end NAME -->
    <!-- modelcards:user NAME -->                 user block: whatever is inside is kept
    <!-- modelcards:end NAME -->
    any other text                                free text: kept, after the block it followed

The hash in a begin marker is that of the block's body as written, so a hand edit inside a
generated block is detected and re-rendering refuses (naming the block) instead of silently
discarding it. The markers are HTML comments, which the Hub and Markdown renderers hide.
This merge is specific to this file format, so no library does it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

FRONT = "front matter"
_BEGIN = re.compile(r"^<!-- modelcards:(begin|user) ([\w.-]+)(?: sha256=([0-9a-f]+))? -->[ \t]*$")
_END = re.compile(r"^<!-- modelcards:end ([\w.-]+) -->[ \t]*$")
_FRONT_HASH = re.compile(r"^# modelcards:front-matter sha256=([0-9a-f]+)[ \t]*$", re.MULTILINE)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Segment:
    kind: str
    """'front', 'generated', 'user' or 'free'."""
    name: str
    body: str
    line: int
    recorded: str | None = None

    @property
    def edited(self) -> bool:
        return self.kind in ("generated", "front") and self.recorded != digest(self.body)

    def text(self) -> str:
        if self.kind == "free":
            return self.body
        if self.kind == "front":
            return f"---\n{self.body}# modelcards:front-matter sha256={digest(self.body)}\n---\n"
        if self.kind == "user":
            return f"<!-- modelcards:user {self.name} -->\n{self.body}<!-- modelcards:end {self.name} -->\n"
        return (f"<!-- modelcards:begin {self.name} sha256={digest(self.body)} -->\n{self.body}"
                f"<!-- modelcards:end {self.name} -->\n")


class BlockError(ValueError):
    """The README's block markers cannot be read (a marker deleted or mismatched)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class Document:
    segments: list[Segment] = field(default_factory=list)

    @property
    def generated(self) -> bool:
        return any(s.kind != "free" for s in self.segments)

    def edited_blocks(self) -> list[Segment]:
        return [s for s in self.segments if s.edited]

    def text(self) -> str:
        return "".join(s.text() for s in self.segments)


def _front(text: str) -> tuple[Segment | None, str, int]:
    if not text.startswith("---\n"):
        return None, text, 1
    end = text.find("\n---\n", 3)
    if end < 0:
        return None, text, 1
    inner = text[4:end + 1]
    match = _FRONT_HASH.search(inner)
    recorded = match.group(1) if match else None
    body = inner[:match.start()] + inner[match.end() + 1:] if match else inner
    rest = text[end + 5:]
    return Segment("front", FRONT, body, 1, recorded), rest, text[:end + 5].count("\n") + 1


def parse(text: str) -> Document:
    """Split README text into segments; raises BlockError on unbalanced markers."""
    doc = Document()
    front, rest, first_line = _front(text)
    if front is not None:
        doc.segments.append(front)
    free: list[str] = []
    open_block: Segment | None = None
    inner: list[str] = []
    for number, line in enumerate(rest.splitlines(keepends=True), start=first_line):
        stripped = line.rstrip("\r\n")
        begin, end = _BEGIN.match(stripped), _END.match(stripped)
        if open_block is None and begin:
            if free:
                doc.segments.append(Segment("free", "", "".join(free), number - len(free)))
                free = []
            kind = "generated" if begin.group(1) == "begin" else "user"
            open_block = Segment(kind, begin.group(2), "", number, begin.group(3))
            inner = []
        elif open_block is not None and end:
            if end.group(1) != open_block.name:
                raise BlockError(f"block '{open_block.name}' (line {open_block.line}) is closed by an end "
                                 f"marker for '{end.group(1)}'", number)
            open_block.body = "".join(inner)
            doc.segments.append(open_block)
            open_block = None
        elif open_block is not None and begin:
            raise BlockError(f"block '{open_block.name}' (line {open_block.line}) has no end marker "
                             f"before the next block", number)
        elif open_block is None and end:
            raise BlockError(f"end marker for '{end.group(1)}' without its begin marker", number)
        elif open_block is not None:
            inner.append(line)
        else:
            free.append(line)
    if open_block is not None:
        raise BlockError(f"block '{open_block.name}' has no end marker", open_block.line)
    if free:
        doc.segments.append(Segment("free", "", "".join(free), 0))
    return doc


def merge(new: Document, old: Document | None) -> Document:
    """``new`` with the user's text from ``old``: user-block contents and free text.

    Free text is re-attached after the block it followed; text after a block that no longer
    exists goes to the end, so nothing the user wrote is dropped.
    """
    if old is None:
        return new
    user = {s.name: s.body for s in old.segments if s.kind == "user"}
    after: dict[str, str] = {}
    anchor = ""
    for segment in old.segments:
        if segment.kind == "free":
            if segment.body.strip():
                after[anchor] = after.get(anchor, "") + segment.body
        else:
            anchor = segment.name
    names = {s.name for s in new.segments if s.kind != "free"}
    orphans = "".join(text for name, text in after.items() if name and name not in names)
    merged = Document()
    anchor = ""
    pending_free = after.get("")
    for segment in new.segments:
        if segment.kind == "free":
            if pending_free is None:
                merged.segments.append(segment)
            continue
        if pending_free is not None:
            merged.segments.append(Segment("free", "", pending_free, 0))
        body = user.get(segment.name, segment.body) if segment.kind == "user" else segment.body
        merged.segments.append(Segment(segment.kind, segment.name, body, segment.line, segment.recorded))
        anchor = segment.name
        pending_free = after.get(anchor)
    if pending_free is not None:
        merged.segments.append(Segment("free", "", pending_free, 0))
    if orphans:
        merged.segments.append(Segment("free", "", orphans if orphans.startswith("\n") else "\n" + orphans, 0))
    return merged
