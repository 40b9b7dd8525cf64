"""The chain of base models a release derives from, with each link's license.

Obligations follow the whole chain: a fine-tune of DeepSeek-R1-Distill-Llama-8B carries the
Llama 3.1 terms too (DeepSeek-R1 README §7). The chain comes from the manifest's
``base_models`` and, for well-known models, the sourced table in ``data/known-models.yaml``
(a base given as a local path or a bare name is matched by the model name inside, where that is
unambiguous: ``model_ids``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from modelcards.licenses.model_ids import known_base
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
    """Every base model's chain, in the order the release lists them, each link with its license."""
    if not release.base_models:
        return ()
    return chain_of(tuple([(base.id, base.relation, base.license) for base in release.base_models]))


def chain_of(bases: Sequence[tuple[str, str | None, str | None]]) -> tuple[Link, ...]:
    """The chain for (id, relation, license) of each base model: all that ``base_chain`` reads."""
    links: list[Link] = []
    seen: set[str] = set()
    for model_id, relation, declared in bases:
        relation, depth = relation or "finetune", 1
        while model_id and model_id.lower() not in seen and depth <= MAX_DEPTH:
            seen.add(model_id.lower())
            known = known_base(model_id)
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
