"""The Hub README: front matter from ModelCardData, body from the ``README.md.j2`` template."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from modelcards.renderers import blocks
from modelcards.renderers.environment import environment
from modelcards.renderers.frontmatter import front_matter
from modelcards.renderers.views import mof_verdict, osaid_verdict
from modelcards.report import Report
from modelcards.schema import Release
from modelcards.schema.card_sections import SECTION_HEADINGS
from modelcards.vocabulary import TRAINING_ROLES, Status, class_numeral

STATUS_TEXT: dict[Status, str] = {
    "included": "open",
    "restricted": "released, not under an open license",
    "unlicensed": "released, no license stated",
    "missing": "not released",
}
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
    inferred: bool = False
    """Read from a card's evidence (``import``), not yet confirmed by the user."""


def component_rows(report: Report, release: Release | None = None) -> list[ComponentRow]:
    """One row per MOF component, in the framework's order, as the report classified it; a
    component the release holds as ``inferred`` is marked so."""
    artifacts = release.artifacts if release is not None else {}
    return [ComponentRow(c.id, class_numeral(c.mof_class) or str(c.mof_class), c.required, c.status,
                         STATUS_TEXT.get(c.status, c.status), c.license,
                         c.id in artifacts and artifacts[c.id].inferred)  # type: ignore[index]
            for c in mof_verdict(report).components]


def template_context(release: Release, report: Report, *, badge: str | None = None) -> dict[str, Any]:
    """Everything the templates see; views are computed here so templates only lay out.

    ``mof`` and ``osaid`` are the verdicts in their JSON form (what ``modelcard.json`` holds), so
    user templates index them as the JSON object does; ``obligations`` are the report's own and
    inherited terms, in the order the README lists them."""
    mof = mof_verdict(report)
    return {
        "release": release,
        "card": release.card,
        "report": report,
        "headings": SECTION_HEADINGS,
        "mof": mof.to_dict(),
        "class_numeral": class_numeral(mof.mof_class),
        "osaid": osaid_verdict(report).to_dict(),
        "components": component_rows(report, release),
        "obligations": list(report.obligations),
        "training_datasets": [d for d in release.datasets if d.role in TRAINING_ROLES],
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
    matter = front_matter(release, report)
    if matter:
        inner = matter[len("---\n"):-len("---\n")]
        document.segments.insert(0, blocks.Segment("front", blocks.FRONT, inner, 1))
        if document.segments[1:] and document.segments[1].kind != "free":
            document.segments.insert(1, blocks.Segment("free", "", "\n", 0))
    return document
