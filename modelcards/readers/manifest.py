"""Reader for release manifests (``modelcard.yaml``)."""

from __future__ import annotations

from modelcards.readers.located_yaml import LocatedDocument, load_text, read_text
from modelcards.readers.validation import validate_located
from modelcards.schema import Release


def parse_manifest(text: str, path: str) -> tuple[Release, LocatedDocument]:
    """Validate manifest text; the located document lets later checks point at lines."""
    doc = load_text(text, path)
    return validate_located(Release, doc), doc


def load_manifest(path: str) -> Release:
    release, _ = parse_manifest(read_text(path), path)
    return release
