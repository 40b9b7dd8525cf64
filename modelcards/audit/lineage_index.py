"""The lineage index of a dump: each card's id, stated license and base models, in SQLite.

The first pass of ``audit --lineage`` reads every dump row once and records what its front
matter says about its own lineage; the second pass (the per-card analysis) resolves each card's
base-model chain through this index hop by hop (``licenses.lineage.using_index``). SQLite from
the standard library keeps memory bounded however many cards the dump holds: rows go to a file,
and each process keeps only a bounded cache of the ids it looked up.

The first pass does not read whole cards: a full YAML load of the front matter costs far more
than the analysis can afford twice. ``scan_lineage`` reads just the top-level ``license``,
``license_name``, ``base_model``, ``base_model_relation``, ``library_name`` and ``tags`` keys
line by line, as the Hub's own writers lay them out, and hands the front matter to YAML when
a value is written in any other way (block scalars, anchors, nested flow collections).
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from modelcards.licenses.lineage import MAX_DEPTH, DumpEntry
from modelcards.readers.front_matter import find_front_matter

RELATIONS = ("finetune", "adapter", "quantized", "merge", "distillation")
"""The Hub's ``base_model_relation`` values (https://huggingface.co/docs/hub/model-cards)."""

_KEYS = ("license", "license_name", "base_model", "base_model_relation", "library_name", "tags")
_ITEM = re.compile(r"[ \t]*-[ \t]+(.*?)[ \t]*$")
_PLAIN_SPECIAL = re.compile(r"^[&*!|>%@`{?]|^-\s|^-$| #")
_NOT_TEXT = re.compile(r"(?:[-+]?(?:\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|\.inf|\.nan)|true|false|yes|no|on|off|"
                       r"null|~)", re.IGNORECASE)
_QUANTIZED = re.compile(r"(?:^|[-_.])(?:gguf|gptq|awq|exl2|ggml|[0-9]+bit|bnb|mlx)(?:$|[-_.])", re.IGNORECASE)


class CardLineage(NamedTuple):
    """What a card's front matter says about where it comes from."""

    license: str | None
    bases: tuple[str, ...]
    relation: str | None
    """The stated ``base_model_relation`` (a Hub value), else None."""
    library: str | None
    tags: tuple[str, ...]


class _Fallback(Exception):
    """A value the line scanner does not read: the front matter goes to YAML."""


def _scalar(raw: str) -> object:
    """A one-line YAML scalar as PyYAML would read it, for the shapes Hub writers use."""
    if not raw:
        return None
    if raw[0] in "'\"":
        quote = raw[0]
        if len(raw) < 2 or raw[-1] != quote or quote in raw[1:-1] or "\\" in raw:
            raise _Fallback
        return raw[1:-1]
    if raw[0] == "[":
        if not raw.endswith("]") or any(c in raw[1:-1] for c in "[]{}'\"#"):
            raise _Fallback
        return [item.strip() for item in raw[1:-1].split(",") if item.strip()]
    if _PLAIN_SPECIAL.search(raw) or ": " in raw or raw.endswith(":"):
        raise _Fallback
    if _NOT_TEXT.fullmatch(raw):
        return None if raw.lower() in ("null", "~") else 0  # a number or a boolean: not text
    return raw


_WANTED = re.compile(r"(" + "|".join(_KEYS) + r")[ \t]*:(?:[ \t]+([^\n]*?))?[ \t]*\r?(?:\n|$)")
_CONTINUED = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\r?\n|[ \t-][^\n]*\n?)*")
_FIRST = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\r?\n)*([ \t]?)")


def _key_lines(data: str, prefixes: tuple[str, ...]) -> list[re.Match[str]]:
    """The lines that start with a wanted key, in the order of the text: found with ``str.find``,
    which is much quicker than a multi-line pattern over a large front matter."""
    starts: set[int] = set()
    for key in prefixes:
        if data.startswith(key):
            starts.add(0)
        at = data.find("\n" + key)
        while at >= 0:
            starts.add(at + 1)
            at = data.find("\n" + key, at + 1)
    return [m for at in sorted(starts) if (m := _WANTED.match(data, at)) is not None]


def _scan(data: str, prefixes: tuple[str, ...] = ("license", "base_model", "library_name", "tags")) \
        -> dict[str, object]:
    """The wanted top-level keys, found by their lines (the rest of the front matter, often a
    large ``model-index``, is never looked at)."""
    first = _FIRST.match(data)
    if first is not None and first.group(1):
        raise _Fallback  # the whole mapping is indented
    found: dict[str, object] = {}
    for match in _key_lines(data, prefixes):
        key, raw = match.group(1), match.group(2)
        if raw:
            found[key] = _scalar(raw)
            continue
        start = match.end()
        block = _CONTINUED.match(data, start)
        items: list[object] = []
        for line in data[start:block.end() if block else start].splitlines():
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            item = _ITEM.fullmatch(line)
            if item is None:
                raise _Fallback  # a nested mapping, or a value continued on the next line
            items.append(_scalar(item.group(1)))
        found[key] = items or None
    return found


def _yaml(data: str) -> dict[str, Any]:
    import yaml

    try:
        loaded = yaml.load(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _texts(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value else ()
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(value)
    return ()


def scan_lineage(text: str, *, tags: bool = True) -> CardLineage:
    """The lineage facts of a card's text, read as the card reader reads those keys. ``tags``:
    also read ``library_name`` and ``tags`` (only needed to tell a derivative's relation)."""
    found = find_front_matter(text)
    if found is None:
        return CardLineage(None, (), None, None, ())
    try:
        meta: dict[str, Any] = _scan(found.data, ("license", "base_model", "library_name", "tags") if tags
                                     else ("license", "base_model"))
    except _Fallback:
        meta = _yaml(found.data)
    license_value = meta.get("license")
    if isinstance(license_value, list) and license_value:
        license_value = " AND ".join(str(v) for v in license_value)
    license_text = license_value if isinstance(license_value, str) and license_value else None
    name = meta.get("license_name")
    if license_text and license_text.strip().lower() == "other" and isinstance(name, str) and name:
        license_text = name  # the license's own name, as the weights license is judged
    relation = meta.get("base_model_relation")
    library = meta.get("library_name")
    return CardLineage(license_text, _texts(meta.get("base_model")),
                       relation if relation in RELATIONS else None,
                       library if isinstance(library, str) else None, _texts(meta.get("tags")))


def relation_of(lineage: CardLineage, card_id: str | None) -> str:
    """A derivative's relation to its base: the stated one, else what the Hub would show for the
    card's tags, library or name (a GGUF repo is a quantization, a PEFT repo an adapter, a
    mergekit card a merge), else ``finetune``."""
    if lineage.relation:
        return lineage.relation
    tags = {t.lower() for t in lineage.tags}
    if tags & {"gguf", "gptq", "awq", "exl2", "ggml", "4-bit", "8-bit", "bitsandbytes", "mlx"} or \
            (card_id and _QUANTIZED.search(card_id.rsplit("/", 1)[-1])):
        return "quantized"
    if (lineage.library or "").lower() == "peft" or tags & {"lora", "peft", "adapter"}:
        return "adapter"
    if tags & {"merge", "mergekit"} or len(lineage.bases) > 1:
        return "merge"
    return "finetune"


@dataclass
class IndexStats:
    rows: int = 0
    """Dump rows read."""
    with_ids: int = 0
    """Rows with an id, recorded in the index."""


_SCHEMA = ("CREATE TABLE IF NOT EXISTS cards (key TEXT PRIMARY KEY, id TEXT NOT NULL, license TEXT, "
           "bases TEXT NOT NULL, relation TEXT) WITHOUT ROWID")


_STAGED = ("CREATE TEMP TABLE staged (key TEXT NOT NULL, id TEXT NOT NULL, license TEXT, bases TEXT NOT NULL, "
           "relation TEXT)")


IndexRow = tuple[str, "str | None", str, "str | None"]
"""(id, license, bases newline-separated, relation): one card's row of the index."""


def lineage_row(card_id: str, text: str) -> IndexRow:
    """(id, license, bases newline-separated, relation) of one card: what the index records.
    A card naming itself as its base is not counted as deriving from itself."""
    lineage = scan_lineage(text, tags=False)
    if lineage.bases and lineage.relation is None:
        lineage = scan_lineage(text)  # the relation is told by tags or library
    bases = "\n".join(b.strip() for b in lineage.bases if b.strip() and b.strip().lower() != card_id.lower())
    return card_id, lineage.license, bases, relation_of(lineage, card_id) if bases else None


def write_index(rows: Iterable[IndexRow], path: str, *, batch: int = 5000) -> int:
    """Write (id, license, bases, relation) rows (``lineage_row``'s) into a new SQLite index at
    ``path``; of two rows with one id (any case) the first is kept. Returns the rows written.
    A distributed engine computes the rows as a map and hands them here (``arrow_batches``).

    Rows are appended to a temporary table as they come and go into the keyed table once, sorted
    by key: inserting millions of ids in dump order would touch a random page of the key's B-tree
    per row, while sorted rows fill its pages one after the other."""
    if os.path.exists(path):
        os.remove(path)
    written = 0
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("PRAGMA temp_store=FILE")  # the staged rows stay on disk, not in memory
        connection.execute(_SCHEMA)
        connection.execute(_STAGED)
        pending: list[tuple[str, str, str | None, str, str | None]] = []
        for card_id, license_text, bases, relation in rows:
            pending.append((card_id.lower(), card_id, license_text, bases or "", relation))
            written += 1
            if len(pending) >= batch:
                connection.executemany("INSERT INTO staged VALUES (?, ?, ?, ?, ?)", pending)
                pending.clear()
        connection.executemany("INSERT INTO staged VALUES (?, ?, ?, ?, ?)", pending)
        # in key order, and for one key in the order the rows came: the first is kept
        connection.execute("INSERT OR IGNORE INTO cards SELECT key, id, license, bases, relation FROM staged "
                           "ORDER BY key, rowid")
        connection.execute("DROP TABLE staged")
        connection.commit()
    finally:
        connection.close()
    return written


def build_index(rows: Iterable[tuple[str | None, str | None]], path: str) -> IndexStats:
    """Record (id, card text) rows into a new SQLite index at ``path``: the first pass. Rows without
    an id or text are counted and left out; of two rows with one id (any case) the first is kept.
    An audit with several jobs makes the rows on its workers instead (``runner.pooled_index``)."""
    stats = IndexStats()

    def cards() -> Iterator[tuple[str, str]]:
        for card_id, text in rows:
            stats.rows += 1
            if card_id and text is not None:
                stats.with_ids += 1
                yield card_id, text

    write_index((lineage_row(card_id, text) for card_id, text in cards()), path)
    return stats


def _entry(card_id: str, license_text: str | None, bases: str, relation: str | None) -> DumpEntry:
    return DumpEntry(card_id, license_text, tuple(bases.split("\n")) if bases else (), relation)


_SELECT = "SELECT key, id, license, bases, relation FROM cards"


class DumpIndex:
    """Read-only lookups in an index ``build_index`` wrote; one connection per process, opened on
    first use (a connection must not cross a fork), and a bounded cache of looked-up ids.

    The index is complete before anyone reads it and never changes after, so it is opened as
    immutable: SQLite then takes no file lock and rechecks no file state per lookup, and keeps
    its page cache from one lookup to the next."""

    CACHE = 32768

    def __init__(self, path: str) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._ahead: dict[str, DumpEntry | None] = {}
        """Entries read ahead (``prefetch``) by key, None for an id the index does not hold."""
        self.lookup = lru_cache(maxsize=self.CACHE)(self._lookup)

    def __getstate__(self) -> dict[str, str]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, str]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    def _uri(self) -> str:
        return f"file:{self.path}?mode=ro&immutable=1"

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = sqlite3.connect(self._uri(), uri=True, check_same_thread=False)
        return self._connection

    def _lookup(self, model_id: str) -> DumpEntry | None:
        key = model_id.strip().lower()
        if key in self._ahead:
            return self._ahead[key]
        row = self._connect().execute(f"{_SELECT} WHERE key = ?", (key,)).fetchone()
        return _entry(*row[1:]) if row is not None else None

    def prefetch(self, ids: Iterable[str], hops: int = MAX_DEPTH) -> None:
        """Read ahead the entries of these cards and of their bases, ``hops`` hops deep (as deep as
        chains are followed), in one query per hop, for the lookups their analysis is about to
        make (in place of those read ahead last time): one query for a run of cards costs about
        what one lookup does."""
        ahead: dict[str, DumpEntry | None] = {}
        keys = {card_id.strip().lower() for card_id in ids if card_id}
        for _hop in range(hops + 1):
            keys.difference_update(ahead)
            if not keys:
                break
            wanted = sorted(keys)
            for key in wanted:
                ahead[key] = None  # unless the index has it
            keys = set()
            for start in range(0, len(wanted), 500):  # within SQLite's limit of bound values
                part = wanted[start:start + 500]
                query = f"{_SELECT} WHERE key IN ({','.join('?' * len(part))})"
                for key, card_id, license_text, bases, relation in self._connect().execute(query, part):
                    entry = ahead[key] = _entry(card_id, license_text, bases, relation)
                    keys.update(base.strip().lower() for base in entry.bases if base)
        self._ahead = ahead

    def __len__(self) -> int:
        lookup = self._connection or sqlite3.connect(self._uri(), uri=True)
        return int(lookup.execute("SELECT count(*) FROM cards").fetchone()[0])

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        self._ahead = {}
        self.lookup.cache_clear()
