"""``modelcard.json``: the release as validated plus the report, one self-contained document.

The file is strict JSON (RFC 8259), which has no NaN or Infinity: a manifest may still hold them
(YAML's ``.nan`` and ``.inf``, say in an evaluation value or under ``extra``), and they are written
as ``null``, the value JSON parsers and the schema's "number or null" fields take as "no number".
Writing them is chosen over refusing the render because the value is no measurement anyway, and
the manifest stays as the user wrote it; ``json_text`` (``allow_nan=False``) guarantees no other
non-finite number gets through.
"""

from __future__ import annotations

import math
from typing import Any

from modelcards.renderers.json_text import json_bytes
from modelcards.report import Report
from modelcards.schema import Release


def finite(value: Any) -> Any:
    """``value`` with every NaN and infinite float (at any depth) replaced by None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(item) for item in value]
    return value


def modelcard_document(release: Release, report: Report) -> dict[str, Any]:
    return finite({
        "format_version": 1,
        "generator": "modelcards",
        "release": release.model_dump(mode="json", exclude_none=True),
        "report": report.to_dict(),
    })


def modelcard_json_bytes(release: Release, report: Report) -> bytes:
    """``modelcard.json`` as written to disk."""
    return json_bytes(modelcard_document(release, report))


def modelcard_json(release: Release, report: Report) -> str:
    return modelcard_json_bytes(release, report).decode("utf-8")
