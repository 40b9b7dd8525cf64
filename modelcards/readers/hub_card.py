"""The reader of Hugging Face model cards (README.md: YAML front matter, then a Markdown body).

A card is split once into its front matter and its body (``HubCard``). Every front end gets
the same Release from it (``read_card``):

- Front matter: keys the schema models become release fields (key names from huggingface_hub's
  ModelCardData, https://huggingface.co/docs/hub/model-cards#model-card-metadata); every other
  key, and any value of a shape the Hub does not document, goes to ``extra`` verbatim.
  ``model-index`` becomes ``evaluation`` only when huggingface_hub turns those results back into
  the very same model-index; otherwise it is kept verbatim too.
- Body (CommonMark block structure, so headings inside code blocks are not mistaken for
  sections): the name is the first level-1 ATX heading before the first level-2 one, else the
  card's folder name; the text before the first section is the summary; each ``## Heading``
  section becomes a card field when its heading is the one rendering writes for that field
  (``schema/card_sections.py``), or else an entry of ``card.sections`` verbatim. A heading that
  rendering could not write back identically (``## A ##``, a duplicate, a setext heading) is
  not split off: it stays, verbatim, inside the section before it.

So reading a card and rendering it loses no key and no body line, whichever front end read it.
The body's links, code blocks, sections and plain text are parsed only when asked for.
"""

from __future__ import annotations

import re
from array import array
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from modelcards.errors import InputError
from modelcards.readers import card_evidence, card_scan, markdown_body
from modelcards.readers.card_fields_fast import card_fields_at
from modelcards.readers.front_matter import (  # noqa: F401  (re-exported: the card reader's API)
    FRONT_MATTER,
    FrontMatter,
    find_front_matter,
    is_markdown_card,
    looks_like_card,
)
from modelcards.readers.literal_gate import short_cache
from modelcards.readers.located_yaml import LocatedDocument, load_fast
from modelcards.readers.markdown_body import Heading, headings
from modelcards.readers.model_index_shape import may_round_trip
from modelcards.readers.text_line_fast import text_line_at
from modelcards.schema import Release
from modelcards.schema.artifacts import ARTIFACT_IDS
from modelcards.schema.card_sections import SECTION_HEADINGS, card_text_fields
from modelcards.schema.repo_ids import repo_id_problem

if TYPE_CHECKING:
    from markdown_it.token import Token
    from pydantic import TypeAdapter

    from modelcards.readers.card_scan import Scan
    from modelcards.readers.markdown_body import CodeBlock, Link, Section, TextLine
    from modelcards.schema import EvalResult

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
"""A line with its break, split where markdown-it splits lines (not ``str.splitlines``, which
also breaks at form feeds and Unicode separators, and would shift every line after one)."""


def body_lines(text: str) -> list[str]:
    """The lines of ``text``, each with its line break."""
    if "\r" in text:
        return _LINE.findall(text)
    lines = [line + "\n" for line in text.split("\n")]
    last = lines.pop()
    if last != "\n":
        lines.append(last[:-1])
    return lines


def _line_count(text: str, end: int | None = None) -> int:
    """How many line breaks ``text[:end]`` holds (``\r\n``, ``\r`` or ``\n``)."""
    end = len(text) if end is None else end
    breaks = text.count("\n", 0, end)
    return breaks + text.count("\r", 0, end) - text.count("\r\n", 0, end) if text.find("\r", 0, end) >= 0 else breaks


class HubCard:
    """A card split into its front matter and its body, which is read only as far as asked."""

    def __init__(self, text: str, path: str, front_matter: LocatedDocument, body_start: int) -> None:
        self.text = text
        self.path = path
        self.front_matter = front_matter
        """The metadata, located on the card's own lines."""
        self.body_start = body_start
        """Offset in ``text`` where the body starts."""
        self.body_line = 1 + _line_count(text, body_start)
        """The card file's line number of the body's first line."""
        self.claim_lines: dict[str, int | None] = {}
        """Card line of each claim read from the card (``read_card`` fills it)."""
        self.component_lines: dict[str, int | None] = {}
        """Card line of the first evidence of each component inferred from the card."""

    @property
    def metadata(self) -> dict[str, Any]:
        return self.front_matter.data

    @cached_property
    def body(self) -> str:
        return self.text[self.body_start:]

    @cached_property
    def top_headings(self) -> list[Heading]:
        """(body line index, level, text) of the top-level ATX headings of level 1 and 2."""
        return headings(self.text, self.body_start, self.top_heading_offsets)

    @cached_property
    def top_heading_offsets(self) -> list[int]:
        """Offset in the body of the line of each of ``top_headings``, for a body without ``\r``
        and NUL (else empty); filled as ``top_headings`` is found."""
        return []

    @cached_property
    def _section_lines(self) -> dict[str, int]:
        """Title -> body line index of the first level-2 heading of each title (locating)."""
        found: dict[str, int] = {}
        for line, level, text in self.top_headings:
            if level == 2:
                found.setdefault(text, line)
        return found

    @cached_property
    def title(self) -> tuple[int, str] | None:
        """(body line index, text) of the heading that names the model."""
        return _title(self.top_headings)

    @cached_property
    def scan(self) -> Scan:
        """Links, claim phrases and headings of the body, found in one pass (no Markdown parse)."""
        return card_scan.scan(self.text, self.body_line, card_evidence.EVIDENCE_URLS, self.body_start)

    def key_line(self, key: str) -> int | None:
        """The card line of a top-level front-matter key (its ``key:`` line): a search of the
        front matter's text, as evidence needs only the line, not the located YAML's index."""
        if key not in self.metadata:
            return None
        first, later = _key_patterns(key)
        if first.match(self.text, 0, self.body_start) is not None:
            return 1
        found = later.search(self.text, 0, self.body_start)
        if found is None:
            return self.front_matter.locate((key,))[0]
        return 1 + _line_count(self.text, found.start() + 1)

    @cached_property
    def _tokens(self) -> list[Token]:
        return markdown_body.tokens(self.body)

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        """Every top-level heading (ATX or setext, any level) with its file line."""
        return markdown_body.sections(self._tokens, self.body_line)

    @cached_property
    def links(self) -> tuple[Link, ...]:
        return markdown_body.links(self._tokens, self.body_line)

    @cached_property
    def code_blocks(self) -> tuple[CodeBlock, ...]:
        return markdown_body.code_blocks(self._tokens, self.body_line)

    @cached_property
    def plain_text(self) -> tuple[TextLine, ...]:
        """The lines of the body's text outside code blocks, with their file lines."""
        return markdown_body.plain_text(self._tokens, self.body_line)

    def locate(self, loc: tuple[object, ...]) -> tuple[int | None, int | None]:
        """Line and column in the card of what a release path was read from: a front-matter key
        (or its item), the title line for the name, a section's heading line for card text."""
        if loc[:1] == ("name",):
            title = self.title
            return (None, None) if title is None else (title[0] + self.body_line, 1)
        if loc[:1] == ("card",):
            return self._card_line(loc[1:])
        if loc[:1] == ("claims",) and len(loc) > 1 and str(loc[1]) in self.claim_lines:
            return self.claim_lines[str(loc[1])], 1
        key = front_matter_path(loc, self.metadata)
        if key is None:
            if loc[:1] == ("artifacts",) and len(loc) > 1 and self.component_lines.get(str(loc[1])):
                return self.component_lines[str(loc[1])], 1
            return None, None
        return self.front_matter.locate(key)

    def _card_line(self, loc: tuple[object, ...]) -> tuple[int | None, int | None]:
        """The card line of card text: ``()`` the card itself (its title, else its body's first
        line); ``(field)`` or ``("sections", heading)`` that section's heading; either followed by
        ``("line", index, text)``, or ``("summary", "line", index, text)``: the line of that part
        holding ``text``, the ``index``-th line of the part's text as the release holds it."""
        if not loc:
            title = self.title
            return (self.body_line if title is None else title[0] + self.body_line), 1
        if loc[0] == "summary":
            start, rest = 0, loc[1:]
            if not rest:
                return None, None
        else:
            if loc[0] == "sections" and len(loc) > 1:
                heading, rest = str(loc[1]), loc[2:]
            elif str(loc[0]) in SECTION_HEADINGS:
                heading, rest = SECTION_HEADINGS[str(loc[0])], loc[1:]
            else:
                return None, None
            found = self._section_lines.get(heading)
            if found is None:
                return None, None
            if not rest:
                return found + self.body_line, 1
            start = found + 1
        if len(rest) == 3 and rest[0] == "line" and isinstance(rest[1], int):
            return self._text_line(start, rest[1], str(rest[2])), 1
        return (None, None) if loc[0] == "summary" else (start - 1 + self.body_line, 1)

    @cached_property
    def _has_cr(self) -> bool:
        """Whether the body holds a ``\r`` (a line break of its own, or part of one)."""
        return self.text.find("\r", self.body_start) >= 0

    @cached_property
    def _line_starts(self) -> array[int]:
        """Offset in ``text`` of each body line's start (``body_lines``), then of the text's end:
        the lines without a list of them (a card can be megabytes)."""
        starts = array("q")
        text, at, end = self.text, self.body_start, len(self.text)
        if text.find("\r", at) >= 0:
            for line in body_lines(self.body):
                starts.append(at)
                at += len(line)
        else:
            while at < end:
                starts.append(at)
                line_break = text.find("\n", at)
                at = end if line_break < 0 else line_break + 1
        starts.append(end)
        return starts

    def _text_line(self, start: int, index: int, text: str) -> int:
        """The card line of the first body line from ``start + index`` on that reads ``text``: the
        release's text of a part lost the part's leading blank lines (and a summary its title
        line), so the line is there or further down. Walked to from the nearest heading in a body
        without ``\r`` (``text_line_fast``), without a list of where each line starts."""
        first, wanted = start + index, text.rstrip()
        found, offsets = self.top_headings, self.top_heading_offsets
        if len(offsets) == len(found) and not self._has_cr:
            line = text_line_at(self.text, self.body_start, found, offsets, first, wanted)
        else:
            line = self._listed_text_line(first, wanted)
        return (first if line is None else line) + self.body_line

    def _listed_text_line(self, first: int, wanted: str) -> int | None:
        """The body line index of the first body line from ``first`` on that reads ``wanted`` once
        stripped on the right (None when none does), looked up in the list of line starts."""
        starts, card = self._line_starts, self.text
        for at in range(first, len(starts) - 1):
            if card[starts[at]:starts[at + 1]].rstrip() == wanted:
                return at
        return None


@short_cache
def _key_patterns(key: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A line that opens the top-level front-matter key ``key``, bare or quoted: at the text's
    start, and after a line break (matched with it, so that the search skips from one line break
    to the next rather than trying every offset)."""
    opens = r"(?:" + re.escape(key) + r"|\"" + re.escape(key) + r"\"|'" + re.escape(key) + r"')[ \t]*:"
    return re.compile(opens), re.compile("\n" + opens)


def _title(found: list[Heading]) -> tuple[int, str] | None:
    for line, level, text in found:
        if level == 2:
            return None
        if text.strip():
            return line, text
    return None


_FRONT_MATTER_KEYS = {"license": "license", "license_name": "license_name", "license_link": "license_link",
                      "base_models": "base_model", "datasets": "datasets", "tags": "tags",
                      "evaluation": "model-index"}
_MODEL_KEYS = {"languages": "language", "pipeline_tag": "pipeline_tag", "library_name": "library_name"}
_LISTED = {"base_model", "datasets", "tags", "language"}


def front_matter_path(loc: tuple[object, ...], metadata: dict[str, Any]) -> tuple[object, ...] | None:
    """The front-matter path a release path was read from; None when the card states no such key."""
    if not loc:
        return None
    head, rest = str(loc[0]), loc[1:]
    if head == "extra":
        key = rest[:1]
        return tuple(rest) if key and key[0] in metadata else None
    if head == "model":
        key = _MODEL_KEYS.get(str(rest[0])) if rest else None
        rest = rest[1:]
    else:
        key = _FRONT_MATTER_KEYS.get(head)
    if key is None or key not in metadata:
        return None
    if key in _LISTED:
        return (key, rest[0]) if rest and isinstance(metadata[key], list) and isinstance(rest[0], int) else (key,)
    return (key,)


def split(text: str, path: str) -> HubCard:
    """The card's front matter (empty for a card without one) and where its body starts."""
    found = find_front_matter(text)
    if found is None:
        if looks_like_card(text):
            raise InputError.single("front matter starts with '---' but has no closing '---' line", path, 1, 1)
        return HubCard(text, path, LocatedDocument(data={}, path=path), 0)
    doc = load_fast(found.data, path, line_offset=found.opening.count("\n"))
    if doc.data is None:
        doc.data = {}
    if not isinstance(doc.data, dict):
        line, column = doc.locate(())
        raise InputError.single("card metadata must be a mapping of keys", path, line, column)
    return HubCard(text, path, doc, found.end)


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
"""``isinstance(item, str)``, as a function ``map`` can apply."""


def _as_list(value: str | list[str] | None) -> list[str]:
    """A mapped value as a list; ``_fits`` has already sent every other shape to ``extra``."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def metadata_fields(meta: dict[str, Any], name: str) -> dict[str, Any]:
    """Release fields for card metadata; keys the schema does not model go to ``extra`` verbatim,
    in the card's order."""
    mapped: dict[str, Any] = {}
    unmapped: dict[str, Any] = {}
    for key, value in meta.items():
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
    if base_model is None and known_relation is not None:  # a relation with no base to hold it: kept as written
        unmapped["base_model_relation"] = relation
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
        "base_models": [] if base_model is None else
        [{"id": b, "relation": known_relation} for b in _as_list(base_model)],
        "datasets": [] if datasets is None else [{"id": d, "role": role} for d in _as_list(datasets)],
        "tags": _as_list(get("tags")),
        "extra": unmapped,
        "artifacts": {"model-card": {}},  # stated, so pydantic validates it in its core
        "licenses": {},
        "claims": {},
    }


_MARKER = re.compile(r"^<!-- modelcards:(begin|user|end) [\w.-]+(?: sha256=[0-9a-f]+)? -->[ \t]*\r?\n?", re.M)
_BEGIN = re.compile(r"<!-- modelcards:(begin|user) ([\w.-]+)(?: sha256=[0-9a-f]+)? -->[ \t]*$")
_END = re.compile(r"<!-- modelcards:end ([\w.-]+) -->[ \t]*$")
DERIVED_BLOCKS = frozenset({"details", "openness", "license"})
"""Blocks of a README that modelcards rendered, made only from manifest data: not card text."""


def strip_rendered_blocks(body: str) -> str:
    """Text of a README modelcards rendered: derived blocks and the block markers dropped (all
    markers, when they do not pair up). A body without markers is returned as it is.

    The markers are the README block format of ``renderers/blocks.py``, read again here because
    readers sit below the renderers."""
    if "<!-- modelcards:" not in body:
        return body
    kept: list[str] = []
    block: tuple[str, str] | None = None  # (begin | user, name) of the block the line is in
    for line in body_lines(body):
        text = line.rstrip("\r\n")
        begin, end = _BEGIN.match(text), _END.match(text)
        if block is None and begin:
            block = (begin.group(1), begin.group(2))
        elif block is not None and end and end.group(1) == block[1]:
            block = None
        elif begin or end:
            return _MARKER.sub("", body)
        elif block is None or not (block[0] == "begin" and block[1] in DERIVED_BLOCKS):
            kept.append(line)
    return _MARKER.sub("", body) if block is not None else "".join(kept)


def card_fields(body: str, found: list[Heading], offsets: list[int] | None = None,
                start: int = 0) -> tuple[str | None, dict[str, Any]]:
    """(title, card fields) from a card body (``body[start:]``) and its top-level level-1 and
    level-2 headings; ``offsets``: the offset in the body of each heading's line, when the body
    has no ``\r`` (the fields are then cut from it at those offsets: ``card_fields_fast``)."""
    if offsets is not None and len(offsets) == len(found) and body.find("\r", start) < 0:
        return card_fields_at(body, found, offsets, start, _title(found))
    body = body[start:]
    # Lines without their breaks, joined again with "\n", where the body has no other break;
    # the breaks at either end of a field's text are stripped anyway.
    lines, join = (body_lines(body), "".join) if "\r" in body else (body.split("\n"), "\n".join)
    title_at = _title(found)
    title_line, title = None, None
    if title_at is not None:
        title = title_at[1]
        if lines[title_at[0]].rstrip() == f"# {title}":
            title_line = title_at[0]  # written back as the rendered title (blanks after it aside): not summary text
    splits: list[tuple[int, str]] = []
    seen: set[str] = set()
    for line, level, text in found:
        if level == 2 and text.strip() and text not in seen and lines[line].rstrip("\r\n") == f"## {text}":
            splits.append((line, text))
            seen.add(text)
    ends = [line for line, _ in splits[1:]] + ([len(lines)] if splits else [])
    preamble_end = splits[0][0] if splits else len(lines)
    if title_line is None:
        preamble = join(lines[:preamble_end])
    else:
        preamble = join(lines[:title_line] + lines[title_line + 1:preamble_end])
    parts = ((heading, join(lines[line + 1:end])) for (line, heading), end in zip(splits, ends, strict=True))
    return title, card_text_fields(preamble, parts)


def _evaluation(meta: dict[str, Any], name: str) -> list[EvalResult] | None:
    """Our evaluation entries (validated), or None when rendering them would not give back this
    very model-index (huggingface_hub makes it from the entries, as the README renderer does)."""
    model_index = meta.get("model-index")
    if model_index is None:
        return None
    # huggingface_hub names the results after the last entry of the list; any other value of the
    # key (YAML gives no other iterable whose items it could read) makes it raise
    if not isinstance(model_index, list) or not model_index or not isinstance(model_index[-1], dict) \
            or model_index[-1].get("name") != name:
        return None
    if not may_round_trip(model_index):
        return None  # a key huggingface_hub never writes back
    from huggingface_hub.repocard_data import (
        ModelCardData,
        eval_results_to_model_index,
        model_index_to_eval_results,
    )

    try:
        parsed_name, results = model_index_to_eval_results(model_index)
    except Exception:  # any malformed model-index: kept verbatim instead
        return None
    if parsed_name != name or not results:
        return None  # rendering writes a model-index only for results, under the release's name
    entries = [{
        "task_type": r.task_type, "task_name": r.task_name,
        "dataset": {"type": r.dataset_type, "name": r.dataset_name, "config": r.dataset_config,
                    "split": r.dataset_split},
        "metric_type": r.metric_type, "metric_value": r.metric_value, "metric_name": r.metric_name,
        "metric_config": r.metric_config, "source_url": r.source_url, "source_name": r.source_name,
        "verified": r.verified,
    } for r in results]
    from pydantic import ValidationError

    try:
        validated = _eval_entries().validate_python(entries)
        hub = ModelCardData(model_name=name, eval_results=_hub_results(validated))  # validates them
        # what ModelCardData.to_dict() writes as model-index, without its deep copy of the card
        again = eval_results_to_model_index(hub.model_name, hub.eval_results)
    except (ValidationError, ValueError, TypeError):
        return None
    return validated if again == model_index else None


@lru_cache(maxsize=1)
def _eval_entries() -> TypeAdapter[list[EvalResult]]:
    from pydantic import TypeAdapter

    from modelcards.schema import EvalResult

    return TypeAdapter(list[EvalResult])


def _hub_results(results: list[Any]) -> list[Any]:
    """huggingface_hub's EvalResult for ours, field for field as ``renderers.frontmatter`` writes them."""
    from huggingface_hub import EvalResult as HubEvalResult

    return [HubEvalResult(task_type=r.task_type, task_name=r.task_name, dataset_type=r.dataset.type,
                          dataset_name=r.dataset.name, dataset_config=r.dataset.config,
                          dataset_split=r.dataset.split, metric_type=r.metric_type, metric_value=r.metric_value,
                          metric_name=r.metric_name, metric_config=r.metric_config, source_url=r.source_url,
                          source_name=r.source_name, verified=r.verified) for r in results]


def fallback_name(path: str) -> str:
    """The name of a card without a title: a README.md is named after its folder (its
    repository), any other card file after itself (``org__name.md`` in a folder of cards)."""
    file = path.rsplit("/", 1)[-1]
    if file.lower() == "readme.md" and "/" in path:
        return path.rsplit("/", 2)[-2]
    return file[:-3] if file.lower().endswith(".md") else file


def _add_evidence(data: dict[str, Any], card: HubCard) -> None:
    """The components and claims the card shows (``card_evidence``), into the release's fields,
    each component marked inferred, and their lines kept on ``card`` for locating findings.
    Not for a README modelcards rendered (it has block markers): its manifest states the release,
    and its text repeats the manifest's."""
    meta, scanned, lines = card.metadata, card.scan, _KeyLines(card)
    parts = card.path.rsplit(".", 1)[0].split("/")
    # org/name/README.md names its organisation in the folder above, org__name.md in its own name
    folders = parts[-3:] if parts[-1].lower() == "readme" else parts[-2:]
    names = card_evidence.name_tokens(data["name"], *folders)
    found = card_evidence.components(meta, scanned, lines, names)
    found["model-card"] = {"evidence": [{"url": None, "key": None, "line": 1, "basis": "stated"}]}
    # in the framework's order, so cards showing the same components share their openness facts
    data["artifacts"] = {cid: found[cid] for cid in ARTIFACT_IDS if cid in found}
    card.component_lines = {cid: next((e["line"] for e in entry["evidence"] if e.get("line")), None)
                            for cid, entry in found.items() if cid != "model-card"}
    claimed = card_evidence.claims(meta, scanned, lines, names, (data["name"], fallback_name(card.path)))
    if claimed:
        claims: dict[str, Any] = {name: c["value"] for name, c in claimed.items()}
        claims["evidence"] = {name: {"line": c["line"], "text": c["text"]} for name, c in claimed.items()}
        data["claims"] = claims
        card.claim_lines = {name: c["line"] for name, c in claimed.items()}


class _KeyLines(dict[str, "int | None"]):
    """Front-matter key -> card line, looked up on first use."""

    def __init__(self, card: HubCard) -> None:
        super().__init__()
        self._card = card

    def get(self, key: str, default: int | None = None) -> int | None:  # type: ignore[override]
        if key not in self:
            self[key] = self._card.key_line(key)
        value = dict.get(self, key)
        return default if value is None else value


def read_card(text: str, path: str, repository: str | None = None) -> tuple[Release, HubCard]:
    """The Release a card states (metadata, name, card text, evaluation), and the split card.
    ``repository``: the Hub repository the card comes from (``org/name``), its ``hf_repo``."""
    card = split(text, path)
    # a README modelcards rendered (it has block markers) states its release in its manifest, not in its text
    kept = strip_rendered_blocks(card.body) if text.find("<!-- modelcards:", card.body_start) >= 0 else None
    rendered = kept is not None and kept is not card.body
    if kept is not None and rendered:
        offsets: list[int] = []
        title, fields = card_fields(kept, headings(kept, 0, offsets), offsets)
    else:
        title, fields = card_fields(text, card.top_headings, card.top_heading_offsets, card.body_start)
    meta = card.metadata
    data = metadata_fields(meta, title or fallback_name(path))
    evaluation = _evaluation(meta, data["name"])
    if evaluation is not None:
        data["evaluation"] = evaluation
        data["extra"].pop("model-index", None)
    data["card"] = fields
    if repository and not data.get("hf_repo") and "/" in repository and repo_id_problem(repository) is None:
        data["hf_repo"] = repository  # a dump row's id, when it is a Hub repository id (org/name)
    if not rendered:
        _add_evidence(data, card)
    from modelcards.readers.validation import validate

    def translate(loc: tuple[object, ...]) -> tuple[object, ...] | None:
        return front_matter_path(loc, meta)

    def label(loc: tuple[object, ...]) -> str:
        key = translate(loc)
        return f"card metadata {key[0]!r}" if key else "card"

    return validate(Release, data, card.front_matter, translate=translate, label=label), card
