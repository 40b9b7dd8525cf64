"""`check --format json`: one path prints the report object; several print ONE JSON array of them, in the
order given, so the output is always a single JSON document. SARIF stays one merged log."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

PYTHIA = str(ROOT / "examples" / "pythia-6.9b" / "modelcard.yaml")
BLOOM = str(ROOT / "examples" / "bloom" / "modelcard.yaml")
MISLABELLED = str(ROOT / "examples" / "mislabelled-llama3-finetune" / "modelcard.yaml")


def test_one_path_prints_the_report_object(cli):
    result = cli("check", PYTHIA, "--format", "json")
    document = json.loads(result.stdout)
    assert isinstance(document, dict) and document["source"] == PYTHIA
    assert result.exit_code == 0


def test_several_paths_print_one_array_of_the_single_path_objects_in_order(cli):
    result = cli("check", MISLABELLED, PYTHIA, BLOOM, "--format", "json")
    document = json.loads(result.stdout)  # one document, not objects back to back
    assert isinstance(document, list)
    assert [report["source"] for report in document] == [MISLABELLED, PYTHIA, BLOOM]
    for report in document:
        assert report == json.loads(cli("check", report["source"], "--format", "json").stdout)
    assert result.exit_code == 1  # the mislabelled release has errors


def test_an_unreadable_path_is_reported_on_stderr_and_left_out_of_the_array(cli, write):
    broken = write("broken/modelcard.yaml", "name: x\nlicense: [mit\n")
    result = cli("check", PYTHIA, broken, "--format", "json")
    assert [report["source"] for report in json.loads(result.stdout)] == [PYTHIA]
    assert result.exit_code == 2 and f"{broken}:" in result.stderr


def test_several_paths_give_an_array_even_when_one_report_is_left(cli, write):
    project_readme = write("README.md", "# A project README without card metadata\n")
    result = cli("check", PYTHIA, project_readme, "--format", "json", "--skip-unrecognised")
    assert [report["source"] for report in json.loads(result.stdout)] == [PYTHIA]
    assert result.exit_code == 0


def test_sarif_for_several_paths_stays_one_log_with_one_run(cli):
    document = json.loads(cli("check", PYTHIA, MISLABELLED, "--format", "sarif").stdout)
    assert isinstance(document, dict) and len(document["runs"]) == 1
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in document["runs"][0]["results"]}
    assert uris == {PYTHIA, MISLABELLED}


def _program(*args: str) -> subprocess.CompletedProcess[str]:
    """``modelcards`` as its own process, output to pipes (it leaves without interpreter teardown)."""
    return subprocess.run([sys.executable, "-m", "modelcards", *args], capture_output=True, text=True, timeout=60)


def test_the_program_prints_the_whole_array_through_a_pipe_and_exits_with_its_status(cli, write):
    broken = write("broken/modelcard.yaml", "name: x\nlicense: [mit\n")
    result = _program("check", MISLABELLED, PYTHIA, BLOOM, broken, "--format", "json")
    assert json.loads(result.stdout) == json.loads(cli("check", MISLABELLED, PYTHIA, BLOOM, "--format", "json").stdout)
    assert result.returncode == 2 and f"{broken}:" in result.stderr
    assert _program("check", MISLABELLED).returncode == 1
    clean = _program("check", PYTHIA)
    assert clean.returncode == 0 and clean.stdout.splitlines()[-1].startswith(f"{PYTHIA}: MOF Class I")  # the summary
