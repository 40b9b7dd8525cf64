"""What a new user meets in the first ten minutes (issue 24): render --list-formats without a
manifest, init's editor schema line, --version naming this distribution, rule names in the audit
report, and the rule reference generated from the rules' docstrings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


# 1. render --list-formats ------------------------------------------------------------------

def test_render_lists_its_formats_without_a_manifest(cli):
    result = cli("render", "--list-formats")
    assert result.exit_code == 0, result.output
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert {"readme", "json", "mot", "spdx", "cyclonedx"} <= set(names)
    assert "README.md" in result.stdout and "modelcard.json" in result.stdout


def test_render_without_a_manifest_or_list_formats_is_a_usage_error(cli):
    result = cli("render")
    assert result.exit_code == 2
    assert "Missing argument" in result.output


# 2. init's yaml-language-server line -----------------------------------------------------------

def _schema_ref(manifest: Path) -> str:
    match = SCHEMA_LINE.match(manifest.read_text(encoding="utf-8").splitlines()[0])
    assert match, "the first line is not a yaml-language-server $schema line"
    return match.group(1)


@pytest.mark.parametrize("where", ["schemas/release.schema.json", "release.schema.json"])
def test_init_points_at_the_schema_shipped_in_the_repository_by_a_relative_path(cli, tmp_path, where):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    schema = repo / where
    schema.parent.mkdir(parents=True, exist_ok=True)
    schema.write_text((ROOT / "schemas" / "release.schema.json").read_text(encoding="utf-8"), encoding="utf-8")
    manifest = repo / "models" / "tiny" / "modelcard.yaml"
    manifest.parent.mkdir(parents=True)
    result = cli("init", str(manifest))
    assert result.exit_code == 0, result.output
    ref = _schema_ref(manifest)
    assert not ref.startswith(("/", "file:")) and str(tmp_path) not in ref and "\\" not in ref
    assert (manifest.parent / ref).resolve() == schema.resolve()  # what an editor opens
    assert cli("check", str(manifest)).exit_code == 0


def test_init_does_not_look_above_the_repository_root(cli, tmp_path):
    (tmp_path / "release.schema.json").write_text("{}", encoding="utf-8")  # outside the repository
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    manifest = repo / "modelcard.yaml"
    assert cli("init", str(manifest)).exit_code == 0
    assert not _schema_ref(manifest).startswith("..")


# 3. the distribution's name ---------------------------------------------------------------------

def test_version_names_this_distribution(cli):
    from importlib.metadata import version

    result = cli("--version")
    assert result.exit_code == 0
    assert "modelcards-release" in result.stdout
    assert version("modelcards-release") in result.stdout


def test_readme_install_section_warns_of_the_other_modelcards_package():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    install = readme[readme.index("### Install"):]
    install = install[:install.index("\n## ")]
    assert "pip install modelcards-release" in install
    assert "older" in install and "same top-level import name" in install
    assert "modelcards --version" in install


# 4. rule names in the audit report --------------------------------------------------------------

def test_audit_html_report_names_each_rule_code(cli, write, tmp_path):
    from modelcards.rules import all_rules

    write("cards/a.md", "---\nlicense: apache2\n---\n# A\n\nSome text.\n")
    write("cards/b.md", "---\nlicense: cc\n---\n# B\n\nSome text.\n")
    report = tmp_path / "audit.html"
    result = cli("audit", str(tmp_path / "cards"), "--report", str(report))
    assert result.exit_code == 0, result.output
    html = report.read_text(encoding="utf-8")
    rules = all_rules()
    for code in ("LIC001", "LIC013"):
        assert f"<td><code>{code}</code></td><td>{rules[code].name}</td>" in html
        assert f"{code} {rules[code].name}" in html  # the chart's label


# 5. docs/rules.md from the docstrings ------------------------------------------------------------

def test_every_rule_docstring_has_every_section():
    from modelcards.rules import ordered_rules
    from modelcards.rules.rules_doc import missing_sections

    lacking = {rule.code: missing_sections(rule) for rule in ordered_rules()}
    assert {code: names for code, names in lacking.items() if names} == {}


def test_docs_rules_md_is_up_to_date():
    from modelcards.rules.rules_doc import rules_markdown

    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), "docs/rules.md is stale: run `python -m modelcards.rules.rules_doc`"


def test_docs_rules_md_has_a_section_per_rule_with_its_facts():
    from modelcards.rules import ordered_rules

    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in ordered_rules():
        assert f"## {rule.code}: {rule.name}\n\nKind: `{rule.kind}`. Default severity: `{rule.severity}`." in page
        start = page.index(f"## {rule.code}:")
        section = page[start:page.find("\n## ", start + 1)]
        for heading in ("**What**", "**Why**", "**Example that fires**", "**Fix**", "**Sources**"):
            assert heading in section, (rule.code, heading)


def test_a_rule_missing_a_section_is_named():
    from modelcards.rules.registry import Rule
    from modelcards.rules.rules_doc import missing_sections

    def check(subject: object, verdicts: object) -> list:
        """Summary.

        What: something.
        Why: a reason.
        Fix: do this.
        """
        return []

    assert missing_sections(Rule("X001", "x", "metadata", "info", check)) == ["Example", "Sources"]


def test_each_rule_example_fires_that_rule(tmp_path):
    import modelcards
    from modelcards.errors import InputError
    from modelcards.rules import ordered_rules
    from modelcards.rules.rules_doc import sections

    for rule in ordered_rules():
        path = tmp_path / rule.code / "modelcard.yaml"
        path.parent.mkdir()
        path.write_text(sections(rule)["Example"] + "\n", encoding="utf-8")
        if rule.code == "INPUT":
            with pytest.raises(InputError):
                modelcards.read(str(path))
            continue
        codes = {finding.rule for finding in modelcards.check(str(path)).findings}
        assert rule.code in codes, (rule.code, sorted(codes))


def test_explain_prints_the_rule_docstring(cli):
    from modelcards.rules import all_rules

    for code in ("INPUT", "LIC003"):
        result = cli("explain", code)
        assert result.exit_code == 0, result.output
        assert all_rules()[code].doc in result.stdout
        assert "What:" in result.stdout and "Fix:" in result.stdout


def test_import_names_a_schema_beside_the_manifest_never_a_machine_path(cli, tmp_path):
    card = tmp_path / "README.md"
    card.write_text("---\nlicense: mit\n---\n# Tiny\n\nA model.\n", encoding="utf-8")
    out = tmp_path / "release" / "modelcard.yaml"
    out.parent.mkdir()
    result = cli("import", str(card), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert _schema_ref(out) == "release.schema.json"
    schema = json.loads((out.parent / "release.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] and "properties" in schema and "name" in schema["properties"]
    # a repository that ships its schema is named by a relative path, and nothing is written beside
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "schemas").mkdir()
    (repo / "schemas" / "release.schema.json").write_text("{}", encoding="utf-8")
    (repo / "models").mkdir()
    assert cli("import", str(card), "-o", str(repo / "models" / "modelcard.yaml")).exit_code == 0
    assert _schema_ref(repo / "models" / "modelcard.yaml") == "../schemas/release.schema.json"
    assert not (repo / "models" / "release.schema.json").exists()
