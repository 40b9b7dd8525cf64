"""The census page of ``audit --report x.html``: one self-contained HTML file.

Inline SVG charts (no chart library, nothing fetched), a table of the largest families, and a
per-card table that sorts on a click on its heading and filters as you type, with each card's
rule codes linked to the rules' own explanations further down the page (the text of
``modelcards explain CODE``). The page is rendered by the HTML Jinja environment, which escapes
every value: card text (ids, licenses) is shown as text, never run. The one script is the
page's own (sorting and filtering), in the template.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modelcards.audit.bars import BAR_WIDTH, Bar, bars
from modelcards.audit.summary import TOP

if TYPE_CHECKING:
    from modelcards.audit.summary import Summary

RELATION_COLOURS = {"finetune": "#3f51b5", "adapter": "#009688", "quantized": "#ff9800", "merge": "#9c27b0",
                    "distillation": "#795548"}
FAMILIES_SHOWN = 25
TEMPLATE = Path(__file__).with_name("census-report.html.j2")
"""The page's template, shipped next to this module (the wheel carries the package's files)."""


@dataclass(frozen=True)
class Segment:
    relation: str
    count: int
    x: int
    width: int
    colour: str


@dataclass(frozen=True)
class FamilyBar:
    root: str
    license: str
    total: int
    dropped: int
    segments: tuple[Segment, ...]


def _familybars(families: list[dict[str, Any]]) -> list[FamilyBar]:
    shown = families[:FAMILIES_SHOWN]
    peak = max((sum(f["derivatives"].values()) for f in shown), default=0) or 1
    bars = []
    for family in shown:
        x, segments = 0, []
        for relation, count in family["derivatives"].items():
            width = max(1, round(BAR_WIDTH * count / peak))
            segments.append(Segment(relation, count, x, width, RELATION_COLOURS.get(relation, "#607d8b")))
            x += width
        bars.append(FamilyBar(family["root"], family["license"], sum(family["derivatives"].values()),
                              family["dropped_terms"], tuple(segments)))
    return bars


@dataclass(frozen=True)
class Trend:
    """A line chart of per-month counts: each series a polyline over the months."""

    months: tuple[str, ...]
    series: tuple[tuple[str, str, str], ...]
    """(name, colour, SVG points)."""
    peak: int
    width: int
    height: int = 160


def _trend(months: dict[str, dict[str, int]]) -> Trend | None:
    if not months:
        return None
    names = tuple(months)
    step = max(8, min(60, 640 // max(1, len(names))))
    width = step * max(1, len(names) - 1) + 80
    peak = max(max(v.values()) for v in months.values()) or 1
    series = []
    for key, colour in (("cards", "#3f51b5"), ("derivatives", "#009688"), ("dropped_terms", "#e53935"),
                        ("openwashing", "#ff9800")):
        points = " ".join(f"{40 + i * step},{150 - round(140 * months[m][key] / peak)}" for i, m in enumerate(names))
        series.append((key.replace("_", " "), colour, points))
    return Trend(names, tuple(series), peak, width)


def _rules(codes: set[str]) -> list[tuple[str, str, str]]:
    """(code, name, explanation) of every rule named on the page, in code order."""
    from modelcards.rules import all_rules

    catalogue = all_rules()
    return [(code, catalogue[code].name, catalogue[code].doc) for code in sorted(codes) if code in catalogue]


def render_census(summary: Summary, *, title: str = "Model card census") -> str:
    """The census page of ``summary`` (its counters and its census)."""
    from modelcards.diagnostics.formatters import tool_version
    from modelcards.renderers.html_env import html_environment

    data = summary.to_dict()
    census = summary.census
    readable = summary.readable
    names = {code: name for code, name, _doc in _rules(set(summary.rules))}
    charts: list[tuple[str, list[Bar]]] = [
        ("Model Openness Framework class", bars(data["mof_classes"], readable)),
        ("OSI Open Source AI Definition", bars(data["osaid"], readable)),
        (f"Top {TOP} findings (cards with the finding)", bars(data["top_findings"], readable, names)),
        (f"Top {TOP} stated licenses", bars(data["licenses"], readable)),
        (f"Top {TOP} base-model families (publisher of the root model)", bars(data["base_model_families"], readable)),
        ("Derivatives by relation to their base", bars(data["derivatives"]["by_relation"], census.derivatives)),
    ]
    if data["completeness"]:
        charts.append(("Card completeness (score out of 100)", bars(data["completeness"], readable)))
        charts.append(("Card template sections most often missing",
                       bars(dict(list(data["completeness_missing"].items())[:TOP]), readable)))
    drift = {f"{p['root_license']} → {p['derivative_license']}": p["cards"] for p in data["license_drift"][:15]}
    charts.append(("License drift: root license → derivative license (top 15 pairs)",
                   bars(drift, census.derivatives)))
    washing = {root: v["openwashing"] for root, v in list(data["openwashing"]["by_family"].items())[:TOP]}
    charts.append((f"Openwashing by family (top {TOP}: cards claiming open source that are not)",
                   bars(washing, census.openwashing)))
    table_codes = {code for row in census.table for code in row[9]}
    glossary = _rules(table_codes | set(summary.rules))
    template = html_environment().from_string(TEMPLATE.read_text(encoding="utf-8"))
    return template.render(
        title=title, summary=summary, data=data, charts=charts, bar_width=BAR_WIDTH, version=tool_version(),
        families=_familybars(data["families"]), family_rows=data["families"][:50], trend=_trend(data["months"]),
        colours=RELATION_COLOURS, rows=census.table, names={code: name for code, name, _ in glossary},
        glossary=glossary, census=census,
    )
