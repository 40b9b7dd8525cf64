"""Every front end reads a card alike: ``check`` on a README gives the findings ``check`` gives on
its import, and reading a README then rendering it loses no key and no body line (issue 17).

Always run on this project's own cards (written below, and the README of every example manifest
as ``render`` writes it); on every card of ``../shared/corpora/hf-cards`` when it is present."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from modelcards.analysis import analyze
from modelcards.errors import InputError
from modelcards.readers.dispatch import Source, read, read_import
from modelcards.renderers import blocks
from modelcards.renderers.manifest_yaml import manifest_yaml
from modelcards.renderers.outputs import plan
from tools.roundtrip import compare

from conftest import LLAMA_PROBE_CARD, ROOT

CORPUS = ROOT.parent / "shared" / "corpora" / "hf-cards" / "cards"

CARDS = {
    "full": """\
---
language: en
license: apache-2.0
library_name: transformers
tags:
- text-generation
datasets:
- tatsu-lab/alpaca
base_model: mistralai/Mistral-7B-v0.1
base_model_relation: adapter
widget:
- text: "Hello"
model-index:
- name: Tiny-Chat
  results:
  - task:
      type: text-generation
    dataset:
      name: MMLU
      type: cais/mmlu
    metrics:
    - type: accuracy
      value: 55.2
---

# Tiny-Chat

Tiny-Chat is a small chat model.

## Uses

```python
## a comment in code, not a heading
```

## Bias, Risks, and Limitations

It makes things up.

## Training Details

Two epochs.
""",
    "llama-probe": LLAMA_PROBE_CARD,
    "mislabelled": """\
---
license: apache-2.0
base_model: meta-llama/Meta-Llama-3-8B
---
# Helper

A fine-tune.
""",
    "no-front-matter": "# Plain\n\nJust text.\n",
    "model-index-without-results": "---\nlicense: mit\nmodel-index:\n- name: T\n  results: []\n---\n# T\n",
    "no-heading": "---\nlicense: mit\n---\nNo heading at all.\n",
    "html-first": '---\nlicense: cc-by-nc-4.0\n---\n<div align="center">\n# not a title\n</div>\n\n# Real Title\n',
    "indented-first-line": "---\nlicense: mit\n---\n    indented code as the first body line\n\n# T\n",
    "empty-tags": "---\nlicense: mit\ntags: []\n---\n# T\n",
    "spaced-tag": "---\nlicense: mit\ntags: [' audio']\n---\n# T\n",
    "empty-license": "---\nlicense: ''\n---\n# T\n",
    "unknown-license": "---\nlicense: my-own-license-1.0\n---\n# T\n",
    "odd-shapes": "---\nlicense: 123\nlanguage: 5\ntags: {a: b}\nbase_model: {x: 1}\npipeline_tag: [a]\n---\n# T\n",
}


def _findings(source: Source) -> list[tuple[str, str, str, str]]:
    return sorted((f.rule, f.severity, f.subject, f.message) for f in analyze(source).findings)


def _rendered(source: Source, out: Path) -> str:
    return plan(source.release, out, analyze(source), formats=["readme"]).files[0].content


def _hub_parses(text: str) -> bool:
    from huggingface_hub import ModelCard

    try:
        ModelCard(text)
    except Exception:
        return False
    return True


def _check_card(card_path: Path, out: Path, *, round_trip: bool = True) -> None:
    """The two promises, for the card at ``card_path`` (``out``: a folder for the manifest);
    ``round_trip``: whether to compare with huggingface_hub's reading of the card."""
    text = card_path.read_text(encoding="utf-8")
    card = read(str(card_path))
    assert card.kind == "hf-card"
    manifest_path = out / "modelcard.yaml"
    manifest_path.write_text(manifest_yaml(read_import(str(card_path)).release), encoding="utf-8")
    manifest = read(str(manifest_path))
    assert _findings(card) == _findings(manifest), card_path
    assert card.release == manifest.release, card_path
    rendered = _rendered(card, out)
    if round_trip:
        outcome = compare(text, rendered)
        assert outcome.lossless, (card_path, outcome)


@pytest.mark.parametrize("name", sorted(CARDS))
def test_a_card_and_its_import_give_the_same_findings_and_read_then_render_loses_nothing(name, tmp_path):
    folder = tmp_path / name
    folder.mkdir()
    card = folder / "README.md"
    card.write_text(CARDS[name], encoding="utf-8")
    _check_card(card, folder)


@pytest.mark.parametrize("example", sorted(p.parent.name for p in (ROOT / "examples").glob("*/modelcard.yaml")))
def test_the_readme_rendered_from_each_example_reads_back_alike(example, tmp_path):
    manifest = read(str(ROOT / "examples" / example / "modelcard.yaml"))
    folder = tmp_path / example
    folder.mkdir()
    card = folder / "README.md"
    card.write_text(_rendered(manifest, tmp_path / "first"), encoding="utf-8")
    again = tmp_path / "again"
    again.mkdir()
    _check_card(card, again, round_trip=False)
    # The derived blocks (details, openness, license) are made from manifest data a card does not
    # state, so they are made anew; every other line must survive.
    document = blocks.parse(card.read_text(encoding="utf-8"))
    card_text = "".join(s.text() for s in document.segments
                        if not (s.kind == "generated" and s.name in ("details", "openness", "license")))
    card_text = "".join(line for line in card_text.splitlines(keepends=True)
                        if not line.startswith("<!-- modelcards:"))  # markers hold hashes of what they wrap
    outcome = compare(card_text, _rendered(read(str(card)), again))
    assert outcome.lossless, outcome
    # what the manifest states about the model survives the card
    back = read(str(card)).release
    assert back.name == manifest.release.name
    assert back.card.summary == manifest.release.card.summary


def test_every_front_end_reads_the_same_release(tmp_path):
    """``modelcards.load`` (the Python API), ``check`` and ``import`` all read one Release."""
    import modelcards

    card = tmp_path / "helper" / "README.md"
    card.parent.mkdir()
    card.write_text(CARDS["full"], encoding="utf-8")
    loaded = modelcards.load(str(card))
    assert loaded == read(str(card)).release == read_import(str(card)).release
    assert loaded.card.summary == "Tiny-Chat is a small chat model."
    assert loaded.card.bias_risks == "It makes things up."
    assert loaded.evaluation and loaded.evaluation[0].metric_value == 55.2


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="the real card corpus is not present")
def test_every_card_of_the_corpus(tmp_path):
    logging.getLogger("huggingface_hub").setLevel(logging.ERROR)
    differ: list[str] = []
    checked = 0
    for path in sorted(CORPUS.glob("*.md")):
        try:
            read(str(path))
        except InputError:
            continue  # refused, located (scripts/hf_cards_roundtrip.py holds the refusals)
        folder = tmp_path / path.stem
        folder.mkdir()
        try:
            _check_card(path, folder, round_trip=_hub_parses(path.read_text(encoding="utf-8")))
        except AssertionError as err:
            differ.append(f"{path.name}: {str(err)[:200]}")
        checked += 1
    assert checked > 2000
    assert not differ, "\n".join(differ[:10])


# The one-pass body scanner (readers/card_scan.py) against markdown-it's links: every link
# markdown-it finds outside code, the scanner finds on the same line, and the scanner finds no
# link markdown-it puts inside code.

def _scanned_links(text: str) -> set[tuple[str, int]]:
    from modelcards.readers.card_scan import scan

    return {(hit.text, hit.line) for hit in scan(text).links if not hit.in_code}


def _parsed_links(text: str) -> set[tuple[str, int]]:
    from modelcards.readers import markdown_body

    parsed = markdown_body.tokens(text)
    return {(link.url.rstrip(".,;:!?"), link.line) for link in markdown_body.links(parsed, 1)
            if link.url.startswith(("http://", "https://"))}


_GENERATED = [
    "See https://github.com/acme/x and [paper](https://arxiv.org/abs/1234.56789).\n",
    "# Title\n\n## Code\n\n- **Repository:** https://github.com/acme/x\n",
    "```python\nurl = 'https://github.com/acme/in-code'\n```\n\nafter https://example.org/a\n",
    "~~~~\n```\nhttps://inside.example/x\n```\n~~~~\nhttps://outside.example/y\n",
    "<!-- https://comment.example/z -->\nText <https://auto.example/q>.\n",
    "| a | b |\n|---|---|\n| [x](https://t.example/1) | 2 |\n",
    "Line one\nLine two with https://two.example/p, and more.\n\n### Deep\nhttps://deep.example/d\n",
]


@pytest.mark.parametrize("text", _GENERATED)
def test_the_body_scanner_finds_the_links_markdown_it_finds(text: str) -> None:
    assert _scanned_links(text) == _parsed_links(text)


def _urls(found: set[tuple[str, int]]) -> set[str]:
    """The URLs evidence reads (papers, code, Hub repositories), as written: markdown-it
    percent-encodes what the card wrote (``{`` as ``%7B``)."""
    from urllib.parse import unquote

    from modelcards.readers.card_evidence import WORTH_A_LOOK

    # markdown-it's bare-URL text may run on into "]" or a space the card wrote after the URL
    urls = {re.split(r"[\s\]]", unquote(url))[0].rstrip(".,;:!?") for url, _line in found}
    return {url for url in urls if WORTH_A_LOOK.match(url) and "/resolve/" not in url and "/blob/" not in url}


@pytest.mark.slow  # the whole real corpus: run by `pytest -m slow` and .ci/run
@pytest.mark.skipif(not CORPUS.is_dir(), reason="the real card corpus is not present")
def test_the_body_scanner_misses_no_link_of_the_corpus_that_markdown_it_finds() -> None:
    """Every URL of a paper, code or Hub repository that markdown-it finds outside code in a
    corpus card, the scanner finds too (files in a repository, images mostly, are left out: an
    HTML block that markdown-it ends where the scanner sees a comment goes either way). Lines
    are held to markdown-it on the generated texts above; on real cards markdown-it places a
    link that starts on an earlier line, or a reference link, at its text, the scanner at its
    URL. The scanner also reads URLs in indented code and code spans, which markdown-it does
    not: evidence then judges them by their wording."""
    from modelcards.readers.hub_card import split

    missed: list[str] = []
    for path in sorted(CORPUS.glob("*.md")):
        try:
            card = split(path.read_text(encoding="utf-8"), str(path))
        except InputError:
            continue
        body = card.body
        missed.extend(f"{path.name}: {url}" for url in sorted(_urls(_parsed_links(body)) - _urls(_scanned_links(body))))
    assert not missed, missed[:20]
