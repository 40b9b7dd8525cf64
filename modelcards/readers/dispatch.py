"""Recognise a source by its content and read it into a Release."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from modelcards.readers import hub_card as hf_card
from modelcards.readers.located_yaml import LocatedDocument, check_size, load_text, read_text
from modelcards.schema import Release

SourceKind = Literal["manifest", "hf-card", "mot"]


@dataclass
class Source:
    path: str
    kind: SourceKind
    release: Release
    document: LocatedDocument | None = None

    @property
    def locator(self) -> Callable[[tuple[object, ...]], tuple[int | None, int | None]] | None:
        """``locate`` where it can place paths on lines, None otherwise: analysis then gives every
        release with the same memo key the same findings instead of locating each anew."""
        return self.locate if self.document is not None and self.kind == "manifest" else None

    def locate(self, loc: tuple[object, ...]) -> tuple[int | None, int | None]:
        """Line and column of a manifest path; only manifests map paths to their own lines."""
        if self.locator is None:
            return None, None
        return self.document.locate(tuple(loc))  # type: ignore[arg-type, union-attr]


def read_source_text(text: str, path: str, *, markdown: bool | None = None, read_only: bool = False,
                     document: LocatedDocument | None = None) -> Source:
    """``markdown``: the text is a Markdown card (README.md) even without front matter; by
    default decided from the ``.md`` suffix of ``path`` or a leading ``---``. ``read_only``: the
    caller never edits the release (see ``hf_card.release_from_card``). ``document``: ``text``
    already loaded as YAML (audits load walked YAML once to tell cards from other files)."""
    check_size(len(text), path, "card")  # files were checked on reading; text from dumps is checked here
    if hf_card.is_markdown_card(text, path, markdown):
        release, doc = hf_card.release_from_card(text, path, read_only=read_only)
        return Source(path, "hf-card", release, doc)
    doc = document if document is not None else load_text(text, path)
    from modelcards.readers import mot

    if mot.looks_like_mot(doc.data):
        return Source(path, "mot", mot.release_from_mot(doc), doc)
    from modelcards.readers.validation import validate_located

    return Source(path, "manifest", validate_located(Release, doc), doc)


def read_source(path: str) -> Source:
    return read_source_text(read_text(path), path)
