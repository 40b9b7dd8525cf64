"""Input problems: the code the readers report when a source cannot be read or validated."""

from __future__ import annotations

from collections.abc import Iterator

from modelcards.rules.registry import Hit, rule


@rule("INPUT", "unreadable-input", "input", "error", needs=None)
def unreadable_input(subject: object, verdicts: object) -> Iterator[Hit]:
    """The source could not be read, parsed or validated, so it was not analysed.

    What: the readers report this code when a manifest, card or MOT record cannot be read, parsed
    or validated; no other rule runs on it.
    Why: a file that cannot be read cannot be checked. ``check`` reports such a file as a located
    problem and exits 2; ``audit`` records the card with this one finding (the file, the line and
    column when known, and what is wrong) and goes on with the next card.
    Example:
    name: Tiny-1B
    license: [apache-2.0
    Fix: fix the file: the message says what the reader expected there.
    Sources: the manifest schema (``modelcards schema``); Hub card metadata,
    https://huggingface.co/docs/hub/model-cards#model-card-metadata
    """
    return iter(())
