"""What analysis produces: findings and openness verdicts (the JSON contract of DESIGN.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
Kind = Literal[
    "license-conflict",
    "license-obligation",
    "license-unknown",
    "openness-gap",
    "openwashing",
    "metadata",
    "input",
]
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
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
    """Where in the source the finding points, when the source is located (manifests)."""

    def to_dict(self) -> dict[str, Any]:
        # field by field: dataclasses.asdict deep-copies, which dominated batch audits
        return {"rule": self.rule, "kind": self.kind, "severity": self.severity, "subject": self.subject,
                "message": self.message, "reference": self.reference, "line": self.line, "column": self.column}


@dataclass
class Report:
    """Everything ``analyze`` concluded about one release."""

    source: str
    findings: list[Finding] = field(default_factory=list)
    openness: dict[str, Any] = field(default_factory=dict)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "findings": [f.to_dict() for f in self.findings],
            "openness": self.openness,
        }
