"""Text the YAML and Markdown line rules treat specially survives import and render (issue 21):
U+0085 (NEL), U+2028 and U+2029 are YAML 1.1 line breaks, so a writer that puts them in a YAML
file raw loses them; and MOT records' problems are located at the record that has them."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

from modelcards.cli import main
from modelcards.errors import InputError
from modelcards.readers.dispatch import read_text
from tools.roundtrip import compare

BREAKS = ["\x85", "\u2028", "\u2029"]
ESCAPES = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("brk", BREAKS)
def test_a_unicode_line_break_in_manifest_text_is_written_so_that_it_loads_back(brk):
    from modelcards.renderers.manifest_yaml import manifest_yaml

    esc = ESCAPES[brk]  # written raw inside quotes, YAML folds the break into a space
    text = (f"name: A\nlicense: mit\ncard:\n  summary: \"one{esc}two\"\n  sections:\n"
            f"    Use: \"multi\\nline {esc} text\\nend{esc}\"\nextra:\n  note: \"x{esc}y\"\n")
    release = read_text(text, "m.yaml").release
    assert release.card.summary == f"one{brk}two"
    again = yaml.safe_load(manifest_yaml(release))
    assert again["card"]["summary"] == f"one{brk}two"
    assert again["card"]["sections"]["Use"] == f"multi\nline {brk} text\nend{brk}"
    assert again["extra"]["note"] == f"x{brk}y"


@pytest.mark.parametrize("brk", BREAKS)
def test_a_unicode_line_break_in_card_metadata_survives_render_for_the_hub(brk, tmp_path):
    from huggingface_hub import ModelCard

    manifest = tmp_path / "modelcard.yaml"
    escape = ESCAPES[brk]
    manifest.write_text(f"name: A\nlicense: mit\nextra:\n  description: \"a{escape}b\"\n", encoding="utf-8")
    assert run("render", str(manifest), "-o", str(tmp_path / "out"), "--formats", "readme").exit_code == 0
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert ModelCard(card).data.to_dict()["description"] == f"a{brk}b"


def test_nel_in_a_card_body_round_trips_through_import_and_render(tmp_path):
    card = tmp_path / "README.md"
    original = ("---\nlicense: mit\n---\n# Nel model\n\nA line with \x85 a NEL inside.\n\n## Use\n\n"
                "x\x85y\n\nmulti\nline\u2028end\n")
    card.write_text(original, encoding="utf-8")
    manifest = tmp_path / "m.yaml"
    assert run("import", str(card), "-o", str(manifest)).exit_code == 0
    assert run("render", str(manifest), "-o", str(tmp_path / "out"), "--formats", "readme").exit_code == 0
    rendered = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert "A line with \x85 a NEL inside." in rendered.split("\n")
    assert "x\x85y" in rendered.split("\n") and "line\u2028end" in rendered.split("\n")
    assert compare(original, rendered).lossless


def test_the_round_trip_measure_sees_a_lost_nel():
    original = "---\nlicense: mit\n---\n# A\n\nfirst\x85second\n"
    assert compare(original, original).lossless
    lost = compare(original, original.replace("\x85", " "))
    assert lost.missing_lines == ["first\x85second"]
    assert compare(original, original.replace("\x85", "")).missing_lines == ["first\x85second"]


# --- MOT records: problems located at the component ------------------------------------------------

RECORD = """\
framework:
  name: Model Openness Framework
  version: '1.0'
release:
  name: Tiny-LM
  license:
    distribution:
      name: Apache-2.0
  components:
    - name: Model architecture
      license: MIT
    - name: Model card
      license: CC-BY-4.0
"""


def _error(text: str) -> str:
    with pytest.raises(InputError) as info:
        read_text(text, "mot.yml")
    return str(info.value)


def test_a_component_listed_twice_is_refused_at_the_second_naming_the_first():
    text = RECORD + "    - name: Model card\n      license: MIT\n"
    assert _error(text) == ("mot.yml:14:13: MOT component 'Model card' is listed twice (first on line 12); "
                            "keep one entry")


@pytest.mark.parametrize(("old", "new", "message"), [
    ("license: CC-BY-4.0", "license: [CC-BY-4.0, MIT]",
     "mot.yml:13:16: MOT component: 'license' must be text, not a list"),
    ("- name: Model card", "- name: {card: 1}", "mot.yml:12:13: MOT component: 'name' must be text, not a mapping"),
    ("      license: MIT\n", "      license: MIT\n      component_path: [a]\n",
     "mot.yml:12:23: MOT component: 'component_path' must be text, not a list"),
])
def test_a_component_value_that_is_not_text_is_located_at_it(old, new, message):
    assert _error(RECORD.replace(old, new, 1)) == message


def test_an_invalid_release_value_is_located_at_the_record_key():
    text = RECORD.replace("  name: Tiny-LM\n", "  name: Tiny-LM\n  date: '2025-13-45'\n")
    assert _error(text).startswith("mot.yml:6:9: MOT record: date: input should be a valid date")


@pytest.mark.parametrize("brk", ["\x85", "\u2028"])
def test_a_unicode_line_break_ending_a_section_is_kept(brk, tmp_path):
    card = tmp_path / "README.md"
    original = f"---\nlicense: mit\n---\n# Nel model\n\nSummary ends here{brk}\n\n## Use\n\nUse ends here{brk}\n"
    card.write_text(original, encoding="utf-8")
    manifest = tmp_path / "m.yaml"
    assert run("import", str(card), "-o", str(manifest)).exit_code == 0
    assert run("render", str(manifest), "-o", str(tmp_path / "out"), "--formats", "readme").exit_code == 0
    rendered = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert f"Summary ends here{brk}" in rendered.split("\n") and f"Use ends here{brk}" in rendered.split("\n")


def _trimmed_by_lines(text: str) -> str:
    """The documented rule, line by line: drop trailing blanks and leading blank lines."""
    lines = text.rstrip(" \t\r\n").split("\n")
    while lines and not lines[0].strip(" \t\r"):
        lines.pop(0)
    return "\n".join(lines)


@pytest.mark.parametrize("text", ["", "\n\n", " \t\r\n", "\n\n  indented\nnext\n\n", "a\x85\n\n", "\u2028\n x",
                                  "\n \r\n\tlast", "only"])
def test_card_prose_keeps_what_the_line_rule_keeps(text):
    from modelcards.schema import Release

    card = Release.model_validate({"name": "A", "license": "mit", "card": {"summary": text}}).card
    assert card.summary == _trimmed_by_lines(text)


def test_card_prose_trimming_agrees_with_the_line_rule_on_generated_text():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from modelcards.schema.release import _trim_blank_lines

    @settings(max_examples=150, deadline=None)
    @given(st.text(alphabet=[" ", "\t", "\r", "\n", "a", "\x85", "\u2028", "#"], max_size=30))
    def agrees(text: str) -> None:
        assert _trim_blank_lines(text) == _trimmed_by_lines(text)

    agrees()
