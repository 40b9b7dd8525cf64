"""JSON in and out of a batch audit: dump lines read, one ``check --format json`` object written
per card. orjson when installed (``modelcards-release[fast]``), the standard library otherwise;
both give the same JSON values."""

from __future__ import annotations

import json
from typing import Any

from modelcards.analysis import BoundedMemo
from modelcards.report import Report

try:
    import orjson as _orjson
except ImportError:  # optional speed-up
    _orjson = None  # type: ignore[assignment]


def decode_line(line: bytes) -> object:
    """One JSON value from one dump line. orjson reads the bytes as they are (a third the time of
    ``json.loads`` per line). Whatever it refuses (invalid UTF-8, NaN) goes to the standard
    library, which reads the line as UTF-8 with bad bytes replaced, as the text of a file would
    be, and accepts it or raises the error the user sees."""
    if _orjson is not None:
        try:
            return _orjson.loads(line)
        except _orjson.JSONDecodeError:
            pass
    return json.loads(line.decode("utf-8", errors="replace"))


def encode_json(data: dict[str, Any]) -> str:
    """One compact-enough JSON line (a fifth of a batch audit's time goes to encoding without
    orjson). Only the spacing differs between the two encoders."""
    if _orjson is not None:
        return _orjson.dumps(data).decode("utf-8")
    return json.dumps(data, ensure_ascii=False)


def encode_report(report: Report, *, shared_openness: bool = False) -> bytes:
    """One JSONL record: ``encode_json(report.to_dict())`` as UTF-8 with its newline. orjson
    serialises the findings (dataclasses, fields in the order of ``Finding.to_dict``) itself,
    without a dict per finding, and its bytes go to the output as they are: decoding them to
    text only for the output to encode them again was a third of writing a record.

    ``shared_openness``: the report's openness object is the analysis memo's, shared by every
    report with the same verdicts and never edited (``analyze(..., shared_openness=True)``); its
    JSON, most of a record, is then made once and reused."""
    if _orjson is None:
        return (encode_json(report.to_dict()) + "\n").encode("utf-8")
    if not shared_openness:
        data = {"source": report.source, "findings": report.findings, "openness": report.openness}
        return _orjson.dumps(data, option=_orjson.OPT_APPEND_NEWLINE)
    head = _orjson.dumps({"source": report.source, "findings": report.findings})
    return b"".join((head[:-1], b',"openness":', _shared_json(report.openness), b"}\n"))


_SHARED: BoundedMemo[tuple[dict[str, Any], bytes]] = BoundedMemo()
"""id -> (shared openness object, its JSON). An entry holds its object, so no other object can
have that id while the entry lives."""


def _shared_json(openness: dict[str, Any]) -> bytes:
    return _SHARED.get(id(openness), lambda: (openness, _orjson.dumps(openness)))[1]
