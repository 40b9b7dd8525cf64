"""One dispatcher for every source: recognise a manifest, a Hugging Face card or a MOT record by
its content, read it with that kind's reader, and hand back one ``Source``.

``read`` and ``read_text`` serve ``check``, ``render``, ``audit``, ``modelcards.load`` and the docs
plugin; ``read_import`` serves ``import``, which also takes ``hf:org/name`` and refuses what is
neither a card nor a MOT record (a manifest needs no import).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from modelcards.errors import InputError
from modelcards.readers.front_matter import is_markdown_card
from modelcards.readers.located_yaml import LocatedDocument, check_size, load_text
from modelcards.readers.located_yaml import read_text as read_file_text
from modelcards.schema import Release

if TYPE_CHECKING:
    from modelcards.readers.hub_card import HubCard

SourceKind = Literal["manifest", "hf-card", "mot"]
Locate = Callable[[tuple[object, ...]], tuple[int | None, int | None]]


@dataclass(frozen=True)
class Source:
    """A source read into a Release, with what it takes to point at the source's own lines."""

    path: str
    kind: SourceKind
    release: Release
    document: LocatedDocument | None = None
    """The YAML the release was read from: the manifest or MOT record, or a card's front matter."""
    card: HubCard | None = None
    """The split card, for a Hugging Face card: body sections, links, code blocks, text."""

    @property
    def locator(self) -> Locate | None:
        """``locate`` where this source can place release paths on its lines (manifests and
        cards), None otherwise (MOT records)."""
        return self.locate if self.kind != "mot" and self.document is not None else None

    def locate(self, loc: tuple[object, ...]) -> tuple[int | None, int | None]:
        """Line and column of a release path: a manifest's own path; for a card, the front-matter
        key (or item) it was read from, the title line for the name, a section's heading line for
        card text; (None, None) where the source does not state it."""
        if self.kind == "manifest" and self.document is not None:
            return self.document.locate(tuple(loc))  # type: ignore[arg-type]
        if self.card is not None:
            return self.card.locate(tuple(loc))
        return None, None


def sniff(text: str, path: str, *, markdown: bool | None = None,
          document: LocatedDocument | None = None) -> tuple[SourceKind, LocatedDocument | None]:
    """(kind, loaded YAML) of a source: a card by its ``.md`` name or front matter (``markdown``
    when the caller knows), else a MOT record or a manifest by the YAML's keys."""
    if is_markdown_card(text, path, markdown):
        return "hf-card", None
    doc = document if document is not None else load_text(text, path)
    from modelcards.readers.mot import looks_like_mot

    return ("mot" if looks_like_mot(doc.data) else "manifest"), doc


def read_text(text: str, path: str, *, markdown: bool | None = None,
              document: LocatedDocument | None = None, repository: str | None = None) -> Source:
    """The Source of ``text`` read from ``path``. ``markdown``: the text is a Markdown card even
    without front matter (a dump's card column). ``document``: ``text`` already loaded as YAML
    (audits load walked YAML once to tell cards from other files). ``repository``: the Hub
    repository (``org/name``) a card comes from, when the caller knows it (a dump row's id): the
    card's ``hf_repo``, the name and organisation the Hub shows."""
    check_size(len(text), path, "card")  # files were checked on reading; text from dumps is checked here
    kind, doc = sniff(text, path, markdown=markdown, document=document)
    if kind == "hf-card":
        from modelcards.readers.hub_card import read_card

        release, card = read_card(text, path, repository)
        return Source(path, kind, release, card.front_matter, card)
    assert doc is not None
    if kind == "mot":
        from modelcards.readers.mot import release_from_mot

        return Source(path, kind, release_from_mot(doc), doc)
    from modelcards.readers.manifest import manifest

    return Source(path, kind, manifest(doc), doc)


def read(path: str) -> Source:
    """The Source of a file: a card also takes in the Hub's ``.eval_results/*.yaml`` beside it."""
    return with_eval_results(read_text(read_file_text(path), path))


def with_eval_results(source: Source) -> Source:
    """A card's source with the evaluation results of the ``.eval_results/*.yaml`` files next to
    it added after its model-index results (``readers/eval_results.py``); any other source as it is."""
    if source.kind != "hf-card":
        return source
    from modelcards.readers.eval_results import merged, read_eval_results

    entries = read_eval_results(source.path)
    if not entries:
        return source
    from modelcards.schema import EvalResult

    held = [r.model_dump() for r in source.release.evaluation]
    evaluation = [EvalResult.model_validate(r) for r in merged(held, entries)]
    return replace(source, release=source.release.model_copy(update={"evaluation": evaluation}))


Download = Callable[[str], tuple[str, str]]
"""``org/name`` -> (the card's text, where it came from): ``modelcards.hub.download_card``,
passed by the front end, as readers do no network I/O."""


def read_import(src: str, *, download: Download | None = None) -> Source:
    """The Source behind ``modelcards import SRC``: ``hf:org/name`` (through ``download``), or a
    card or MOT record on disk. A manifest, or YAML that is neither, is refused with a located
    message."""
    if src.startswith("hf:"):
        if download is None:
            raise InputError.single("reading a Hub repository needs the Hub: use `modelcards import`", src)
        text, origin = download(src[3:])
    else:
        return with_eval_results(_imported(read_file_text(src), src))
    return _imported(text, origin, src[3:].strip("/"))  # the repository it came from: the name the Hub shows


def _imported(text: str, origin: str, repository: str | None = None) -> Source:
    kind, doc = sniff(text, origin)
    if kind == "manifest":
        raise InputError.single("not a Hugging Face README.md or a Model Openness Tool YAML file", origin, 1, 1)
    return read_text(text, origin, document=doc, repository=repository)


# Names the callers outside the readers still use.
read_source = read
read_source_text = read_text


def import_text(text: str, path: str) -> Release:
    return _imported(text, path).release
