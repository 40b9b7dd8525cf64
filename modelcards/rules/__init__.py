"""Checks over a release, one small module per family, and the catalogue of every rule.

The catalogue is explicit: a new family module is added to ``FAMILIES``. Importing this package
imports the families and nothing else; see ``registry`` for the mechanism.
"""

from __future__ import annotations

from functools import lru_cache
from types import ModuleType

from modelcards.rules import (
    card_rules,
    eu_ai_act_rules,
    hub_rules,
    input_rules,
    license_rules,
    metadata_rules,
    openness_rules,
)
from modelcards.rules.registry import Rule

FAMILIES: tuple[ModuleType, ...] = (
    input_rules, license_rules, metadata_rules, openness_rules, hub_rules, card_rules, eu_ai_act_rules,
)


@lru_cache(maxsize=1)
def _catalogue() -> tuple[Rule, ...]:
    found: dict[str, Rule] = {}
    for family in FAMILIES:
        for value in vars(family).values():
            if isinstance(value, Rule):
                if value.code in found and found[value.code] is not value:
                    raise ValueError(f"duplicate rule code {value.code}")
                found[value.code] = value
    return tuple(found[code] for code in sorted(found))


def all_rules() -> dict[str, Rule]:
    """Every rule by code, in code order: the order findings are reported in."""
    return {rule.code: rule for rule in _catalogue()}


def ordered_rules() -> tuple[Rule, ...]:
    """Every rule in code order."""
    return _catalogue()


__all__ = ["FAMILIES", "Rule", "all_rules", "ordered_rules"]
