"""The Hub README: front matter from ModelCardData, body from the ``README.md.j2`` template."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from modelcards.openness.components import mof
from modelcards.renderers import blocks
from modelcards.renderers.environment import environment
from modelcards.renderers.frontmatter import front_matter
from modelcards.report import Report
from modelcards.schema import Release
from modelcards.schema.card_sections import SECTION_HEADINGS

STATUS_TEXT = {
    "included": "open",
    "restricted": "released, not under an open license",
    "unlicensed": "released without a license",
    "missing": "not released",
}
CLASS_NUMERALS = {1: "I", 2: "II", 3: "III"}
DETAILS_HEADING = "Model Details"
"""A card section with this heading is written inside the generated details block, above the facts."""


@dataclass(frozen=True)
class ComponentRow:
    id: str
    mof_class: str
    required: bool
    status: str
    status_text: str
    license: str | None


def component_rows(report: Report) -> list[ComponentRow]:
    components = report.openness["mof"]["components"]
    rows = []
    for component in mof().components:
        entry = components.get(component.id, {"status": "missing", "license": None})
        rows.append(ComponentRow(component.id, CLASS_NUMERALS[component.mof_class], component.required,
                                 entry["status"], STATUS_TEXT.get(entry["status"], entry["status"]),
                                 entry["license"]))
    return rows


@dataclass(frozen=True)
class ObligationLine:
    text: str
    source: str
    origin: str | None
    """Base model the obligation is inherited from; None for the release's own license."""


def own_obligations(release: Release) -> list[ObligationLine]:
    """Obligations of the release's own license(s), from the sourced obligations table."""
    from modelcards.licenses.obligations import terms_for
    from modelcards.licenses.resolver import resolve

    if not release.license:
        return []
    lines = []
    for info in resolve(release.license).licenses:
        terms = terms_for(info.id)
        for obligation in terms.obligations if terms else ():
            lines.append(ObligationLine(obligation.text, obligation.source, None))
    return lines


def inherited_obligations(report: Report) -> list[ObligationLine]:
    """LIC004 findings: obligations passed down from base models (already sourced in the finding)."""
    lines = []
    for finding in report.findings:
        if finding.kind == "license-obligation" and finding.severity == "info":
            origin = finding.subject.split(":", 1)[1] if finding.subject.startswith("base-model:") else None
            lines.append(ObligationLine(finding.message, finding.reference or "", origin))
    return lines


def template_context(release: Release, report: Report, *, badge: str | None = None) -> dict[str, Any]:
    """Everything the templates see; views are computed here so templates only lay out."""
    mof_result = report.openness["mof"]
    return {
        "release": release,
        "card": release.card,
        "report": report,
        "headings": SECTION_HEADINGS,
        "mof": mof_result,
        "class_numeral": CLASS_NUMERALS.get(mof_result["class"]),
        "osaid": report.openness["osaid"],
        "components": component_rows(report),
        "obligations": own_obligations(release) + inherited_obligations(report),
        "training_datasets": [d for d in release.datasets if d.role != "evaluation"],
        "details_text": release.card.sections.get(DETAILS_HEADING),
        "other_sections": {t: b for t, b in release.card.sections.items() if t != DETAILS_HEADING},
        "badge": badge,
    }


def render_readme(release: Release, report: Report, *, templates: str | None = None,
                  badge: str | None = None, context: dict[str, Any] | None = None) -> blocks.Document:
    """The README as segments (front matter + blocks), before merging with a file on disk.
    ``context``: ``template_context(release, report, badge=badge)`` when the caller has built it
    already (docs pages use it for their HTML fragments too)."""
    import jinja2

    from modelcards.errors import InputError

    if context is None:
        context = template_context(release, report, badge=badge)
    try:
        body = environment(templates).get_template("README.md.j2").render(context)
    except jinja2.TemplateSyntaxError as err:
        raise InputError.single(f"template error: {err.message}", err.filename or err.name or "template",
                                err.lineno) from None
    except (jinja2.TemplateError, FileNotFoundError) as err:
        raise InputError.single(f"template error: {err}", templates or "templates") from None
    try:
        document = blocks.parse(body)
    except blocks.BlockError as err:
        raise InputError.single(f"template output: {err}", "README.md.j2", err.line) from None
    matter = front_matter(release)
    if matter:
        inner = matter[len("---\n"):-len("---\n")]
        document.segments.insert(0, blocks.Segment("front", blocks.FRONT, inner, 1))
        if document.segments[1:] and document.segments[1].kind != "free":
            document.segments.insert(1, blocks.Segment("free", "", "\n", 0))
    return document
