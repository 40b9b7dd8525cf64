"""A line reader for the plain block YAML most card front matter is written in.

Most Hub front matter is ``key: value`` lines, ``key:`` opening a nested block, ``- item`` lists
and lists of mappings (``model-index``). Such text can be read line by line, without building a
node and two marks for every scalar as the YAML composer does, and the same lines recur card after
card (``license: apache-2.0``, ``- type: accuracy``), so what a line holds is memoised.

The reader takes only a strict subset of YAML, which it reads exactly as PyYAML's SafeLoader
does, and raises ``Unsure`` on anything else (flow collections with content, block scalars,
anchors, aliases, tags, ``?`` keys, multi-line or escaped scalars, comments after a value, tabs,
odd indentation, document markers, duplicate keys, keys that are not text ...): the caller then
loads that text with the full loader. How a plain scalar is typed (``yes``, ``1_000``, ``~``,
dates ...) is not decided here: the caller gives the function its own loader types them with.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Path = tuple[str | int, ...]
Index = dict[Path, tuple[int, int]]


class Unsure(ValueError):
    """The text is outside the subset this reader is sure of: load it with the full YAML loader."""


_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
"""Characters that cannot start a plain scalar (``-`` can, when a non-space follows)."""

_MAX_DEPTH = 60
"""Deeper documents are left to the full loader, which enforces the nesting limit."""

_MAX_KEY = 200
"""Longer keys are left to the full loader (YAML bounds the length of an implicit key)."""

_MEMO_SIZE = 16_384
"""Distinct lines remembered; the memo starts afresh when full (real front matter has a few
thousand distinct lines in a thousand cards)."""

_KEY, _ENTRY, _VALUE = 0, 1, 2
"""What a line is: ``(_KEY, key, value, value column, colon column)``, the value ``_NONE`` when
the line has none (a block or nothing follows); ``(_ENTRY, column of the rest, the rest)``, the
rest None for a bare ``-``; ``(_VALUE, value)``, a scalar (only after ``- ``). Columns are from
the start of the line's text."""

_NONE = object()
_BARE_ENTRY = (_ENTRY, 1, None)


class LineReader:
    """Reads the subset; ``plain`` types a plain scalar (it may raise ``ValueError`` for one the
    caller will not type). One reader serves any number of documents."""

    def __init__(self, plain: Callable[[str], Any]) -> None:
        self.plain = plain
        self.memo: dict[str, tuple[Any, ...]] = {}

    def read(self, text: str) -> Any:
        """The data of ``text``, a block YAML document (keys are text); raises ``Unsure`` when the
        text is outside the subset."""
        return self._walk(text, None)[0]

    def positions(self, text: str, line_offset: int) -> tuple[Index, Index]:
        """The (values, keys) index of a text ``read`` accepted: the 1-based (line, column) where
        every value and every mapping key starts, by path, lines shifted by ``line_offset``, as
        libyaml marks them (a missing value: just after its ``:`` or ``-``)."""
        _, values, keys = self._walk(text, line_offset)
        return values, keys

    def _walk(self, text: str, line_offset: int | None) -> tuple[Any, Index, Index]:
        """One pass over the lines; the index is built only when ``line_offset`` is given.

        The innermost open block is (``column``, ``block``, ``path``, ``in_list``, ``indentless``:
        a list at its key's column), the blocks around it are on ``stack``. ``pending`` is a key or
        a ``-`` with nothing after it: a deeper block, or a list at a key's column, becomes its
        value; else it stays None."""
        _check_characters(text)
        if text.startswith(("---", "...")) or "\n---" in text or "\n..." in text:
            raise Unsure("document marker")
        located = line_offset is not None
        values: Index = {}
        keys: Index = {}
        memo, shape_of = self.memo, self._shape
        stack: list[tuple[int, Any, Path, bool, bool]] = []
        top, block, path, in_list, indentless = -1, None, (), False, False
        pending: tuple[Any, Any, int, bool, Path, tuple[int, int]] | None = None
        root: Any = None
        for line, raw in enumerate(text.split("\n"), (line_offset or 0) + 1):
            content = raw.lstrip(" ")
            if not content or content[0] == "#":
                continue
            column = len(raw) - len(content)
            shape = memo.get(content) or shape_of(content)
            kind = shape[0]
            if pending is not None:
                holder, slot, at, in_mapping, here, empty = pending
                pending = None
                if column > at or (column == at and in_mapping and kind is _ENTRY):
                    if kind is _VALUE:
                        raise Unsure("scalar on the line after its key")
                    opened: Any = [] if kind is _ENTRY else {}
                    holder[slot] = opened
                    stack.append((top, block, path, in_list, indentless))
                    if len(stack) >= _MAX_DEPTH:
                        raise Unsure("deeply nested")
                    top, block, path, in_list, indentless = column, opened, here, kind is _ENTRY, column == at
                    if located:
                        values[here] = (line, column + 1)
                elif located:
                    values[here] = empty
            if column != top:
                if block is None:  # the first line: the document is a mapping or a list
                    if kind is _VALUE:
                        raise Unsure("a scalar document")
                    root = block = [] if kind is _ENTRY else {}
                    top, in_list = column, kind is _ENTRY
                    if located:
                        values[()] = (line, column + 1)
                else:
                    while top > column:
                        if not stack:
                            raise Unsure("line left of the document's block")
                        top, block, path, in_list, indentless = stack.pop()
                    if top != column:
                        raise Unsure("line indented past its block")
            if in_list and kind is not _ENTRY:
                if not indentless:
                    raise Unsure("key among list entries")
                top, block, path, in_list, indentless = stack.pop()  # the list below a key ends at its next key
            while True:  # a `- key: value` or `- - x` line opens its block and goes on in it
                if not in_list:
                    if kind is not _KEY:
                        raise Unsure("not a key line")
                    key = shape[1]
                    if key in block:
                        raise Unsure("duplicate key")
                    value = shape[2]
                    if located:
                        here = (*path, key)
                        keys[here] = (line, column + 1)
                    if value is _NONE:
                        block[key] = None
                        pending = (block, key, column, True, here if located else path, (line, column + shape[4] + 2))
                    else:
                        block[key] = value
                        if located:
                            values[here] = (line, column + shape[3] + 1)
                    break
                rest = shape[2]
                here = (*path, len(block)) if located else path
                if rest is None:
                    pending = (block, len(block), column, False, here, (line, column + 2))
                    block.append(None)
                    break
                column += shape[1]
                kind = rest[0]
                if kind is _VALUE:
                    block.append(rest[1])
                    if located:
                        values[here] = (line, column + 1)
                    break
                shape, opened = rest, [] if kind is _ENTRY else {}
                block.append(opened)
                stack.append((top, block, path, in_list, indentless))
                if len(stack) >= _MAX_DEPTH:
                    raise Unsure("deeply nested")
                top, block, path, in_list, indentless = column, opened, here, kind is _ENTRY, False
                if located:
                    values[here] = (line, column + 1)
        if pending is not None and located:
            values[pending[4]] = pending[5]
        return root, values, keys

    def _shape(self, content: str) -> tuple[Any, ...]:
        """What a line's text (its indentation removed) holds; remembered unless it holds a
        fresh ``[]`` or ``{}``."""
        text = content.rstrip(" ")
        if text == "-":
            shape: tuple[Any, ...] = _BARE_ENTRY
        elif text.startswith("- "):
            rest = text[2:].lstrip(" ")
            shape = (_ENTRY, len(text) - len(rest), self.memo.get(rest) or self._shape(rest))
        else:
            colon = _key_end(text)
            if colon is None:
                shape = (_VALUE, self._inline(text))
            else:
                if text[0] in "'\"":
                    key = text[1:colon - 1]
                else:
                    key = text[:colon]
                    if type(self.plain(key)) is not str:
                        raise Unsure("key is not text")
                if key == "<key>":
                    raise Unsure("a key the located loader reserves")
                rest = text[colon + 1:].lstrip(" ")
                value = self._inline(rest) if rest else _NONE
                shape = (_KEY, key, value, len(text) - len(rest), colon)
        if "[]" not in content and "{}" not in content:
            if len(self.memo) >= _MEMO_SIZE:
                self.memo.clear()
            self.memo[content] = shape
        return shape

    def _inline(self, text: str) -> Any:
        """A value written on its key's or its entry's line."""
        first = text[0]
        if first == "'" or first == '"':
            if len(text) < 2 or text[-1] != first or first in text[1:-1] or (first == '"' and "\\" in text):
                raise Unsure("quoted scalar with quotes, escapes, or text after it")
            return text[1:-1]
        if first in _INDICATORS:
            if text == "[]":
                return []
            if text == "{}":
                return {}
            if first != "-" or text[1:2] in ("", " "):
                raise Unsure("value starts with an indicator")
        if ": " in text or text[-1] == ":" or " #" in text:
            raise Unsure("value holds a key or a comment")
        return self.plain(text)


_CONTROLS = bytes(range(0x20)).replace(b"\n", b"") + b"\x7f"
"""The ASCII characters left to the full loader: the control characters but the line break."""


def _check_characters(text: str) -> None:
    """Raise ``Unsure`` for text with a character the reader leaves to the full loader."""
    if text.isascii():
        if len(text.encode("ascii").translate(None, _CONTROLS)) != len(text):
            raise Unsure("control character")
    elif not text.replace("\n", " ").isprintable():
        # Python's printable characters are YAML's, less tabs, carriage returns, the other line
        # breaks (NEL, U+2028, U+2029), the byte-order mark and other format characters, and the
        # spaces other than U+0020: text with any of those is left to the full loader.
        raise Unsure("character outside the subset")


def _key_end(text: str) -> int | None:
    """The index of the ``:`` that ends the key of a ``key: value`` line, None when the text is a
    value instead; raises ``Unsure`` for what is neither for sure."""
    first = text[0]
    if first in "'\"":
        close = text.find(first, 1)
        if close == -1 or (first == '"' and "\\" in text[1:close]):
            raise Unsure("quoted scalar over lines, or with escapes")
        after = close + 1
        if after == len(text):
            return None
        if text[after] != ":" or text[after + 1:after + 2] not in ("", " ") or after > _MAX_KEY:
            raise Unsure("quoted scalar followed by text")
        return after
    colon = text.find(": ")
    if colon == -1:
        if text[-1] != ":":
            return None
        colon = len(text) - 1
    if " #" in text or colon > _MAX_KEY:
        raise Unsure("comment, or long key")
    key = text[:colon]
    if not key or key[-1] == " " or (first in _INDICATORS and (first != "-" or key[1:2] in ("", " "))):
        raise Unsure("not a plain key")
    return colon
