"""``analyze(release) -> Report``: a pure function, no I/O."""

from __future__ import annotations

from collections.abc import Callable

from modelcards.openness import eosai, osaid
from modelcards.openness.mof import classify
from modelcards.openness.status import component_statuses
from modelcards.report import Report
from modelcards.rules.registry import Context, all_rules
from modelcards.schema import Release


def analyze(
    release: Release,
    *,
    source: str = "<release>",
    locate: Callable[[tuple[object, ...]], tuple[int | None, int | None]] | None = None,
) -> Report:
    statuses = component_statuses(release)
    mof_result = classify(statuses)
    osaid_result = osaid.evaluate(release, statuses)
    ctx = Context(release, statuses, mof_result, osaid_result)
    if locate is not None:
        ctx.locate = locate
    findings = [finding for rule in all_rules().values() for finding in rule.run(ctx)]
    openness = {
        "mof": mof_result.to_dict(),
        "osaid": osaid_result.to_dict(),
        "eosai": eosai.evaluate(release, statuses),
    }
    return Report(source=source, findings=findings, openness=openness)
