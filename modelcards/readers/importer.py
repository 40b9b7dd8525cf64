"""``modelcards import SRC``: a Hugging Face README, a MOT YAML file, or ``hf:org/name`` into a Release."""

from __future__ import annotations

from modelcards.errors import InputError
from modelcards.readers.located_yaml import load_text, read_text
from modelcards.schema import Release


def import_text(text: str, path: str) -> Release:
    from modelcards.readers import hub_card as hf_card
    from modelcards.readers import mot

    if hf_card.is_markdown_card(text, path):
        from modelcards.readers.card_body import release_from_readme

        return release_from_readme(text, path)
    doc = load_text(text, path)
    if mot.looks_like_mot(doc.data):
        return mot.release_from_mot(doc)
    raise InputError.single("not a Hugging Face README.md or a Model Openness Tool YAML file", path, 1, 1)


def import_source(src: str) -> tuple[Release, str]:
    """(release, where it came from)."""
    if src.startswith("hf:"):
        from modelcards.hub import download_card

        text, origin = download_card(src[3:])
        return import_text(text, origin), origin
    return import_text(read_text(src), src), src
