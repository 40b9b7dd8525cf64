"""The census of a card dump: families of derivatives, license drift, openwashing, trends.

The questions of "Is open source the future of AI? A data-driven approach": what is open, what
derives from what, and how licenses drift along the way. Each card contributes one
``CardCensus`` (computed in the worker from its report and lineage); ``Census`` keeps only
counters keyed by family root, license pair, month or class, so its memory grows with the
number of distinct family roots and licenses, never with the number of cards (measures:
``benchmarks/census_bench.py``). The per-card table of the HTML page keeps the first
``TABLE_ROWS`` cards; ``--records`` writes every card.

A card's *family* is the root of its first base model's chain: the chain followed through the
dump's own cards (``audit --lineage``) and the known-models table, first base at every hop.
A derivative *drops the root's terms* when the root's license requires derivatives to keep its
conditions (``relicense: keep`` in ``licenses/data/obligations.yaml``) and the derivative's own
known license neither is that license nor one its text allows instead: what LIC003 reports.
A card *openwashes* when it claims to be open source but does not meet the OSI Open Source AI
Definition or states a license that is not open. The report counts the second reason apart: a
card alone rarely shows all the OSAID asks (code and data under open terms), so "claims open
source under a license that is not open" is the sharper figure.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import itemgetter
from sys import intern
from typing import TYPE_CHECKING, Any, NamedTuple

from modelcards.audit.lineage_index import CardLineage, relation_of
from modelcards.licenses.obligations import terms_for
from modelcards.licenses.resolver import resolve
from modelcards.vocabulary import RELATIONS, Relation

if TYPE_CHECKING:
    from modelcards.licenses.lineage import ModelIndex
    from modelcards.report import LineageLink, Report
    from modelcards.schema import Release

TABLE_ROWS = 5000
"""Cards in the HTML page's per-card table at most (the page stays a file a browser opens)."""
TOP_PAIRS = 50
FAMILIES_LISTED = 10000
"""Families in the report at most, the largest first (a Hub dump has hundreds of thousands, most
with one derivative); ``family_count`` counts them all and ``--records`` has every card's root."""


class CardCensus(NamedTuple):
    """What the census needs from one card (picklable: it crosses from the worker processes)."""

    id: str | None
    root: str | None
    """Root of the first base model's chain; None for a card without base models."""
    root_license: str | None
    relation: str | None
    """The card's relation to its own base (stated, else inferred as the Hub shows it)."""
    parent: str | None
    license: str | None
    """The card's weights license, canonical when it resolves, else as stated."""
    dropped: bool
    open_claim: bool
    openwashing: bool
    completeness: int | None
    month: str | None
    is_open: bool
    missing: tuple[str, ...] = ()
    """The card template's sections the card does not fill (``Report.completeness``)."""
    from_dump: bool = False
    """Some base's license along the chain was read from that base's own card in the dump."""


def _root(lineage: tuple[LineageLink, ...]) -> LineageLink | None:
    """The end of the first chain: links of depth 1, 2, 3 ... as listed (depth first)."""
    if not lineage:
        return None
    root = lineage[0]
    for link in lineage[1:]:
        if link.depth != root.depth + 1:
            break
        root = link
    return root


def carries(declared_ids: set[str], license_id: str, compatible: tuple[str, ...]) -> bool:
    """Whether a derivative's licenses keep a base license's terms: that license, or one its text
    allows instead (LIC003's test)."""
    return license_id in declared_ids or bool(declared_ids & set(compatible))


def drops_terms(root_license: str | None, license_text: str | None) -> bool:
    """Whether a derivative under ``license_text`` drops the conditions of a root under
    ``root_license``. Unknown either side: not judged (False)."""
    if not root_license or not license_text:
        return False
    declared = resolve(license_text)
    if not declared.known:
        return False
    declared_ids = {info.id for info in declared.licenses}
    for info in resolve(root_license).licenses:
        terms = terms_for(info.id)
        if terms is not None and terms.relicense == "keep" and not carries(declared_ids, terms.license_id,
                                                                             terms.compatible):
            return True
    return False


def month_of(value: object) -> str | None:
    """``YYYY-MM`` of a dump's date column (ISO text, a datetime, or epoch seconds / ms)."""
    if isinstance(value, datetime | date):
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        seconds = value / 1000 if value > 1e11 else value
        try:
            moment = datetime.fromtimestamp(seconds)
        except (OverflowError, OSError, ValueError):
            return None
        return f"{moment.year:04d}-{moment.month:02d}"
    if isinstance(value, str) and len(value) >= 7 and value[:4].isdigit() and value[4] == "-" and \
            value[5:7].isdigit() and 1 <= int(value[5:7]) <= 12:
        return value[:7]
    return None


def _completeness(report: Report) -> tuple[int | None, tuple[str, ...]]:
    """(score, missing sections) of the report's completeness, when the analysis made one."""
    value = getattr(report, "completeness", None)
    if value is None:
        return None, ()
    score = getattr(value, "score", None)
    missing = tuple(getattr(value, "missing", ()) or ())
    return (int(score) if isinstance(score, int | float) else None), missing


def card_census(report: Report, release: Release, card_id: str | None, created: object = None) -> CardCensus:
    """One card's census facts, from its report (verdicts, lineage) and release (license, tags)."""
    lineage = report.lineage
    if lineage and card_id and lineage[0].model_id.strip().lower() == card_id.strip().lower():
        lineage = ()  # a card naming itself as its base is not a derivative
    root = _root(lineage)
    text = release.license
    if text and text.strip().lower() == "other" and release.license_name:
        text = release.license_name
    weights = release.artifacts.get("model-parameters-final")
    if weights is not None and weights.license:
        text = weights.license
    resolved = resolve(text) if text else None
    license_name = (resolved.canonical if resolved is not None and resolved.known and not resolved.unlicensed
                    else text)
    is_open = bool(resolved is not None and resolved.is_open)
    claim = report.claims.get("open_source")
    open_claim = bool(claim is not None and claim.value)
    meets = bool(report.osaid is not None and report.osaid.meets)
    score, missing = _completeness(report)
    relation = None
    if root is not None:
        stated = release.base_models[0].relation if release.base_models else None
        relation = stated or relation_of(
            CardLineage(None, tuple(b.id for b in release.base_models), None, release.model.library_name,
                        tuple(release.tags)), card_id or release.name)
    return CardCensus(
        card_id,
        root.model_id if root is not None else None,
        root.license if root is not None else None,
        relation,
        lineage[0].model_id if lineage else None,
        license_name,
        root is not None and drops_terms(root.license, text),
        open_claim,
        open_claim and (not meets or not is_open),
        score,
        month_of(created),
        is_open,
        missing,
        any(link.license_source == "dump" for link in lineage),
    )


_SLOT = {relation: slot for slot, relation in enumerate(RELATIONS)}


@dataclass(slots=True)
class _Family:
    root: str
    license: str | None
    counts: list[int] | str = ""
    """Derivatives by relation, in the order of ``RELATIONS``; while the family has a single
    derivative, that one's relation alone. A Hub dump has hundreds of thousands of families, most
    with one or two derivatives: a dictionary for each was most of the census's memory
    (benchmarks/PERFORMANCE.md)."""
    dropped: int = 0
    open_claims: int = 0
    openwashing: int = 0
    in_dump: bool = False

    def count(self, relation: Relation) -> None:
        """One more derivative of this relation (one of ``RELATIONS``)."""
        counts = self.counts
        if counts == "":
            self.counts = relation
            return
        if isinstance(counts, str):
            first, counts = counts, [0] * len(RELATIONS)
            counts[_SLOT[first]] = 1
            self.counts = counts
        counts[_SLOT[relation]] += 1

    @property
    def derivatives(self) -> dict[str, int]:
        """relation -> derivatives of the family, the most first (ties in ``RELATIONS`` order)."""
        counts = self.counts
        if isinstance(counts, str):
            return {counts: 1} if counts else {}
        found = [(RELATIONS[slot], n) for slot, n in enumerate(counts) if n]
        return dict(sorted(found, key=itemgetter(1), reverse=True))

    @property
    def size(self) -> int:
        """Derivatives of the family."""
        counts = self.counts
        return sum(counts) if isinstance(counts, list) else 1 if counts else 0


MONTH_FIELDS = ("cards", "derivatives", "dropped_terms", "open_source_claims", "openwashing")


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _bucket(low: int) -> str:
    """A completeness bucket's label: 0-9, ..., 80-89, 90-100."""
    return f"{low}-{low + 9 if low < 90 else 100}"


def _bump(counts: dict[Any, int], key: Any, n: int = 1) -> None:
    counts[key] = counts.get(key, 0) + n


@dataclass
class Census:
    """Counters over every card's ``CardCensus``; ``to_dict`` is the census part of ``--report``."""

    cards: int = 0
    derivatives: int = 0
    dropped: int = 0
    judged: int = 0
    """Derivatives whose root license and own license are both known (``dropped`` is judged)."""
    open_claims: int = 0
    openwashing: int = 0
    closed_license_claims: int = 0
    """Open-source claims of cards whose stated license is not open (no license, or a closed one)."""
    lineage: str = "table"
    """'dump' when chains were resolved through the dump's own cards, else 'table'."""
    families: dict[str, _Family] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    from_dump: int = 0
    """Derivatives with a base license read from that base's card in the dump (not the table)."""
    drift: dict[tuple[str, str], int] = field(default_factory=dict)
    completeness: dict[int, int] = field(default_factory=dict)
    missing: dict[str, int] = field(default_factory=dict)
    """Card-template section -> cards that do not fill it."""
    months: dict[str, list[int]] = field(default_factory=dict)
    """month -> [cards, derivatives, dropped, open claims, openwashing]."""
    table: list[tuple[Any, ...]] = field(default_factory=list)

    def add(self, facts: CardCensus, row: Any) -> None:
        """Count one card; ``row`` is the worker's summary row (source, MOF, OSAID, rules)."""
        self.cards += 1
        if facts.completeness is not None:
            _bump(self.completeness, min(facts.completeness // 10 * 10, 90))
            for section in facts.missing:
                _bump(self.missing, section)
        self.open_claims += facts.open_claim
        self.openwashing += facts.openwashing
        self.closed_license_claims += facts.open_claim and not facts.is_open
        month = self.months.setdefault(facts.month, [0, 0, 0, 0, 0]) if facts.month else None
        if month is not None:
            month[0] += 1
            month[3] += facts.open_claim
            month[4] += facts.openwashing
        if facts.root is not None:
            self.derivatives += 1
            key = facts.root.strip().lower()
            family = self.families.get(key)
            if family is None:
                license_text = facts.root_license
                family = self.families[key] = _Family(key if key == facts.root else facts.root,
                                                      intern(license_text) if license_text else license_text)
            family.count(facts.relation or "finetune")  # type: ignore[arg-type]
            _bump(self.relations, facts.relation or "finetune")
            self.from_dump += facts.from_dump
            family.dropped += facts.dropped
            family.open_claims += facts.open_claim
            family.openwashing += facts.openwashing
            self.dropped += facts.dropped
            if facts.root_license and facts.license and resolve(facts.license).known:
                self.judged += 1
            _bump(self.drift, (facts.root_license or "(unknown)", facts.license or "(none stated)"))
            if month is not None:
                month[1] += 1
                month[2] += facts.dropped
        if len(self.table) < TABLE_ROWS:
            self.table.append((facts.id or row.source, facts.root, facts.relation, facts.license, row.mof_label,
                               row.osaid, facts.completeness, facts.openwashing, facts.dropped, row.rules))

    def mark_roots(self, index: ModelIndex) -> None:
        """Note which family roots have a card of their own in the dump."""
        for family in self.families.values():
            entry = index.lookup(family.root)
            family.in_dump = entry is not None
            if entry is not None:
                family.root = entry.id  # as the dump spells it

    def family_list(self, most: int | None = None) -> list[dict[str, Any]]:
        """``{"root", "license", "derivatives": {relation: n}, "dropped_terms"}`` per family, largest
        first; the ``most`` largest."""
        out = []
        ranked = sorted(self.families.values(), key=lambda f: (-f.size, f.root.lower()))
        for family in ranked[:most if most is not None else FAMILIES_LISTED]:
            out.append({
                "root": family.root,
                "license": family.license or "(unknown)",
                "derivatives": family.derivatives,
                "dropped_terms": family.dropped,
                "open_source_claims": family.open_claims,
                "openwashing": family.openwashing,
                "root_in_dump": family.in_dump,
            })
        return out

    def to_dict(self) -> dict[str, Any]:
        families = self.family_list()
        drift = sorted(self.drift.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_PAIRS]
        washed = sorted((f for f in self.families.values() if f.openwashing),
                        key=lambda f: (-f.openwashing, f.root.lower()))[:TOP_PAIRS]
        washing = {f.root: {"claims": f.open_claims, "openwashing": f.openwashing} for f in washed}
        return {
            "lineage": self.lineage,
            "families": families,
            "family_count": len(self.families),
            "derivatives": {"cards": self.derivatives, "with_base_licenses_from_dump_cards": self.from_dump,
                            "by_relation": dict(sorted(self.relations.items(), key=itemgetter(1), reverse=True))},
            "dropped_terms": {"derivatives": self.dropped, "judged": self.judged,
                              "share": _share(self.dropped, self.judged),
                              "share_of_derivatives": _share(self.dropped, self.derivatives)},
            "openwashing": {"cards": self.openwashing, "open_source_claims": self.open_claims,
                            "share_of_claims": _share(self.openwashing, self.open_claims),
                            "share_of_cards": _share(self.openwashing, self.cards),
                            "license_not_open": self.closed_license_claims,
                            "license_not_open_share_of_claims": _share(self.closed_license_claims, self.open_claims),
                            "by_family": washing},
            "completeness": {_bucket(low): n for low, n in sorted(self.completeness.items())},
            "completeness_missing": dict(sorted(self.missing.items(), key=itemgetter(1), reverse=True)),
            "license_drift": [{"root_license": a, "derivative_license": b, "cards": n} for (a, b), n in drift],
            "months": {m: dict(zip(MONTH_FIELDS, v, strict=True)) for m, v in sorted(self.months.items())},
        }

    def text(self) -> Iterator[str]:
        """Census lines for the ``--summary`` on stderr."""
        data = self.to_dict()
        where = "dump" if self.lineage == "dump" else "known-models table"
        yield f"  lineage through the {where}: {self.derivatives} derivative(s) in {len(self.families)} family(ies)"
        if self.lineage == "dump":
            yield f"  base licenses read from the dump's own cards for {self.from_dump} derivative(s)"
        top = ", ".join(f"{f['root']} x{sum(f['derivatives'].values())}" for f in data["families"][:5])
        if top:
            yield f"  largest families: {top}"
        dropped = data["dropped_terms"]
        yield (f"  dropped the root's terms: {dropped['derivatives']} of {dropped['judged']} judged derivative(s)"
               f" ({dropped['share'] * 100:.1f}%)")
        washing = data["openwashing"]
        yield (f"  openwashing: {washing['cards']} of {washing['open_source_claims']} open-source claim(s)"
               f" ({washing['share_of_claims'] * 100:.1f}%); {washing['license_not_open']} of them under a license"
               f" that is not open ({washing['license_not_open_share_of_claims'] * 100:.1f}%)")
        if data["completeness"]:
            yield "  completeness: " + ", ".join(f"{band} x{n}" for band, n in data["completeness"].items())
