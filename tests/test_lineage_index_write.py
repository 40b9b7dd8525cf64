"""The lineage index written from rows in dump order: one entry per id in any case, the first row's."""

from __future__ import annotations

import random

from modelcards.audit.lineage_index import DumpIndex, write_index
from modelcards.licenses.lineage import DumpEntry


def test_the_first_row_of_each_id_is_kept_whatever_the_order_and_batches(tmp_path):
    rng = random.Random(7)
    names = [f"org{rng.randrange(40)}/model-{i}" for i in range(600)]
    rows = []
    for step in range(1500):
        name = rng.choice(names)
        name = name.upper() if step % 3 == 0 else name
        merge = step % 2 == 1
        rows.append((name, f"license-{step}", f"b/{step}\nc/{step}" if merge else "", "merge" if merge else None))
    first: dict[str, tuple[str, str | None, str, str | None]] = {}
    for row in rows:
        first.setdefault(row[0].lower(), row)
    path = str(tmp_path / "index.sqlite")
    assert write_index(iter(rows), path, batch=7) == len(rows)
    index = DumpIndex(path)
    assert len(index) == len(first)
    for key, (card_id, license_text, bases, relation) in first.items():
        assert index.lookup(key.upper()) == DumpEntry(card_id, license_text, tuple(bases.split("\n")) if bases else (),
                                                      relation)
    assert index.lookup("org0/nowhere") is None
    index.close()


def test_entries_read_ahead_are_the_entries_looked_up(tmp_path):
    rows = [("org/root", "apache-2.0", "", None), ("org/mid", "mit", "ORG/ROOT", "finetune"),
            ("org/leaf", None, " org/mid \nelse/where", "merge"), ("a/one", "mit", "A/TWO", "finetune"),
            ("a/two", "mit", "a/one", "finetune")]  # a cycle
    rows += [(f"deep/{i}", "mit", f"deep/{i + 1}", "finetune") for i in range(20)]
    path = str(tmp_path / "index.sqlite")
    write_index(iter(rows), path)
    asked = ["org/leaf", "ORG/MID", "org/root", "else/where", "a/one", "a/two", "nowhere/x", " org/mid "] + \
        [f"deep/{i}" for i in range(21)]
    plain = DumpIndex(path)
    expected = [plain.lookup(model_id) for model_id in asked]
    assert expected[0] == DumpEntry("org/leaf", None, (" org/mid ", "else/where"), "merge")
    ahead = DumpIndex(path)
    ahead.prefetch(["org/leaf", "a/one", "deep/0", "nowhere/x"])
    assert "org/root" in ahead._ahead and "deep/8" in ahead._ahead and "deep/10" not in ahead._ahead
    assert [ahead.lookup(model_id) for model_id in asked] == expected
    ahead.prefetch(["ORG/ROOT"])  # what was read ahead before goes
    assert list(ahead._ahead) == ["org/root"]
    plain.close()
    ahead.close()
