"""The known-models and known-datasets look-ups (``licenses/id_patterns.py``) find the same entry
as trying each fnmatch pattern of the table in turn, first match wins, case-insensitively: on
hand-written tricky tables, on ids made from the real tables' own patterns, and on every base
model and dataset id the real corpus names when it is present."""

from __future__ import annotations

import fnmatch
import random

import pytest

from modelcards.licenses.id_patterns import PatternTable
from modelcards.licenses.obligations import _table, known_dataset, known_model

from conftest import HF_CARDS, corpus_cards


def plain_first(patterns: list[str], item_id: str) -> int | None:
    """The specification: the first pattern ``fnmatchcase`` matches on the lower-cased id."""
    lowered = item_id.lower()
    for index, pattern in enumerate(patterns):
        if fnmatch.fnmatchcase(lowered, pattern.lower()):
            return index
    return None


TRICKY = ["Org/Exact", "org/exact-*", "org*/x", "[ab]x/*", "?rg/y", "bert-base-*", "*", "org/ex?ct", "other/[!z]*"]
"""Patterns whose organisation is a wildcard, a bare-name pattern whose ``*`` matches a ``/``, a
catch-all that everything after it never wins against, and character classes."""


@pytest.mark.parametrize("item_id", [
    "org/exact", "ORG/EXACT", "org/exact-1", "org/exacts", "orga/x", "org/x", "ax/q", "bx/q", "cx/q", "org/y",
    "prg/y", "bert-base-uncased", "bert-base-x/y", "BERT-BASE-X", "other/a", "other/z", "nothing", "", "/",
    "org/", "org//exact", "org/exact/extra", "org/exact\n",
])
def test_tricky_table_gives_the_first_match_of_the_plain_loop(item_id: str) -> None:
    assert PatternTable(TRICKY).first(item_id) == plain_first(TRICKY, item_id)
    without_catch_all = [p for p in TRICKY if p != "*"]
    assert PatternTable(without_catch_all).first(item_id) == plain_first(without_catch_all, item_id)


def test_an_earlier_pattern_of_another_organisation_still_wins() -> None:
    patterns = ["*-gguf", "meta-llama/*"]
    assert PatternTable(patterns).first("meta-llama/Llama-3-8B-GGUF") == 0
    assert PatternTable(patterns).first("meta-llama/Llama-3-8B") == 1


def _ids_from(patterns: list[str], rng: random.Random) -> list[str]:
    """Ids near each pattern: its wildcards filled in, its case changed, a character off."""
    ids = []
    for pattern in patterns:
        filled = pattern.replace("*", rng.choice(["", "x", "-7B-Instruct", "/deep/er"])).replace("?", "q")
        filled = filled.replace("[", "").replace("]", "").replace("!", "")
        ids += [filled, filled.upper(), filled.swapcase(), filled[:-1], filled + "-GGUF", "x" + filled,
                filled.replace("/", "//", 1), filled.split("/")[-1]]
    return ids


@pytest.mark.parametrize("name, section", [("known-models.yaml", "models"), ("known-datasets.yaml", "datasets")])
def test_real_tables_give_the_first_match_of_the_plain_loop(name: str, section: str) -> None:
    patterns = [entry["match"] for entry in _table(name, section)]
    table = PatternTable(patterns)
    ids = _ids_from(patterns, random.Random(20261202))
    assert len(ids) > 400
    matched = 0
    for item_id in ids:
        expected = plain_first(patterns, item_id)
        assert table.first(item_id) == expected, item_id
        matched += expected is not None
    assert matched > len(patterns)  # the ids exercise matches, not only misses


def test_known_model_and_dataset_read_the_entry_of_the_first_match() -> None:
    models = _table("known-models.yaml", "models")
    for entry in models:
        probe = entry["match"].replace("*", "-probe").replace("?", "x")
        first = plain_first([e["match"] for e in models], probe)
        found = known_model(probe)
        if first is None:
            assert found is None
        else:
            assert found is not None and found.license == models[first]["license"] and found.id == probe
    datasets = _table("known-datasets.yaml", "datasets")
    assert known_dataset("nobody/nothing-like-this") is None
    for entry in datasets:
        probe = entry["match"].replace("*", "")
        first = plain_first([e["match"] for e in datasets], probe)
        found = known_dataset(probe.upper())
        assert (found is None) == (first is None)
        if found is not None:
            assert found.license == datasets[first]["license"]


@pytest.mark.skipif(not HF_CARDS.is_dir(), reason="needs ../shared/corpora/hf-cards")
def test_every_id_the_real_corpus_names_gives_the_plain_loops_entry() -> None:
    ids: set[str] = set()
    for _path, _text, card in corpus_cards():
        for key in ("base_model", "datasets"):
            value = card.metadata.get(key)
            ids.update(v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str))
    assert len(ids) > 500
    for name, section in (("known-models.yaml", "models"), ("known-datasets.yaml", "datasets")):
        patterns = [entry["match"] for entry in _table(name, section)]
        table = PatternTable(patterns)
        assert [table.first(i) for i in sorted(ids)] == [plain_first(patterns, i) for i in sorted(ids)]
