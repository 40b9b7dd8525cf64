"""``modelcard.json``: the release as validated plus the report, one self-contained document."""

from __future__ import annotations

import json
from typing import Any

from modelcards.report import Report
from modelcards.schema import Release


def modelcard_document(release: Release, report: Report) -> dict[str, Any]:
    return {
        "format_version": 1,
        "generator": "modelcards",
        "release": release.model_dump(mode="json", exclude_none=True),
        "report": report.to_dict(),
    }


def modelcard_json(release: Release, report: Report) -> str:
    return json.dumps(modelcard_document(release, report), indent=2, ensure_ascii=False) + "\n"
