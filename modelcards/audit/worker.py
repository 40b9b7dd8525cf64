"""Audit one card: the ``check --format json`` object, plus a small row for the summary.

Runs in worker processes, so it takes and returns plain picklable values.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from modelcards.api import select
from modelcards.audit.analyzer import AuditRecord, CachedAnalyzer
from modelcards.audit.census import CardCensus, card_census
from modelcards.audit.inputs import Item
from modelcards.audit.jsonio import encode_report
from modelcards.errors import InputError
from modelcards.readers import hub_card as hf_card
from modelcards.readers import mot
from modelcards.readers.dispatch import read_text, with_eval_results
from modelcards.readers.located_yaml import LocatedDocument, load_fast
from modelcards.report import Finding, LineageLink, Report
from modelcards.rules.input_rules import unreadable_input

if TYPE_CHECKING:
    from modelcards.config import Settings


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
    fails: bool = False
    """Whether the card's report fails at the audit's fail-on threshold."""
    census: CardCensus | None = None
    """The card's census facts (family, relation, dropped terms, openwashing); None when unreadable."""
    id: str | None = None
    """The dump row's id (also for a row that could not be read)."""


def _input_report(source: str, message: str, line: int | None = None, column: int | None = None) -> Report:
    """The record of a card that could not be read: one ``INPUT`` finding."""
    rule = unreadable_input
    return Report(source, (Finding(rule.code, rule.kind, rule.severity, "card", message, None, line, column),))


def _roots(chain: tuple[LineageLink, ...]) -> list[LineageLink]:
    """The deepest link of each base model's chain: the model everything else derives from."""
    roots: list[LineageLink] = []
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


Audited = tuple[Report, AuditRecord | None, str | None, tuple[str, ...], CardCensus | None]
"""(report, its audit record when the card was analysed, stated license, base-model families,
census facts)."""


def audit_report(item: Item, analyzer: CachedAnalyzer | None = None) -> Audited | None:
    """What the audit records of one card; None for a walked file that is not a card.
    ``analyzer``: the one of this audit run (a fresh one when not given). A card read from disk
    takes in the ``.eval_results`` files beside it, as ``check`` does; a dump's row has none."""
    on_disk = item.on_disk
    item = item.load()
    if item.text is None:
        return _input_report(item.source, item.error or "unreadable"), None, None, (), None
    document = None
    try:
        if item.walked:
            card, document = walked_card(item.source, item.text)
            if not card:
                return None
        source = read_text(item.text, item.source, markdown=item.markdown, document=document, repository=item.id)
        if on_disk:
            source = with_eval_results(source)
    except InputError as err:
        problem = err.problems[0]
        return _input_report(item.source, problem.message, problem.location.line, problem.location.column), \
            None, None, (), None
    except Exception as err:  # a reader bug on one card among millions must not stop the run
        return _input_report(item.source, f"could not read this card ({type(err).__name__}: {err})"), \
            None, None, (), None
    analyzer = analyzer if analyzer is not None else CachedAnalyzer()
    try:
        record = analyzer.record(source, source=item.source)
    except Exception as err:  # one odd card among millions must not stop the run
        return _input_report(item.source, f"could not analyse this card ({type(err).__name__}: {err})"), \
            None, None, (), None
    lineage = record.report.lineage
    families = tuple(sorted({_family(root.model_id) for root in _roots(lineage)})) if lineage else ()
    census = card_census(record.report, source.release, item.id, item.created)
    return record.report, record, source.release.license, families, census


_severity, _rule = attrgetter("severity"), attrgetter("rule")


def audit_item(item: Item, encode: bool = True, analyzer: CachedAnalyzer | None = None,
               settings: Settings | None = None) -> tuple[bytes | None, Row] | None:
    """(JSONL record, summary row), or None for a walked file that is not a card; ``encode``:
    whether to make the record (the csv and table formats print the row alone)."""
    audited = audit_report(item, analyzer)
    if audited is None:
        return None
    report, record, license_text, families, census = audited
    report = select(report, settings)
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
        report.fails(settings.fail_on if settings is not None else "error"),
        census,
        item.id,
    )
    if not encode:
        return None, row
    return encode_report(report, openness=record.openness_json() if record is not None else None, card_id=item.id), row
