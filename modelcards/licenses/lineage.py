"""The chain of base models a release derives from, with each link's license.

Obligations follow the whole chain: a fine-tune of DeepSeek-R1-Distill-Llama-8B carries the
Llama 3.1 terms too (DeepSeek-R1 README §7). The chain comes from the manifest's
``base_models`` and, for well-known models, the sourced table in ``data/known-models.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from modelcards.licenses.obligations import known_model
from modelcards.licenses.resolver import ResolvedLicense, resolve
from modelcards.schema import Release

MAX_DEPTH = 8


@dataclass(frozen=True)
class Link:
    model_id: str
    relation: str
    license: ResolvedLicense | None
    license_source: str
    """'manifest', a table source URL, or 'unknown'."""
    depth: int


def base_chain(release: Release) -> tuple[Link, ...]:
    """Every base model's chain, in the order the release lists them, each link with its license.

    Memoised on the only fields it reads (each base model's id, relation and license; bounded):
    batch audits meet few distinct lineages, and most cards state none. Links are immutable, so
    the tuple is shared by every release with the same base models."""
    if not release.base_models:
        return ()
    return _chain(tuple([(base.id, base.relation, base.license) for base in release.base_models]))


@lru_cache(maxsize=4096)
def _chain(bases: tuple[tuple[str, str | None, str | None], ...]) -> tuple[Link, ...]:
    links: list[Link] = []
    seen: set[str] = set()
    for model_id, relation, declared in bases:
        relation, depth = relation or "finetune", 1
        while model_id and model_id.lower() not in seen and depth <= MAX_DEPTH:
            seen.add(model_id.lower())
            known = known_model(model_id)
            if declared:
                link = Link(model_id, relation, resolve(declared), "manifest", depth)
            elif known:
                link = Link(model_id, relation, resolve(known.license), known.source, depth)
            else:
                link = Link(model_id, relation, None, "unknown", depth)
            links.append(link)
            model_id = known.base if known and known.base else ""
            relation, declared, depth = "finetune", None, depth + 1
    return tuple(links)
