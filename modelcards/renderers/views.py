"""The verdicts a renderer reads from a report, with one clear error for a report that has none.

Emitters take ``(Release, Report)`` and read the typed verdicts only; a report built by hand
without them cannot be rendered, and says so instead of failing deep inside a template.
"""

from __future__ import annotations

from modelcards.report import MofVerdict, OsaidVerdict, Report


class MissingVerdicts(ValueError):
    """The report holds no openness verdicts: it was not made by ``analyze``."""


def mof_verdict(report: Report) -> MofVerdict:
    if report.mof is None:
        raise MissingVerdicts(f"report for {report.source!r} has no MOF verdict; render the report analyze returned")
    return report.mof


def osaid_verdict(report: Report) -> OsaidVerdict:
    if report.osaid is None:
        raise MissingVerdicts(f"report for {report.source!r} has no OSAID verdict; render the report analyze returned")
    return report.osaid


def osaid_word(report: Report) -> str:
    """The OSAID verdict as the JSON object writes it (``meets`` / ``does-not-meet``)."""
    return str(osaid_verdict(report).to_dict()["verdict"])
