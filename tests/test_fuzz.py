"""The fuzz guard in the suite (issue 21, item 8): generated hostile manifests and cards never give
a traceback, an exit status other than 0, 1 or 2, or lost user text.

Inputs are an example manifest or a small Hub card, edited by hypothesis: the hostile snippets of
``scripts/fuzz.py`` (YAML tags, aliases, NUL and control characters, BOMs, CRs, block markers,
script payloads, huge and odd values) inserted at generated lines and columns, lines dropped or
repeated, line ends turned to CRLF. Each runs through the real CLI entry points in-process, as
``scripts/fuzz.py`` (which ``.ci/run`` runs for minutes over the real corpus too) runs them: the
oracle is the CLI's exit status and output and the README's lines, never modelcards' own analysis.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("fuzz_script", ROOT / "scripts" / "fuzz.py")
assert _spec is not None and _spec.loader is not None
fuzz = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = fuzz  # its dataclasses look their module up there
_spec.loader.exec_module(fuzz)

MANIFESTS = sorted((ROOT / "examples").glob("*/modelcard.yaml"))
CARD = """---
license: apache-2.0
base_model: mistralai/Mistral-7B-v0.1
datasets:
- HuggingFaceH4/ultrachat_200k
tags:
- open-source
model-index:
- name: Tiny-Chat
  results:
  - task: {type: text-generation}
    dataset: {name: MMLU, type: cais/mmlu}
    metrics:
    - {type: accuracy, value: 61.2}
---
# Tiny-Chat

A fully open-source chat model. Training code: https://github.com/example/tiny-chat

## Training Data

<!-- a comment -->
```python
# pip install tiny
```

## Evaluation

| task | score |
|---|---|
| MMLU | 61.2 |

## Citation

```bibtex
@article{tiny, url={https://arxiv.org/abs/2401.00001}}
```
"""

_EDIT = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, 400), st.integers(0, 80), st.sampled_from(fuzz.SNIPPETS)),
    st.tuples(st.just("drop"), st.integers(0, 400), st.just(0), st.just("")),
    st.tuples(st.just("repeat"), st.integers(0, 400), st.just(0), st.just("")),
    st.tuples(st.just("insert"), st.integers(0, 400), st.integers(0, 80), st.text(max_size=12)),
)
EDITS = st.lists(_EDIT, min_size=1, max_size=4)


def edited(text: str, edits: list[tuple[str, int, int, str]], crlf: bool) -> str:
    """``text`` with the edits applied at line ``at`` (modulo the line count) and column ``column``."""
    lines = text.split("\n")
    for what, at, column, snippet in edits:
        index = at % len(lines)
        if what == "insert":
            line = lines[index]
            lines[index] = line[:column] + snippet + line[column:]
        elif what == "drop" and len(lines) > 1:
            del lines[index]
        elif what == "repeat":
            lines.insert(index, lines[index])
    joined = "\n".join(lines)
    return joined.replace("\n", "\r\n") if crlf else joined


_edits_checked = [0]
_user_text_survives = fuzz._user_text_survives


def _counted(manifest: str, out: str) -> str:
    _edits_checked[0] += 1
    return _user_text_survives(manifest, out)


fuzz._user_text_survives = _counted


def _no_problem(kind: str, text: str) -> None:
    before = _edits_checked[0]
    outcome, detail = fuzz.run_one(kind, text)
    event("rendered, edited by the user, rendered twice" if _edits_checked[0] > before else "stopped before render")
    assert outcome == "ok", f"{outcome}: {detail}\n--- input ---\n{text[:3000]}"


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


_FAST = settings(max_examples=150, deadline=None, database=None, derandomize=True,
                 suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@_FAST
@given(manifest=st.sampled_from(MANIFESTS), edits=EDITS, crlf=st.booleans())
def test_hostile_manifests_check_render_and_keep_user_text(manifest: Path, edits: list, crlf: bool) -> None:
    """check, render, a user edit outside the blocks, render twice: no traceback, exit 0, 1 or 2,
    every user line kept and the second render a no-op (``fuzz.run_one``)."""
    _no_problem("manifest", edited(manifest.read_text(encoding="utf-8"), edits, crlf))


@_FAST
@given(edits=EDITS, crlf=st.booleans(), bom=st.booleans())
def test_hostile_cards_check_import_render_and_keep_user_text(edits: list, crlf: bool, bom: bool) -> None:
    """check the card, import it, render the import and edit it as a user would: the same oracle."""
    text = edited(CARD, edits, crlf)
    _no_problem("card", ("\ufeff" if bom else "") + text)


def test_the_guard_can_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The oracle sees a traceback: a check that raises is reported as a crash, not passed."""
    import modelcards.api

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("planted")

    monkeypatch.setattr(modelcards.api, "check", broken)
    outcome, detail = fuzz.run_one("manifest", MANIFESTS[0].read_text(encoding="utf-8"))
    assert outcome == "crash" and ("planted" in detail or "exit 3" in detail), detail
