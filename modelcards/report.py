"""What analysis concludes about one release: findings plus typed, frozen verdicts.

Renderers and formatters read only this and the release; none calls the license or openness
code again. ``Report.to_dict()`` is exactly the ``check --format json`` object of DESIGN.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from modelcards.vocabulary import SEVERITY_RANK, Grade, Kind, Severity, Status

__all__ = [
    "SEVERITY_RANK", "Claim", "Completeness", "ComponentVerdict", "Evidence", "Finding", "Kind", "LicenseTerm",
    "LicenseView", "LineageLink", "MofVerdict", "ObligationLine", "OsaidVerdict", "Report", "Severity",
]

_EMPTY: Mapping[Any, Any] = MappingProxyType({})

# Finding, Evidence, ComponentVerdict, MofVerdict and Report are made for every card of an audit,
# Findings for every finding of it: their ``__init__`` is written out, and sets the fields in their
# order straight in the instance's dict, which a frozen dataclass's generated ``__init__`` does
# with one ``object.__setattr__`` a field. They stay frozen; ``tests/test_report_inits.py`` holds
# each to the signature and the instance the generated ``__init__`` gives.


@dataclass(frozen=True, init=False)
class Finding:
    """One problem or obligation, about one subject (artifact id, dataset:<id>, base-model:<id>, card)."""

    rule: str
    kind: Kind
    severity: Severity
    subject: str
    message: str
    reference: str | None = None
    line: int | None = None
    column: int | None = None
    """Where in the source the finding points, when the source can place it."""

    def __init__(self, rule: str, kind: Kind, severity: Severity, subject: str, message: str,
                 reference: str | None = None, line: int | None = None, column: int | None = None) -> None:
        self.__dict__.update(rule=rule, kind=kind, severity=severity, subject=subject, message=message,
                             reference=reference, line=line, column=column)

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "kind": self.kind, "severity": self.severity, "subject": self.subject,
                "message": self.message, "reference": self.reference, "line": self.line, "column": self.column}


@dataclass(frozen=True, init=False)
class Evidence:
    """Why a component is taken to be published: a link or a metadata key, where the card shows it."""

    url: str | None = None
    key: str | None = None
    line: int | None = None
    basis: Literal["stated", "inferred"] = "stated"

    def __init__(self, url: str | None = None, key: str | None = None, line: int | None = None,
                 basis: Literal["stated", "inferred"] = "stated") -> None:
        self.__dict__.update(url=url, key=key, line=line, basis=basis)

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "key": self.key, "line": self.line, "basis": self.basis}


@dataclass(frozen=True)
class Claim:
    """A claim the release makes about itself: its value, and the source line that makes it."""

    value: bool
    line: int | None = None
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "line": self.line, "text": self.text}


@dataclass(frozen=True)
class Completeness:
    """How much of the Hub's model card template the card fills (``rules/completeness.py``)."""

    score: int
    """0-100: the summed weights of the filled sections (``rules/data/completeness.yaml``)."""
    missing: tuple[str, ...] = ()
    """The template's sections the card does not fill, in the template's order."""

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "missing": list(self.missing)}


@dataclass(frozen=True, init=False)
class ComponentVerdict:
    """One MOF component of this release: its place in the framework and what the release does with it."""

    id: str
    mof_class: int
    required: bool
    content_type: str
    status: Status
    license: str | None
    """The component's license as the canonical expression (or as stated when unknown)."""
    misfit: bool = False
    """Open, but under a license not meant for this content type (MIT on a dataset)."""
    derived_from_datasets: bool = False
    evidence: tuple[Evidence, ...] = ()
    mot_name: str = ""
    """The component's name in the Model Openness Tool (its records and the MOT export)."""

    def __init__(self, id: str, mof_class: int, required: bool, content_type: str, status: Status,
                 license: str | None, misfit: bool = False, derived_from_datasets: bool = False,
                 evidence: tuple[Evidence, ...] = (), mot_name: str = "") -> None:
        self.__dict__.update(id=id, mof_class=mof_class, required=required, content_type=content_type, status=status,
                             license=license, misfit=misfit, derived_from_datasets=derived_from_datasets,
                             evidence=evidence, mot_name=mot_name)

    def to_dict(self) -> dict[str, Any]:
        """``{"status", "license"}``, and ``"evidence"`` where the source shows the component
        (a card; a manifest that kept what ``import`` inferred)."""
        if not self.evidence:
            return {"status": self.status, "license": self.license}
        return {"status": self.status, "license": self.license, "evidence": [e.to_dict() for e in self.evidence]}


@dataclass(frozen=True, init=False)
class MofVerdict:
    """Model Openness Framework 1.0 class and per-class progress (percent)."""

    mof_class: int | None
    label: str
    progress: Mapping[int, float]
    components: tuple[ComponentVerdict, ...]
    """All 17 components, in the framework's order."""

    def __init__(self, mof_class: int | None, label: str, progress: Mapping[int, float],
                 components: tuple[ComponentVerdict, ...]) -> None:
        self.__dict__.update(mof_class=mof_class, label=label, progress=progress, components=components)

    def component(self, component_id: str) -> ComponentVerdict:
        for verdict in self.components:
            if verdict.id == component_id:
                return verdict
        raise KeyError(component_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "class": self.mof_class,
            "label": self.label,
            "progress": {str(k): v for k, v in self.progress.items()},
            "components": {c.id: c.to_dict() for c in self.components},
        }


@dataclass(frozen=True)
class OsaidVerdict:
    """OSI Open Source AI Definition 1.0: whether the release meets it, per element, and what is missing."""

    meets: bool
    elements: Mapping[str, bool]
    missing: tuple[str, ...]
    reference: str

    def to_dict(self) -> dict[str, Any]:
        return {"verdict": "meets" if self.meets else "does-not-meet", "elements": dict(self.elements),
                "missing": list(self.missing), "reference": self.reference}


@dataclass(frozen=True)
class LicenseTerm:
    """One license named by a license expression."""

    id: str
    name: str
    url: str | None
    """Where the license text is (SPDX list or ScanCode LicenseDB page)."""
    spdx_listed: bool
    """On the SPDX License List (else a ``LicenseRef-`` id from ScanCode's LicenseDB)."""
    osi_approved: bool = False


@dataclass(frozen=True)
class LicenseView:
    """A license string of the release as analysis resolved it, for outputs that must name it."""

    text: str
    """As stated."""
    canonical: str | None
    """The canonical SPDX expression; None when unknown or unlicensed."""
    terms: tuple[LicenseTerm, ...] = ()
    unknown: bool = False
    unlicensed: bool = False
    is_open: bool = False
    hub_id: str | None = None
    """The Hub's ``license`` value for it (``other`` for a license the Hub does not list)."""
    hub_name: str | None = None
    """``license_name`` to write with ``license: other``."""


@dataclass(frozen=True)
class ObligationLine:
    """A term a user of the model must follow, with its source; from the release's own license or
    inherited from a base model."""

    text: str
    source: str
    origin: str | None = None
    """The base model it is inherited from; None for the release's own license."""
    kind: str = ""


@dataclass(frozen=True)
class LineageLink:
    """One link of a base-model chain."""

    model_id: str
    relation: str
    license: str | None
    """Canonical license of that base, when known."""
    license_source: str
    """'manifest' (stated by the release), a table's source URL, or 'unknown'."""
    depth: int


@dataclass(frozen=True, init=False)
class Report:
    """Everything ``analyze`` concluded about one release."""

    source: str
    findings: tuple[Finding, ...] = ()
    mof: MofVerdict | None = None
    osaid: OsaidVerdict | None = None
    eosai: Mapping[str, Grade | None] = field(default_factory=lambda: _EMPTY)
    licenses: Mapping[str, LicenseView] = field(default_factory=lambda: _EMPTY)
    """Every license string the release states, resolved once, by the text as stated."""
    obligations: tuple[ObligationLine, ...] = ()
    """Own and inherited obligations, in the order a README lists them."""
    lineage: tuple[LineageLink, ...] = ()
    name: str | None = None
    """The name the naming rules judged."""
    claims: Mapping[str, Claim] = field(default_factory=lambda: _EMPTY)
    """open_source / open_weights / open_data / commercial_use: only those the release makes."""
    completeness: Completeness | None = None
    """How complete the card is; None where analysis did not judge it."""

    def __init__(self, source: str, findings: tuple[Finding, ...] = (), mof: MofVerdict | None = None,
                 osaid: OsaidVerdict | None = None, eosai: Mapping[str, Grade | None] = _EMPTY,
                 licenses: Mapping[str, LicenseView] = _EMPTY, obligations: tuple[ObligationLine, ...] = (),
                 lineage: tuple[LineageLink, ...] = (), name: str | None = None,
                 claims: Mapping[str, Claim] = _EMPTY, completeness: Completeness | None = None) -> None:
        self.__dict__.update(source=source, findings=findings, mof=mof, osaid=osaid, eosai=eosai, licenses=licenses,
                             obligations=obligations, lineage=lineage, name=name, claims=claims,
                             completeness=completeness)

    def failing(self, threshold: Severity = "error") -> tuple[Finding, ...]:
        """The findings at ``threshold`` or above: what a failing run lists."""
        floor = SEVERITY_RANK[threshold]
        return tuple(f for f in self.findings if SEVERITY_RANK[f.severity] >= floor)

    def fails(self, threshold: Severity = "error") -> bool:
        """Whether any finding is at ``threshold`` or above: the one place that decides failure."""
        return bool(self.failing(threshold))

    @property
    def has_errors(self) -> bool:
        return self.fails("error")

    def license(self, text: str | None) -> LicenseView | None:
        """The resolved view of a license string the release states."""
        return self.licenses.get(text) if text is not None else None

    @property
    def openness(self) -> dict[str, Any]:
        """The JSON form of the verdicts (transitional: outputs read the typed fields)."""
        return self.openness_dict()

    def openness_dict(self) -> dict[str, Any]:
        return {
            "mof": self.mof.to_dict() if self.mof else None,
            "osaid": self.osaid.to_dict() if self.osaid else None,
            "eosai": dict(self.eosai),
        }

    def to_dict(self) -> dict[str, Any]:
        """The ``check --format json`` object."""
        data: dict[str, Any] = {"source": self.source}
        if self.name is not None:
            data["name"] = self.name
        if self.claims:
            data["claims"] = {key: claim.to_dict() for key, claim in self.claims.items()}
        data["findings"] = [f.to_dict() for f in self.findings]
        data["openness"] = self.openness_dict()
        if self.completeness is not None:
            data["completeness"] = self.completeness.to_dict()
        return data
