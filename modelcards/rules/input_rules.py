"""Input problems: the code the readers report when a source cannot be read or validated."""

from __future__ import annotations

from collections.abc import Iterator

from modelcards.rules.registry import Hit, rule


@rule("INPUT", "unreadable-input", "input", "error", needs=None)
def unreadable_input(subject: object, verdicts: object) -> Iterator[Hit]:
    """The source could not be read, parsed or validated, so it was not analysed.

    ``check`` reports such a file as a located problem and exits 2; ``audit`` records the card
    with this one finding (the file, the line and column when known, and what is wrong) and goes
    on with the next card. Fix the file: the message says what the reader expected there.
    """
    return iter(())
