"""The Python API is the CLI's pipeline: ``modelcards.check(p)`` and ``modelcards.analyze(modelcards.read(p))``
give exactly the ``check --format json`` object (source path and lines included), and ``[tool.modelcards]``
select / ignore / fail-on mean the same in ``check``, ``audit``, ``guard`` and the MkDocs plugin."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import modelcards
from modelcards.config import load_settings

from conftest import EXAMPLES, ROOT

MISLABELLED = ROOT / "examples" / "mislabelled-llama3-finetune" / "modelcard.yaml"
PYTHIA = ROOT / "examples" / "pythia-6.9b" / "modelcard.yaml"


def check_json(cli, path: str, *options: str) -> tuple[dict, int]:
    result = cli("check", path, "--format", "json", *options)
    return json.loads(result.stdout), result.exit_code


@pytest.mark.parametrize("manifest", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_check_and_analyze_of_read_equal_check_format_json_for_every_example(cli, manifest):
    expected, _ = check_json(cli, str(manifest))
    assert expected["source"] == str(manifest)
    assert modelcards.check(str(manifest)).to_dict() == expected
    assert modelcards.check(manifest).to_dict() == expected  # a pathlib.Path names the same source
    assert modelcards.analyze(modelcards.read(str(manifest))).to_dict() == expected


def test_the_api_places_findings_on_the_manifest_lines(cli):
    report = modelcards.check(str(MISLABELLED))
    errors = [f for f in report.findings if f.severity == "error"]
    assert errors and report.source == str(MISLABELLED)
    lines = MISLABELLED.read_text(encoding="utf-8").splitlines()
    for finding in errors:
        assert finding.line is not None, finding
        assert 1 <= finding.line <= len(lines) and lines[finding.line - 1].strip(), finding


def test_a_readme_rendered_from_an_example_checks_the_same_through_api_and_cli(cli, tmp_path):
    source = modelcards.read(str(PYTHIA))
    written = modelcards.render(source, str(tmp_path), modelcards.check(source), formats=["readme"])
    readme = str(tmp_path / "README.md")
    assert written == [readme]
    expected, status = check_json(cli, readme)
    assert status == 0 and expected["source"] == readme
    assert modelcards.read(readme).kind == "hf-card"
    assert modelcards.check(readme).to_dict() == expected
    assert modelcards.analyze(modelcards.read(readme)).to_dict() == expected


def test_a_bare_release_is_named_by_its_name_and_unlocated():
    release = modelcards.load(str(MISLABELLED))
    report = modelcards.analyze(release)
    assert report.source == release.name == "SuperChat-8B"
    assert report.findings and all(f.line is None for f in report.findings)
    located = modelcards.check(str(MISLABELLED))
    assert [(f.rule, f.subject) for f in report.findings] == [(f.rule, f.subject) for f in located.findings]


def test_render_without_a_report_writes_what_render_with_the_checked_report_writes(tmp_path):
    release = modelcards.load(str(PYTHIA))
    modelcards.render(release, str(tmp_path / "a"))
    modelcards.render(release, str(tmp_path / "b"), modelcards.analyze(release))
    names = sorted(p.relative_to(tmp_path / "a").as_posix() for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert names and names == sorted(p.relative_to(tmp_path / "b").as_posix()
                                     for p in (tmp_path / "b").rglob("*") if p.is_file())
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_bad_input_raises_a_located_input_error(tmp_path):
    broken = tmp_path / "modelcard.yaml"
    broken.write_text("name: x\nlicense: [mit\n", encoding="utf-8")
    with pytest.raises(modelcards.InputError) as caught:
        modelcards.check(str(broken))
    assert caught.value.problems[0].location.path == str(broken)
    assert caught.value.problems[0].location.line is not None


def test_the_facade_re_exports_the_api_and_its_types():
    assert isinstance(modelcards.read(str(PYTHIA)), modelcards.Source)
    assert isinstance(modelcards.check(str(PYTHIA)), modelcards.Report)
    assert issubclass(modelcards.PublishBlocked, Exception) and callable(modelcards.audit_paths)
    with pytest.raises(AttributeError):
        modelcards.no_such_name  # noqa: B018


def test_the_cli_sets_the_pydantic_plugin_switch_only_while_a_command_runs(cli, monkeypatch):
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    assert cli("check", str(PYTHIA)).exit_code == 0
    assert "PYDANTIC_DISABLE_PLUGINS" not in os.environ
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "some-plugin")
    assert cli("check", str(PYTHIA)).exit_code == 0
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "some-plugin"


def test_publish_analyses_the_release_once(tmp_path, monkeypatch):
    import shutil

    from modelcards import analysis
    from modelcards.publish import publish

    shutil.copy(PYTHIA, tmp_path / "modelcard.yaml")
    calls = []
    real = analysis.analyze
    monkeypatch.setattr(analysis, "analyze", lambda *a, **k: calls.append(a) or real(*a, **k))
    result = publish(str(tmp_path), "org/pythia", dry_run=True)
    assert len(calls) == 1
    assert "README.md" in result.files and "modelcard.yaml" in result.files


# --- [tool.modelcards] select / ignore / fail-on, the same everywhere ------------------------

SETTINGS = {
    # pyproject table -> the manifest it is tried on, and which of its rules stay reported
    "ignore-lic-open": ('ignore = ["LIC", "OPEN"]\n', MISLABELLED, lambda rule: not rule.startswith(("LIC", "OPEN"))),
    "select-lic": ('select = ["LIC"]\n', MISLABELLED, lambda rule: rule.startswith("LIC")),
    "warnings-fail": ('fail-on = "warning"\n', PYTHIA, lambda rule: True),
    "warnings-fail-but-ignored": ('ignore = ["MOF004"]\nfail-on = "warning"\n', PYTHIA, lambda rule: rule != "MOF004"),
}


def _project(tmp_path: Path, table: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(f"[tool.modelcards]\n{table}", encoding="utf-8")
    return tmp_path


def _failing(report: dict, threshold: str) -> set[str]:
    rank = {"info": 0, "warning": 1, "error": 2}
    return {f["rule"] for f in report["findings"] if rank[f["severity"]] >= rank[threshold]}


@pytest.mark.parametrize("case", SETTINGS)
def test_settings_apply_alike_to_cli_check_api_check_and_guard(case, cli, tmp_path, monkeypatch):
    table, manifest, kept = SETTINGS[case]
    everything, _ = check_json(cli, str(manifest))  # the project's own directory: no [tool.modelcards]
    monkeypatch.chdir(_project(tmp_path, table))
    settings = load_settings()
    configured, status = check_json(cli, str(manifest))
    assert configured["findings"] == [f for f in everything["findings"] if kept(f["rule"])]
    assert modelcards.check(str(manifest), settings=settings).to_dict() == configured
    fails = bool(_failing(configured, settings.fail_on))
    assert status == (1 if fails else 0)
    folder = tmp_path / "release"
    folder.mkdir()
    (folder / "modelcard.yaml").write_bytes(manifest.read_bytes())
    if fails:
        with pytest.raises(modelcards.PublishBlocked) as blocked:
            modelcards.guard(str(folder), settings=settings)
        assert {f.rule for f in blocked.value.findings} == _failing(configured, settings.fail_on)
    else:
        assert modelcards.guard(str(folder), settings=settings).fails(settings.fail_on) is False


@pytest.mark.parametrize("case", ["ignore-lic-open", "warnings-fail"])
def test_settings_apply_alike_to_audit(case, cli, tmp_path, monkeypatch):
    table, manifest, _ = SETTINGS[case]
    monkeypatch.chdir(_project(tmp_path, table))
    configured, status = check_json(cli, str(manifest))
    audited = cli("audit", str(manifest))
    assert json.loads(audited.stdout) == configured
    assert audited.exit_code == status


def _site(tmp_path: Path, manifest: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "release.yaml").write_bytes(manifest.read_bytes())
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\nplugins:\n  - modelcards:\n      manifests: [release.yaml]\n", encoding="utf-8")
    return config


# each case is a real `mkdocs build`: one in the default suite, the others in the slow run
@pytest.mark.parametrize("case", [
    pytest.param("ignore-lic-open", marks=pytest.mark.slow),
    "warnings-fail",
    pytest.param("warnings-fail-but-ignored", marks=pytest.mark.slow)])
def test_settings_apply_alike_to_the_docs_plugin(case, cli, tmp_path, monkeypatch):
    table, manifest, _ = SETTINGS[case]
    project = _project(tmp_path, table)
    config = _site(project, manifest)
    monkeypatch.chdir(project)
    configured, status = check_json(cli, str(project / "release.yaml"))
    threshold = load_settings().fail_on
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d",
                            str(tmp_path / "site")], capture_output=True, text=True, timeout=120, cwd="/")
    logged = set(re.findall(r"release\.yaml(?::\d+)?: ([A-Z]+\d+) (?:error|warning|info):", build.stderr))
    assert logged == (_failing(configured, threshold) if status else set()), build.stderr
    assert build.returncode == status, build.stderr


@pytest.mark.slow  # a real site build: run by `pytest -m slow` and .ci/run
def test_an_unknown_code_in_the_settings_stops_the_docs_build_with_its_name(tmp_path):
    config = _site(_project(tmp_path, 'ignore = ["LIX"]\n'), PYTHIA)
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(tmp_path / "site")],
                           capture_output=True, text=True, timeout=120)
    assert build.returncode == 1
    assert "no rule matches 'LIX'" in build.stderr and "Traceback" not in build.stderr


@pytest.mark.parametrize("spelling", [
    '[tool.modelcards]\nignore = ["LIC"]\n',
    '[tool]\nmodelcards.ignore = ["LIC"]\n',
    '[tool."modelcards"]\nignore = ["LIC"]\n',
    'tool = { modelcards = { ignore = ["LIC"] } }\n',
])
def test_every_toml_spelling_of_the_table_is_read(spelling, tmp_path):
    (tmp_path / "pyproject.toml").write_text(spelling + '[project]\nname = "x"\n', encoding="utf-8")
    assert load_settings(tmp_path).ignore == ("LIC",)


def test_a_pyproject_without_the_table_gives_the_defaults(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "modelcards-user"\n[tool.ruff]\nline-length = 100\n')
    settings = load_settings(tmp_path)
    assert (settings.select, settings.ignore, settings.fail_on, settings.fail_on_stated) == ((), (), "error", False)


def test_a_manifest_check_imports_only_what_checking_needs():
    probe = ("import sys\n"
             "from modelcards.cli import main\n"
             f"try:\n    main(['check', {str(PYTHIA)!r}])\nexcept SystemExit as done:\n    code = done.code\n"
             "heavy = ('huggingface_hub', 'jinja2', 'markdown_it', 'rich', 'httpx', 'importlib.metadata', 'mkdocs')\n"
             "print(code, sorted(m for m in sys.modules if m.startswith(heavy)))\n")
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, env=env)
    assert result.stdout.strip().splitlines()[-1] == "0 []", result.stdout + result.stderr
