"""render plans its files as the bytes it writes: what is written, compared (``--check``) and
refused is as before, whatever the size of the card text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from modelcards.errors import InputError
from modelcards.files import write_atomic
from modelcards.renderers import blocks

from conftest import ROOT

OLMO = str(ROOT / "examples" / "olmo-7b" / "modelcard.yaml")

_LINES = st.sampled_from([
    "text é 🤗", "", "---", "language: en", "# modelcards:front-matter sha256=0123456789abcdef",
    "<!-- modelcards:begin a sha256=0123456789abcdef -->", "<!-- modelcards:end a -->",
    "<!-- modelcards:user b -->", "<!-- modelcards:end b -->", "```", "~~~", "line\r", "\u2028 x",
])


@settings(max_examples=300, deadline=None, database=None)
@given(lines=st.lists(_LINES, max_size=14), newline=st.sampled_from(["\n", "\r\n"]), bom=st.booleans())
def test_a_documents_bytes_are_its_text_in_utf8(lines, newline, bom):
    text = ("\ufeff" if bom else "") + newline.join(lines) + (newline if lines else "")
    try:
        document = blocks.parse(text)
    except blocks.BlockError:
        return
    assert document.data() == document.text().encode("utf-8")
    for segment in document.segments:
        assert segment.data() == segment.text().encode("utf-8")


def test_a_generated_blocks_marker_records_the_hash_of_its_body():
    segment = blocks.Segment("generated", "facts", "é 🤗\n", 1)
    data = segment.data()
    assert data.startswith(f"<!-- modelcards:begin facts sha256={blocks.digest('é 🤗' + chr(10))} -->\n".encode())
    assert not blocks.parse(data.decode("utf-8")).segments[0].edited


def test_write_atomic_writes_bytes_as_they_are_and_text_as_utf8(tmp_path):
    target = tmp_path / "f.txt"
    write_atomic(str(target), b"a\r\nb \xf0\x9f\xa4\x97\n")
    assert target.read_bytes() == b"a\r\nb \xf0\x9f\xa4\x97\n"
    write_atomic(str(target), "a\r\nb 🤗\n")
    assert target.read_bytes() == "a\r\nb 🤗\n".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]  # no temporary file left


def test_planned_files_hold_the_written_bytes_and_compare_with_the_files_on_disk(tmp_path, cli):
    import modelcards
    from modelcards.renderers.outputs import plan

    assert cli("render", OLMO, "-o", str(tmp_path)).exit_code == 0
    source = modelcards.api.read(OLMO)
    planned = plan(source.release, tmp_path, modelcards.api.analyze(source))
    assert planned.files and not any(item.changed for item in planned.files)
    for item in planned.files:
        assert item.data == item.path.read_bytes() == item.current
        assert item.content == item.data.decode("utf-8")


def test_an_existing_output_that_is_not_utf8_is_still_refused_with_its_line(tmp_path, cli):
    assert cli("render", OLMO, "-o", str(tmp_path)).exit_code == 0
    (tmp_path / "mot.yaml").write_bytes(b"framework:\n  name: \xff\n")
    result = cli("render", OLMO, "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "mot.yaml:2" in result.output and "not valid UTF-8" in result.output
    assert (tmp_path / "mot.yaml").read_bytes() == b"framework:\n  name: \xff\n"  # nothing overwritten


def test_check_reports_an_export_that_differs_by_one_byte(tmp_path, cli):
    assert cli("render", OLMO, "-o", str(tmp_path)).exit_code == 0
    path = tmp_path / "modelcard.json"
    path.write_bytes(path.read_bytes().replace(b'"format_version": 1', b'"format_version": 2'))
    result = cli("render", OLMO, "-o", str(tmp_path), "--check")
    assert result.exit_code == 1
    assert "modelcard.json: differs from what render would write" in result.output


def test_the_cli_renders_the_spdx_export_without_importing_rdflib(tmp_path):
    program = (
        "import sys\n"
        "from modelcards.cli import main\n"
        f"try:\n    main(['render', {OLMO!r}, '-o', {str(tmp_path)!r}, '--formats', 'spdx'])\n"
        "except SystemExit as done:\n    assert done.code == 0, done.code\n"
        "assert 'rdflib' not in sys.modules\n"
        "import rdflib  # importable as usual afterwards\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    subprocess.run([sys.executable, "-c", program], check=True, env=env, cwd=tmp_path, capture_output=True)
    written = (tmp_path / "modelcard.spdx3.json").read_bytes()
    from modelcards.api import analyze, read
    from modelcards.renderers.spdx import spdx_document_bytes

    source = read(OLMO)
    assert written == spdx_document_bytes(source.release, analyze(source))  # as the bindings with rdflib write it


def test_a_plan_that_cannot_be_made_raises_before_anything_is_written(tmp_path):
    from modelcards.renderers.outputs import plan

    (tmp_path / "README.md").mkdir()  # an existing output that is no file
    import modelcards

    source = modelcards.api.read(OLMO)
    try:
        plan(source.release, tmp_path, modelcards.api.analyze(source))
    except InputError as err:
        assert "README.md" in str(err.problems[0].location.path)
    else:
        raise AssertionError("a directory in the place of README.md was read")
    assert sorted(p.name for p in Path(tmp_path).iterdir()) == ["README.md"]


def test_an_imported_manifest_is_the_emitters_text_in_utf8_at_every_size():
    import yaml

    from modelcards.renderers.manifest_yaml import _CManifestDumper, _ManifestDumper, manifest_data, manifest_yaml_bytes
    from modelcards.schema import Release

    for size, dumper in ((3, _ManifestDumper), (20_000, _CManifestDumper)):  # below and above yaml_emit.LARGE
        summary = "Résumé 🤗 line\n" * size
        release = Release.model_validate({"name": "X-1B", "license": "apache-2.0", "card": {"summary": summary}})
        text = yaml.dump(manifest_data(release), Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
        expected = "# yaml-language-server: $schema=s.json\n# Imported.\n" + text
        assert manifest_yaml_bytes(release, header="Imported.", schema="s.json") == expected.encode("utf-8")


def test_the_badge_escapes_text_as_the_xml_library_does():
    from xml.sax.saxutils import escape as xml_escape

    from modelcards.renderers.badge import escape

    for text in ["", "plain", "a & b < c > d", "&amp; already", "<<&&>>", "é 🤗 \"quoted\" 'single'"]:
        assert escape(text) == xml_escape(text)


@settings(max_examples=300, deadline=None, database=None)
@given(old_lines=st.lists(_LINES, max_size=14), new_lines=st.lists(_LINES, max_size=14))
def test_merging_reads_only_the_user_text_of_the_old_readme(old_lines, new_lines):
    try:
        old = blocks.parse("\n".join(old_lines) + "\n")
        new = blocks.parse("\n".join(new_lines) + "\n")
    except blocks.BlockError:
        return
    assert blocks.merge(new, blocks.kept_by_merge(old)).data() == blocks.merge(new, old).data()
