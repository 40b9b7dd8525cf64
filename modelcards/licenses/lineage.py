"""The chain of base models a release derives from, with each link's license.

Obligations follow the whole chain: a fine-tune of DeepSeek-R1-Distill-Llama-8B carries the
Llama 3.1 terms too (DeepSeek-R1 README §7). The chain comes from the manifest's
``base_models`` and, for well-known models, the sourced table in ``data/known-models.yaml``
(a base given as a local path or a bare name is matched by the model name inside, where that is
unambiguous: ``model_ids``).

A batch audit of a Hub dump also knows the dump's own cards: while ``using_index`` is active,
each hop is looked up there first (case-insensitively, as the Hub matches ids), so a GGUF of a
merge of a fine-tune is followed card by card to its root, and the table is the fall-back for
bases the dump has no card for. Without an index the chain is the table's alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import NamedTuple, Protocol

from modelcards.licenses.model_ids import known_base
from modelcards.licenses.resolver import ResolvedLicense, resolve
from modelcards.schema import Release

MAX_DEPTH = 8
MAX_LINKS = 64
"""Links per release at most: merges of merges fan out, and a chain is for judging licenses."""


class Link(NamedTuple):
    model_id: str
    relation: str
    license: ResolvedLicense | None
    license_source: str
    """'manifest', 'dump' (the base's own card in the audited dump), a table source URL, or 'unknown'."""
    depth: int


class DumpEntry(NamedTuple):
    """What a dump's card says about itself: its id as spelled there, license, bases, relation."""

    id: str
    license: str | None
    bases: tuple[str, ...]
    relation: str | None


class ModelIndex(Protocol):
    """The cards of an audited dump, by id (case-insensitive)."""

    def lookup(self, model_id: str) -> DumpEntry | None: ...


_index: ModelIndex | None = None


@contextmanager
def using_index(index: ModelIndex | None) -> Iterator[None]:
    """Resolve chains through ``index`` (a dump's cards) inside the block."""
    global _index
    previous, _index = _index, index
    try:
        yield
    finally:
        _index = previous


def set_index(index: ModelIndex | None) -> None:
    """Resolve chains through ``index`` from now on in this process (an audit worker's start)."""
    global _index
    _index = index


def base_chain(release: Release) -> tuple[Link, ...]:
    """Every base model's chain, in the order the release lists them, each link with its license."""
    if not release.base_models:
        return ()
    return chain_of(tuple([(base.id, base.relation, base.license) for base in release.base_models]))


def chain_of(bases: Sequence[tuple[str, str | None, str | None]]) -> tuple[Link, ...]:
    """The chain for (id, relation, license) of each base model: all that ``base_chain`` reads.

    Depth first, in the order bases are listed: each base, then what it derives from, then the
    next base. Ids already met are not followed again (cycles, diamonds)."""
    links: list[Link] = []
    seen: set[str] = set()
    for model_id, relation, declared in bases:
        _follow(model_id, relation or "finetune", declared, 1, links, seen)
    return tuple(links)


def _follow(model_id: str, relation: str, declared: str | None, depth: int, links: list[Link],
            seen: set[str]) -> None:
    if not model_id or model_id.lower() in seen or depth > MAX_DEPTH or len(links) >= MAX_LINKS:
        return
    seen.add(model_id.lower())
    entry = _index.lookup(model_id) if _index is not None else None
    known = known_base(model_id)
    if declared:
        link = Link(model_id, relation, resolve(declared), "manifest", depth)
    elif entry is not None and entry.license:
        link = Link(model_id, relation, resolve(entry.license), "dump", depth)
    elif known:
        link = Link(model_id, relation, resolve(known.license), known.source, depth)
    else:
        link = Link(model_id, relation, None, "unknown", depth)
    links.append(link)
    if entry is not None and entry.bases:
        for base in entry.bases:
            _follow(base, entry.relation or "finetune", None, depth + 1, links, seen)
    elif known and known.base:
        _follow(known.base, "finetune", None, depth + 1, links, seen)
