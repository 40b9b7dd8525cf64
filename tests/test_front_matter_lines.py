"""The line reader of plain block front matter agrees with the YAML loader wherever it reads a text.

``load_fast`` reads most front matter line by line (``front_matter_lines``) and gives anything
else to libyaml. Whenever the line reader takes a text, the data (values, types, key order) and
the position of every key and value must be the located loader's (``load_text``); what it does
not take must still load as before.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from modelcards.errors import InputError
from modelcards.readers.front_matter import find_front_matter
from modelcards.readers.located_yaml import READ_BY_LINES, load_fast, load_text

from conftest import HF_CARDS, fast_and_located


def typed(value: Any) -> Any:
    """The data with the type of every value and the order of every mapping's keys made visible."""
    if isinstance(value, dict):
        return ("dict", [(type(k).__name__, k, typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(item) for item in value])
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def read_by_lines(text: str, offset: int = 0) -> bool:
    """Whether the line reader takes the text; when it does, it must agree with the YAML loader."""
    fast = load_fast(text, "card.md", line_offset=offset)
    if fast.node is not READ_BY_LINES:
        return False
    full = load_text(text, "card.md", line_offset=offset)  # raises if the reader took invalid YAML
    assert typed(fast.data) == typed(full.data), text
    fast.locate(())  # the positions are read when first asked for
    assert fast.values == full.values, text
    assert fast.keys == full.keys, text
    return True


def test_plain_block_front_matter_reads_as_yaml_1_1_types_it():
    text = ("a: yes\nb: No\nc: on\nd: 1_000\ne: 0x1A\nf: 1e3\ng: 1.0e+3\nh: ~\ni: null\nj: 2024-01-01\n"
            "k: -.inf\nl: 0o7\nm: '1'\nn: \"on\"\no: 012\np: 190:20:30\nq: .5\nr: +1\n"
            "s: 2001-12-14t21:59:43.10-05:00\nt: =x\nu: a b  c  \nv:\nw: []\nx: {}\ny: it's\nz: \"\"\n")
    assert read_by_lines(text)
    data = load_fast(text, "card.md").data
    assert data == {"a": True, "b": False, "c": True, "d": 1000, "e": 26, "f": "1e3", "g": 1000.0, "h": None,
                    "i": None, "j": "2024-01-01", "k": -math.inf, "l": "0o7", "m": "1", "n": "on", "o": 10,
                    "p": 685230, "q": 0.5, "r": 1, "s": "2001-12-14t21:59:43.10-05:00", "t": "=x",
                    "u": "a b  c", "v": None, "w": [], "x": {}, "y": "it's", "z": ""}
    assert [type(v) for v in data.values()] == [bool, bool, bool, int, int, str, float, type(None), type(None),
                                                str, float, str, str, str, int, int, float, int, str, str, str,
                                                type(None), list, dict, str, str]


MODEL_INDEX = """\
license: mit
model-index:
- name: tiny
  results:
  - task:
      type: text-classification
    metrics:
    - type: accuracy
      value: 0.91
tags:
- a
-
- 'b: c'
"""


def test_lists_of_mappings_and_their_positions():
    assert read_by_lines(MODEL_INDEX, 1)
    doc = load_fast(MODEL_INDEX, "card.md", line_offset=1)  # the front matter starts on line 2
    assert doc.data == {"license": "mit",
                        "model-index": [{"name": "tiny", "results": [
                            {"task": {"type": "text-classification"},
                             "metrics": [{"type": "accuracy", "value": 0.91}]}]}],
                        "tags": ["a", None, "b: c"]}
    assert doc.locate(()) == (2, 1)
    assert doc.locate(("license",)) == (2, 10)
    assert doc.locate(("license",), key=True) == (2, 1)
    assert doc.locate(("model-index",)) == (4, 1)  # a list at its key's column starts at its first `-`
    assert doc.locate(("model-index",), key=True) == (3, 1)
    assert doc.locate(("model-index", 0)) == (4, 3)
    assert doc.locate(("model-index", 0, "results"), key=True) == (5, 3)
    assert doc.locate(("model-index", 0, "results", 0, "metrics", 0, "value")) == (10, 14)
    assert doc.locate(("tags", 1)) == (13, 2)  # an empty entry: just after its `-`
    assert doc.locate(("tags", 2)) == (14, 3)
    assert doc.locate(("tags", 7)) == (12, 1)  # no such entry: its list


@pytest.mark.parametrize("text", [
    "a: |\n  x\n", "a: >-\n  x\n", "a: [x]\n", "a: {b: c}\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "? a\n: b\n",
    "a: b\n  c\n", "a:\n  b\n", "a:\tb\n", "a: b # c\n", "a: b\r\n", "---\na: 1\n", "a: 1\n...\n", "a: 1\na: 2\n",
    "yes: 1\n", "1: x\n", "null: x\n", "<<: x\n", "a: <<\n", "a: =\n", "a: 'it''s'\n", 'a: "x\\n"\n', "a: 'x\n  y'\n",
    "a: b: c\n", "a: - x\n", "- x\nb: 1\n", "a: 1\n- x\n", "just text\n", "a:\n  - x\n  b: 1\n", " a: 1\nb: 2\n",
    "a:\n    b: 1\n  c: 2\n", "- a: 1\n - b\n", "%YAML 1.1\n---\na: 1\n", "a: @x\n", "a: `x\n", "a : b\n",
    "\ufeffa: 1\n", "a: b\u2028c\n", "a: b\x85c\n", "<key>: x\n",
])
def test_what_the_line_reader_does_not_take_loads_as_before(text):
    """Each of these is outside the subset; it must reach the YAML loader, value or error."""
    loaded = fast_and_located(text)
    if loaded is None:  # refused by both, with the same message
        return
    fast, expected = loaded
    assert fast.node is not READ_BY_LINES
    assert typed(fast.data) == typed(expected.data)


def test_comments_blank_lines_and_lists_at_a_keys_column():
    text = "# top\n\nbase_model:\n- a/b   \n  # between\n- c/d\n\ndatasets:\n  - x\n  -   y\nempty:\nlast: 1\n"
    assert read_by_lines(text, 3)
    assert load_fast(text, "card.md").data == {"base_model": ["a/b", "c/d"], "datasets": ["x", "y"],
                                               "empty": None, "last": 1}


@pytest.mark.skipif(not HF_CARDS.is_dir(), reason="the real card corpus is not present")
@pytest.mark.slow  # every corpus front matter: run by `pytest -m slow` and .ci/run
def test_the_line_reader_agrees_with_the_yaml_loader_on_real_front_matter():
    taken = total = 0
    for path in sorted(HF_CARDS.glob("*.md")):
        found = find_front_matter(path.read_text(encoding="utf-8", errors="replace"))
        if found is None:
            continue
        total += 1
        try:
            taken += read_by_lines(found.data, found.opening.count("\n"))
        except InputError:
            continue  # an invalid front matter: the YAML loader's error, as before
    assert taken >= 0.9 * total, (taken, total)


PLAIN_KEYS = ["license", "tags", "a", "b", "model-index", "name", "value", "'q k'", '"d k"', "a b", "-k", "k:",
              "x#y", "é", "🤗", "a'b", "2024-01-01"]
ODD_KEYS = ["yes", "on", "1", "null", "<<", "<key>", "0x1f", "? k", "&k", "[k]", "'k''s'", "k #c", "k "]
TYPED = ["mit", "yes", "No", "on", "OFF", "1_0", "0o7", "0x1f", "1e3", "1.0e+3", ".5", "+1", "-.inf", ".NaN", "~",
         "null", "Null", "", "2024-01-01", "2001-12-14t21:59:43.10-05:00", "'quoted'", '"dq"', "'a: b'", "x#y",
         "🤗 hug", "trailing  ", "-x", "=x", "1:2", "a:b", "http://x.y/z", "[]", "{}", "é", "012", "0b101",
         "190:20:30", "True", "a,b", "a'", "'#x'", '"it\'s"']
ODD = ["a: b", "#x", "x #y", "-", "- x", "=", "<<", "[a]", "'it''s'", '"a\\"b"', "%x", "@x", "!x", "&x", "*x", "|",
       ">", "?x", "? x", ":x", "...", "---", "'", '"', "'a' b", "x\ty", "a\u00a0b", "x:"]



def blocks(inner: st.SearchStrategy[Any], keys: list[str]) -> st.SearchStrategy[Any]:
    """A mapping (a list of key and value pairs) or a list (a tuple) of nodes."""
    return st.one_of(st.lists(st.tuples(st.sampled_from(keys), inner), min_size=1, max_size=4,
                              unique_by=lambda pair: pair[0]),
                     st.lists(inner, min_size=1, max_size=4).map(tuple))


def documents(scalars: list[str], keys: list[str]) -> st.SearchStrategy[Any]:
    return blocks(st.recursive(st.sampled_from(scalars), lambda inner: blocks(inner, keys), max_leaves=12), keys)


DOCUMENTS = st.one_of(documents(TYPED, PLAIN_KEYS), documents(TYPED + ODD, PLAIN_KEYS + ODD_KEYS))
"""Documents of values the line reader takes, and documents with values it must leave."""


def render(value: Any, indent: int, rnd: Any, lines: list[str]) -> None:
    """Block YAML lines of a generated node, with random choices of style (indentation widths, a
    list at its key's column, `- key:` on one line, comments, blank lines, stray spaces)."""
    pad = " " * indent
    if isinstance(value, tuple):
        for item in value:
            if isinstance(item, (list, tuple)) and rnd.random() < 0.6:
                inner: list[str] = []
                render(item, indent + 2, rnd, inner)
                lines.append(pad + "- " + inner[0][indent + 2:])  # `- key: value` / `- - x` on the entry's line
                lines.extend(inner[1:])
            elif isinstance(item, (list, tuple)):
                lines.append(pad + "-")
                render(item, indent + rnd.choice((1, 2, 4)), rnd, lines)
            else:
                lines.append(pad + "- " + item)
    else:
        for key, item in value:
            if isinstance(item, (list, tuple)):
                lines.append(pad + key + ":" + rnd.choice(("", "", " ", " # c")))
                step = rnd.choice((0, 1, 2, 4)) if isinstance(item, tuple) else rnd.choice((1, 2, 3))
                render(item, indent + step, rnd, lines)
            else:
                lines.append(pad + key + ":" + (" " + item if item or rnd.random() < 0.5 else ""))
    if rnd.random() < 0.1:
        lines.insert(rnd.randrange(len(lines) + 1), rnd.choice(("", "  ", "# c", "   # c")))


def _agrees_on_a_generated_document(value, rnd, offset):
    lines: list[str] = []
    render(value, rnd.choice((0, 0, 2)), rnd, lines)
    if rnd.random() < 0.2:  # a stray indentation or a stray character somewhere
        at = rnd.randrange(len(lines))
        lines[at] = rnd.choice((" " + lines[at], lines[at][1:], lines[at] + rnd.choice((":", " x", "\t", "'"))))
    text = "\n".join(lines) + rnd.choice(("\n", ""))
    try:
        load_text(text, "card.md", line_offset=offset)
    except InputError:  # not YAML, or refused: not taken by the line reader either
        with pytest.raises(InputError):
            load_fast(text, "card.md", line_offset=offset)
        event("invalid")
        return
    event("read by lines" if read_by_lines(text, offset) else "left to the YAML loader")


_GENERATED = given(DOCUMENTS, st.randoms(use_true_random=False), st.integers(0, 3))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@_GENERATED
def test_the_line_reader_agrees_with_the_yaml_loader_on_generated_front_matter(value, rnd, offset):
    _agrees_on_a_generated_document(value, rnd, offset)


@pytest.mark.slow  # the same with many more documents: run by `pytest -m slow` and .ci/run
@settings(max_examples=1_500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@_GENERATED
def test_the_line_reader_agrees_with_the_yaml_loader_on_many_generated_documents(value, rnd, offset):
    _agrees_on_a_generated_document(value, rnd, offset)
