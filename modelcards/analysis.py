"""``analyze(release) -> Report``: a pure function, no I/O.

Batch audits meet the same license combinations card after card, so the parts of an analysis
that follow from a few fields alone are memoised on exactly those fields (``memo_keys``,
bounded): the openness verdicts with the hits of ``openness``-scope rules, and the hits of
``licenses``-scope rules. Hits are located in each release's own source, and every report gets
its own findings list and, unless asked otherwise, its own verdicts.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Generic, TypeVar

from modelcards.openness import eosai, osaid
from modelcards.openness.mof import MofResult, classify
from modelcards.openness.osaid import OsaidResult
from modelcards.openness.status import ComponentStatus, component_statuses
from modelcards.report import ComponentVerdict, Finding, MofVerdict, OsaidVerdict, Report
from modelcards.rules.registry import Context, Hit, Rule, Scope, nowhere, rules_in
from modelcards.schema import Release

Locate = Callable[[tuple[object, ...]], tuple[int | None, int | None]]
V = TypeVar("V")


class BoundedMemo(Generic[V]):
    """A dict that forgets everything when full: audits meet few distinct keys, so a simple
    reset bounds memory without an LRU's bookkeeping on every hit."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self.entries: dict[Hashable, V] = {}

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        value = self.entries.get(key)
        if value is None:
            value = compute()
            if len(self.entries) >= self.size:
                self.entries.clear()
            self.entries[key] = value
        return value


@dataclass(frozen=True)
class ScopeHits:
    """What the rules of one scope found for every release with the same key."""

    unlocated: tuple[Finding, ...]
    """Findings that point at no source line: shareable, as findings are immutable."""
    located: tuple[tuple[Rule, Hit], ...]
    """Hits still to be located in each release's own source."""
    unplaced: tuple[Finding, ...]
    """All the findings, in the same order, for a source that cannot locate them (a card): then
    every release with the same key gets the same findings, made once."""

    @classmethod
    def run(cls, scope: Scope, ctx: Context) -> ScopeHits:
        hits = [(rule, hit) for rule in rules_in(scope) for hit in rule.check(ctx)]
        unlocated = tuple(rule.finding_at(hit) for rule, hit in hits if hit.at is None)
        located = tuple((rule, hit) for rule, hit in hits if hit.at is not None)
        return cls(unlocated, located, unlocated + tuple(rule.finding_at(hit) for rule, hit in located))

    def add_to(self, findings: list[Finding], ctx: Context) -> None:
        if ctx.locate is nowhere:
            findings.extend(self.unplaced)
            return
        findings.extend(self.unlocated)
        findings.extend(rule.finding(hit, ctx) for rule, hit in self.located)


@dataclass(frozen=True)
class OpennessVerdicts:
    """Everything that follows from a release's openness inputs alone: component statuses, the
    MOF / OSAID / EOSAI verdicts, and the hits of the rules whose scope is ``openness``."""

    statuses: dict[str, ComponentStatus]
    mof: MofResult
    osaid: OsaidResult
    openness: dict[str, Any]
    hits: ScopeHits

    @property
    def mof_verdict(self) -> MofVerdict:
        return MofVerdict(self.mof.mof_class, self.mof.label, dict(self.mof.progress), tuple(
            ComponentVerdict(st.component.id, st.component.mof_class, st.component.required,
                             st.component.content_type, st.status, st.license_text,  # type: ignore[arg-type]
                             st.misfit, st.derived_from_datasets)
            for st in self.statuses.values()))

    @property
    def osaid_verdict(self) -> OsaidVerdict:
        return OsaidVerdict(self.osaid.meets, dict(self.osaid.elements), tuple(self.osaid.missing),
                            osaid.REFERENCE)


def memo_keys(release: Release) -> tuple[tuple[object, ...], tuple[object, ...]]:
    """(openness key, licenses key), built together so that each field is read once.

    The openness key holds everything the openness verdicts and ``openness``-scope rules read,
    and nothing else: the status inputs (license and availability fields, listed artifacts,
    dataset roles), the open-source / weights / data claims, whether each dataset is described
    (OSAID data information) and whether the architecture is stated (EOSAI). Few combinations
    exist, so the costly part of an analysis is shared even by cards whose base models differ.

    The licenses key is the openness key plus what only ``licenses``-scope rules read: the
    license name and link, dataset ids, base-model identities with their licenses and the
    commercial-use and OSI claims. Neither holds the name or the card text: the naming and
    attribution rules, which read them, are not memoised."""
    claims, defaults, datasets, bases = release.claims, release.licenses, release.datasets, release.base_models
    openness = (
        release.license, defaults.code, defaults.data, defaults.document,
        tuple([(k, a.license, a.availability) for k, a in release.artifacts.items()]),
        tuple([(d.role, d.license, d.availability, bool(d.location or d.data_card or d.description))
               for d in datasets]) if datasets else (),
        (claims.open_source, claims.open_weights, claims.open_data),
        bool(release.model.architecture),
    )
    return openness, (
        openness, release.license_name, release.license_link,
        tuple([d.id for d in datasets]) if datasets else (),
        tuple([(b.id, b.relation, b.license) for b in bases]) if bases else (),
        (claims.commercial_use, claims.osi_approved),
    )


_OPENNESS: BoundedMemo[OpennessVerdicts] = BoundedMemo()
_LICENSES: BoundedMemo[ScopeHits] = BoundedMemo()


def clear_memos() -> None:
    """Forget every memoised verdict (tests; processes that reload the rule tables)."""
    _OPENNESS.entries.clear()
    _LICENSES.entries.clear()


def _compute_verdicts(release: Release) -> OpennessVerdicts:
    statuses = component_statuses(release)
    mof_result = classify(statuses)
    osaid_result = osaid.evaluate(release, statuses)
    hits = ScopeHits.run("openness", Context(release, statuses, mof_result, osaid_result))
    openness = {
        "mof": mof_result.to_dict(),
        "osaid": osaid_result.to_dict(),
        "eosai": eosai.evaluate(release, statuses),
    }
    return OpennessVerdicts(statuses, mof_result, osaid_result, openness, hits)


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
    openness_key, licenses_key = memo_keys(release)
    verdicts = _OPENNESS.get(openness_key, lambda: _compute_verdicts(release))
    ctx = Context(release, verdicts.statuses, verdicts.mof, verdicts.osaid)
    if locate is not None:
        ctx.locate = locate
    findings: list[Finding] = []
    for rule in rules_in("release"):
        for hit in rule.check(ctx):  # most find nothing: no generator expression to make
            findings.append(rule.finding(hit, ctx))
    verdicts.hits.add_to(findings, ctx)
    _LICENSES.get(licenses_key, lambda: ScopeHits.run("licenses", ctx)).add_to(findings, ctx)
    findings.sort(key=_by_rule)  # code order, as rules run; stable within a rule
    return Report(source=source, findings=tuple(findings), mof=verdicts.mof_verdict, osaid=verdicts.osaid_verdict,
                  eosai=verdicts.openness["eosai"], name=release.name)


_by_rule = attrgetter("rule")
"""Sort key of findings: their rule code (a C call per finding, not a Python one)."""
