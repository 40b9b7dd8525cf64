"""Diagnostics formatters. Each takes a Report and returns text; none does analysis."""

from __future__ import annotations

import json
from typing import Any

from modelcards.report import Finding, Report

_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_RESET = "\x1b[0m"


def _where(report: Report, finding: Finding) -> str:
    if finding.line is not None:
        return f"{report.source}:{finding.line}:{finding.column or 1}"
    return report.source


def text(report: Report, color: bool = False) -> str:
    lines = []
    for f in report.findings:
        severity = f"{_COLORS[f.severity]}{f.severity}{_RESET}" if color else f.severity
        lines.append(f"{_where(report, f)}: {f.rule} {severity}: [{f.subject}] {f.message}")
    mof = report.openness.get("mof", {})
    osaid = report.openness.get("osaid", {})
    progress = mof.get("progress", {})
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in ("error", "warning", "info")}
    lines.append(
        f"{report.source}: MOF {mof.get('label')} (progress III {progress.get('3', 0):.0f}%, "
        f"II {progress.get('2', 0):.0f}%, I {progress.get('1', 0):.0f}%); "
        f"OSAID: {osaid.get('verdict')}; "
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info"
    )
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


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


def sarif(report: Report) -> str:
    """SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html)."""
    return render_many([report], "sarif")


def _sarif_doc(reports: list[Report]) -> dict[str, Any]:
    """One SARIF run holding the results of every checked file."""
    from modelcards import __version__
    from modelcards.rules.registry import all_rules

    rules = all_rules()
    used = sorted({f.rule for report in reports for f in report.findings})
    level = {"error": "error", "warning": "warning", "info": "note"}
    results: list[dict[str, Any]] = []
    for report in reports:
        for f in report.findings:
            location: dict[str, Any] = {"artifactLocation": {"uri": report.source}}
            if f.line is not None:
                location["region"] = {"startLine": f.line, "startColumn": f.column or 1}
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "level": level[f.severity],
                "message": {"text": f"[{f.subject}] {f.message}"},
                "locations": [{"physicalLocation": location}],
            }
            if f.rule in used:
                result["ruleIndex"] = used.index(f.rule)
            results.append(result)
    driver = {
        "name": "modelcards",
        "version": __version__,
        "informationUri": "https://pypi.org/project/modelcards-release/",
        "rules": [
            {
                "id": code,
                "name": rules[code].name if code in rules else code,
                "shortDescription": {"text": rules[code].doc.splitlines()[0] if code in rules and rules[code].doc
                                     else code},
                "fullDescription": {"text": (rules[code].doc if code in rules else None) or code},
                "defaultConfiguration": {"level": level[rules[code].severity] if code in rules else "error"},
            }
            for code in used
        ],
    }
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }


def render_many(reports: list[Report], fmt: str) -> str:
    """Formats that hold several files in one document (SARIF)."""
    if fmt != "sarif":
        return "".join(render(r, fmt) for r in reports)
    return json.dumps(_sarif_doc(reports), indent=2) + "\n"


def render(report: Report, fmt: str, color: bool = False) -> str:
    if fmt == "json":
        return as_json(report)
    if fmt == "github":
        return github(report)
    if fmt == "sarif":
        return sarif(report)
    return text(report, color=color)
