"""Model Openness Framework 1.0 classification (classes I, II, III) and progress.

Class III needs every required class-III component; class II those of III and II; class I
all required components (MOF paper §5.1-5.3, https://arxiv.org/abs/2403.13784). A research
paper stands in for a missing technical report. Progress follows the Model Openness Tool
(ModelEvaluator.php, https://github.com/lfai/model_openness_tool): the share of required
components present for each cumulative class, reported as 0 until every higher class is
complete; for class I, a research paper that stands in for the technical report removes the
report from the count instead of counting twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from modelcards.openness.components import mof
from modelcards.openness.status import ComponentStatus

REPORT, PAPER = "technical-report", "research-paper"


@dataclass(frozen=True)
class MofResult:
    mof_class: int | None
    label: str
    progress: dict[int, float]
    components: dict[str, ComponentStatus]

    def missing_for(self, target: int) -> list[ComponentStatus]:
        """Required components not yet counted for class ``target`` (after substitution)."""
        included = {cid for cid, st in self.components.items() if st.status == "included"}
        gaps = []
        for status in self.components.values():
            c = status.component
            if not c.required or c.mof_class < target or c.id in included:
                continue
            if c.id == REPORT and PAPER in included:
                continue
            gaps.append(status)
        return gaps

    def to_dict(self) -> dict[str, Any]:
        return {
            "class": self.mof_class,
            "label": self.label,
            "progress": {str(k): v for k, v in self.progress.items()},
            "components": {
                cid: {"status": st.status, "license": st.license_text} for cid, st in self.components.items()
            },
        }


def _raw_progress(target: int, statuses: dict[str, ComponentStatus]) -> float:
    included = {cid for cid, st in statuses.items() if st.status == "included"}
    paper_substitutes = PAPER in included and REPORT not in included
    required = [c for c in mof().components if c.required and c.mof_class >= target]
    if target == 1 and paper_substitutes:
        required = [c for c in required if c.id != REPORT]
    done = sum(1 for c in required if c.id in included or (c.id == REPORT and paper_substitutes))
    return 100 * done / len(required)


def classify(statuses: dict[str, ComponentStatus]) -> MofResult:
    raw = {k: _raw_progress(k, statuses) for k in (3, 2, 1)}
    progress: dict[int, float] = {}
    higher_complete = True
    for k in (3, 2, 1):
        progress[k] = raw[k] if higher_complete else 0
        higher_complete = higher_complete and raw[k] == 100
    mof_class = next((k for k in (1, 2, 3) if all(raw[j] == 100 for j in range(k, 4))), None)
    return MofResult(mof_class, mof().labels[mof_class], {k: progress[k] for k in (1, 2, 3)}, statuses)
