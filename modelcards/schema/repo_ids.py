"""The syntax of a Hugging Face Hub repository id (``org/name``, or a legacy ``name``), defined
once for every layer that judges ids: the HUB rules that report a bad ``base_model`` or
``datasets`` entry, the openness facts that take a dataset's Hub id as its location, and the card
reader that takes a dump row's id as the card's repository."""

from __future__ import annotations

import re

# huggingface_hub.utils._validators.REPO_ID_REGEX and the checks of validate_repo_id (2.x), copied
# so that checking a card does not import huggingface_hub and its HTTP stack (start-up:
# benchmarks/PERFORMANCE.md); tests/test_hub_rules.py compares them on many ids.
REPO_ID = re.compile(r"(\b[\w\-.]{1,96}\b/)?\b[\w\-.]{1,96}\b", re.ASCII)


def repo_id_problem(value: str) -> str | None:
    """Why ``value`` is not a Hub repository id, as huggingface_hub's ``validate_repo_id`` says it, or None."""
    if value.count("/") > 1:
        return "Repo id must be in the form 'repo_name' or 'namespace/repo_name'"
    if not REPO_ID.fullmatch(value):
        return ("Repo id must use alphanumeric chars, '-', '_' or '.'; the name cannot start or end with "
                "'-' or '.' and the maximum length is 96")
    if "--" in value or ".." in value:
        return "Cannot have -- or .. in repo_id"
    if value.endswith(".git"):
        return "Repo_id cannot end by '.git'"
    return None
