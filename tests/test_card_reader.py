"""The Hugging Face card reader: one split into front matter and body, a Release with the card's
name and text, the body's sections, links, code blocks and text on the card's own lines, and
findings located on those lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from modelcards.analysis import analyze
from modelcards.errors import InputError
from modelcards.readers.dispatch import read, read_import, read_text, sniff
from modelcards.renderers.outputs import plan

from conftest import LLAMA_PROBE_CARD

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "hf-cards" / "cards"

PROBE = LLAMA_PROBE_CARD

BODY = """\
---
license: mit
base_model:
- org/base-a
- org/base-b
datasets: org/data
language: [en, fr]
tags: [chat]
---
# Tiny

Intro with [the code](https://github.com/org/tiny) and <https://example.org/auto>.
See https://arxiv.org/abs/2401.00001 too.

<p align="center"><a href="https://huggingface.co/spaces/org/demo">demo</a></p>

## Training Details

```python
# not a heading
print("hi")
```

![chart](chart.png)

## Other

Text.
"""


def test_the_probe_card_is_named_by_its_title_not_a_comment_in_code(cli, tmp_path):
    card = tmp_path / "helper" / "README.md"
    card.parent.mkdir()
    card.write_text(PROBE, encoding="utf-8")
    assert read(str(card)).release.name == "Llama 3 Helper"
    result = cli("check", str(card), "--format", "json")
    assert result.exit_code == 0, result.output  # infos only: the obligations a Llama 3 derivative carries
    data = json.loads(result.output)
    rules = {f["rule"] for f in (data[0] if isinstance(data, list) else data)["findings"]}
    assert "LIC005" not in rules and "LIC006" not in rules


def test_the_probe_cards_attribution_and_name_are_judged_once_they_are_wrong():
    wrong = PROBE.replace("# Llama 3 Helper", "# Helper").replace("Built with Meta Llama 3", "Built by us")
    rules = {f.rule for f in analyze(read_text(wrong, "helper/README.md")).findings}
    assert {"LIC005", "LIC006"} <= rules


def test_the_body_is_read_on_the_cards_own_lines():
    source = read_text(BODY, "org/tiny/README.md")
    card = source.card
    assert card is not None and card.body_line == 10
    assert [(s.level, s.title, s.line) for s in card.sections] == [
        (1, "Tiny", 10), (2, "Training Details", 17), (2, "Other", 26)]
    links = {(link.url, link.kind): link for link in card.links}
    assert links[("https://github.com/org/tiny", "markdown")].line == 12
    assert links[("https://github.com/org/tiny", "markdown")].text == "the code"
    assert links[("https://example.org/auto", "autolink")].line == 12
    assert links[("https://arxiv.org/abs/2401.00001", "bare")].line == 13
    assert links[("https://huggingface.co/spaces/org/demo", "html")].line == 15
    image = links[("chart.png", "image")]
    assert (image.line, image.section) == (24, "Training Details")
    [code] = card.code_blocks
    assert (code.info, code.start, code.end) == ("python", 19, 22)
    assert code.text == '# not a heading\nprint("hi")\n'
    text = {line.text: line.line for line in card.plain_text}
    assert text["Text."] == 28 and "# not a heading" not in text


def test_release_paths_are_located_on_the_front_matter_and_the_body():
    source = read_text(BODY, "org/tiny/README.md")
    assert source.locate(("license",)) == (2, 10)
    assert source.locate(("base_models", 1, "id")) == (5, 3)
    assert source.locate(("datasets", 0, "id")) == (6, 11)
    assert source.locate(("model", "languages")) == (7, 11)
    assert source.locate(("tags",)) == (8, 7)
    assert source.locate(("name",)) == (10, 1)
    assert source.locate(("card", "training")) == (17, 1)
    assert source.locate(("card", "sections", "Other")) == (26, 1)
    assert source.locate(("license_name",)) == (None, None)
    assert source.locate(("artifacts", "model-card")) == (None, None)
    assert source.locator is not None


def test_findings_on_a_card_point_at_its_lines(cli, tmp_path):
    card = tmp_path / "x" / "README.md"
    card.parent.mkdir()
    card.write_text(PROBE.replace("# Llama 3 Helper", "# Helper"), encoding="utf-8")
    result = cli("check", str(card), "--format", "json")
    data = json.loads(result.output)
    findings = (data[0] if isinstance(data, list) else data)["findings"]
    naming = next(f for f in findings if f["rule"] == "LIC005")
    assert naming["line"] == 10


def test_bad_card_metadata_is_a_located_error():
    with pytest.raises(InputError) as info:
        read_text("---\nlicense: mit\ntags:\n- ''\n---\n# T\n", "x/README.md")
    assert str(info.value).startswith("x/README.md:4:3: card metadata 'tags': tags[0]:")
    with pytest.raises(InputError) as info:
        read_text("---\n- a list\n---\n# T\n", "x/README.md")
    assert str(info.value) == "x/README.md:2:1: card metadata must be a mapping of keys"
    with pytest.raises(InputError) as info:
        read_text("---\nlicense: mit\n# T\n", "x/README.md")
    assert str(info.value) == "x/README.md:1:1: front matter starts with '---' but has no closing '---' line"


def test_mot_records_get_located_errors_too():
    record = "framework: {name: MOF}\nrelease:\n  name: T\n  date: not-a-date\n  components: []\n"
    with pytest.raises(InputError) as info:
        read_text(record, "t.yml")
    assert str(info.value).startswith("t.yml:4:9: MOT record: date:")


def test_sources_are_recognised_by_content():
    assert sniff("# x\n", "README.md")[0] == "hf-card"
    assert sniff("---\nlicense: mit\n---\n", "card.txt")[0] == "hf-card"
    assert sniff("name: x\n", "modelcard.yaml")[0] == "manifest"
    assert sniff("release: {name: x}\ncomponents: []\n", "m.yml")[0] == "mot"


def test_import_refuses_what_is_neither_a_card_nor_a_mot_record(tmp_path):
    manifest = tmp_path / "modelcard.yaml"
    manifest.write_text("version: 1\n")
    with pytest.raises(InputError) as info:
        read_import(str(manifest))
    assert str(info.value) == f"{manifest}:1:1: not a Hugging Face README.md or a Model Openness Tool YAML file"
    with pytest.raises(InputError):
        read_import("hf:org/name")  # the Hub download is the front end's to pass


def _rendered(text: str, tmp_path) -> tuple[dict, str]:
    source = read_text(text, "x/README.md")
    content = plan(source.release, tmp_path, analyze(source), formats=["readme"]).files[0].content
    front, body = content.split("\n---\n", 1)
    return yaml.safe_load(front.split("---\n", 1)[1].replace("# modelcards:front-matter", "#")), body


@pytest.mark.parametrize(("text", "key", "value"), [
    ("---\nlicense: mit\ntags: []\n---\n# T\n", "tags", []),
    ("---\nlicense: mit\ntags: [' audio']\n---\n# T\n", "tags", [" audio"]),
    ("---\nlicense: ''\n---\n# T\n", "license", ""),
    ("---\nlicense: my-own-license-1.0\n---\n# T\n", "license", "my-own-license-1.0"),
])
def test_metadata_is_written_back_as_the_card_states_it(text, key, value, tmp_path):
    """Regressions of df3563b: empty and unknown values are not dropped, coerced or renamed."""
    front, _ = _rendered(text, tmp_path)
    assert front[key] == value


def test_an_indented_first_body_line_keeps_its_indentation(tmp_path):
    text = "---\nlicense: mit\n---\n    indented code comes first\n\n# T\n"
    assert read_text(text, "x/README.md").release.card.summary == "    indented code comes first"
    _, body = _rendered(text, tmp_path)
    assert "\n    indented code comes first\n" in "\n" + body


def test_line_breaks_markdown_does_not_know_do_not_shift_sections():
    """A form feed or a Unicode line separator is text to Markdown, not a line break."""
    text = "# T\n\nA\x0cB\u2028C\n\n## Uses\n\nUse it.\n"
    card = read_text(text, "x/README.md").release.card
    assert card.intended_use == "Use it." and card.summary == "A\x0cB\u2028C"


FRONT_MATTERS = [
    "license: mit\nbase_model:\n- a/b\n- c/d\ntags: [x, y]\n",
    "model-index:\n- name: T\n  results:\n  - task: {type: t}\n    metrics:\n    - {type: acc, value: 1}\n",
    "a: 1\n'quoted key': [1, {b: c}]\nempty:\nnested:\n  deeper:\n    - - x\n",
    "1: int key\ntrue: bool key\n",
]


def _same_index(text: str, offset: int) -> bool:
    from modelcards.readers.located_yaml import load_fast, load_text

    fast, full = load_fast(text, "x", line_offset=offset), load_text(text, "x", line_offset=offset)
    fast.locate(())  # builds the index the fast path deferred
    return (fast.values, fast.keys) == (full.values, full.keys)


@pytest.mark.parametrize("text", FRONT_MATTERS)
def test_positions_from_the_fast_loads_nodes_are_the_full_loaders(text):
    assert _same_index(text, 3)


@pytest.mark.slow  # the whole real corpus: run by `pytest -m slow` and .ci/run
@pytest.mark.skipif(not CORPUS.is_dir(), reason="the real card corpus is not present")
def test_positions_from_the_fast_loads_nodes_are_the_full_loaders_on_real_cards():
    from modelcards.readers.front_matter import find_front_matter

    for path in sorted(CORPUS.glob("*.md")):
        found = find_front_matter(path.read_text(encoding="utf-8", errors="replace"))
        if found is not None:
            try:
                assert _same_index(found.data, found.opening.count("\n")), path.name
            except InputError:
                continue
