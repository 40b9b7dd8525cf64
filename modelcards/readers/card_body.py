"""Import a Hugging Face README.md into a manifest, losing nothing.

Front matter: keys the schema models become release fields; every other key goes to ``extra``
verbatim. ``model-index`` becomes ``evaluation`` only when huggingface_hub turns those results
back into the very same model-index; otherwise it is kept verbatim too.

Body (read with markdown-it-py, so headings inside code blocks are not mistaken for sections):
the first level-1 heading is the name, the text before the first section is the summary, and
each ``## Heading`` section becomes a card field when its heading is the one rendering writes
for that field (``schema/card_sections.py``), or else an entry of ``card.sections`` verbatim.
A heading that rendering could not write back identically (``## A ##``, a duplicate, a setext
heading) is not split off: it stays, verbatim, inside the section before it.
"""

from __future__ import annotations

import re
from typing import Any

from modelcards.readers.hub_card import card_title, fallback_name, metadata_fields, split_card, validate_card_release
from modelcards.schema import Release
from modelcards.schema.card_sections import FIELD_BY_HEADING

_MARKER = re.compile(r"^<!-- modelcards:(begin|user|end) [\w.-]+(?: sha256=[0-9a-f]+)? -->[ \t]*\r?\n?", re.M)
DERIVED_BLOCKS = frozenset({"details", "openness", "license"})
"""Blocks of a README that modelcards rendered, made only from manifest data: not card text."""


def _hub_results(model_index: Any) -> tuple[str, list[Any]] | None:
    from huggingface_hub.repocard_data import model_index_to_eval_results

    try:
        return model_index_to_eval_results(model_index)
    except Exception:  # any malformed model-index: kept verbatim instead
        return None


def _evaluation(meta: dict[str, Any], name: str) -> list[dict[str, Any]] | None:
    """Our evaluation entries, or None when they would not reproduce the model-index exactly."""
    if "model-index" not in meta:
        return None
    parsed = _hub_results(meta["model-index"])
    if parsed is None or parsed[0] != name:
        return None
    entries = []
    for r in parsed[1]:
        entry = {
            "task_type": r.task_type, "task_name": r.task_name,
            "dataset": {"type": r.dataset_type, "name": r.dataset_name, "config": r.dataset_config,
                        "split": r.dataset_split},
            "metric_type": r.metric_type, "metric_value": r.metric_value, "metric_name": r.metric_name,
            "metric_config": r.metric_config, "source_url": r.source_url, "source_name": r.source_name,
            "verified": r.verified,
        }
        entries.append(entry)
    from pydantic import ValidationError

    from modelcards.renderers.frontmatter import card_metadata

    try:
        probe = Release.model_validate({"name": name, "evaluation": entries})
    except ValidationError:
        return None
    if card_metadata(probe).get("model-index") != meta["model-index"]:
        return None
    return entries


def _strip_rendered_blocks(body: str) -> str:
    """Text of a README modelcards rendered: drop derived blocks and the markers themselves."""
    if "<!-- modelcards:" not in body:
        return body
    from modelcards.renderers import blocks

    try:
        document = blocks.parse(body)
    except blocks.BlockError:
        return _MARKER.sub("", body)
    kept = [s.body for s in document.segments if not (s.kind == "generated" and s.name in DERIVED_BLOCKS)]
    return "".join(kept)


def _headings(body: str) -> list[tuple[int, int, str]]:
    """(line index, level, raw title) of top-level ATX headings of level 1 or 2."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(body)
    found = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.level == 0 and token.tag in ("h1", "h2") and token.map:
            if token.markup not in ("#", "##"):
                continue  # setext heading: kept verbatim
            found.append((token.map[0], int(token.tag[1]), tokens[index + 1].content))
    return found


def card_text(body: str) -> tuple[str | None, dict[str, Any]]:
    """(title, card fields) from a README body."""
    lines = body.splitlines(keepends=True)
    headings = _headings(body)
    title_line, title = None, None
    first_h2 = next((line for line, level, _ in headings if level == 2), len(lines))
    for line, level, text in headings:
        if level == 1 and line < first_h2 and lines[line].rstrip("\r\n") == f"# {text}" and text.strip():
            title_line, title = line, text
            break
    splits: list[tuple[int, str]] = []
    seen: set[str] = set()
    for line, level, text in headings:
        if level == 2 and text.strip() and text not in seen and lines[line].rstrip("\r\n") == f"## {text}":
            splits.append((line, text))
            seen.add(text)
    ends = [line for line, _ in splits[1:]] + ([len(lines)] if splits else [])
    preamble_end = splits[0][0] if splits else len(lines)
    preamble = "".join(line for i, line in enumerate(lines[:preamble_end]) if i != title_line)
    card: dict[str, Any] = {"sections": {}}
    if preamble.strip():
        card["summary"] = preamble.strip("\n")
    for (start, heading), end in zip(splits, ends, strict=True):
        section = "".join(lines[start + 1:end]).strip("\n")
        field = FIELD_BY_HEADING.get(heading)
        if field and field not in card and section.strip():
            card[field] = section
        else:
            card["sections"][heading] = section
    return title, card


def release_from_readme(text: str, path: str) -> Release:
    doc, body = split_card(text, path)
    title, card = card_text(_strip_rendered_blocks(body))
    name = title or card_title(body) or fallback_name(path)
    data = metadata_fields(doc.data, name)
    evaluation = _evaluation(doc.data, name)
    if evaluation is not None:
        data["evaluation"] = evaluation
        data["extra"].pop("model-index", None)
    data["card"] = card
    return validate_card_release(data, doc, path)
