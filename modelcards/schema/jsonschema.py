"""JSON Schema of the manifest, generated from the pydantic models.

``schemas/release.schema.json`` is this output; a test fails when they drift apart.
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


def installed_schema_uri() -> str:
    """file:// URI of the schema shipped with the package (for editors' $schema lines)."""
    from importlib import resources
    from pathlib import Path

    path = Path(str(resources.files("modelcards").joinpath("schemas").joinpath("release.schema.json")))
    if not path.exists():  # running from a source checkout
        path = Path(__file__).resolve().parents[2] / "schemas" / "release.schema.json"
    return path.as_uri()
