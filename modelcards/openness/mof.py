"""Model Openness Framework 1.0 classification (classes I, II, III) and progress.

Class III needs every required class-III component; class II those of III and II; class I
all required components (MOF paper §5.1-5.3, https://arxiv.org/abs/2403.13784). A component
the framework's ``substitutions`` name may stand in for another (a research paper for a missing
technical report). Progress follows the Model Openness Tool (ModelEvaluator.php,
https://github.com/lfai/model_openness_tool): the share of required components present for each
cumulative class, reported as 0 until every higher class is complete; where the stand-in is
itself counted for a class (the research paper, for class I), the component it stands in for
leaves the count instead of counting twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple

from modelcards.openness.components import mof
from modelcards.openness.status import ComponentStatus


class MofResult(NamedTuple):
    mof_class: int | None
    label: str
    progress: Mapping[int, float]
    components: Mapping[str, ComponentStatus]

    def missing_for(self, target: int) -> list[ComponentStatus]:
        """Required components not yet counted for class ``target`` (after substitution)."""
        included = _included(self.components)
        stood_in = _stood_in(included)
        gaps = []
        for status in self.components.values():
            c = status.component
            if not c.required or c.mof_class < target or c.id in included or c.id in stood_in:
                continue
            gaps.append(status)
        return gaps


def _included(statuses: Mapping[str, ComponentStatus]) -> set[str]:
    return {cid for cid, st in statuses.items() if st.status == "included"}


def _stood_in(included: set[str]) -> dict[str, str]:
    """Missing component -> its included stand-in."""
    return {missing: stand_in for missing, stand_in in mof().substitutions.items()
            if stand_in in included and missing not in included}


@lru_cache(maxsize=4)
def _required_for(target: int) -> tuple[tuple[str, ...], frozenset[str]]:
    """The ids of the required components of class ``target`` and above, as a tuple and a set."""
    required = tuple(c.id for c in mof().components if c.required and c.mof_class >= target)
    return required, frozenset(required)


def _raw_progress(target: int, included: set[str], stood_in: dict[str, str]) -> float:
    required, counted = _required_for(target)
    # a stand-in counted in its own right for this class replaces the component, not adds to it
    required = tuple([cid for cid in required if stood_in.get(cid) not in counted])
    done = sum(1 for cid in required if cid in included or cid in stood_in)
    return 100 * done / len(required)


def classify(statuses: Mapping[str, ComponentStatus]) -> MofResult:
    included = _included(statuses)
    stood_in = _stood_in(included)
    raw = {k: _raw_progress(k, included, stood_in) for k in (3, 2, 1)}
    progress: dict[int, float] = {}
    higher_complete = True
    for k in (3, 2, 1):
        progress[k] = raw[k] if higher_complete else 0
        higher_complete = higher_complete and raw[k] == 100
    mof_class = next((k for k in (1, 2, 3) if all(raw[j] == 100 for j in range(k, 4))), None)
    return MofResult(mof_class, mof().labels[mof_class], MappingProxyType({k: progress[k] for k in (1, 2, 3)}),
                     statuses)
