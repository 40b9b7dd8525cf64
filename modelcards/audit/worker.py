"""Audit one card: the ``check --format json`` object, plus a small row for the summary.

Runs in worker processes, so it takes and returns plain picklable values.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from modelcards.analysis import analyze
from modelcards.audit.inputs import Item
from modelcards.audit.jsonio import encode_report
from modelcards.errors import InputError
from modelcards.licenses.lineage import base_chain
from modelcards.readers import hub_card as hf_card
from modelcards.readers import mot
from modelcards.readers.dispatch import read_source_text
from modelcards.readers.located_yaml import LocatedDocument, load_fast
from modelcards.report import Finding, Report

if TYPE_CHECKING:
    from modelcards.licenses.lineage import Link


@dataclass(slots=True)
class Row:
    """What the summary and the csv / table formats need from one card."""

    source: str
    readable: bool
    mof_class: int | None
    mof_label: str
    osaid: str
    errors: int
    warnings: int
    infos: int
    license: str | None
    rules: tuple[str, ...]
    base_families: tuple[str, ...]


def _input_report(source: str, message: str, line: int | None = None, column: int | None = None) -> Report:
    return Report(source, (Finding("INPUT", "input", "error", "card", message, None, line, column),))


def _roots(chain: tuple[Link, ...]) -> list[Link]:
    """The deepest link of each base model's chain: the model everything else derives from."""
    roots: list[Link] = []
    for link in chain:
        if link.depth == 1 or not roots:
            roots.append(link)
        else:
            roots[-1] = link
    return roots


def _family(model_id: str) -> str:
    """A base-model family is named by the organisation that published the root model."""
    return model_id.split("/", 1)[0] if "/" in model_id else model_id


def walked_card(path: str, text: str) -> tuple[bool, LocatedDocument | None]:
    """Whether a file met in a directory walk is a card, and its YAML when that was loaded to
    decide (so it is loaded once). A card is a README.md, Markdown with front matter, or YAML that
    is a mapping with a ``name`` (manifest) or a MOT record. Repositories hold other Markdown
    and YAML (docs pages, mkdocs.yml, CI settings) that are not cards. YAML that does not parse
    counts as a card, so that it is reported rather than silently skipped."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
    if name.endswith(".md"):
        return name == "readme.md" or hf_card.looks_like_card(text), None
    try:
        document = load_fast(text, path)
    except InputError:
        return True, None
    data = document.data
    return isinstance(data, dict) and ("name" in data or mot.looks_like_mot(data)), document


def audit_report(item: Item) -> tuple[Report, str | None, tuple[str, ...]] | None:
    """(report, stated license, base-model families) for one card; None for a walked file that
    is not a card."""
    item = item.load()
    if item.text is None:
        return _input_report(item.source, item.error or "unreadable"), None, ()
    document = None
    if item.walked:
        card, document = walked_card(item.source, item.text)
        if not card:
            return None
    try:
        source = read_source_text(item.text, item.source, markdown=item.markdown, read_only=True, document=document)
    except InputError as err:
        problem = err.problems[0]
        return _input_report(item.source, problem.message, problem.location.line, problem.location.column), None, ()
    release = source.release
    try:
        report = analyze(release, source=item.source, locate=source.locator, shared_openness=True)
    except Exception as err:  # one odd card among millions must not stop the run
        return _input_report(item.source, f"could not analyse this card ({type(err).__name__}: {err})"), None, ()
    families: tuple[str, ...] = ()
    if release.base_models:
        families = tuple(sorted({_family(root.model_id) for root in _roots(base_chain(release))}))
    return report, release.license, families


_severity, _rule = attrgetter("severity"), attrgetter("rule")


def audit_item(item: Item, encode: bool = True) -> tuple[bytes | None, Row] | None:
    """(JSONL record, summary row), or None for a walked file that is not a card; ``encode``:
    whether to make the record (the csv and table formats print the row alone)."""
    audited = audit_report(item)
    if audited is None:
        return None
    report, license_text, families = audited
    findings = report.findings
    severities = list(map(_severity, findings))
    mof, osaid = report.mof, report.osaid
    row = Row(
        item.source,
        mof is not None,
        mof.mof_class if mof else None,
        mof.label if mof else "unreadable",
        ("meets" if osaid.meets else "does-not-meet") if osaid else "unreadable",
        severities.count("error"), severities.count("warning"), severities.count("info"),
        license_text,
        tuple(sorted(set(map(_rule, findings)))),
        families,
    )
    # an analysed card's openness object is the memo's; an unreadable card's is its own, empty
    return encode_report(report, shared_openness=row.readable) if encode else None, row
