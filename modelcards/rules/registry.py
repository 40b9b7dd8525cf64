"""Rule registry: every check has a stable code, a name, a kind, a default severity and its
documentation (the function's docstring, shown by ``modelcards explain CODE``)."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar, overload

from modelcards.licenses.lineage import Link, base_chain
from modelcards.licenses.resolver import ResolvedLicense, resolve
from modelcards.openness.mof import MofResult
from modelcards.openness.osaid import OsaidResult
from modelcards.openness.status import ComponentStatus
from modelcards.report import Finding, Kind, Severity
from modelcards.schema import Release

T = TypeVar("T")


class _once(Generic[T]):
    """``functools.cached_property`` without its per-access lock (Python < 3.12 takes one), which
    showed in batch audits: a Context lives in one thread, for one analysis."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, ctx: None, owner: type | None = None) -> _once[T]: ...
    @overload
    def __get__(self, ctx: object, owner: type | None = None) -> T: ...
    def __get__(self, ctx: object | None, owner: type | None = None) -> T | _once[T]:
        if ctx is None:
            return self
        value = ctx.__dict__[self.name] = self.compute(ctx)  # later reads find it first
        return value


def nowhere(loc: tuple[Any, ...]) -> tuple[int | None, int | None]:
    """The locator of a source that cannot place a path on a line (cards, MOT records)."""
    return None, None


@dataclass
class Context:
    """What every rule may read: the release and the verdicts computed once for it."""

    release: Release
    statuses: dict[str, ComponentStatus]
    mof: MofResult
    osaid: OsaidResult
    locate: Callable[[tuple[Any, ...]], tuple[int | None, int | None]] = nowhere

    @_once
    def base_chain(self) -> tuple[Link, ...]:
        """The base-model chain with each link's license; several license rules walk it."""
        return base_chain(self.release)

    @_once
    def weights_license(self) -> tuple[ResolvedLicense, tuple[Any, ...]]:
        """The license the release puts on its final weights, and where the manifest states it:
        the weights' own license, else the release license (``license_name`` for ``other``)."""
        release = self.release
        weights = release.artifacts.get("model-parameters-final")
        if weights is not None and weights.license:
            return resolve(weights.license), ("artifacts", "model-parameters-final", "license")
        text = release.license
        if text and text.strip().lower() == "other" and release.license_name:
            text = release.license_name
        return resolve(text), ("license",)


@dataclass(frozen=True)
class Hit:
    """A rule's raw result; the registry turns it into a Finding."""

    subject: str
    message: str
    reference: str | None = None
    severity: Severity | None = None
    at: tuple[Any, ...] | None = None
    """Manifest path of the offending value, used to locate the finding."""


Check = Callable[[Context], Iterable[Hit]]

Scope = Literal["release", "openness", "licenses"]
"""What a check reads, which decides whether its hits can be memoised (``modelcards.analysis``).
``openness``: only the component statuses, the MOF / OSAID verdicts and the fields they are
computed from (license and availability fields, listed artifacts, dataset roles, claims).
``licenses``: only stated licenses, dataset and base-model identities with their licenses, and
the license claims. ``analysis.memo_keys`` lists those fields, the keys they are memoised on.
``release``: anything, the name and card text included; run for every release."""


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    kind: Kind
    severity: Severity
    check: Check = field(repr=False)
    scope: Scope = "release"

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    def finding(self, hit: Hit, ctx: Context) -> Finding:
        """The finding for one hit, located in the release's own source."""
        line, column = ctx.locate(hit.at) if hit.at is not None else (None, None)
        return self.finding_at(hit, line, column)

    def finding_at(self, hit: Hit, line: int | None = None, column: int | None = None) -> Finding:
        return Finding(
            rule=self.code,
            kind=self.kind,
            severity=hit.severity or self.severity,
            subject=hit.subject,
            message=hit.message,
            reference=hit.reference,
            line=line,
            column=column,
        )


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, kind: Kind, severity: Severity, *, scope: Scope = "release") -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        if code in RULES:
            raise ValueError(f"duplicate rule code {code}")
        RULES[code] = Rule(code, name, kind, severity, check, scope)
        _ordered.clear()
        _by_scope.clear()
        return check

    return register


_ordered: list[Rule] = []
_by_scope: dict[Scope, list[Rule]] = {}


def ordered_rules() -> list[Rule]:
    """Every rule in code order, the order findings are reported in; built once, as analysis
    asks for it once per release."""
    if not _ordered:
        from modelcards.rules import license_rules, metadata_rules, openness_rules  # noqa: F401

        _ordered.extend(rule for _, rule in sorted(RULES.items()))
    return _ordered


def rules_in(scope: Scope) -> list[Rule]:
    """The rules of one scope, in code order; built once per scope."""
    rules = _by_scope.get(scope)
    if rules is None:
        rules = _by_scope[scope] = [rule for rule in ordered_rules() if rule.scope == scope]
    return rules


def all_rules() -> dict[str, Rule]:
    """Every rule by code, with the rule modules imported so they have registered themselves."""
    return {rule.code: rule for rule in ordered_rules()}
