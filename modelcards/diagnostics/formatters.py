"""Diagnostics formatters: text, JSON, SARIF and GitHub workflow commands of reports.

Each takes reports (and, for SARIF, the rule catalogue the caller passes in) and returns text;
none analyses or imports the rules, so output shows exactly what the report holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from modelcards.report import Finding, Report
from modelcards.vocabulary import SEVERITIES, Severity

_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_RESET = "\x1b[0m"


class RuleDoc(Protocol):
    """What SARIF says about a rule (``rules.registry.Rule`` has these)."""

    @property
    def name(self) -> str: ...

    @property
    def doc(self) -> str: ...

    @property
    def severity(self) -> Severity: ...


def _where(report: Report, finding: Finding) -> str:
    if finding.line is not None:
        return f"{report.source}:{finding.line}:{finding.column or 1}"
    return report.source


def _verdict_line(report: Report) -> str:
    mof, osaid = report.mof, report.osaid
    progress = mof.progress if mof else {}
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in SEVERITIES}
    return (
        f"{report.source}: MOF {mof.label if mof else None} (progress III {progress.get(3, 0):.0f}%, "
        f"II {progress.get(2, 0):.0f}%, I {progress.get(1, 0):.0f}%); "
        f"OSAID: {osaid.to_dict()['verdict'] if osaid else None}; "
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info"
        + (f"; completeness {report.completeness.score}/100" if report.completeness is not None else "")
    )


def evidence_lines(report: Report) -> list[str]:
    """One line per piece of evidence of each component and per claim, located in the source:
    what ``--show-evidence`` adds to the text output."""
    lines = []
    for component in report.mof.components if report.mof else ():
        for e in component.evidence:
            where = f"{report.source}:{e.line}" if e.line is not None else report.source
            what = e.url or (f"metadata {e.key!r}" if e.key else "the card's text")
            lines.append(f"{where}: evidence [{component.id}] {component.status} ({e.basis}): {what}")
    for name, claim in report.claims.items():
        where = f"{report.source}:{claim.line}" if claim.line is not None else report.source
        lines.append(f"{where}: claim [{name}] {str(claim.value).lower()}: {claim.text}")
    return lines


def text(report: Report, color: bool = False, *, show_evidence: bool = False) -> str:
    lines = []
    for f in report.findings:
        severity = f"{_COLORS[f.severity]}{f.severity}{_RESET}" if color else f.severity
        lines.append(f"{_where(report, f)}: {f.rule} {severity}: [{f.subject}] {f.message}")
    if show_evidence:
        lines.extend(evidence_lines(report))
    lines.append(_verdict_line(report))
    return "\n".join(lines) + "\n"


def _dumps(data: Any, **options: Any) -> str:
    """``json.dumps``, imported on first use: the text format, the one a cold ``check`` prints
    by default, needs no JSON."""
    import json

    return json.dumps(data, **options)


def as_json(report: Report) -> str:
    """The ``check --format json`` object of one report."""
    return _dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


def json_many(reports: Sequence[Report]) -> str:
    """Several reports as one JSON array of ``check --format json`` objects (DESIGN.md)."""
    return _dumps([r.to_dict() for r in reports], indent=2, ensure_ascii=False) + "\n"


def github(report: Report) -> str:
    """GitHub Actions workflow commands (::error file=...,line=...::message)."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    out = []
    for f in report.findings:
        props = [f"file={report.source}"]
        if f.line is not None:
            props += [f"line={f.line}", f"col={f.column or 1}"]
        props.append(f"title={f.rule}")
        message = f"[{f.subject}] {f.message}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        out.append(f"::{level[f.severity]} {','.join(props)}::{message}")
    return "\n".join(out) + ("\n" if out else "")


def sarif(report: Report, rules: Mapping[str, RuleDoc] | None = None) -> str:
    """SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html)."""
    return sarif_many([report], rules)


def sarif_many(reports: Sequence[Report], rules: Mapping[str, RuleDoc] | None = None) -> str:
    """One SARIF log with one run holding the results of every checked file. ``rules``: the
    catalogue to describe the rules with; a code it lacks is described by its code alone."""
    return _dumps(_sarif_doc(reports, rules or {}), indent=2) + "\n"


def _rule_descriptor(code: str, rule: RuleDoc | None) -> dict[str, Any]:
    level = {"error": "error", "warning": "warning", "info": "note"}
    doc = rule.doc if rule is not None else ""
    return {
        "id": code,
        "name": rule.name if rule is not None else code,
        "shortDescription": {"text": doc.splitlines()[0] if doc else code},
        "fullDescription": {"text": doc or code},
        "defaultConfiguration": {"level": level[rule.severity] if rule is not None else "error"},
    }


def tool_version() -> str:
    """The installed modelcards version, as tool reports name it (from the package metadata, so
    formatters need not import the package facade)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("modelcards-release")
    except PackageNotFoundError:  # a source tree that was never installed
        return "unknown"


def _sarif_doc(reports: Sequence[Report], rules: Mapping[str, RuleDoc]) -> dict[str, Any]:
    used = sorted({f.rule for report in reports for f in report.findings})
    index = {code: i for i, code in enumerate(used)}
    level = {"error": "error", "warning": "warning", "info": "note"}
    results: list[dict[str, Any]] = []
    for report in reports:
        for f in report.findings:
            location: dict[str, Any] = {"artifactLocation": {"uri": report.source}}
            if f.line is not None:
                location["region"] = {"startLine": f.line, "startColumn": f.column or 1}
            results.append({
                "ruleId": f.rule,
                "level": level[f.severity],
                "message": {"text": f"[{f.subject}] {f.message}"},
                "locations": [{"physicalLocation": location}],
                "ruleIndex": index[f.rule],
            })
    driver = {
        "name": "modelcards",
        "version": tool_version(),
        "informationUri": "https://pypi.org/project/modelcards-release/",
        "rules": [_rule_descriptor(code, rules.get(code)) for code in used],
    }
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }


def render_many(reports: Sequence[Report], fmt: str, *, rules: Mapping[str, RuleDoc] | None = None,
                color: bool = False, show_evidence: bool = False) -> str:
    """Several reports in one output: one JSON array, one merged SARIF log, or the text and
    GitHub lines of each report in turn."""
    if fmt == "json":
        return json_many(reports)
    if fmt == "sarif":
        return sarif_many(reports, rules)
    return "".join(render(r, fmt, color=color, show_evidence=show_evidence) for r in reports)


def render(report: Report, fmt: str, color: bool = False, *, rules: Mapping[str, RuleDoc] | None = None,
           show_evidence: bool = False) -> str:
    if fmt == "json":
        return as_json(report)
    if fmt == "github":
        return github(report)
    if fmt == "sarif":
        return sarif(report, rules)
    return text(report, color=color, show_evidence=show_evidence)
