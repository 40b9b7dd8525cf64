"""Reader for release manifests (``modelcard.yaml``): the document is the release as written."""

from __future__ import annotations

from modelcards.readers.located_yaml import LocatedDocument
from modelcards.readers.validation import validate_located
from modelcards.schema import Release


def manifest(doc: LocatedDocument) -> Release:
    """The release a loaded manifest states; InputError with every problem located otherwise."""
    return validate_located(Release, doc)
