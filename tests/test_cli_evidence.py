"""``check --show-evidence`` lists what each component was read from, at its line in the card."""

from __future__ import annotations

from click.testing import CliRunner

from modelcards.cli import main

CARD = """---
license: mit
library_name: transformers
---
# Alpha

Training code: https://github.com/alpha/alpha
"""


def test_show_evidence_lists_each_components_evidence_at_its_line(tmp_path):
    card = tmp_path / "README.md"
    card.write_text(CARD, encoding="utf-8")
    shown = CliRunner().invoke(main, ["check", str(card), "--show-evidence"])
    plain = CliRunner().invoke(main, ["check", str(card)])
    assert f"{card}:7: evidence [training-code] unlicensed (inferred): https://github.com/alpha/alpha" in shown.output
    assert "evidence [" not in plain.output
    assert shown.exit_code == plain.exit_code == 0
