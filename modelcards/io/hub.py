"""Hub look-ups the user asked for (``--online``): licenses of base models that the release
does not state and the sourced table does not know.

This is the only module that touches the network, and only through huggingface_hub, which
honours ``HF_ENDPOINT`` (so tests and mirrors can stand in for the Hub). It runs before
``analyze``: it returns a new Release with the looked-up licenses filled in, so analysis
stays a pure function.
"""

from __future__ import annotations

import os

from modelcards.licenses.obligations import known_model
from modelcards.schema import Release


def _hub_license(model_id: str, endpoint: str | None) -> str | None:
    from huggingface_hub import HfApi
    from huggingface_hub.errors import HfHubHTTPError

    try:
        info = HfApi(endpoint=endpoint).model_info(model_id)
    except (HfHubHTTPError, OSError, ValueError):
        return None
    card = info.card_data
    license_value = getattr(card, "license", None) if card is not None else None
    if license_value == "other" and card is not None and getattr(card, "license_name", None):
        license_value = card.license_name
    if not license_value:
        tags = [t for t in (info.tags or []) if t.startswith("license:")]
        license_value = tags[0].split(":", 1)[1] if tags else None
    return str(license_value) if license_value else None


def fill_base_licenses(release: Release) -> tuple[Release, list[str]]:
    """(release with Hub licenses for unknown bases, notes on what was looked up)."""
    endpoint = os.environ.get("HF_ENDPOINT")
    notes: list[str] = []
    bases = []
    for base in release.base_models:
        if base.license or known_model(base.id):
            bases.append(base)
            continue
        found = _hub_license(base.id, endpoint)
        if found:
            notes.append(f"base model {base.id}: license {found!r} from the Hub")
            bases.append(base.model_copy(update={"license": found}))
        else:
            notes.append(f"base model {base.id}: no license found on the Hub")
            bases.append(base)
    return release.model_copy(update={"base_models": bases}), notes
