"""Rule mechanism: every check has a stable code, a name, a kind, a default severity, its
documentation (the function's docstring, shown by ``modelcards explain CODE``) and what it reads.

What a check reads is its ``needs``: a facts type (``OpennessFacts``, ``LicenseFacts``), a
frozen projection of the release, or the whole ``Release``. A check receives that object and
the verdicts that follow from it, nothing else, so a check declared on facts cannot read a field
outside them; that is what lets the audit memoise its hits on the facts. Checks that read the
name or the card text need the Release. The rule families are listed in ``modelcards.rules``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple, overload

from modelcards.licenses.license_facts import LicenseFacts, LicenseVerdicts
from modelcards.openness.openness_facts import OpennessFacts
from modelcards.openness.verdicts import OpennessVerdicts
from modelcards.schema import Release
from modelcards.vocabulary import Kind, Severity


class Verdicts(NamedTuple):
    """What a check that needs the whole Release receives next to it: every verdict."""

    openness: OpennessVerdicts
    licenses: LicenseVerdicts


Needs = type[Release] | type[OpennessFacts] | type[LicenseFacts] | None
"""``None``: a code reported by the readers, never run (``INPUT``)."""


@dataclass(frozen=True, init=False)
class Hit:
    """A rule's raw result; analysis turns it into a located Finding.

    Made for every hit of every card: the ``__init__`` sets the fields in their order straight in
    the instance's dict, as ``modelcards.report.Finding``'s does (``tests/test_report_inits.py``)."""

    subject: str
    message: str
    reference: str | None = None
    severity: Severity | None = None
    at: tuple[Any, ...] | None = None
    """Manifest path of the offending value, used to locate the finding."""

    def __init__(self, subject: str, message: str, reference: str | None = None, severity: Severity | None = None,
                 at: tuple[Any, ...] | None = None) -> None:
        self.__dict__.update(subject=subject, message=message, reference=reference, severity=severity, at=at)


Check = Callable[[Any, Any], Iterable[Hit]]
"""``check(subject, verdicts)``: subject is the ``needs`` object."""


class Rule(NamedTuple):
    code: str
    name: str
    kind: Kind
    severity: Severity
    check: Check
    needs: Needs = Release

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")


OpennessCheck = Callable[[OpennessFacts, OpennessVerdicts], Iterable[Hit]]
LicenseCheck = Callable[[LicenseFacts, LicenseVerdicts], Iterable[Hit]]
ReleaseCheck = Callable[[Release, Verdicts], Iterable[Hit]]


@overload
def rule(code: str, name: str, kind: Kind, severity: Severity, *,
         needs: type[OpennessFacts]) -> Callable[[OpennessCheck], Rule]: ...
@overload
def rule(code: str, name: str, kind: Kind, severity: Severity, *,
         needs: type[LicenseFacts]) -> Callable[[LicenseCheck], Rule]: ...
@overload
def rule(code: str, name: str, kind: Kind, severity: Severity, *,
         needs: type[Release] = ...) -> Callable[[ReleaseCheck], Rule]: ...
@overload
def rule(code: str, name: str, kind: Kind, severity: Severity, *, needs: None) -> Callable[[Check], Rule]: ...
def rule(code: str, name: str, kind: Kind, severity: Severity, *, needs: Needs = Release) -> Callable[[Any], Rule]:
    """Declare a check as a rule; the family module's rules are collected by ``modelcards.rules``.
    The overloads tie the check's parameters to ``needs``, so a type checker refuses a check
    declared on one facts type that takes another (or the Release)."""
    def declare(check: Check) -> Rule:
        return Rule(code, name, kind, severity, check, needs)

    return declare

