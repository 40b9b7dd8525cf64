"""Safe YAML loading that remembers where every value came from.

PyYAML's composer already records a start mark for every node; we build plain Python data
from the node graph ourselves so that we can (a) keep a path -> (line, column) index used to
locate validation errors, (b) refuse custom tags, duplicate keys and alias bombs, and (c)
bound the work: the input's size, and the values and text it holds once aliases are expanded
(``MAX_NODES``, ``MAX_EXPANDED``), counted on the parser's events before any node is built.
Scalars are resolved by PyYAML's own SafeConstructor, so values are typed exactly as
``yaml.safe_load`` would type them, except that timestamps stay strings (pydantic parses them,
and round-tripping keeps what the user wrote).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from modelcards.errors import InputError
from modelcards.readers import front_matter_lines

try:  # libyaml is much faster when present; the pure-Python loader is the fallback.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 5 * 1024 * 1024
"""Manifests and cards are small; anything larger is almost certainly a mistake or hostile."""

MAX_NODES = 100_000
"""Upper bound on values (scalars, lists, mappings, keys included) after alias expansion: stops
'billion laughs' and documents of hundreds of thousands of keys. The largest front matter among
2,250 real Hub cards has 11,018."""

MAX_EXPANDED = MAX_BYTES
"""Upper bound on the characters of text (keys and values) a document holds after alias
expansion. Without aliases a document never holds more text than it is made of, so this refuses
only an alias that repeats more text than the size limit lets a file hold (1 MB aliased 1,000
times would be 1 GB of values)."""

_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null")}
"""Tags a value may carry. Not `!!binary`: bytes are no card or manifest value, and no output could write them."""
_KEEP_AS_TEXT = {_STD + "timestamp"}

Path = tuple[str | int, ...]


@dataclass
class LocatedDocument:
    """Plain data plus the 1-based (line, column) of every value and mapping key."""

    data: Any
    path: str
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    deferred: tuple[str, int] | None = None
    """(text, line offset) of a document loaded on the fast path; indexed on the first locate()."""
    node: Any = None
    """The fast path's node graph, which holds every position: indexed from it on the first
    locate() rather than by loading the text again. ``READ_BY_LINES`` when the line reader read
    the text: it reads the positions from the text again."""

    def locate(self, loc: Path, *, key: bool = False) -> tuple[int | None, int | None]:
        """Best position for ``loc``: the exact node, else its nearest located ancestor."""
        if self.deferred is not None:
            text, offset = self.deferred
            if self.node is READ_BY_LINES:
                index = _LINES.positions(text, offset)
            else:
                index = _node_index(self.node, offset) if self.node is not None else None
            if index is None:
                located = load_text(text, self.path, line_offset=offset)
                index = located.values, located.keys
            self.values, self.keys = index
            self.deferred = self.node = None
        index = self.keys if key else self.values
        probe = tuple(loc)
        if key and probe in self.keys:
            return self.keys[probe]
        while probe:
            if probe in index:
                return index[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))


def check_size(size: int, path: str, what: str = "file") -> None:
    """Refuse inputs over MAX_BYTES with a located message, whatever they come from."""
    if size > MAX_BYTES:
        raise InputError.single(
            f"{what} is {size / 1e6:.1f} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB", path, 1, 1
        )


def _scan(text: str, path: str, line_offset: int) -> None:
    """Refuse a document whose values, once its aliases are expanded, would pass ``MAX_NODES`` or
    ``MAX_EXPANDED``, at the first event past the bound and before any node is built.

    One pass over the parser's events: an anchor's expanded size is what the event stream added
    between its start and its end, and an alias adds that again. Syntax errors are left to the
    composer, which reports them as ever."""
    try:
        parser = _PARSER(text)
    except yaml.YAMLError:  # PyYAML's own reader checks the characters here: the composer reports it
        return
    anchors: dict[str, tuple[int, int]] = {}
    open_anchors: list[tuple[str | None, int, int]] = []
    nodes = chars = 0
    scalar, alias, start, end = yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent, yaml.CollectionEndEvent
    try:
        while parser.check_event():
            event = parser.get_event()
            kind = type(event)
            if kind is scalar:
                nodes += 1
                chars += len(event.value)
                if event.anchor is not None:
                    anchors[event.anchor] = (1, len(event.value))
            elif kind is alias:
                more_nodes, more_chars = anchors.get(event.anchor, (0, 0))
                nodes += more_nodes
                chars += more_chars
            elif issubclass(kind, start):
                nodes += 1
                open_anchors.append((event.anchor, nodes, chars))
                continue
            elif issubclass(kind, end):
                anchor, at_nodes, at_chars = open_anchors.pop()
                if anchor is not None:
                    anchors[anchor] = (nodes - at_nodes + 1, chars - at_chars)
                continue
            else:
                continue
            if nodes > MAX_NODES or chars > MAX_EXPANDED:
                mark = event.start_mark
                what = (f"more than {MAX_NODES:,} values" if nodes > MAX_NODES
                        else f"more than {MAX_EXPANDED // (1024 * 1024)} MB of text")
                cause = " once its aliases are expanded" if anchors else ""
                raise InputError.single(f"document holds {what}{cause}; refusing to load", path,
                                        mark.line + 1 + line_offset, mark.column + 1)
    except yaml.YAMLError:
        return
    finally:
        parser.dispose()


_SCAN_OVER = MAX_NODES
"""Text longer than this may hold more than ``MAX_NODES`` values (one value can take as little as
one character, ``{a,b,c}``), so it is scanned first; shorter text is scanned only when it
has an anchor."""


class _Builder:
    def __init__(self, path: str, line_offset: int) -> None:
        self.path = path
        self.line_offset = line_offset
        self.count = 0
        self.constructor = yaml.constructor.SafeConstructor()
        self.doc = LocatedDocument(data=None, path=path)
        self.current: yaml.Node | None = None

    def fail(self, message: str, node: yaml.Node) -> InputError:
        mark = node.start_mark
        return InputError.single(message, self.path, mark.line + 1 + self.line_offset, mark.column + 1)

    def build(self, node: yaml.Node, loc: Path, depth: int = 0) -> Any:
        self.current = node  # where an unexpected error is reported
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(f"document holds more than {MAX_NODES:,} values; refusing to load", node)
        if depth > 100:
            raise self.fail("document is nested more than 100 levels deep; refusing to load", node)
        mark = node.start_mark
        self.doc.values[loc] = (mark.line + 1 + self.line_offset, mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            if node.tag in _KEEP_AS_TEXT:
                return node.value
            if node.tag not in _SCALAR_TAGS:
                raise self.fail(f"unsupported YAML tag {node.tag!r}; only plain YAML values are allowed", node)
            try:
                return self.constructor.construct_object(node, deep=True)
            except (yaml.YAMLError, KeyError, IndexError, ValueError, TypeError):  # e.g. `!!bool maybe`, `!!int ""`
                tag = node.tag.rsplit(":", 1)[-1]
                raise self.fail(f"{node.value!r} is not a valid {tag} value", node) from None
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _STD + "seq":
                raise self.fail(f"unsupported YAML tag {node.tag!r} on a list", node)
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _STD + "map":
                raise self.fail(f"unsupported YAML tag {node.tag!r} on a mapping", node)
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail("mapping keys must be plain scalars", key_node)
                key = self.build(key_node, (*loc, "<key>"), depth + 1)
                if not isinstance(key, (str, int, float, bool)) or key is None:
                    raise self.fail(f"mapping key {key_node.value!r} is not a plain value", key_node)
                key = str(key) if not isinstance(key, str) else key
                if key in result:
                    raise self.fail(f"duplicate key {key!r}", key_node)
                km = key_node.start_mark
                self.doc.keys[(*loc, key)] = (km.line + 1 + self.line_offset, km.column + 1)
                result[key] = self.build(value_node, (*loc, key), depth + 1)
            self.doc.values.pop((*loc, "<key>"), None)
            return result
        raise self.fail("unsupported YAML node", node)  # pragma: no cover


def text_position(text: str, index: int) -> tuple[int, int]:
    """The 1-based (line, column) of character ``index`` of ``text``, lines ended by ``\\n`` as an
    editor counts them (a ``\\r\\n`` ends with one)."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _reader_index(text: str, exc: yaml.reader.ReaderError) -> int:
    """The character index of a ReaderError: libyaml reports a byte offset into the UTF-8 text,
    PyYAML's own reader a character index (its ``encoding`` is then "unicode")."""
    if exc.encoding == "unicode":
        return exc.position
    return len(text.encode("utf-8", "surrogatepass")[:exc.position].decode("utf-8", "ignore"))


def _problem_mark(exc: yaml.YAMLError, text: str) -> tuple[int | None, int | None]:
    if isinstance(exc, yaml.reader.ReaderError):
        return text_position(text, _reader_index(text, exc))
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is None:
        return None, None
    return mark.line + 1, mark.column + 1


def _yaml_message(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.reader.ReaderError):
        code = exc.character if isinstance(exc.character, int) else ord(exc.character or "\x00")
        return f"invalid YAML: character U+{code:04X} is not allowed in YAML (a control character)"
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    if problem and context:
        return f"invalid YAML: {problem} ({context})"
    if problem:
        return f"invalid YAML: {problem}"
    return f"invalid YAML: {exc}"


def load_text(text: str, path: str, *, line_offset: int = 0) -> LocatedDocument:
    """Parse one YAML document from ``text``; ``line_offset`` shifts reported lines
    (used for front matter that starts after a ``---`` line)."""
    check_size(len(text), path)
    nul = text.find("\x00")
    if nul != -1:
        line, column = text_position(text, nul)
        raise InputError.single("file contains NUL bytes (U+0000); is it a binary file?", path, line + line_offset,
                                column)
    if "&" in text or len(text) > _SCAN_OVER:
        _scan(text, path, line_offset)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        line, column = _problem_mark(exc, text)
        raise InputError.single(
            _yaml_message(exc), path, None if line is None else line + line_offset, column
        ) from None
    finally:
        loader.dispose()
    builder = _Builder(path, line_offset)
    if node is not None:
        try:
            builder.doc.data = builder.build(node, ())
        except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
            at = builder.current.start_mark if builder.current is not None else None
            raise InputError.single(f"invalid YAML value: {exc}", path,
                                    None if at is None else at.line + 1 + line_offset,
                                    None if at is None else at.column + 1) from None
    return builder.doc


_RESOLVER = yaml.resolver.Resolver()
_IMPLICIT = _RESOLVER.yaml_implicit_resolvers
"""First character -> the resolvers PyYAML tries on plain scalars that start with it."""


@lru_cache(maxsize=8192)  # bounded: a dump of unique values must not grow memory
def _implicit_tag(kind: type, value: str | None, implicit: Any) -> str:
    """PyYAML's tag for a node. A quoted scalar, or a plain one whose first character starts no
    implicit type (a model or dataset name, most free text), is a string without trying any
    pattern: ``Resolver.resolve`` would try none either. Such values are often unique to a card,
    so they miss the cache and this is the path they take."""
    if kind is yaml.ScalarNode and (not implicit[0] or (value[:1] not in _IMPLICIT and None not in _IMPLICIT)):
        return _RESOLVER.DEFAULT_SCALAR_TAG
    return _RESOLVER.resolve(kind, value, implicit)


_PARSER: type = yaml.SafeLoader if _Loader is yaml.SafeLoader else yaml._yaml.CParser
"""With libyaml, the parser alone: composing nodes uses neither the constructor's nor the
resolver's state (benchmarks/PERFORMANCE.md has what that saves)."""


class _CachingLoader(_PARSER):  # type: ignore[misc, valid-type]
    """The libyaml loader with memoised implicit tags.

    A node's implicit tag depends on its kind, text and implicit flags alone (no path resolvers
    are registered), and card front matter repeats the same keys and values card after card, so
    tags are memoised (bounded). The path-resolver hooks do nothing without path resolvers, so
    no-op builtins stand in for them; the parser's own ``__init__`` is used."""

    resolve = staticmethod(_implicit_tag)
    descend_resolver = staticmethod(operator.is_)
    ascend_resolver = staticmethod(tuple)


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_STR, _SEQ, _MAP = _STD + "str", _STD + "seq", _STD + "map"
_SCALAR = yaml.ScalarNode


def _typed(tag: str, value: str, node: yaml.ScalarNode | None = None) -> Any:
    """A scalar's value from its tag under the located loader's rules: text for strings and the
    tags kept as text (timestamps), PyYAML's SafeConstructor for the other scalar tags, ValueError
    for a tag outside the rules (``<<``, ``=``, custom tags). ``node``: the scalar's node, when
    there is one (else one is made for the constructor)."""
    if tag == _STR or tag in _KEEP_AS_TEXT:
        return value
    if tag not in _SCALAR_TAGS:
        raise ValueError(f"unsupported tag {tag}")
    return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node if node is not None else _SCALAR(tag, value))


def _fast_build(node: yaml.Node, depth: int = 0) -> Any:
    """Plain data from a node graph under the located loader's rules, without its position index.

    PyYAML's own construct_object is generic (state, generators, deep copies); this walk does
    only what card front matter needs, and takes plain-text keys and values (most of a card)
    without a call of its own. Anything outside the rules raises ValueError, and the caller then
    goes through ``load_text`` for the located error message."""
    kind = type(node)
    if kind is _SCALAR:
        return _typed(node.tag, node.value, node)
    if depth == 100 and node.value:
        raise ValueError("too deep")  # its children would be at 101, past the located loader's limit
    if kind is yaml.SequenceNode:
        if node.tag != _SEQ:
            raise ValueError("tagged sequence")
        return [item.value if type(item) is _SCALAR and item.tag == _STR else _fast_build(item, depth + 1)
                for item in node.value]
    if kind is yaml.MappingNode:
        if node.tag != _MAP:
            raise ValueError("tagged mapping")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not _SCALAR:
                raise ValueError("complex key")
            if key_node.tag == _STR:
                key = key_node.value
            else:
                key = _fast_build(key_node, depth + 1)
                if not isinstance(key, (str, int, float, bool)):
                    raise ValueError("key is not a plain value")
                key = str(key)
            if key in result:
                raise ValueError("duplicate key")
            if type(value_node) is _SCALAR and value_node.tag == _STR:
                result[key] = value_node.value
            else:
                result[key] = _fast_build(value_node, depth + 1)
        return result
    raise ValueError("unsupported node")


READ_BY_LINES = "read by lines"
"""``LocatedDocument.node`` of a document the line reader read."""

_PLAIN = (True, False)
"""The implicit flags of a plain scalar without a tag."""


def _plain(text: str) -> Any:
    """A plain scalar's value under the located loader's rules: typed by the tag the fast loader
    gives it (``_implicit_tag``), as ``_fast_build`` types a node."""
    return _typed(_implicit_tag(_SCALAR, text, _PLAIN), text)


_LINES = front_matter_lines.LineReader(_plain)

_LINES_UP_TO = MAX_NODES * 3 // 2 - 1_000
"""The longest text given to the line reader. Block text the reader takes holds at most two values
for each three characters (``a:`` and its line break: a key and its empty value), so text this
long holds fewer than ``MAX_NODES``: the reader need not count them."""


def load_fast(text: str, path: str, *, line_offset: int = 0) -> LocatedDocument:
    """``load_text`` without the location index, for batch audits; positions are computed only when
    asked for. Plain block YAML (most front matter) is read by lines (``front_matter_lines``);
    anything the fast paths are unsure of (anchors, tags, errors) goes through ``load_text``, so the
    result and the error messages are the same."""
    if len(text) > MAX_BYTES or "\x00" in text or _Loader.yaml_path_resolvers:
        return load_text(text, path, line_offset=line_offset)
    if len(text) <= _LINES_UP_TO:
        try:
            data = _LINES.read(text)
        except (ValueError, TypeError, KeyError, IndexError, yaml.YAMLError):
            pass
        else:
            return LocatedDocument(data=data, path=path, deferred=(text, line_offset), node=READ_BY_LINES)
    if "&" in text:
        return load_text(text, path, line_offset=line_offset)
    if len(text) > _SCAN_OVER:
        _scan(text, path, line_offset)
    loader = _CachingLoader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else _fast_build(node)
    except (yaml.YAMLError, ValueError, TypeError, KeyError, IndexError, RecursionError):
        return load_text(text, path, line_offset=line_offset)
    finally:
        loader.dispose()
    return LocatedDocument(data=data, path=path, deferred=(text, line_offset), node=node)


def _node_index(root: yaml.Node, line_offset: int) -> tuple[dict[Path, tuple[int, int]],
                                                           dict[Path, tuple[int, int]]] | None:
    """The (values, keys) index ``load_text`` builds, from a node graph the fast path checked
    (no duplicate keys, no aliases, no tags outside the rules). None when a key is not plain text
    (an int or bool key): only the full loader turns those into the key it records."""
    values: dict[Path, tuple[int, int]] = {}
    keys: dict[Path, tuple[int, int]] = {}
    pending: list[tuple[Path, yaml.Node]] = [((), root)]
    while pending:
        loc, node = pending.pop()
        mark = node.start_mark
        values[loc] = (mark.line + 1 + line_offset, mark.column + 1)
        kind = type(node)
        if kind is yaml.SequenceNode:
            pending.extend(((*loc, i), item) for i, item in enumerate(node.value))
        elif kind is yaml.MappingNode:
            for key_node, value_node in node.value:
                if key_node.tag != _STR:
                    return None
                mark = key_node.start_mark
                keys[(*loc, key_node.value)] = (mark.line + 1 + line_offset, mark.column + 1)
                pending.append(((*loc, key_node.value), value_node))
    return values, keys


def read_text(path: str) -> str:
    """Read a file as UTF-8 with size and encoding checks that produce located errors."""
    from modelcards.files import NotRegularFile, read_limited

    try:
        raw = read_limited(path, MAX_BYTES)  # a FIFO or device is refused; never more than the limit is read
    except NotRegularFile as exc:
        raise InputError.single(f"cannot read file: {exc}", path) from None
    except OSError as exc:
        raise InputError.single(f"cannot read file: {exc.strerror or exc}", path) from None
    if len(raw) > MAX_BYTES:  # only the limit + 1 bytes were read: the message gives the file's own size
        import os

        if path == "-":  # stdin has no size: all that is known is that it holds more than the limit
            raise InputError.single(f"standard input holds more than {MAX_BYTES // (1024 * 1024)} MB; "
                                    "that is the limit", path, 1, 1)
        try:
            size = max(os.stat(path).st_size, len(raw))
        except OSError:
            size = len(raw)
        check_size(size, path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError.single("file is not valid UTF-8 text", path, line, None) from None
    return text
