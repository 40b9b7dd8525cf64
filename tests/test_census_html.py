"""The census page in a real browser: its script sorts and filters the per-card table, and no
card text runs as markup or script."""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess

import pytest

from modelcards.audit import audit_paths
from modelcards.audit.html_report import render_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PAYLOAD = "</title><script>document.title='pwned'</script>"
IMAGE = "<img src=x onerror=\\\"document.title='pwned-img'\\\">"
ROWS = [
    {"id": "Org/Root", "createdAt": "2024-01-05", "card": "---\nlicense: cc-by-nc-4.0\n---\n# Root\n"},
    {"id": "org/tuned", "createdAt": "2024-02-01",
     "card": "---\nlicense: apache-2.0\nbase_model: org/root\n---\n# Tuned\n\nThis model is fully open source.\n"},
    {"id": "org/tuned-GGUF", "createdAt": "2024-03-01",
     "card": "---\nlicense: apache-2.0\nbase_model: org/tuned\ntags: [gguf]\n---\n# GGUF\n"},
    {"id": f"x/{PAYLOAD}", "createdAt": "2024-03-02",
     "card": f"---\nlicense: mit\nbase_model: \"{IMAGE}\"\n---\n# {PAYLOAD}\n"},
]


def _page(tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps(row) + "\n" for row in ROWS), encoding="utf-8")
    summary = audit_paths([str(dump)], io.StringIO())
    page = tmp_path / "census.html"
    page.write_text(render_report(summary), encoding="utf-8")
    return page


def _dom(url: str) -> str:
    result = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _visible_cards(dom: str) -> list[str]:
    body = dom.split('<table id="cards">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr ([^>]*)><td>(.*?)</td>", body)
    return [html.unescape(card) for attributes, card in rows if "hidden" not in attributes]


@pytest.mark.slow  # headless Chromium: run by `pytest -m slow` and .ci/run
def test_the_census_page_sorts_filters_and_never_runs_card_text(tmp_path):
    if CHROMIUM is None:
        pytest.skip("chromium is not installed")
    page = _page(tmp_path)
    dom = _dom(page.as_uri())
    title = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert title and html.unescape(title.group(1)) == "Model card audit"
    assert "<script>document.title" not in dom and "<img src=" not in dom
    assert "4 of 4 shown" in dom  # the page's script ran
    assert _visible_cards(dom) == [row["id"] for row in ROWS]

    filtered = _dom(page.as_uri() + "#filter=tuned&sort=0&order=descending")
    assert "2 of 4 shown" in filtered
    assert _visible_cards(filtered) == ["org/tuned-GGUF", "org/tuned"]

    washing = _dom(page.as_uri() + "#only=openwashing")
    assert _visible_cards(washing) == ["org/tuned"]
    dropped = _dom(page.as_uri() + "#only=dropped&sort=0")
    assert _visible_cards(dropped) == ["org/tuned", "org/tuned-GGUF"]
    assert 'id="rule-LIC003"' in dom and "derivative-relicensed" in dom
