"""Typed shape of ``modelcard.json`` (release + report), for its JSON Schema.

The report itself is built by ``analyze`` as plain dataclasses; these models only describe the
JSON contract of DESIGN.md so that ``schemas/modelcard.schema.json`` is generated, not written.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from modelcards.schema.artifacts import ArtifactId
from modelcards.schema.release import Release

Grade = Literal["open", "partial", "closed"] | None


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class FindingOut(_Closed):
    rule: str = Field(pattern=r"^[A-Z]+[0-9]{3}$")
    kind: Literal["license-conflict", "license-obligation", "license-unknown", "openness-gap", "openwashing",
                  "metadata", "input"]
    severity: Literal["error", "warning", "info"]
    subject: str
    message: str
    reference: str | None
    line: int | None = None
    column: int | None = None


class ComponentOut(_Closed):
    status: Literal["included", "missing", "unlicensed", "restricted"]
    license: str | None


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
    eosai: dict[str, Grade] | None = None


class ReportOut(_Closed):
    source: str
    findings: list[FindingOut]
    openness: OpennessOut


class ModelCardDocument(_Closed):
    """What ``render`` writes to modelcard.json."""

    format_version: Literal[1] = Field(description="Version of this document layout.")
    generator: Literal["modelcards"]
    release: Release
    report: ReportOut
