"""``ModelCardData(...).to_dict()`` of huggingface_hub for front matter without evaluation results,
made without importing huggingface_hub (whose import, with its logging, locking and HTTP set-up,
costs a render more than writing the front matter does).

Without evaluation results, ``to_dict`` is a deep copy of the constructor's fields in its order
(``base_model`` ... ``tags``) with the unset ones left out and the tags made unique in order.
Evaluation results take more (checked, then written as a ``model-index``), so front matter with
them is left to huggingface_hub itself (``frontmatter.card_metadata``).
"""

from __future__ import annotations

import copy
from typing import Any

FIELDS = ("base_model", "datasets", "eval_results", "language", "library_name", "license", "license_name",
          "license_link", "metrics", "model_name", "pipeline_tag", "tags")
"""ModelCardData's fields, in the order its constructor sets them (and ``to_dict`` writes them)."""


def _unique(tags: list[str] | str | None) -> list[str] | None:
    if tags is None:
        return None
    unique: list[str] = []
    for tag in [tags] if isinstance(tags, str) else tags:
        if tag not in unique:
            unique.append(tag)
    return unique


def card_data_dict(**fields: Any) -> dict[str, Any]:
    """``ModelCardData(**fields).to_dict()``, for ``fields`` among ``FIELDS`` without evaluation results."""
    if fields.get("eval_results") or set(fields) - set(FIELDS):
        raise ValueError("evaluation results and other fields are huggingface_hub's to write")
    values = dict.fromkeys(FIELDS)
    values.update(fields)
    values["tags"] = _unique(values["tags"])
    return {key: copy.deepcopy(value) for key, value in values.items() if value is not None}
