"""Which findings to report (select / ignore by code or prefix) and which fail a run (severity threshold)."""

from __future__ import annotations

import dataclasses

from collections.abc import Iterable

from modelcards.report import SEVERITY_RANK, Finding, Report


def _matches(code: str, patterns: Iterable[str]) -> bool:
    return any(code.startswith(p) for p in patterns)


def unknown_patterns(patterns: Iterable[str], codes: Iterable[str]) -> list[str]:
    """Patterns that match no rule code (a typo would silently select nothing)."""
    known = [*list(codes), "INPUT"]
    return [p for p in patterns if not any(code.startswith(p) for code in known)]


def select_findings(report: Report, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Report:
    select, ignore = tuple(select), tuple(ignore)

    def keep(finding: Finding) -> bool:
        if select and not _matches(finding.rule, select):
            return False
        return not _matches(finding.rule, ignore)

    return dataclasses.replace(report, findings=tuple(f for f in report.findings if keep(f)))


def fails(report: Report, fail_on: str = "error") -> bool:
    threshold = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[f.severity] >= threshold for f in report.findings)
