"""``analyze(release_or_source) -> Report``: a pure function, no I/O and no memo.

An analysis has three parts. What follows from a release's ``OpennessFacts`` alone (statuses,
verdicts and the hits of the rules that need those facts) and what follows from its
``LicenseFacts`` alone (resolved licenses, obligations, lineage and the hits of their rules) are
each built by one function of the facts (``OpennessPart.of``, ``LicensePart.of``); ``assemble``
then runs the rules that need the whole Release (name, card text), places every hit in the
release's own source and makes the Report. The batch audit memoises the two parts on their facts
(``modelcards.audit.analyzer``); this module keeps nothing of a release between calls.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from operator import attrgetter
from types import MappingProxyType
from typing import Any, NamedTuple, Protocol

from modelcards.licenses.hub_ids import hub_license
from modelcards.licenses.license_facts import LicenseFacts, LicenseVerdicts, inherited_text
from modelcards.licenses.naming import judged_name
from modelcards.licenses.resolver import LicenseInfo, resolve
from modelcards.openness import osaid
from modelcards.openness.openness_facts import OpennessFacts
from modelcards.openness.verdicts import OpennessVerdicts
from modelcards.report import (
    Claim,
    Completeness,
    ComponentVerdict,
    Evidence,
    Finding,
    LicenseTerm,
    LicenseView,
    LineageLink,
    MofVerdict,
    ObligationLine,
    OsaidVerdict,
    Report,
)
from modelcards.rules import ordered_rules
from modelcards.rules.completeness import completeness as card_completeness
from modelcards.rules.registry import Hit, Needs, Rule, Verdicts
from modelcards.schema import Release
from modelcards.vocabulary import Grade

Locate = Callable[[tuple[Any, ...]], tuple[int | None, int | None]]


class SourceLike(Protocol):
    """What ``analyze`` needs of a read source (``modelcards.readers.dispatch.Source``)."""

    path: str
    release: Release

    def locate(self, loc: tuple[Any, ...]) -> tuple[int | None, int | None]: ...


def finding(rule: Rule, hit: Hit, line: int | None = None, column: int | None = None) -> Finding:
    """The finding of one rule's hit, at a place in the source."""
    return Finding(rule.code, rule.kind, hit.severity or rule.severity, hit.subject, hit.message, hit.reference,
                   line, column)


def located(rule: Rule, hit: Hit, locate: Locate | None) -> Finding:
    """The finding of one hit, placed in the release's own source where it can be."""
    at = hit.at
    line, column = (None, None) if at is None or locate is None else locate(at)
    return Finding(rule.code, rule.kind, hit.severity or rule.severity, hit.subject, hit.message, hit.reference,
                   line, column)


def placed_once(locate: Locate | None) -> Locate | None:
    """``locate`` asking the source once per place: a card's findings often point at one place
    (several rules at one component's key, a section line that two card rules judge). A place is
    a tuple of keys, indices and texts; one that cannot be hashed is asked every time."""
    if locate is None:
        return None
    places: dict[tuple[Any, ...], tuple[int | None, int | None]] = {}

    def place(at: tuple[Any, ...]) -> tuple[int | None, int | None]:
        try:
            found = places.get(at)
        except TypeError:  # an unhashable part: not remembered
            return locate(at)
        if found is None:
            found = places[at] = locate(at)
        return found

    return place


@lru_cache(maxsize=4)
def rules_needing(needs: Needs) -> tuple[Rule, ...]:
    """The rules that need ``needs``, in code order (the catalogue is fixed once imported)."""
    return tuple(rule for rule in ordered_rules() if rule.needs is needs)


class GroupHits(NamedTuple):
    """What the rules of one facts type found: the same for every release with the same facts."""

    unlocated: tuple[Finding, ...]
    """Findings that point at no source line: shareable, as findings are immutable."""
    located: tuple[tuple[Rule, Hit], ...]
    """Hits still to be located in each release's own source."""

    @classmethod
    def run(cls, rules: tuple[Rule, ...], subject: object, verdicts: object) -> GroupHits:
        hits = [(rule, hit) for rule in rules for hit in rule.check(subject, verdicts)]
        return cls(tuple([finding(rule, hit) for rule, hit in hits if hit.at is None]),
                   tuple([(rule, hit) for rule, hit in hits if hit.at is not None]))

    def add_to(self, findings: list[Finding], locate: Locate | None) -> None:
        """Appends the findings, each located hit placed by ``locate`` (None: not placed)."""
        findings.extend(self.unlocated)
        if self.located:
            findings.extend([located(rule, hit, locate) for rule, hit in self.located])


_component_verdict = lru_cache(maxsize=4096)(ComponentVerdict)
"""A component's verdict without evidence, shared by the releases whose status of the component
reads the same (few distinct ones occur): it is frozen."""


class OpennessPart(NamedTuple):
    """Everything an analysis draws from ``OpennessFacts``."""

    verdicts: OpennessVerdicts
    mof: MofVerdict
    osaid: OsaidVerdict
    eosai: Mapping[str, Grade | None]
    hits: GroupHits
    positions: Mapping[str, int]
    """Each component's index in ``mof.components``: where a release's evidence goes."""

    @classmethod
    def of(cls, facts: OpennessFacts) -> OpennessPart:
        verdicts = OpennessVerdicts.of(facts)
        mof = verdicts.mof
        components = tuple([
            _component_verdict(c.id, c.mof_class, c.required, c.content_type, st.status, st.license_text, st.misfit,
                               st.derived_from_datasets, (), c.mot_name)
            for st in verdicts.statuses.values() for c in (st.component,)])
        result = verdicts.osaid
        return cls(
            verdicts,
            MofVerdict(mof.mof_class, mof.label, mof.progress, components),
            OsaidVerdict(result.meets, result.elements, result.missing,
                         osaid.REFERENCE),
            verdicts.eosai,
            GroupHits.run(rules_needing(OpennessFacts), facts, verdicts),
            MappingProxyType({c.id: i for i, c in enumerate(components)}),
        )

    def mof_with_evidence(self, release: Release) -> MofVerdict:
        """The MOF verdict with each listed component's evidence from the release (per source:
        the memoised verdict is shared by releases of equal facts, whose evidence differs)."""
        mof, positions = self.mof, self.positions
        components: list[ComponentVerdict] | None = None
        for cid, artifact in release.artifacts.items():
            evidence = artifact.evidence
            at = positions.get(cid) if evidence else None
            if at is None:
                continue
            if components is None:
                components = list(mof.components)
            c = components[at]
            components[at] = ComponentVerdict(c.id, c.mof_class, c.required, c.content_type, c.status, c.license,
                                              c.misfit, c.derived_from_datasets,
                                              tuple([Evidence(e.url, e.key, e.line, e.basis) for e in evidence]),
                                              c.mot_name)
        return mof if components is None else MofVerdict(mof.mof_class, mof.label, mof.progress, tuple(components))


def _term(info: LicenseInfo) -> LicenseTerm:
    source = info.source
    url = source.split()[0] if source and source.startswith("http") else None
    return LicenseTerm(info.id, info.name, url, not info.id.startswith("LicenseRef-"), info.osi_approved)


@lru_cache(maxsize=4096)
def license_view(text: str) -> LicenseView:
    """One stated license string, resolved, with its Hub form: a function of the text and of the
    license tables, which never change while a process runs, so it is cached (bounded) as the
    resolver's lookups are; the view is frozen, so releases share it."""
    resolved = resolve(text)
    hub = hub_license(text)
    return LicenseView(
        text=text,
        canonical=resolved.canonical if resolved.known and not resolved.unlicensed else None,
        terms=tuple(_term(info) for info in resolved.licenses),
        unknown=bool(resolved.unknown),
        unlicensed=resolved.unlicensed,
        is_open=resolved.is_open,
        hub_id=hub.license,
        hub_name=hub.license_name,
    )


class LicensePart(NamedTuple):
    """Everything an analysis draws from ``LicenseFacts``."""

    verdicts: LicenseVerdicts
    licenses: Mapping[str, LicenseView]
    obligations: tuple[ObligationLine, ...]
    lineage: tuple[LineageLink, ...]
    hits: GroupHits

    @classmethod
    def of(cls, facts: LicenseFacts) -> LicensePart:
        verdicts = LicenseVerdicts.of(facts)
        texts = [text for _subject, text, _at in facts.stated()]
        if facts.license_name and (facts.license or "").strip().lower() == "other":
            texts.insert(1, facts.license_name)
        own = [ObligationLine(o.text, o.source, None, o.kind) for o in verdicts.own_obligations]
        inherited = [ObligationLine(inherited_text(o, others), o.source, link.model_id, o.kind)
                     for link, o, others in verdicts.inherited]  # the text of LIC004's finding
        lineage = tuple(
            LineageLink(link.model_id, link.relation, link.license.canonical if link.license is not None else None,
                        link.license_source, link.depth)
            for link in verdicts.chain)
        return cls(verdicts, MappingProxyType({text: license_view(text) for text in dict.fromkeys(texts)}),
                   tuple(own + inherited), lineage, GroupHits.run(rules_needing(LicenseFacts), facts, verdicts))


_by_rule = attrgetter("rule")
"""Sort key of findings: their rule code."""


def assemble(release: Release, openness: OpennessPart, licenses: LicensePart, *, source: str,
             locate: Locate | None) -> Report:
    """The report of one release from its two parts: runs the rules that need the whole release
    and places every hit in the release's own source (``locate``; None: it cannot place them)."""
    findings: list[Finding] = []
    verdicts = Verdicts(openness.verdicts, licenses.verdicts)
    locate = placed_once(locate)
    for rule in rules_needing(Release):
        for hit in rule.check(release, verdicts):
            findings.append(located(rule, hit, locate))
    openness.hits.add_to(findings, locate)
    licenses.hits.add_to(findings, locate)
    findings.sort(key=_by_rule)  # code order, as rules run; stable within a rule
    return Report(source=source, findings=tuple(findings), mof=openness.mof_with_evidence(release),
                  osaid=openness.osaid, eosai=openness.eosai, licenses=licenses.licenses,
                  obligations=licenses.obligations, lineage=licenses.lineage, name=judged_name(release.name),
                  claims=claims_of(release, locate), completeness=Completeness(*card_completeness(release)))


_CLAIMS = ("open_source", "open_weights", "open_data", "commercial_use")


def claims_of(release: Release, locate: Locate | None) -> Mapping[str, Claim]:
    """The claims a release makes, each with the line and text that make it: from a card's
    text, or the manifest's ``claims.<name>`` key."""
    claims = release.claims
    out: dict[str, Claim] = {}
    for name in _CLAIMS:
        value = getattr(claims, name)
        if value is None:
            continue
        found = claims.evidence.get(name)  # type: ignore[call-overload]
        if found is not None:
            out[name] = Claim(value, found.line, found.text)
        else:
            line = locate(("claims", name))[0] if locate is not None else None
            out[name] = Claim(value, line, f"claims.{name}: {str(value).lower()}")
    return MappingProxyType(out) if out else MappingProxyType({})


def subject_of(subject: Release | SourceLike, source: str | None,
               locate: Locate | None) -> tuple[Release, str, Locate | None]:
    """(release, source name, locate) for a Release or a read source: a source names itself by
    its path and places findings with its own ``locate`` unless the caller gives them."""
    if isinstance(subject, Release):
        return subject, source if source is not None else "<release>", locate
    return subject.release, source if source is not None else subject.path, \
        locate if locate is not None else subject.locate


def analyze(subject: Release | SourceLike, *, source: str | None = None, locate: Locate | None = None) -> Report:
    """Findings and typed verdicts for one release, or for a read source (then the report's
    source is its path and its findings carry lines where the source can place them)."""
    release, name, locate = subject_of(subject, source, locate)
    return assemble(release, OpennessPart.of(OpennessFacts.of(release)), LicensePart.of(LicenseFacts.of(release)),
                    source=name, locate=locate)
