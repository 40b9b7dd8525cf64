"""``modelcards`` run as its own process leaves a finished offline ``render`` or ``import`` of a
file without tearing the interpreter down (``cli._Group.main``): what it wrote must be whole, the
same bytes as the same command run in-process (which exits as usual), with no temporary file left."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

OLMO = ROOT / "examples" / "olmo-7b" / "modelcard.yaml"


def _program(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "modelcards", *args], capture_output=True, text=True,
                          timeout=60, cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)})


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow  # two renders, one a subprocess: run by `pytest -m slow` and .ci/run
def test_a_rendered_folder_is_whole_when_the_program_leaves_without_teardown(cli, tmp_path):
    done = _program("render", str(OLMO), "-o", str(tmp_path / "program"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert cli("render", str(OLMO), "-o", str(tmp_path / "in-process")).exit_code == 0
    program, in_process = _files(tmp_path / "program"), _files(tmp_path / "in-process")
    assert "README.md" in program and len(program) >= 5
    assert program == in_process
    assert not [name for name in program if ".modelcards-" in name]  # no temporary file left


@pytest.mark.slow  # two imports, one a subprocess: run by `pytest -m slow` and .ci/run
def test_an_imported_manifest_is_whole_when_the_program_leaves_without_teardown(cli, tmp_path):
    card = tmp_path / "README.md"
    card.write_text("---\nlicense: apache-2.0\nbase_model: EleutherAI/pythia-1b\n---\n# Tiny Pythia\n\n"
                    "## Training Data\n\nThe Pile.\n" + "Prose line.\n" * 20_000, encoding="utf-8")
    (tmp_path / "program").mkdir()
    (tmp_path / "in-process").mkdir()
    done = _program("import", str(card), "-o", "program/modelcard.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert cli("import", str(card), "-o", str(tmp_path / "in-process" / "modelcard.yaml")).exit_code == 0
    written = (tmp_path / "program" / "modelcard.yaml").read_bytes()
    assert written == (tmp_path / "in-process" / "modelcard.yaml").read_bytes()
    assert written.count(b"Prose line.") == 20_000
