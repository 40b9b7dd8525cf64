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

import bisect
import hashlib
import re
from array import array
from dataclasses import dataclass, field

FRONT = "front matter"
_BEGIN = re.compile(r"^<!-- modelcards:(begin|user) ([\w.-]+)(?: sha256=([0-9a-f]+))? -->[ \t]*$")
_END = re.compile(r"^<!-- modelcards:end ([\w.-]+) -->[ \t]*$")
_FRONT_HASH = re.compile(r"^# modelcards:front-matter sha256=([0-9a-f]+)[ \t]*$", re.MULTILINE)


def digest(text: str) -> str:
    return digest_bytes(text.encode("utf-8"))


def digest_bytes(data: bytes) -> str:
    """The hash a marker records, of a body's UTF-8."""
    return hashlib.sha256(data).hexdigest()[:16]


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
        before, after = self._markers(self.body.encode("utf-8"))
        return before + self.body + after

    def data(self) -> bytes:
        """``text()`` as UTF-8, the body encoded once (for the file and for its hash)."""
        body = self.body.encode("utf-8")
        if self.kind == "free":
            return body
        before, after = self._markers(body)
        return before.encode("utf-8") + body + after.encode("utf-8")

    def _markers(self, body: bytes) -> tuple[str, str]:
        """The text before and after the body of a block or front matter (``body``: the body's UTF-8,
        whose hash a generated block's marker records)."""
        if self.kind == "user":
            return f"<!-- modelcards:user {self.name} -->\n", f"<!-- modelcards:end {self.name} -->\n"
        recorded = digest_bytes(body)
        if self.kind == "front":
            return "---\n", f"# modelcards:front-matter sha256={recorded}\n---\n"
        return f"<!-- modelcards:begin {self.name} sha256={recorded} -->\n", f"<!-- modelcards:end {self.name} -->\n"


class BlockError(ValueError):
    """The README's block markers cannot be read (a marker deleted or mismatched)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class Document:
    segments: list[Segment] = field(default_factory=list)
    bom: str = ""
    """A byte-order mark the file started with: written back as it was."""
    newline: str = "\n"
    """The file's line end (that of its first line): segments hold ``\n``, ``text()`` writes this."""

    @property
    def generated(self) -> bool:
        return any(s.kind != "free" for s in self.segments)

    def edited_blocks(self) -> list[Segment]:
        return [s for s in self.segments if s.edited]

    def text(self) -> str:
        body = "".join(s.text() for s in self.segments)
        if self.newline != "\n":
            body = body.replace("\n", self.newline)
        return self.bom + body

    def data(self) -> bytes:
        """``text()`` as UTF-8, made a segment at a time: the README is never held as one more
        Python str (up to four bytes a character) beside its segments."""
        body = b"".join(s.data() for s in self.segments)
        if self.newline != "\n":  # a "\n" byte is never part of a longer character in UTF-8
            body = body.replace(b"\n", self.newline.encode("utf-8"))
        return self.bom.encode("utf-8") + body


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_LOOKAHEAD = 10_000
"""Fence-like lines tried as a fence's closing line before it is taken as unclosed (bounds hostile input)."""


_INTERESTING_FIRST = re.compile(r"<!-- modelcards:| {0,3}(?:```|~~~)")
_INTERESTING = re.compile(r"\n(?:<!-- modelcards:| {0,3}(?:```|~~~))")
"""The start of a line that is a block marker or may open or close a fence (``_FENCE``): no other
line changes how the lines after it are read. Searched from the line break before it (a literal
first character is searched for at C speed; a ``^`` would be tried at every character), the
first line on its own."""


_NEWLINE = re.compile("\n")
_HASHED_CHUNK = 1 << 20
"""Characters of a block body encoded at a time while it is hashed."""


class _Lines:
    """A text's lines, split at ``\n`` only (a lone CR, U+0085 or U+2028 is text inside a line), each
    with its line end: found by offset, so a text of megabytes is not held a second time as lines."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = array("q", [0])
        """Where each line starts, and (last) the text's end: ``lines[i]`` is ``text[starts[i]:starts[i + 1]]``."""
        self.starts.extend(match.end() for match in _NEWLINE.finditer(text))
        if self.starts[-1] != len(text):
            self.starts.append(len(text))  # a last line without a line end
        self.count = len(self.starts) - 1

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> str:
        return self.text[self.starts[index]:self.starts[index + 1]]

    def join(self, start: int, stop: int) -> str:
        """``"".join(lines[start:stop])``."""
        stop = min(stop, self.count)
        return self.text[self.starts[start]:self.starts[stop]] if start < stop else ""

    def hash_into(self, hasher: hashlib._Hash, start: int, stop: int) -> None:
        """Feed the UTF-8 of ``lines[start:stop]`` to ``hasher``, a chunk at a time."""
        begin, end = self.starts[start], self.starts[min(stop, self.count)]
        for at in range(begin, end, _HASHED_CHUNK):
            hasher.update(self.text[at:min(at + _HASHED_CHUNK, end)].encode("utf-8", "surrogatepass"))


class _Stripped:
    """``lines[i]`` without its line end, computed when asked for (most lines never are)."""

    def __init__(self, lines: _Lines) -> None:
        self.lines = lines

    def __getitem__(self, index: int) -> str:
        line = self.lines[index]
        return line.rstrip("\n").rstrip("\r") if line.endswith("\n") else line


def _newline(text: str) -> str:
    """The line end of the first line: ``\r\n``, ``\r`` (a file with no ``\n`` at all) or ``\n``."""
    first = text.find("\n")
    if first < 0:
        return "\r" if "\r" in text else "\n"
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def _split_front(lines: _Lines, start: int) -> tuple[Segment, int] | None:
    """The front matter opening at ``lines[start]`` (a ``---`` line) and the index after it."""
    if start + 1 >= len(lines):
        return None
    closing = lines.text.find("\n---\n", lines.starts[start + 1] - 1)  # the next line that is ``---``
    if closing < 0:
        return None
    end = bisect.bisect_right(lines.starts, closing + 1) - 1
    inner = lines.join(start + 1, end)
    match = _FRONT_HASH.search(inner)
    recorded = match.group(1) if match else None
    body = inner[:match.start()] + inner[match.end() + 1:] if match else inner
    return Segment("front", FRONT, body, start + 1, recorded), end + 1


def _find_front(lines: _Lines) -> tuple[int, Segment, int] | None:
    """(first line of the front matter, it, the line after it). At the top of the file as the Hub
    reads it; or, below lines added above it, the front matter modelcards wrote (its hash comment),
    so a line typed above it never makes render add a second copy."""
    if lines and lines[0] == "---\n":
        found = _split_front(lines, 0)
        if found:
            return 0, found[0], found[1]
    for index in range(min(len(lines), 200)):
        line = lines[index]
        if _BEGIN.match(line.rstrip("\n")) or _END.match(line.rstrip("\n")):
            break
        if index and line == "---\n":
            found = _split_front(lines, index)
            if found and found[0].recorded is not None:
                return index, found[0], found[1]
    return None


class _Scanner:
    """Finds the block markers of README lines, reading fenced code as text: a marker line inside a
    fence is text when the fence closes before the next begin marker, or when the markers from it
    to the fence's end pair up as whole blocks (a quoted example); otherwise the fence was left
    unclosed (say in text pasted from an imported card) and the marker is a marker. A begin marker
    whose recorded hash matches the body up to an end marker of its name is always a block, so no
    fence the user left open can hide a generated block (which would then be rendered twice)."""

    def __init__(self, lines: _Lines, text: str) -> None:
        self.lines = lines
        self.stripped = _Stripped(lines)
        starts = lines.starts
        self.interesting = [0] if _INTERESTING_FIRST.match(text) else []
        self.interesting += [bisect.bisect_right(starts, match.start() + 1) - 1
                             for match in _INTERESTING.finditer(text)]
        """The lines that can change what the parser reads (a marker or a fence-like line), in order:
        found in the whole text at once, so a long README costs no Python work per line of prose."""
        self.ends: dict[str, list[int]] = {}
        self.begins: list[int] = []
        self.fence_lines: dict[str, list[tuple[int, int]]] = {}
        """Per fence character, the lines that could close a fence: (line index, run length)."""
        for index in self.interesting:
            line = self.stripped[index]
            if line.startswith("<!-- modelcards:"):
                end = _END.match(line)
                if end:
                    self.ends.setdefault(end.group(1), []).append(index)
                elif _BEGIN.match(line):
                    self.begins.append(index)
                continue
            bare = line.lstrip(" ")
            if len(line) - len(bare) <= 3:
                run = bare.rstrip(" \t")
                if len(run) >= 3 and run == run[0] * len(run):
                    self.fence_lines.setdefault(run[0], []).append((index, len(run)))
        self._verified: dict[int, int | None] = {}
        self._closers: dict[int, int | None] = {}
        self._pairs: dict[int, bool] = {}
        self.markers = sorted(self.begins + [at for ends in self.ends.values() for at in ends])

    def after(self, index: int) -> int:
        """The first interesting line at or after ``index`` (``len(lines)`` when there is none)."""
        at = bisect.bisect_left(self.interesting, index)
        return self.interesting[at] if at < len(self.interesting) else len(self.lines)

    def verified_end(self, index: int) -> int | None:
        """The end marker closing the generated block opening at ``index`` with its recorded hash
        (the body hashed once, incrementally, up to each candidate end marker in turn)."""
        if index in self._verified:
            return self._verified[index]
        found = None
        begin = _BEGIN.match(self.stripped[index])
        if begin and begin.group(1) == "begin" and begin.group(3):
            ends = self.ends.get(begin.group(2), [])
            hasher = hashlib.sha256()
            at = index + 1
            for end in ends[bisect.bisect_right(ends, index):][:64]:
                self.lines.hash_into(hasher, at, end)
                at = end
                if hasher.copy().hexdigest()[:16] == begin.group(3):
                    found = end
                    break
                hasher.update(self.lines[end].encode("utf-8", "surrogatepass"))
                at = end + 1
        self._verified[index] = found
        return found

    def next_begin(self, index: int) -> int:
        at = bisect.bisect_right(self.begins, index)
        return self.begins[at] if at < len(self.begins) else len(self.lines)

    def closes(self, fence: tuple[str, int, int], start: int, before: int) -> bool:
        """Whether the line closing ``fence`` (char, length, line it opened at) comes after ``start``,
        a line inside it, and before ``before``."""
        char, length, opened = fence
        if opened not in self._closers:
            found = None
            candidates = self.fence_lines.get(char, [])
            for at, run in candidates[bisect.bisect_right(candidates, (opened, 1 << 30)):][:_LOOKAHEAD]:
                if run >= length:
                    found = at
                    break
            self._closers[opened] = found
        closer = self._closers[opened]
        if closer is None or closer <= start:
            return False
        return closer < before or self._balanced(opened, closer)

    def _balanced(self, opened: int, closer: int) -> bool:
        """Whether the markers inside the fence pair up (begin X, end X, begin Y, end Y, ...): the
        fence quotes an example of whole blocks."""
        if opened not in self._pairs:
            inside = self.markers[bisect.bisect_right(self.markers, opened):bisect.bisect_left(self.markers, closer)]
            paired = len(inside) % 2 == 0
            for position in range(0, len(inside) - 1, 2):
                begin = _BEGIN.match(self.stripped[inside[position]])
                end = _END.match(self.stripped[inside[position + 1]])
                if not (begin and end and end.group(1) == begin.group(2)):
                    paired = False
                    break
            self._pairs[opened] = paired
        return self._pairs[opened]


def _fence_opening(line: str, fence: tuple[str, int, int] | None, index: int) -> tuple[str, int, int] | None:
    """The fence state after ``line`` (line ``index``): None, or (char, length, line it opened at)."""
    match = _FENCE.match(line)
    if fence is None:
        if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
            return match.group(1)[0], len(match.group(1)), index
        return None
    if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= fence[1] and not match.group(2).strip():
        return None
    return fence


def parse(text: str) -> Document:
    """Split README text into segments; raises BlockError on unbalanced or repeated markers.

    A BOM and the line end are remembered on the document (``text()`` writes them back); the
    segments hold ``\n`` line ends.
    """
    doc = Document()
    if text.startswith("\ufeff"):
        doc.bom, text = "\ufeff", text[1:]
    doc.newline = _newline(text)
    if doc.newline != "\n":
        text = text.replace(doc.newline, "\n")
    lines = _Lines(text)
    free: list[str] = []  # the free text being read, in runs of whole lines
    start = 0
    front = _find_front(lines)
    if front is not None:
        top, segment, start = front
        if top:
            free.append(lines.join(0, top))
        doc.segments.append(segment)
    scan = _Scanner(lines, text)
    free_line = 1
    seen: dict[str, int] = {}
    fence: tuple[str, int, int] | None = None
    index = start
    while index < len(lines):
        following = scan.after(index)
        if following > index:  # lines that are neither markers nor fence-like: free text as they are
            if not free:
                free_line = index + 1
            free.append(lines.join(index, following))
            index = following
            continue
        line, stripped = lines[index], scan.stripped[index]
        number = index + 1
        begin = _BEGIN.match(stripped) if stripped.startswith("<!-- modelcards:") else None
        end = _END.match(stripped) if begin is None and stripped.startswith("<!-- modelcards:") else None
        if (begin or end) and fence is not None and scan.verified_end(index) is None \
                and scan.closes(fence, index, scan.next_begin(index)):
            begin = end = None  # quoted in a code fence
        if end:
            raise BlockError(f"end marker for '{end.group(1)}' without its begin marker", number)
        if not begin:
            fence = _fence_opening(stripped, fence, index)
            if not free:
                free_line = number
            free.append(line)
            index += 1
            continue
        if free:
            doc.segments.append(Segment("free", "", "".join(free), free_line))
            free = []
        fence = None
        kind = "generated" if begin.group(1) == "begin" else "user"
        name = begin.group(2)
        if name in seen:
            raise BlockError(f"block '{name}' appears twice (first at line {seen[name]}); remove one of them",
                             number)
        seen[name] = number
        close = scan.verified_end(index) if kind == "generated" else None
        if close is None:
            close = _block_end(scan, index, name)
        doc.segments.append(Segment(kind, name, lines.join(index + 1, close), number, begin.group(3)))
        index = close + 1
    if free:
        doc.segments.append(Segment("free", "", "".join(free), free_line))
    return doc


def _block_end(scan: _Scanner, index: int, name: str) -> int:
    """The line of the end marker of the block ``name`` opening at ``index``."""
    fence: tuple[str, int, int] | None = None
    for at in scan.interesting[bisect.bisect_right(scan.interesting, index):]:  # no other line counts
        stripped = scan.stripped[at]
        if stripped.startswith("<!-- modelcards:"):
            begin, end = _BEGIN.match(stripped), _END.match(stripped)
            if (begin or end) and fence is not None and scan.closes(fence, at, scan.next_begin(at)):
                continue  # quoted in a code fence
            if end and end.group(1) == name:
                return at
            if end:
                raise BlockError(f"block '{name}' (line {index + 1}) is closed by an end marker for "
                                 f"'{end.group(1)}'", at + 1)
            if begin:
                raise BlockError(f"block '{name}' (line {index + 1}) has no end marker before the next "
                                 f"block '{begin.group(2)}'", at + 1)
        fence = _fence_opening(stripped, fence, at)
    raise BlockError(f"block '{name}' has no end marker", index + 1)


def kept_by_merge(old: Document) -> Document:
    """What ``merge`` reads of an old README: ``old`` with the bodies of its generated blocks and
    front matter left out (their names and places stay), since the new rendering replaces them."""
    segments = [s if s.kind in ("free", "user") else Segment(s.kind, s.name, "", s.line, s.recorded)
                for s in old.segments]
    return Document(segments, bom=old.bom, newline=old.newline)


def merge(new: Document, old: Document | None) -> Document:
    """``new`` with the user's text from ``old``: user-block contents, free text, and user blocks
    the template does not have (a block the user named themselves), with the old file's BOM and
    line end.

    Free text and such user blocks are re-attached after the block they followed; text after a
    block that no longer exists goes to the end, so nothing the user wrote is dropped.
    """
    if old is None:
        return new
    names = {s.name for s in new.segments if s.kind != "free"}
    user = {s.name: s.body for s in old.segments if s.kind == "user"}
    after: dict[str, list[Segment]] = {}
    anchor = ""
    for segment in old.segments:
        if segment.kind == "free" or (segment.kind == "user" and segment.name not in names):
            after.setdefault(anchor, []).append(segment)
        else:
            anchor = segment.name
    after = {name: kept for name, kept in after.items()
             if any(s.kind != "free" or s.body.strip() for s in kept)}  # blank lines alone: the template's
    orphans = [segment for name, kept in after.items() if name and name not in names for segment in kept]
    merged = Document(bom=old.bom, newline=old.newline)
    pending = after.get("")
    for segment in new.segments:
        if segment.kind == "free":
            if pending is None:
                merged.segments.append(segment)
            continue
        if pending is not None:
            merged.segments.extend(pending)
        body = user.get(segment.name, segment.body) if segment.kind == "user" else segment.body
        merged.segments.append(Segment(segment.kind, segment.name, body, segment.line, segment.recorded))
        pending = after.get(segment.name)
    if pending is not None:
        merged.segments.extend(pending)
    if orphans:
        if orphans[0].kind == "free" and not orphans[0].body.startswith("\n"):
            orphans[0] = Segment("free", "", "\n" + orphans[0].body, 0)
        elif orphans[0].kind != "free":
            orphans.insert(0, Segment("free", "", "\n", 0))
        merged.segments.extend(orphans)
    return merged
