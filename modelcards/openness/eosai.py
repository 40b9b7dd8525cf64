"""European Open Source AI Index dimensions, graded where the release description allows.

Source: the index's criteria, https://github.com/opening-up-chatgpt/opening-up-chatgpt.github.io
(projects/README.md "Criteria": Availability - source code, LLM training data, LLM weights,
RLHF data, RLHF weights, license; Documentation - code, architecture, preprint, paper, model
card, datasheet; Access - package, API), each graded open / partial / closed. Dimensions the
manifest cannot speak to (peer-reviewed paper, package, API, RLHF weights) are ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping

from modelcards.openness.openness_facts import OpennessFacts
from modelcards.openness.status import ComponentStatus
from modelcards.vocabulary import Grade as _Grade

Grade = _Grade | None
DIMENSIONS = (
    "opencode", "llmdata", "llmweights", "rldata", "rlweights", "license",
    "code", "architecture", "preprint", "paper", "modelcard", "datasheet", "package", "api",
)
REFERENCE = "https://github.com/opening-up-chatgpt/opening-up-chatgpt.github.io/tree/main/projects#criteria"


def _grade(status: ComponentStatus) -> Grade:
    if status.status == "included":
        return "open"
    if status.status in ("restricted", "unlicensed"):
        return "partial"
    return "closed"


def _share(statuses: list[ComponentStatus]) -> Grade:
    included = sum(1 for s in statuses if s.status == "included")
    if included == len(statuses):
        return "open"
    return "partial" if included or any(s.status != "missing" for s in statuses) else "closed"


def evaluate(facts: OpennessFacts, statuses: Mapping[str, ComponentStatus]) -> dict[str, Grade]:
    s = statuses
    preference = [d for d in facts.datasets if d.role == "preference"]
    rldata: Grade = None
    if preference:
        open_count = sum(1 for d in preference if d.availability == "public" and d.license)
        rldata = "open" if open_count == len(preference) else ("partial" if open_count else "closed")
    osi = [st for st in s.values() if st.status != "missing"]
    osi_count = sum(1 for st in osi if st.license is not None and st.license.osi_approved)
    license_grade: Grade = "closed"
    if osi and osi_count == len(osi):
        license_grade = "open"
    elif osi_count:
        license_grade = "partial"
    architecture: Grade = "open" if "open" in (_grade(s["technical-report"]), _grade(s["research-paper"])) else (
        "partial" if facts.architecture_stated else "closed"
    )
    return {
        "opencode": _share([s["training-code"], s["inference-code"]]),
        "llmdata": _grade(s["datasets"]),
        "llmweights": _grade(s["model-parameters-final"]),
        "rldata": rldata,
        "rlweights": None,
        "license": license_grade,
        "code": _grade(s["model-architecture"]),
        "architecture": architecture,
        "preprint": "open" if s["research-paper"].status != "missing" else "closed",
        "paper": None,
        "modelcard": _grade(s["model-card"]),
        "datasheet": _grade(s["data-card"]),
        "package": None,
        "api": None,
    }
