"""JSON in and out of a batch audit: dump lines read, one ``check --format json`` object written
per card. orjson when installed (``modelcards-release[fast]``), the standard library otherwise;
both give the same JSON values."""

from __future__ import annotations

import json
from typing import Any

from modelcards.report import Report

try:
    import orjson as _orjson
except ImportError:  # optional speed-up
    _orjson = None  # type: ignore[assignment]


def decode_line(line: bytes) -> object:
    """One JSON value from one dump line. orjson reads the bytes as they are. Whatever it refuses
    (invalid UTF-8, NaN) goes to the standard library, which reads the line as UTF-8 with bad
    bytes replaced, as the text of a file would be, and accepts it or raises the error the user
    sees."""
    if _orjson is not None:
        try:
            return _orjson.loads(line)
        except _orjson.JSONDecodeError:
            pass
    return json.loads(line.decode("utf-8", errors="replace"))


def encode_json(data: dict[str, Any]) -> str:
    """One JSON line. Only the spacing differs between the two encoders."""
    if _orjson is not None:
        return _orjson.dumps(data).decode("utf-8")
    return json.dumps(data, ensure_ascii=False)


def openness_json(report: Report) -> bytes:
    """The ``openness`` object of ``report.to_dict()`` as JSON bytes."""
    if _orjson is not None:
        return _orjson.dumps(report.openness_dict())
    return json.dumps(report.openness_dict(), ensure_ascii=False).encode("utf-8")


def _with_id(data: dict[str, Any], card_id: str | None) -> dict[str, Any]:
    return {"id": card_id, **data} if card_id is not None else data


class OpennessPieces:
    """``openness_json`` of the reports that share one memoised openness verdict, cut at its
    components: each card's own evidence is spliced into the shared pieces, so a card whose
    components carry evidence (lines in that card) pays for encoding its evidence alone.
    Needs orjson: its output is compact, so a JSON value's bytes are the same alone or inside
    another (the standard library's spacing is not)."""

    __slots__ = ("closed", "components", "head", "plain", "tail")

    def __init__(self, report: Report) -> None:
        dumps = _orjson.dumps
        openness = report.openness_dict()
        self.plain: bytes = dumps(openness)
        """The whole object, for a card whose components carry no evidence."""
        mof = openness["mof"]
        components = mof.pop("components")
        self.head: bytes = b'{"mof":' + dumps(mof)[:-1] + b',"components":{'
        self.components: tuple[bytes, ...] = tuple(dumps(cid) + b":" + dumps(value)[:-1]
                                                   for cid, value in components.items())
        """Each component as ``"id":{"status":...,"license":...`` (left open for its evidence)."""
        self.closed: tuple[bytes, ...] = tuple(piece + b"}" for piece in self.components)
        """Each component closed, for a component without evidence of its own."""
        self.tail: bytes = b'}},"osaid":' + dumps(openness["osaid"]) + b',"eosai":' + dumps(openness["eosai"]) + b"}"

    def with_evidence(self, report: Report) -> bytes:
        """``openness_json(report)`` for a report whose verdict is this one's plus its own evidence."""
        dumps = _orjson.dumps
        parts = [piece + b',"evidence":' + dumps(c.evidence) + b"}" if c.evidence else closed
                 for piece, closed, c in zip(self.components, self.closed, report.mof.components,  # type: ignore[union-attr]
                                             strict=True)]
        return self.head + b",".join(parts) + self.tail


def spliced_openness(report: Report) -> bool:
    """Whether ``OpennessPieces`` can encode this report's verdicts (orjson, and a MOF verdict)."""
    return _orjson is not None and report.mof is not None


def _record(report: Report, openness: bytes, card_id: str | None) -> dict[str, Any]:
    """``_with_id(report.to_dict(), card_id)`` with ``openness`` spliced in, for orjson: the
    findings, claims and completeness go as the dataclasses they are, which orjson writes as
    their fields in order, the very keys and values of their ``to_dict``."""
    data: dict[str, Any] = {"id": card_id, "source": report.source} if card_id is not None else \
        {"source": report.source}
    if report.name is not None:
        data["name"] = report.name
    if report.claims:
        data["claims"] = dict(report.claims)
    data["findings"] = report.findings
    data["openness"] = _orjson.Fragment(openness)
    if report.completeness is not None:
        data["completeness"] = report.completeness
    return data


def encode_report(report: Report, *, openness: bytes | None = None, card_id: str | None = None) -> bytes:
    """One JSONL record: ``encode_json(report.to_dict())`` as UTF-8 with its newline, led by
    ``"id"`` for a dump row with an id (``card_id``).

    ``openness``: ``openness_json(report)`` when the caller has it already (the audit analyzer
    shares it between reports with the same verdicts); it is spliced in as it is, and every
    other key is what ``report.to_dict()`` holds, so a record is always the ``check`` object."""
    if _orjson is None:
        return (encode_json(_with_id(report.to_dict(), card_id)) + "\n").encode("utf-8")
    if openness is None:
        return _orjson.dumps(_with_id(report.to_dict(), card_id), option=_orjson.OPT_APPEND_NEWLINE)
    return _orjson.dumps(_record(report, openness, card_id), option=_orjson.OPT_APPEND_NEWLINE)
