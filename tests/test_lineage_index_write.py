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
