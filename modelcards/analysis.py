"""``analyze(release) -> Report``: a pure function, no I/O."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from modelcards.openness import eosai, osaid
from modelcards.openness.mof import MofResult, classify
from modelcards.openness.osaid import OsaidResult
from modelcards.openness.status import ComponentStatus, component_statuses, status_key
from modelcards.report import Finding, Report
from modelcards.rules.registry import Context, Hit, Rule, ordered_rules, release_scope_rules
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
    unlocated: tuple[Finding, ...]
    """Findings of openness-scope rules that point at no source line: the same for every release
    with these verdicts (findings are immutable)."""
    located: tuple[tuple[Rule, Hit], ...]
    """Hits of openness-scope rules still to be located in each release's own source."""


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
    hits = [(rule, hit) for rule in ordered_rules() if rule.scope == "openness" for hit in rule.check(ctx)]
    unlocated = tuple(rule.finding(hit, ctx) for rule, hit in hits if hit.at is None)
    located = tuple((rule, hit) for rule, hit in hits if hit.at is not None)
    openness = {
        "mof": mof_result.to_dict(),
        "osaid": osaid_result.to_dict(),
        "eosai": eosai.evaluate(release, statuses),
    }
    return OpennessVerdicts(statuses, mof_result, osaid_result, openness, unlocated, located)


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


def analyze(release: Release, *, source: str = "<release>", locate: Locate | None = None,
            shared_openness: bool = False) -> Report:
    """Findings and openness verdicts for one release. ``shared_openness``: the report's openness
    object is the memoised one, not a copy; for callers that serialise the report at once and
    never edit it (batch audits)."""
    verdicts = openness_verdicts(release)
    ctx = Context(release, verdicts.statuses, verdicts.mof, verdicts.osaid)
    if locate is not None:
        ctx.locate = locate
    findings = []
    for rule in release_scope_rules():
        findings.extend(rule.finding(hit, ctx) for hit in rule.check(ctx))
    findings.extend(verdicts.unlocated)
    findings.extend(rule.finding(hit, ctx) for rule, hit in verdicts.located)
    findings.sort(key=_by_rule)  # code order, as rules run; stable within a rule
    openness = verdicts.openness if shared_openness else _own_copy(verdicts.openness)
    return Report(source=source, findings=findings, openness=openness)


def _by_rule(finding: Finding) -> str:
    return finding.rule
