"""The README merge never loses or duplicates what a user wrote (issue 21, item 4).

Unit cases for ``renderers.blocks`` and end-to-end ``render`` cases, plus a property test over
generated README edits: render, edit outside the generated blocks, render: every user line is
kept, and rendering again changes nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelcards.renderers import blocks

ROOT = Path(__file__).resolve().parents[1]
PYTHIA = ROOT / "examples" / "pythia-6.9b" / "modelcard.yaml"

GENERATED = (
    "---\n"
    "license: mit\n"
    f"# modelcards:front-matter sha256={blocks.digest('license: mit' + chr(10))}\n"
    "---\n\n"
    f"<!-- modelcards:begin title sha256={blocks.digest('# T' + chr(10))} -->\n# T\n<!-- modelcards:end title -->\n\n"
    "<!-- modelcards:user notes -->\n<!-- modelcards:end notes -->\n"
)


def _template(title: str = "# T\n") -> blocks.Document:
    """A new rendering as ``render_readme`` returns it (markers without hashes, parsed)."""
    return blocks.parse(f"---\nlicense: mit\n---\n\n<!-- modelcards:begin title -->\n{title}"
                        "<!-- modelcards:end title -->\n\n"
                        "<!-- modelcards:user notes -->\n<!-- modelcards:end notes -->\n")


def _rerender(old_text: str, title: str = "# T\n") -> str:
    return blocks.merge(_template(title), blocks.parse(old_text)).text()


def test_the_fixture_is_what_a_render_writes():
    assert _template().text() == GENERATED
    assert _rerender(GENERATED) == GENERATED


def test_a_user_block_the_template_does_not_have_is_kept_where_it_was():
    old = GENERATED.replace("<!-- modelcards:end title -->\n",
                            "<!-- modelcards:end title -->\n<!-- modelcards:user my-notes -->\nmine\n"
                            "<!-- modelcards:end my-notes -->\nafter it\n")
    new = _rerender(old, title="# New title\n")
    assert "<!-- modelcards:user my-notes -->\nmine\n<!-- modelcards:end my-notes -->\nafter it\n" in new
    assert new.index("my-notes") > new.index("# New title") and new.index("my-notes") < new.index("user notes")
    assert _rerender(new, title="# New title\n") == new


def test_markers_quoted_in_a_code_fence_or_inline_code_are_text():
    quoted = ("```html\n<!-- modelcards:user notes -->\nquoted\n<!-- modelcards:end notes -->\n```\n"
              "~~~~\n<!-- modelcards:end title -->\n~~~~\n"
              "`<!-- modelcards:user x -->`\n")
    old = GENERATED.replace("<!-- modelcards:user notes -->\n", "<!-- modelcards:user notes -->\n" + quoted)
    old += "\nFree text quoting:\n\n" + quoted
    document = blocks.parse(old)
    assert [(s.kind, s.name) for s in document.segments if s.kind != "free"] == [
        ("front", "front matter"), ("generated", "title"), ("user", "notes")]
    assert _rerender(old) == old


def test_a_fence_quoting_several_whole_blocks_is_text():
    quoted = ("```\n<!-- modelcards:user a -->\nA\n<!-- modelcards:end a -->\n"
              "<!-- modelcards:begin b -->\nB\n<!-- modelcards:end b -->\n```\n")
    old = GENERATED + "\nHow blocks look:\n\n" + quoted
    assert [s.name for s in blocks.parse(old).segments if s.kind != "free"] == ["front matter", "title", "notes"]
    assert _rerender(old) == old


def test_an_unclosed_fence_in_generated_card_text_does_not_swallow_the_next_blocks():
    template = blocks.parse("<!-- modelcards:begin sections -->\n```python\nnever closed\n"
                            "<!-- modelcards:end sections -->\n\n<!-- modelcards:begin citation -->\n"
                            "```bibtex\n@x{}\n```\n<!-- modelcards:end citation -->\n")
    assert [s.name for s in template.segments if s.kind != "free"] == ["sections", "citation"]
    written = blocks.merge(template, None).text()
    assert not blocks.parse(written).edited_blocks()


def test_an_unclosed_fence_in_free_text_hides_no_block():
    old = GENERATED.replace("\n\n<!-- modelcards:begin title",
                            "\n\n```python\nnever closed\n<!-- modelcards:begin title")
    assert [s.name for s in blocks.parse(old).segments if s.kind != "free"] == ["front matter", "title", "notes"]
    assert _rerender(old) == old


def test_a_duplicate_block_is_refused_naming_it():
    old = GENERATED + "<!-- modelcards:user notes -->\nagain\n<!-- modelcards:end notes -->\n"
    with pytest.raises(blocks.BlockError, match="block 'notes' appears twice") as err:
        blocks.parse(old)
    assert err.value.line == old.splitlines().index("<!-- modelcards:user notes -->", 10) + 1


@pytest.mark.parametrize("edit, message", [
    (("<!-- modelcards:end notes -->\n", ""), "block 'notes' has no end marker"),
    (("<!-- modelcards:user notes -->\n", ""), "end marker for 'notes' without its begin marker"),
    (("<!-- modelcards:end title -->\n", "<!-- modelcards:end notes -->\n"), "closed by an end marker for 'notes'"),
])
def test_an_unbalanced_block_is_refused_with_its_line(edit, message):
    with pytest.raises(blocks.BlockError, match=message) as err:
        blocks.parse(GENERATED.replace(*edit))
    assert err.value.line > 0


@pytest.mark.parametrize("bom, newline", [("\ufeff", "\n"), ("", "\r\n"), ("\ufeff", "\r\n"), ("", "\r")])
def test_a_bom_and_line_ends_are_kept_and_never_cause_growth(bom, newline):
    old = bom + (GENERATED + "\nUser words.\n").replace("\n", newline)
    once = _rerender(old)
    assert once == old
    assert _rerender(once) == once
    assert once.count("modelcards:front-matter") == 1


def test_a_line_typed_above_the_front_matter_adds_no_second_copy():
    old = "A line above\n" + GENERATED
    once = _rerender(old)
    assert once.count("modelcards:front-matter") == 1 and "A line above\n" in once
    assert once.startswith("---\n")  # the Hub reads metadata at the top only
    assert _rerender(once) == once


def test_card_text_with_a_carriage_return_is_accepted_on_the_next_render():
    title = "# T\r\nwith a CR\r\n"
    once = blocks.merge(_template(title), None).text()
    assert not blocks.parse(once).edited_blocks()
    assert _rerender(once, title) == once


# --- end to end -----------------------------------------------------------------------------------


def _cli(*args: str):
    from click.testing import CliRunner

    from modelcards.cli import main

    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("release")
    shutil.copy(PYTHIA, folder / "modelcard.yaml")
    result = _cli("render", str(folder / "modelcard.yaml"), "-o", str(folder / "out"), "--formats", "readme")
    assert result.exit_code == 0, result.output
    return folder / "modelcard.yaml", folder / "out" / "README.md"


def test_rendering_its_own_output_again_changes_nothing(release):
    manifest, readme = release
    before = readme.read_bytes()
    for _ in range(2):
        result = _cli("render", str(manifest), "-o", str(readme.parent), "--formats", "readme")
        assert result.exit_code == 0 and "unchanged" in result.stdout
    assert readme.read_bytes() == before


def test_a_crlf_or_bom_readme_is_kept_byte_for_byte(release, tmp_path):
    manifest, readme = release
    out = tmp_path / "out"
    out.mkdir()
    variant = b"\xef\xbb\xbf" + readme.read_bytes().replace(b"\n", b"\r\n") + b"\r\nMy words.\r\n"
    (out / "README.md").write_bytes(variant)
    result = _cli("render", str(manifest), "-o", str(out), "--formats", "readme")
    assert result.exit_code == 0, result.output
    assert (out / "README.md").read_bytes() == variant


def test_markers_planted_by_the_manifest_text_are_located_in_the_manifest(tmp_path):
    text = PYTHIA.read_text(encoding="utf-8")
    marker = "<!-- modelcards:user notes -->"
    planted = text.replace("  intended_use: Research on",
                           f"  intended_use: |-\n    {marker}\n    planted\n    <!-- modelcards:end notes -->\n"
                           "    Research on", 1)
    assert planted != text
    manifest = tmp_path / "modelcard.yaml"
    manifest.write_text(planted, encoding="utf-8")
    result = _cli("render", str(manifest), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    line = planted.splitlines().index(f"    {marker}") + 1
    assert f"{manifest}:{line}: error: block marker for 'notes'" in result.stderr
    assert "README.md.j2" not in result.stderr
    assert not (tmp_path / "out" / "README.md").exists()


def test_marker_text_quoted_in_a_fence_in_the_manifest_renders_and_is_stable(tmp_path):
    text = PYTHIA.read_text(encoding="utf-8")
    quoted = text.replace("  intended_use: Research on",
                          "  intended_use: |-\n    ```\n    <!-- modelcards:user notes -->\n    quoted\n"
                          "    <!-- modelcards:end notes -->\n    ```\n    Research on", 1)
    manifest = tmp_path / "modelcard.yaml"
    manifest.write_text(quoted, encoding="utf-8")
    out = tmp_path / "out"
    assert _cli("render", str(manifest), "-o", str(out), "--formats", "readme").exit_code == 0
    first = (out / "README.md").read_bytes()
    again = _cli("render", str(manifest), "-o", str(out), "--formats", "readme")
    assert again.exit_code == 0 and "unchanged" in again.stdout
    assert (out / "README.md").read_bytes() == first and b"quoted" in first


# --- property: render, edit outside the blocks, render -----------------------------------------


_WORD = st.text(st.characters(codec="utf-8", exclude_characters="\n\r\x00\ufeff"), min_size=1, max_size=30)
_USER_LINE = st.one_of(
    _WORD.map(lambda word: "user: " + word),
    st.sampled_from(["`<!-- modelcards:user x -->` inline", "user: ## heading", "user: a\tb",
                     "user: trailing  ", "user: --- rule"]),
)
_CHUNK = st.one_of(
    st.lists(_USER_LINE, min_size=1, max_size=4).map(lambda lines: "\n".join(lines) + "\n"),
    _USER_LINE.map(lambda line: f"```\n<!-- modelcards:user notes -->\n{line}\n<!-- modelcards:end notes -->\n```\n"),
    st.tuples(st.sampled_from(["my-notes", "extra.1", "team_log"]), _USER_LINE).map(
        lambda pair: f"<!-- modelcards:user {pair[0]} -->\n{pair[1]}\n<!-- modelcards:end {pair[0]} -->\n"),
)


@pytest.fixture(scope="module")
def rendered_pythia() -> tuple[blocks.Document, str]:
    """The pythia example's README as ``render`` produces it: the template's segments and the text."""
    from modelcards import api
    from modelcards.renderers.readme import render_readme

    source = api.read(str(PYTHIA))
    report = api.check(source)
    new = render_readme(source.release, report)
    return new, blocks.merge(new, None).text()


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(min_value=0, max_value=10_000), _CHUNK), min_size=1, max_size=5),
       notes=st.lists(_USER_LINE, max_size=3), bom=st.booleans(),
       newline=st.sampled_from(["\n", "\r\n"]), above=st.booleans())
def test_property_an_edit_outside_the_blocks_survives_and_rendering_twice_changes_nothing(
        rendered_pythia, edits, notes, bom, newline, above):
    new, text = rendered_pythia
    document = blocks.parse(text)
    boundaries = [index for index, segment in enumerate(document.segments) if segment.kind != "free"]
    pieces = [segment.text() for segment in document.segments]
    user_lines: list[str] = []
    names = set()
    for position, chunk in edits:
        custom = chunk.split(" -->", 1)[0].removeprefix("<!-- modelcards:user ") if chunk.startswith("<!--") else None
        if custom is not None:
            if custom in names:
                continue
            names.add(custom)
        at = boundaries[position % len(boundaries)]
        pieces[at] += "\n" + chunk
        user_lines += [line for line in chunk.split("\n") if line.startswith("user:") or "inline" in line]
    edited = "".join(pieces)
    if notes:
        body = "".join(line + "\n" for line in notes)
        edited = edited.replace("<!-- modelcards:user notes -->\n<!-- modelcards:end notes -->\n",
                                f"<!-- modelcards:user notes -->\n{body}<!-- modelcards:end notes -->\n")
        user_lines += notes
    if above:
        edited = "user: above the front matter\n" + edited
        user_lines.append("user: above the front matter")
    edited = ("\ufeff" if bom else "") + edited.replace("\n", newline)
    once = blocks.merge(new, blocks.parse(edited)).text()
    lines = once.replace(newline, "\n").split("\n")
    for line in user_lines:
        assert line in lines, f"lost {line!r}"
    assert once.startswith("\ufeff") == bom
    assert once.count("modelcards:front-matter") == 1
    assert not blocks.parse(once).edited_blocks()
    twice = blocks.merge(new, blocks.parse(once)).text()
    assert twice == once


def test_a_readme_of_100000_lines_splits_into_its_blocks_in_linear_time():
    """Only marker and fence-like lines change how the lines after them are read: prose between
    them is taken in bulk, so a README of megabytes (an imported 4 MB card) splits at once."""
    import time

    prose = "".join(f"line {i}: *prose* with `code`, ``` inline and <!-- a comment -->\n" for i in range(50_000))
    fenced = "```\n<!-- modelcards:end notes -->\n```\n"  # a quoted marker: text
    text = (f"<!-- modelcards:user notes -->\n{prose}{fenced}{prose}<!-- modelcards:end notes -->\n"
            f"free {prose}~~~\nnot closed\n")
    started = time.perf_counter()
    document = blocks.parse(text)
    assert time.perf_counter() - started < 1
    assert [(s.kind, s.name, s.line) for s in document.segments] == [
        ("user", "notes", 1), ("free", "", 100_006)]
    assert document.segments[0].body == prose + fenced + prose
    assert document.segments[1].body == f"free {prose}~~~\nnot closed\n"
    assert document.text() == text
