"""``HubCard.key_line``: the card line of a top-level front-matter key, bare or quoted, with
``\\n`` or ``\\r\\n`` line ends; a nested key of the same name is not it."""

from __future__ import annotations

from modelcards.readers.hub_card import split


def test_a_key_line_is_the_line_that_opens_the_top_level_key() -> None:
    for end in ("\n", "\r\n"):
        text = end.join(["---", "tags:", "  - license: x", '"license": mit', "'library_name' : peft",
                         "pipeline_tag : text-generation", "---", "# Model", ""])
        card = split(text, "org__model.md")
        assert card.key_line("tags") == 2
        assert card.key_line("license") == 4
        assert card.key_line("library_name") == 5
        assert card.key_line("pipeline_tag") == 6
        assert card.key_line("datasets") is None
