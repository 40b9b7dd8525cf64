"""The audit's analyzer: ``modelcards.analysis`` with its two fact-determined parts memoised.

Batch audits meet the same license combinations card after card. The openness part and the
license part of an analysis are each a function of one frozen facts object
(``OpennessFacts``, ``LicenseFacts``), so they are memoised on it, bounded; the rules that need
the whole Release still run for every card, and every hit is placed in the card's own source.
The memos belong to one analyzer instance (one audit run, one worker process). The report is
the one ``analysis.analyze`` gives; ``AuditRecord`` also carries the JSON of the verdicts, made
once per memo entry.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

from modelcards.analysis import LicensePart, Locate, OpennessPart, SourceLike, assemble, subject_of
from modelcards.audit.jsonio import OpennessPieces, openness_json, spliced_openness
from modelcards.licenses.license_facts import LicenseFacts
from modelcards.openness.openness_facts import OpennessFacts
from modelcards.report import Report
from modelcards.schema import Release

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedMemo(Generic[K, V]):
    """A dict that forgets everything when full: audits meet few distinct keys, so a simple
    reset bounds memory without an LRU's bookkeeping on every hit."""

    def __init__(self, compute: Callable[[K], V], size: int) -> None:
        self.compute = compute
        self.size = size
        self.entries: dict[K, V] = {}

    def get(self, key: K) -> V:
        value = self.entries.get(key)
        if value is None:
            value = self.compute(key)
            if len(self.entries) >= self.size:
                self.entries.clear()
            self.entries[key] = value
        return value


class _OpennessEntry:
    """A memoised openness part and, once a record has asked for it, the JSON of its verdicts."""

    __slots__ = ("json", "part", "pieces")

    def __init__(self, facts: OpennessFacts) -> None:
        self.part = OpennessPart.of(facts)
        self.json: bytes | None = None
        self.pieces: OpennessPieces | None = None


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One card's report, and the way to its verdicts' JSON shared with every card of equal facts."""

    report: Report
    entry: _OpennessEntry

    def openness_json(self) -> bytes:
        """``report.to_dict()["openness"]`` as JSON bytes: made once per memo entry; a card whose
        components carry evidence of their own (lines in this card), which no other card shares,
        gets that evidence spliced into the entry's pieces (``jsonio.OpennessPieces``)."""
        report = self.report
        if not any(c.evidence for c in report.mof.components):  # type: ignore[union-attr]
            entry = self.entry
            if entry.json is None:
                entry.json = openness_json(report)
            return entry.json
        if not spliced_openness(report):
            return openness_json(report)
        pieces = self.entry.pieces
        if pieces is None:
            part = self.entry.part
            pieces = self.entry.pieces = OpennessPieces(Report("", mof=part.mof, osaid=part.osaid, eosai=part.eosai))
        return pieces.with_evidence(report)


class CachedAnalyzer:
    """``analyze`` for audits: the same reports, with the fact-determined parts memoised."""

    def __init__(self, size: int = 4096) -> None:
        self._openness: BoundedMemo[OpennessFacts, _OpennessEntry] = BoundedMemo(_OpennessEntry, size)
        self._licenses: BoundedMemo[LicenseFacts, LicensePart] = BoundedMemo(LicensePart.of, size)

    def record(self, subject: Release | SourceLike, *, source: str | None = None,
               locate: Locate | None = None) -> AuditRecord:
        release, name, locate = subject_of(subject, source, locate)
        entry = self._openness.get(OpennessFacts.of(release))
        report = assemble(release, entry.part, self._licenses.get(LicenseFacts.of(release)), source=name,
                          locate=locate)
        return AuditRecord(report, entry)

    def analyze(self, subject: Release | SourceLike, *, source: str | None = None,
                locate: Locate | None = None) -> Report:
        """Exactly ``modelcards.analysis.analyze(subject, source=source, locate=locate)``."""
        return self.record(subject, source=source, locate=locate).report
