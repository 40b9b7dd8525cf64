"""The one-page audit report: headline figures and horizontal bar charts as inline SVG.

Inline SVG keeps the page a single self-contained file (no JavaScript, no chart library) that
can be attached to an issue or archived next to the JSONL output.
"""

from __future__ import annotations

from dataclasses import dataclass

from modelcards.audit.summary import TOP, Summary

BAR_WIDTH = 360


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    share: float
    width: int
    name: str = ""
    """For a finding's bar: the rule's name (``label`` is its code), so a reader need not run ``explain``."""


def _bars(counts: dict[str, int], total: int, names: dict[str, str] | None = None) -> list[Bar]:
    peak = max(counts.values(), default=0) or 1
    return [Bar(label, count, count / total if total else 0.0, max(1, round(BAR_WIDTH * count / peak)),
                (names or {}).get(label, "")) for label, count in counts.items()]


def _rule_names() -> dict[str, str]:
    """Each rule code's name, from the rule catalogue."""
    from modelcards.rules import all_rules

    return {code: rule.name for code, rule in all_rules().items()}


def render_report(summary: Summary, *, title: str = "Model card audit") -> str:
    from modelcards.diagnostics.formatters import tool_version
    from modelcards.renderers.html_env import html_environment

    data = summary.to_dict()
    readable = summary.readable
    charts = [
        ("Model Openness Framework class", _bars(data["mof_classes"], readable)),
        ("OSI Open Source AI Definition", _bars(data["osaid"], readable)),
        (f"Top {TOP} findings (cards with the finding)", _bars(data["top_findings"], readable, _rule_names())),
        (f"Top {TOP} stated licenses", _bars(data["licenses"], readable)),
        (f"Top {TOP} base-model families (publisher of the root model)", _bars(data["base_model_families"], readable)),
    ]
    template = html_environment().get_template("audit-report.html.j2")
    return template.render(title=title, summary=summary, charts=charts, bar_width=BAR_WIDTH, version=tool_version())
