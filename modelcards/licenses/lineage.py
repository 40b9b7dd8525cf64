"""The chain of base models a release derives from, with each link's license.

Obligations follow the whole chain: a fine-tune of DeepSeek-R1-Distill-Llama-8B carries the
Llama 3.1 terms too (DeepSeek-R1 README §7). The chain comes from the manifest's
``base_models`` and, for well-known models, the sourced table in ``data/known-models.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass

from modelcards.licenses.obligations import known_model
from modelcards.licenses.registry import ResolvedLicense, resolve
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


def base_chain(release: Release) -> list[Link]:
    links: list[Link] = []
    seen: set[str] = set()
    for base in release.base_models:
        model_id, relation, depth = base.id, base.relation or "finetune", 1
        declared = base.license
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
    return links
