from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]

LLAMA_PROBE_CARD = '''\
---
license: llama3
base_model: meta-llama/Meta-Llama-3-8B
---

```bash
# pip install foo
```

# Llama 3 Helper

Built with Meta Llama 3

## Uses

Helping.
'''
"""A Llama 3 card whose code block holds a `# pip install foo` comment above its real title
("# Llama 3 Helper") and which displays "Built with Meta Llama 3": neither LIC005 nor LIC006 applies."""

EXAMPLES = sorted((ROOT / "examples").glob("*/modelcard.yaml"))
HF_CARDS = ROOT.parent / "shared" / "corpora" / "hf-cards" / "cards"
"""The real Hub cards, when ``../shared`` is beside the checkout (tests over them skip otherwise)."""


def corpus_cards():
    """(path, text, split card) of each real card the card reader splits, in name order."""
    from modelcards.errors import InputError
    from modelcards.readers.hub_card import split

    for path in sorted(HF_CARDS.glob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            yield path, text, split(text, str(path))
        except InputError:
            continue


def readable_sources(paths):
    """The read source of each of ``paths`` that ``read`` takes (manifests or cards), in order;
    the ones it refuses are left out."""
    from modelcards.errors import InputError
    from modelcards.readers.dispatch import read

    for path in paths:
        try:
            yield read(str(path))
        except InputError:
            continue


def fast_and_located(text: str):
    """(``load_fast``, ``load_text``) of a front matter, each read as a card's from its line 2;
    None when the located loader refuses it and the fast one refuses it with the same message
    (it fails the calling test when only one of them refuses, or their messages differ)."""
    from modelcards.errors import InputError
    from modelcards.readers.located_yaml import load_fast, load_text

    try:
        expected = load_text(text, "card.md", line_offset=1)
    except InputError as err:
        with pytest.raises(InputError) as fast_err:
            load_fast(text, "card.md", line_offset=1)
        assert str(fast_err.value) == str(err)
        return None
    return load_fast(text, "card.md", line_offset=1), expected


@pytest.fixture
def write(tmp_path: Path):
    """Write a dedented text file under tmp_path and return its path as str."""

    def _write(name: str, text: str) -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return str(path)

    return _write


@pytest.fixture
def cli():
    from modelcards.cli import main

    runner = CliRunner()

    def _run(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return _run


@pytest.fixture
def hub(monkeypatch, tmp_path):
    """A local stand-in for the Hub; tests add repositories to ``hub.repos``."""
    from fake_hub import HubState, start

    state = HubState()
    server, url = start(state)
    monkeypatch.setenv("HF_ENDPOINT", url)
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    yield state
    server.shutdown()
