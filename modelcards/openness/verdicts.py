"""Everything openness concludes from a release's ``OpennessFacts``: the component statuses and
the MOF, OSAID and EOSAI verdicts, computed together because each builds on the statuses."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from modelcards.openness import eosai, osaid
from modelcards.openness.mof import MofResult, classify
from modelcards.openness.openness_facts import OpennessFacts
from modelcards.openness.osaid import OsaidResult
from modelcards.openness.status import ComponentStatus, component_statuses


class OpennessVerdicts(NamedTuple):
    """What rules declared ``needs=OpennessFacts`` receive next to the facts."""

    statuses: Mapping[str, ComponentStatus]
    """All 17 components, in the framework's order (read-only)."""
    mof: MofResult
    osaid: OsaidResult
    eosai: Mapping[str, eosai.Grade]

    @classmethod
    def of(cls, facts: OpennessFacts) -> OpennessVerdicts:
        statuses = MappingProxyType(component_statuses(facts))
        return cls(statuses, classify(statuses), osaid.evaluate(facts, statuses),
                   MappingProxyType(eosai.evaluate(facts, statuses)))
