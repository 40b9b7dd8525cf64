"""Reader for Hugging Face model cards (README.md with YAML front matter).

Card metadata keys follow huggingface_hub's ModelCardData
(https://huggingface.co/docs/hub/model-cards#model-card-metadata). The front matter is
found with the same pattern huggingface_hub uses (``huggingface_hub.repocard.REGEX_YAML_BLOCK``)
and parsed by the located YAML loader so errors point at the README's own lines.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

from pydantic import ValidationError

from modelcards.errors import InputError
from modelcards.readers.located_yaml import LocatedDocument, load_fast
from modelcards.schema import Release

# Same pattern as huggingface_hub.repocard.REGEX_YAML_BLOCK (huggingface_hub 2.x; a test checks
# they agree); importing huggingface_hub here would cost ~0.3 s of start-up for one expression.
FRONT_MATTER = re.compile(r"^(\s*---(?:\r\n|\r|\n))([\S\s]*?)((?:\r\n|\r|\n)---[ \t]*(\r\n|\n|$))")
_OPENING = re.compile(r"\s*---(\r\n|\r|\n)")
_FENCE_END = re.compile(r"[ \t]*(\r\n|\n|$)")
_CLOSING = re.compile(r"(?:\r\n|\r|\n)---" + _FENCE_END.pattern)


class FrontMatter(NamedTuple):
    """Where a card's front matter is: the same spans as ``FRONT_MATTER``'s groups (a tuple:
    built once per card in batch audits, where a frozen dataclass costs several times more)."""

    opening: str
    """Text up to and including the opening ``---`` line, group 1."""
    data: str
    """The YAML between the fences, group 2."""
    end: int
    """Where the body starts."""


def find_front_matter(text: str) -> FrontMatter | None:
    """What ``FRONT_MATTER.search(text)`` finds, in a fraction of the time: the pattern's lazy
    ``[\\S\\s]*?`` tries the closing fence after every character, where one scan finds it.

    The pattern's only backtracking that changes a result: when no closing fence follows an
    opening line ended by ``\\r\\n``, the opening is retried as ended by ``\\r`` alone, so a fence
    right after it closes an empty front matter. Tests compare both on generated texts."""
    opening = _OPENING.match(text)
    if opening is None:
        return None
    start = opening.end()
    closing = _closing_fence(text, start)
    if closing is not None:
        return FrontMatter(text[:start], text[start:closing[0]], closing[1])
    if opening.group(1) == "\r\n":
        closing = _CLOSING.match(text, start - 1)
        if closing is not None:
            return FrontMatter(text[:start - 1], "", closing.end())
    return None


def _closing_fence(text: str, start: int) -> tuple[int, int] | None:
    """The span of ``_CLOSING.search(text, start)``, found by looking for ``---`` with ``str.find``
    (the pattern's leading alternation makes ``re`` try every position): a fence preceded by a
    line break at or after ``start`` and followed by ``_FENCE_END``. The match starts at that line
    break, or at the ``\r`` before it when the break is ``\r\n``, as the pattern tries ``\r\n``
    first; fences are met in order, so the first that fits is the leftmost match."""
    fence = text.find("---", start)
    while fence != -1:
        brk = fence - 1
        if brk >= start and text[brk] in "\r\n":
            tail = _FENCE_END.match(text, fence + 3)
            if tail is not None:
                if text[brk] == "\n" and brk > start and text[brk - 1] == "\r":
                    brk -= 1
                return brk, tail.end()
        fence = text.find("---", fence + 1)
    return None


_TITLE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)

_MAPPED = {"license", "license_name", "license_link", "base_model", "base_model_relation", "datasets",
           "language", "pipeline_tag", "library_name", "tags"}
_RELATIONS = {"finetune", "adapter", "quantized", "merge", "distillation"}
_TEXT_ONLY = {"license_name", "license_link", "pipeline_tag", "library_name", "base_model_relation"}


def _fits(key: str, value: Any) -> bool:
    """Whether a mapped key holds the shape the Hub documents (text, or text and lists of text).
    Anything else (``license: 123``, ``tags: {a: b}``) stays verbatim in ``extra``: coercing it
    would change what the card says. So do empty values (``tags: []``, ``license: ''``): the
    release would hold nothing for them, and rendering would drop the key."""
    if value is None:
        return True
    if isinstance(value, str):
        return bool(value)
    if key in _TEXT_ONLY:
        return False
    return isinstance(value, list) and bool(value) and all(map(_is_text, value))


_is_text = str.__instancecheck__
"""``isinstance(item, str)`` that ``map`` calls without a Python frame per item."""


def looks_like_card(text: str) -> bool:
    return text.lstrip().startswith("---")


def is_markdown_card(text: str, path: str, markdown: bool | None = None) -> bool:
    """Whether to read ``text`` as a Markdown card rather than YAML: ``markdown`` when the caller
    knows (a dump's card column), else a ``.md`` name or leading front matter. A README.md
    without front matter is a card with no metadata."""
    if markdown is None:
        markdown = path.lower().endswith(".md")
    return markdown or looks_like_card(text)


def split_card(text: str, path: str) -> tuple[LocatedDocument, str]:
    """(front matter, body). A card without front matter has empty metadata."""
    doc, body_start = _read_front_matter(text, path)
    return doc, text[body_start:]


def _read_front_matter(text: str, path: str) -> tuple[LocatedDocument, int]:
    """(front matter, where the body starts): batch audits read the title from the card's own
    text at that offset rather than copy out a body of kilobytes per card."""
    found = find_front_matter(text)
    if found is None:
        if looks_like_card(text):
            raise InputError.single("front matter starts with '---' but has no closing '---' line", path, 1, 1)
        return LocatedDocument(data={}, path=path), 0
    offset = found.opening.count("\n")
    doc = load_fast(found.data, path, line_offset=offset)
    if doc.data is None:
        doc.data = {}
    if not isinstance(doc.data, dict):
        line, column = doc.locate(())
        raise InputError.single("card metadata must be a mapping of keys", path, line, column)
    return doc, found.end


def _as_list(value: str | list[str] | None) -> list[str]:
    """A mapped value as a list; ``_fits`` has already sent every other shape to ``extra``."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def metadata_fields(meta: dict[str, Any], name: str, *, read_only: bool = False) -> dict[str, Any]:
    """Release fields for card metadata; keys the schema does not model go to ``extra`` verbatim,
    in the card's order. ``read_only``: see ``release_from_card``."""
    mapped: dict[str, Any] = {}
    unmapped: dict[str, Any] = {}
    for key, value in meta.items():
        # text is the common case and always fits: no call for it (batch audits read millions)
        if key in _MAPPED and ((type(value) is str and value) or _fits(key, value)):
            mapped[key] = value
        else:
            unmapped[key] = value
    get = mapped.get
    relation = get("base_model_relation")
    known_relation = relation if relation in _RELATIONS else None
    if relation is not None and known_relation is None:
        unmapped["base_model_relation"] = relation
    license_value = get("license")
    if isinstance(license_value, list):
        license_value = " AND ".join(str(v) for v in license_value)
    base_model, datasets = get("base_model"), get("datasets")
    role = "fine-tuning" if base_model else "pretraining"
    return {
        "name": name,
        "license": str(license_value) if license_value is not None else None,
        "license_name": get("license_name"),
        "license_link": get("license_link"),
        "model": {
            "languages": _as_list(get("language")),
            "pipeline_tag": get("pipeline_tag"),
            "library_name": get("library_name"),
        },
        # most cards name no base model and many no dataset: no comprehension to run for them
        "base_models": [] if base_model is None else
        [{"id": b, "relation": known_relation} for b in _as_list(base_model)],
        "datasets": [] if datasets is None else [{"id": d, "role": role} for d in _as_list(datasets)],
        "tags": _as_list(get("tags")),
        "extra": unmapped,
        **(_shared_parts() if read_only else _own_parts()),
    }


def _own_parts() -> dict[str, Any]:
    """The parts a card never states, empty: stated, so pydantic validates them in its core
    instead of calling each model's ``__init__`` for a default (a tenth of validating a card)."""
    return {"artifacts": {"model-card": {}}, "licenses": {}, "claims": {}, "card": {}}


@lru_cache(maxsize=1)
def _shared_parts() -> dict[str, Any]:
    """The same parts as instances shared by every release that is only read: pydantic keeps a
    model instance as it is, which saves a quarter of validating a card."""
    from modelcards.schema.release import Artifact, CardText, Claims, DefaultLicenses

    return {"artifacts": {"model-card": Artifact()}, "licenses": DefaultLicenses(), "claims": Claims(),
            "card": CardText()}


def card_title(text: str, start: int = 0) -> str | None:
    """The first Markdown heading's text at or after ``start``: what
    ``_TITLE.search(text, start)`` finds, without the search trying ``^`` at every character.

    The pattern can only match where a line starts with ``#``; those places are found with
    ``str.find`` and tried in order (``match`` still checks the ``^``), so the first that matches
    is the search's leftmost match; its ``\\s+`` may run on past the line, as in the search."""
    at = start if text.startswith("#", start) else _next_hash_line(text, start)
    while at != -1:
        title = _TITLE.match(text, at)
        if title is not None:
            return title.group(1).strip()
        at = _next_hash_line(text, at)
    return None


def _next_hash_line(text: str, after: int) -> int:
    found = text.find("\n#", after)
    return found + 1 if found != -1 else -1


def fallback_name(path: str) -> str:
    return path.rsplit("/", 2)[-2] if "/" in path else path


def validate_card_release(data: dict[str, Any], doc: LocatedDocument, path: str) -> Release:
    """Validate release data built from card metadata, locating errors at the metadata key."""
    try:
        return Release.model_validate(data)
    except ValidationError as err:
        first = err.errors(include_url=False)[0]
        key = str(first["loc"][0]) if first["loc"] else ""
        source_key = {"model": "language", "base_models": "base_model"}.get(key, key)
        line, column = doc.locate((source_key,))
        raise InputError.single(f"card metadata {source_key!r}: {first['msg']}", path, line, column) from None


def release_from_card(text: str, path: str, *, read_only: bool = False) -> tuple[Release, LocatedDocument]:
    """A Release holding what the card's metadata and title state (no manifest needed).

    ``read_only``: the caller only reads the release and drops it (batch audits), so the parts a
    card cannot state (default licenses, claims, card text, the model card artifact) may be
    instances shared with other releases; a release handed to a user has its own."""
    doc, body_start = _read_front_matter(text, path)
    data = metadata_fields(doc.data, card_title(text, body_start) or fallback_name(path), read_only=read_only)
    return validate_card_release(data, doc, path), doc
