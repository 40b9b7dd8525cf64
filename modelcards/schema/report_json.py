"""Typed shape of ``modelcard.json`` (release + report), for its JSON Schema.

The report itself is ``modelcards.report.Report``; these models only describe the JSON contract
of DESIGN.md (``Report.to_dict()``, the ``check --format json`` object) so that
``schemas/modelcard.schema.json`` is generated, not written. The words (kinds, severities,
statuses, grades) come from ``modelcards.vocabulary``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from modelcards.schema.artifacts import ArtifactId
from modelcards.schema.release import Release
from modelcards.vocabulary import Grade, Kind, Severity, Status


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class FindingOut(_Closed):
    rule: str = Field(pattern=r"^[A-Z]+[0-9]{3}$")
    kind: Kind
    severity: Severity
    subject: str
    message: str
    reference: str | None
    line: int | None = None
    column: int | None = None


class EvidenceOut(_Closed):
    url: str | None
    key: str | None
    line: int | None
    basis: Literal["stated", "inferred"]


class ComponentOut(_Closed):
    status: Status
    license: str | None
    evidence: list[EvidenceOut] | None = Field(
        None, description="Where the source shows the component (present when it does: cards, and manifests "
        "that kept what import inferred).")


class ClaimOut(_Closed):
    value: bool
    line: int | None
    text: str


class MofOut(_Closed):
    mof_class: Literal[1, 2, 3] | None = Field(alias="class")
    label: str
    progress: dict[Literal["1", "2", "3"], float]
    components: dict[ArtifactId, ComponentOut]


class OsaidOut(_Closed):
    verdict: Literal["meets", "does-not-meet"]
    elements: dict[str, bool]
    missing: list[str]
    reference: str


class OpennessOut(_Closed):
    mof: MofOut
    osaid: OsaidOut
    eosai: dict[str, Grade | None] | None = None


class CompletenessOut(_Closed):
    score: int = Field(ge=0, le=100, description="Summed weights of the Hub template's sections the card fills.")
    missing: list[str] = Field(description="The template's sections the card does not fill, in its order.")


class ReportOut(_Closed):
    source: str
    name: str | None = Field(None, description="The name the naming rules judged (present when the release has one).")
    claims: dict[Literal["open_source", "open_weights", "open_data", "commercial_use"], ClaimOut] | None = Field(
        None, description="What the release claims about itself, where (a key only when claimed).")
    findings: list[FindingOut]
    openness: OpennessOut
    completeness: CompletenessOut | None = Field(
        None, description="How complete the card is (modelcards/rules/data/completeness.yaml holds the weights).")


class ModelCardDocument(_Closed):
    """What ``render`` writes to modelcard.json."""

    format_version: Literal[1] = Field(description="Version of this document layout.")
    generator: Literal["modelcards"]
    release: Release
    report: ReportOut
