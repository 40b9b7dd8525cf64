"""Completeness of a card's text: template placeholders, empty and missing sections (CARD rules).

The rules read the release's card text through ``card_outline`` (its parts, headings and
placeholder lines) and ``completeness`` (the Hub template's sections, matched by heading); the
completeness score of the report comes from the same two modules, so a rule and the score never
disagree about what a card holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from modelcards.rules.card_outline import BREAK, COMMENT, HEADING, TEXT, Head, Outline, outline, per_line
from modelcards.rules.completeness import judge, sections
from modelcards.rules.registry import Hit, Verdicts, rule
from modelcards.schema import Release

TEMPLATE = "https://huggingface.co/docs/hub/model-card-annotated"


def _where(found: Outline, part_index: int, index: int) -> str:
    """Which section a line is in: the nearest heading above it, else the part's own."""
    title = found.section_of(part_index, index)
    return f"section {title!r}" if title is not None else "the summary"


_LABELS = {"template": "template placeholder", "trainer": "placeholder", "jinja": "unrendered template expression",
           "todo": "placeholder"}


@rule("CARD001", "template-placeholder", "completeness", "warning")
def template_placeholder(release: Release, verdicts: Verdicts) -> Iterator[Hit]:
    """The card still holds template text where its author was to write.

    What: a line of the card text holds ``[More Information Needed]`` (huggingface_hub's model card
    template), a line that is only ``More information needed`` (the transformers Trainer's card),
    the template's default recommendation, an unrendered ``{{ variable }}`` (with Jinja spacing or
    a filter, or one of the template's own variables) or ``{% ... %}``, or a ``TODO`` / ``TBD``;
    or the title is the template's (``Model Card for Model ID``, ``{MODEL_NAME}``). One finding
    per line, at that line. Code blocks, inline code, HTML comments, link targets and headings
    are not searched, nor words that contain the letters (``TODOs``, ``todo_list``); a lone
    ``TODO`` over a list is a to-do list (plans), not a gap.
    Why: a placeholder tells readers the card is unfinished and hides whether the model was ever
    documented; the Hub shows it as written.
    Example:
    name: Tiny-1B
    card:
      summary: A small model.
      intended_use: "[More Information Needed]"
    Fix: write the section, or delete it when it does not apply.
    Sources: huggingface_hub's model card template, templates/modelcard_template.md
    (https://github.com/huggingface/huggingface_hub/tree/main/src/huggingface_hub/templates);
    https://huggingface.co/docs/hub/model-card-annotated
    """
    found = outline(release)
    if found.title_placeholder is not None:
        yield Hit("card", f"the title {found.title_placeholder!r} is the template's placeholder, not the model's "
                  "name", TEMPLATE, at=("name",))
    for placeholder in found.placeholders:
        part = found.parts[placeholder.part]
        yield Hit("card", f"{_LABELS[placeholder.kind]} {placeholder.found!r} left in "
                  f"{_where(found, placeholder.part, placeholder.index)}", TEMPLATE,
                  at=part.at(placeholder.index))


_STATEMENT = re.compile(r"https?://|:\s*\S")


_MODEL_ID = re.compile(r"(?=\S*\d)(?=\S*-)[\w./-]+")
"""One token with a digit and a hyphen (``fastspeech2-freeman``, ``13B-Chimera``): a model's name
written as a heading, a title rather than a section."""


def _statement(title: str) -> bool:
    """A heading that says something itself: ``Model name: x``, ``Torrent file: https://...``, a
    sentence (``This repo will host all iterations of our models.``)."""
    words = len(title.split())
    return bool(_STATEMENT.search(title)) or words > 10 or (words >= 5 and title.rstrip()[-1:] in ".:")


@per_line
def _title(title: str) -> bool:
    """Whether a heading is a title rather than a section, whatever the card: a statement
    (``_statement``) or a model's name (``_MODEL_ID``). Headings repeat across cards, so each
    distinct one is judged once."""
    return _statement(title) or _MODEL_ID.fullmatch(title) is not None


_WORD = re.compile(r"[^\W\d_]{3,}")


@per_line
def _words(key: str) -> tuple[str, ...]:
    """The words (three letters or more) of a normalised heading."""
    return tuple(_WORD.findall(key))


def _names(key: str, name: set[str]) -> bool:
    """Whether a heading names the model: its words (two or more) are all words of its name
    (``## Fantassified Icons 1.0`` in ``proxima/fantassified_icons``)."""
    words = _words(key)
    return len(words) >= 2 and name.issuperset(words)


def _empty(found: Outline, head: Head, name: set[str]) -> bool:
    """Nothing under the heading: no text, code or subsection before the next heading of its level.
    Not asked of headings that are titles (level 1, such as ``# Original model card`` over the
    quoted card, or the model's name) or statements; a statement heading right under one is its
    text (``### Critical Risks`` over ``### We focus on the following areas:``). The lines are
    looked at first: most headings have text right under them."""
    if head.level < 2 or not _nothing_under(found, head):
        return False
    return not (_title(head.title) or _names(head.key, name))


def _nothing_under(found: Outline, head: Head) -> bool:
    """Whether only blank lines, thematic breaks and comments follow the heading, up to the next
    heading of its level or above (a statement heading right under it is its text)."""
    part = found.parts[head.part]
    kinds, lines = part.kinds, part.lines
    for index in range(head.index + 1, len(lines)):
        kind = kinds[index]
        if kind == COMMENT:
            continue
        line = lines[index]
        if kind == TEXT and (not line.strip() or (line.lstrip(" ")[:1] in ("-", "*", "_") and BREAK.match(line))):
            continue  # a blank line (``blank``) or a thematic break is not content
        if kind == HEADING:  # a subsection is content; the next heading of its level or above ends it
            after = found.next_heading(head)
            return after is not None and after[0] == index and not _statement(after[1])
        return False
    return True


@rule("CARD002", "empty-section", "completeness", "warning")
def empty_section(release: Release, verdicts: Verdicts) -> Iterator[Hit]:
    """A section of the card has a heading and nothing under it.

    What: a heading is followed by nothing but blank lines or HTML comments before the next
    heading of its level or above; a heading with subsections is not empty (its empty
    subsections are reported instead). Level-1 headings (a card's title, ``# Original model
    card`` over a quoted card), a heading that is a model's name (``## 13B-Chimera``) and a
    heading that says something itself (``## Model name: x``, a URL, a sentence) are titles, not
    sections. Located at the heading.
    Why: an empty heading promises information the card does not give; a reader cannot tell
    "nothing to say" from "not written yet".
    Example:
    name: Tiny-1B
    card:
      summary: A small model.
      sections:
        Acknowledgements: ""
    Fix: write the section, or delete the heading.
    Sources: https://huggingface.co/docs/hub/model-card-annotated
    """
    found = outline(release)
    name = set(_WORD.findall(release.name.lower()))
    for head in found.heads:
        if head.title and head.label is None and _empty(found, head, name):
            part = found.parts[head.part]
            yield Hit("card", f"section {head.title!r} is empty", TEMPLATE, at=part.at(head.index))


@rule("CARD003", "missing-section", "completeness", "info")
def missing_section(release: Release, verdicts: Verdicts) -> Iterator[Hit]:
    """The card lacks a key section of the Hub's model card template.

    What: no heading of the card text is one of Uses, Out-of-Scope Use, "Bias, Risks, and
    Limitations", Training Data or Evaluation, as the template and real cards write them
    (``rules/data/completeness.yaml``: "Intended uses & limitations" is Uses and Limitations,
    "Misuse and Malicious Use" is Out-of-Scope Use, "Eval results" is Evaluation; any level, so
    ``### Out-of-Scope Use`` under ``## Uses`` counts), and no release fact stands in for it:
    training datasets (the card's ``datasets``, a manifest's datasets of a training role) for
    Training Data, evaluation results (``model-index``, ``evaluation``) for Evaluation. A manifest
    is judged by the card ``render`` writes from it. A heading left empty or holding only a
    placeholder is reported by CARD002 or CARD001 instead, and lowers the completeness score.
    Located at the section the template nests it in (Uses, Training Details) when the card has
    it, else at the card's title (a manifest: its ``card`` key).
    Why: these are the sections the Hub's model card guidance asks every model to answer: who
    should use it and who should not, what it gets wrong, what it learnt from and how well it
    does. Without them a user cannot judge whether the model fits their use.
    Example:
    name: Tiny-1B
    license: Apache-2.0
    card:
      summary: A small model.
    Fix: add the section (``card.intended_use``, ``card.out_of_scope``, ``card.bias_risks``,
    ``datasets``, ``evaluation`` in a manifest; ``## Uses``, ``### Out-of-Scope Use``, ``## Bias,
    Risks, and Limitations``, ``### Training Data``, ``## Evaluation`` in a README.md).
    Sources: https://huggingface.co/docs/hub/model-card-annotated ,
    https://github.com/huggingface/huggingface_hub/blob/main/src/huggingface_hub/templates/modelcard_template.md
    """
    judged = judge(release)
    found = outline(release)
    for i, section in enumerate(sections()):
        if not section.key or i in judged.heads or judged.filled[i]:
            continue
        at: tuple[object, ...] = ("card",)
        parents = judged.heads_of(section.within) if section.within else ()
        if parents:
            at = found.parts[parents[0].part].at(parents[0].index)
        yield Hit("card", f"the card has no {section.name!r} section", TEMPLATE, at=at)
