"""``analyze(release) -> Report``: a pure function, no I/O."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from modelcards.openness import eosai, osaid
from modelcards.openness.mof import MofResult, classify
from modelcards.openness.osaid import OsaidResult
from modelcards.openness.status import ComponentStatus, component_statuses, status_key
from modelcards.report import Report
from modelcards.rules.registry import Context, Hit, ordered_rules
from modelcards.schema import Release

Locate = Callable[[tuple[object, ...]], tuple[int | None, int | None]]


@dataclass(frozen=True)
class OpennessVerdicts:
    """Everything that follows from a release's openness inputs alone: component statuses, the
    MOF / OSAID / EOSAI verdicts, and the hits of the rules whose scope is ``openness``."""

    statuses: dict[str, ComponentStatus]
    mof: MofResult
    osaid: OsaidResult
    openness: dict[str, Any]
    hits: dict[str, tuple[Hit, ...]]


def openness_key(release: Release) -> tuple[object, ...]:
    """Everything the openness verdicts and openness-scope rules read from a release, and nothing
    else: the status inputs (license and availability fields, listed artifacts, dataset roles),
    the claims, whether each dataset is described (OSAID data information) and whether the
    architecture is stated (EOSAI)."""
    claims = release.claims
    return (
        status_key(release),
        (claims.open_source, claims.open_weights, claims.open_data),
        tuple(bool(d.location or d.data_card or d.description) for d in release.datasets),
        bool(release.model.architecture),
    )


_MEMO: dict[tuple[object, ...], OpennessVerdicts] = {}
_MEMO_SIZE = 4096


def _compute_verdicts(release: Release) -> OpennessVerdicts:
    statuses = component_statuses(release)
    mof_result = classify(statuses)
    osaid_result = osaid.evaluate(release, statuses)
    ctx = Context(release, statuses, mof_result, osaid_result)
    hits = {rule.code: tuple(rule.check(ctx)) for rule in ordered_rules() if rule.scope == "openness"}
    openness = {
        "mof": mof_result.to_dict(),
        "osaid": osaid_result.to_dict(),
        "eosai": eosai.evaluate(release, statuses),
    }
    return OpennessVerdicts(statuses, mof_result, osaid_result, openness, hits)


def openness_verdicts(release: Release) -> OpennessVerdicts:
    """The release's openness verdicts, memoised (bounded) on ``openness_key``: Hub cards share
    a handful of license combinations, so a batch audit computes each only once."""
    key = openness_key(release)
    verdicts = _MEMO.get(key)
    if verdicts is None:
        verdicts = _compute_verdicts(release)
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.clear()
        _MEMO[key] = verdicts
    return verdicts


def _own_copy(openness: dict[str, Any]) -> dict[str, Any]:
    """A copy of the memoised openness object for one report, so that a caller editing its
    report cannot change another's (cheaper than ``copy.deepcopy`` for this known shape)."""
    mof, verdict = openness["mof"], openness["osaid"]
    return {
        "mof": {**mof, "progress": dict(mof["progress"]),
                "components": {cid: dict(entry) for cid, entry in mof["components"].items()}},
        "osaid": {**verdict, "elements": dict(verdict["elements"]), "missing": list(verdict["missing"])},
        "eosai": dict(openness["eosai"]),
    }


def analyze(release: Release, *, source: str = "<release>", locate: Locate | None = None) -> Report:
    verdicts = openness_verdicts(release)
    ctx = Context(release, verdicts.statuses, verdicts.mof, verdicts.osaid)
    if locate is not None:
        ctx.locate = locate
    findings = []
    for rule in ordered_rules():
        if rule.scope == "openness":
            findings.extend(rule.finding(hit, ctx) for hit in verdicts.hits[rule.code])
        else:
            findings.extend(rule.run(ctx))
    return Report(source=source, findings=findings, openness=_own_copy(verdicts.openness))
