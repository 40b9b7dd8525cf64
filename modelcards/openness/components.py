"""The MOF component table, loaded from its sourced data file."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, NamedTuple

from modelcards.resources import read_data


class Component(NamedTuple):
    id: str
    mof_class: int
    required: bool
    content_type: str
    mot_name: str
    fits: tuple[str, ...] = ()
    """Content types whose licenses suit this component (defaults to its own content type)."""


class Framework(NamedTuple):
    version: str
    date: str
    labels: dict[int | None, str]
    substitutions: dict[str, str]
    """Component id -> the component that stands in for it when it is missing (a research paper
    for a technical report)."""
    components: tuple[Component, ...]


@lru_cache(maxsize=1)
def mof() -> Framework:
    raw: dict[str, Any] = read_data("modelcards.openness", "mof-1.0.yaml")
    return Framework(
        version=raw["version"],
        date=raw["date"],
        labels={(int(k) if k is not None else None): v for k, v in raw["labels"].items()},
        substitutions=dict(raw["substitutions"]),
        components=tuple(
            Component(c["id"], c["class"], c["required"], c["content_type"], c["mot_name"],
                      tuple(c.get("fits") or [c["content_type"]]))
            for c in raw["components"]
        ),
    )
