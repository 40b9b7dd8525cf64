"""JSON Schemas of the manifest and of ``modelcard.json``, generated from the pydantic models.

``schemas/release.schema.json`` and ``schemas/modelcard.schema.json`` are this output (regenerate
with ``python -m modelcards.schema.json_schema``); a test fails when they drift apart.
"""

from __future__ import annotations

import json
from typing import Any

from modelcards.schema.release import Release


def release_json_schema() -> dict[str, Any]:
    schema = Release.model_json_schema(mode="validation")
    schema["title"] = "modelcards release manifest"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def release_json_schema_text() -> str:
    return json.dumps(release_json_schema(), indent=2, ensure_ascii=False) + "\n"


def modelcard_json_schema() -> dict[str, Any]:
    """Schema of ``modelcard.json``: the release plus the report of DESIGN.md's JSON contract."""
    from modelcards.schema.report_json import ModelCardDocument

    schema = ModelCardDocument.model_json_schema(mode="serialization", by_alias=True)
    schema["title"] = "modelcards modelcard.json"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def modelcard_json_schema_text() -> str:
    return json.dumps(modelcard_json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schemas(directory: str) -> list[str]:
    """Regenerate ``release.schema.json`` and ``modelcard.schema.json`` in ``directory``."""
    from pathlib import Path

    written = []
    for name, text in (("release.schema.json", release_json_schema_text()),
                       ("modelcard.schema.json", modelcard_json_schema_text())):
        path = Path(directory) / name
        path.write_text(text, encoding="utf-8")
        written.append(str(path))
    return written


if __name__ == "__main__":  # python -m modelcards.schema.json_schema [schemas]
    import sys

    for written_path in write_schemas(sys.argv[1] if len(sys.argv) > 1 else "schemas"):
        print(f"wrote {written_path}")
