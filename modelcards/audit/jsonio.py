"""JSON in and out of a batch audit: dump lines read, one ``check --format json`` object written
per card. orjson when installed (``modelcards-release[fast]``), the standard library otherwise;
both give the same JSON values."""

from __future__ import annotations

import dataclasses
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


def encode_report(report: Report, *, openness: bytes | None = None, card_id: str | None = None) -> bytes:
    """One JSONL record: ``encode_json(report.to_dict())`` as UTF-8 with its newline, led by
    ``"id"`` for a dump row with an id (``card_id``).

    ``openness``: ``openness_json(report)`` when the caller has it already (the audit analyzer
    shares it between reports with the same verdicts); it is spliced in as it is, and every
    other key comes from ``report.to_dict()``, so a record is always the ``check`` object."""
    if _orjson is None:
        return (encode_json(_with_id(report.to_dict(), card_id)) + "\n").encode("utf-8")
    if openness is None:
        return _orjson.dumps(_with_id(report.to_dict(), card_id), option=_orjson.OPT_APPEND_NEWLINE)
    data = _with_id(dataclasses.replace(report, mof=None, osaid=None, eosai={}).to_dict(), card_id)
    data["openness"] = _orjson.Fragment(openness)
    return _orjson.dumps(data, option=_orjson.OPT_APPEND_NEWLINE)
