"""The MkDocs plugin, exercised through real `mkdocs build --strict` runs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import modelcards
from modelcards.openness.components import mof

from conftest import ROOT

SITE = ROOT / "examples" / "docs-site"


def build(config: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out),
                           *extra], capture_output=True, text=True, timeout=120)


def main_text(page: Path) -> str:
    return page.read_text(encoding="utf-8")


# a real `mkdocs build` each: the plain theme in the default suite, Material in the slow run
@pytest.mark.parametrize("config", ["mkdocs.yml", pytest.param("mkdocs-material.yml", marks=pytest.mark.slow)])
def test_example_site_builds_strict_with_class_label_component_rows_and_badge(config, tmp_path):
    result = build(SITE / config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for name in ("pythia-6.9b", "olmo-7b"):
        html = main_text(tmp_path / "site" / "models" / name / "index.html")
        report = modelcards.analyze(modelcards.load(str(ROOT / "examples" / name / "modelcard.yaml")))
        assert report.openness["mof"]["label"] in html
        rows = re.findall(r'<tr class="modelcards-status-(\w+)"><td>([\w-]+)', html)
        assert [row[1] for row in rows] == [c.id for c in mof().components]
        expected = report.openness["mof"]["components"]
        assert {component: status for status, component in rows} == {
            component: entry["status"] for component, entry in expected.items()}
        assert 'aria-label="Model Openness Framework: ' in html and "<svg" in html
        assert "License and obligations" in html
    # the include marker on a hand-written page
    openness = main_text(tmp_path / "site" / "openness" / "index.html")
    assert "This page is written by hand" in openness
    assert "modelcards-components" in openness and "modelcards-fragment" not in openness
    assert "<code>&lt;!-- modelcards:include ../olmo-7b/modelcard.yaml --&gt;</code>" in openness


HOSTILE = """\
name: <script>alert("name")</script>
license: Apache-2.0
license_link: javascript:alert("link")
producer: <img src=x onerror=alert("producer")>
artifacts:
  model-parameters-final:
    location: https://example.org/weights
    license: <script>alert("license")</script>
datasets:
  - id: org/data
    name: <script>alert("dataset")</script>
    role: pretraining
    license: MIT
card:
  summary: Fine <script>alert("summary")</script> [click](javascript:alert("md-link"))
  sections:
    <b>Title</b>: <iframe src="https://evil.example"></iframe>
"""


def hostile_site(tmp_path: Path, manifest_text: str, *plugin_lines: str) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "release.yaml").write_text(manifest_text, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    extra = "".join(f"      {line}\n" for line in plugin_lines)
    config.write_text(f"site_name: t\nplugins:\n  - modelcards:\n      manifests: [release.yaml]\n{extra}",
                      encoding="utf-8")
    return config


@pytest.mark.slow  # a real site build: run by `pytest -m slow` and .ci/run
def test_script_payloads_in_manifest_text_come_out_escaped(tmp_path):
    config = hostile_site(tmp_path, HOSTILE, "report_findings: none")
    result = build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = main_text(tmp_path / "site" / "models" / "release" / "index.html")
    for payload in ("name", "license", "dataset", "summary"):
        assert f'<script>alert("{payload}")' not in html
        assert re.search(rf"&lt;script&gt;alert\((&quot;|&#34;|\"){payload}", html), payload  # shown as text
    assert "<img src=x" not in html and "<iframe" not in html and "<b>Title</b>" not in html
    assert 'href="javascript:' not in html


@pytest.mark.slow  # a real site build: run by `pytest -m slow` and .ci/run
def test_error_findings_fail_a_strict_build_with_their_location(tmp_path):
    manifest = (ROOT / "examples" / "mislabelled-llama3-finetune" / "modelcard.yaml").read_text(encoding="utf-8")
    result = build(hostile_site(tmp_path, manifest), tmp_path / "site")
    assert result.returncode == 1
    assert re.search(r"release\.yaml:\d+: LIC\d+ error:", result.stderr)


@pytest.mark.slow  # a real site build: run by `pytest -m slow` and .ci/run
def test_a_broken_manifest_stops_the_build_with_a_located_message_not_a_traceback(tmp_path):
    result = build(hostile_site(tmp_path, "name: x\nlicense: [mit\n"), tmp_path / "site")
    assert result.returncode == 1
    assert "release.yaml:3:1: invalid YAML" in result.stderr or "release.yaml:2" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow  # a real site build: run by `pytest -m slow` and .ci/run
def test_missing_manifest_is_named(tmp_path):
    config = hostile_site(tmp_path, "name: x\n")
    config.write_text(config.read_text().replace("release.yaml", "nowhere.yaml"), encoding="utf-8")
    result = build(config, tmp_path / "site")
    assert result.returncode == 1 and "nowhere.yaml" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow  # a real site build: run by `pytest -m slow` and .ci/run
def test_the_site_source_is_left_untouched(tmp_path):
    copy = tmp_path / "examples"
    shutil.copytree(ROOT / "examples", copy)
    before = {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    assert build(copy / "docs-site" / "mkdocs.yml", tmp_path / "out").returncode == 0
    after = {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    assert after == before


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _poll(url: str, wanted: str, seconds: float = 30) -> bool:
    import time
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if wanted in response.read().decode("utf-8"):
                    return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


@pytest.mark.slow  # a real `mkdocs serve`, seconds of work: run by `pytest -m slow` and .ci/run
def test_mkdocs_serve_rebuilds_when_a_manifest_changes(tmp_path):
    config = hostile_site(tmp_path, "name: Served-Model\nlicense: MIT\n", "report_findings: none")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/models/release/"
        assert _poll(url, "Served-Model")
        (tmp_path / "release.yaml").write_text("name: Renamed-Model\nlicense: MIT\n", encoding="utf-8")
        assert _poll(url, "Renamed-Model")
    finally:
        server.terminate()
        server.wait(timeout=10)


# --- script payloads in every position, loaded in a real browser (issue 21) ---------------------

TITLE_PAYLOAD = """\
name: "</title><script>document.title='pwned'</script>"
license: Apache-2.0
artifacts:
  model-parameters-final:
    location: https://example.org/weights
card:
  summary: "See [click](javascript:document.title='pwned-link') and
    <img src=x onerror=\\"document.title='pwned-img'\\">"
  sections:
    "[go](javascript:document.title='pwned-heading')": body [x](javascript:document.title='pwned-body')
"""
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _dump_dom(page: Path) -> str:
    """The page's DOM after its scripts ran, from headless Chromium."""
    result = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                             page.as_uri()], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _document_title(dom: str) -> str:
    import html as html_module

    match = re.search(r"<head>.*?<title>(.*?)</title>", dom, re.S)
    assert match, dom[:500]
    return html_module.unescape(match.group(1))


@pytest.mark.slow  # real site builds loaded in headless Chromium: run by `pytest -m slow` and .ci/run
@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_a_script_in_the_release_name_or_a_javascript_link_never_runs_in_either_theme(theme, tmp_path):
    config = hostile_site(tmp_path, TITLE_PAYLOAD, "report_findings: none")
    config.write_text(config.read_text(encoding="utf-8") + f"theme:\n  name: {theme}\n", encoding="utf-8")
    result = build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = tmp_path / "site" / "models" / "release" / "index.html"
    html = main_text(page)
    assert "<script>document.title" not in html and "<img src=x" not in html
    assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.I)
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title and "&lt;/title&gt;&lt;script&gt;" in title.group(1)  # shown as text
    if CHROMIUM is None:
        pytest.skip("chromium is not installed: the static checks above ran, the browser check did not")
    dom = _dump_dom(page)
    assert _document_title(dom).startswith("</title><script>document.title='pwned'</script>")
    assert "pwned" not in _document_title(dom).replace("document.title='pwned'", "")
    assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", dom, re.I)
    assert "[go](javascript:document.title='pwned-heading')" in dom.replace("&#x27;", "'").replace("&#39;", "'")


@pytest.mark.slow  # headless Chromium: run by `pytest -m slow` and .ci/run
def test_the_audit_html_report_shows_hostile_card_text_as_text(tmp_path):
    from click.testing import CliRunner

    from modelcards.cli import main

    cards = tmp_path / "cards"
    cards.mkdir()
    payload = "</title><script>document.title='pwned'</script>"
    image = "<img src=x onerror=\\\"document.title='pwned-img'\\\">"
    (cards / "README.md").write_text(f"---\nlicense: \"{payload}\"\nbase_model: \"{image}\"\n---\n# {payload}\n",
                                     encoding="utf-8")
    report = tmp_path / "audit.html"
    result = CliRunner().invoke(main, ["audit", str(cards), "--report", str(report)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    html = report.read_text(encoding="utf-8")
    assert "<script>document.title" not in html and "<img src=x" not in html
    assert "&lt;/title&gt;&lt;script&gt;" in html and "&lt;img src=x" in html  # both charted, as text
    if CHROMIUM is None:
        pytest.skip("chromium is not installed: the static checks above ran, the browser check did not")
    dom = _dump_dom(report)
    assert "pwned" not in _document_title(dom)
    assert "<script>document.title" not in dom and "<img src=" not in dom
