"""A JSONL dump audited on a pool is read by the workers, a run of lines each: the cards, their
names and line numbers, the records and the summary are those of reading the dump in one process."""

from __future__ import annotations

import io
import json
from itertools import pairwise
from pathlib import Path

import pytest

from modelcards.audit import audit_paths
from modelcards.audit.inputs import Item, Lines, iter_items

ODD_LINES = [
    json.dumps({"id": "org/a", "createdAt": "2024-01-05T10:00:00.000Z", "card": "---\nlicense: mit\n---\n# A\n"}),
    "",
    "   \t",
    '{"id": "org/broken", "card": "unterminated',  # the message differs with and without the line break
    "[1, 2]",
    json.dumps({"card": "---\nlicense: apache-2.0\nbase_model: org/a\n---\n# Nameless\n"}),
    json.dumps({"id": "org/no-text", "card": 7}),
    json.dumps({"modelId": "org/b", "text": "# B\n\nNo front matter.\n"}) + "\r",  # a CRLF line end
    json.dumps({"id": "org/ünï", "card": "---\nlicense: other\nlicense_name: x\nbase_model: ORG/A\n---\n# U\n"}),
    "not json at all",
]


def _write(tmp_path: Path, lines: list[str], end: str = "\n", name: str = "dump.jsonl") -> str:
    path = tmp_path / name
    path.write_bytes((end.join(lines)).encode("utf-8"))
    return str(path)


def _expanded(parts: object) -> list[Item]:
    return [item for part in parts for item in (part.items() if isinstance(part, Lines) else (part,))]  # type: ignore[attr-defined]


@pytest.mark.parametrize("lines", [1, 2, 3, 7, 64])
@pytest.mark.parametrize("final_break", [True, False])
def test_runs_of_lines_give_the_items_of_reading_the_dump_whole(tmp_path, lines, final_break):
    path = _write(tmp_path, ODD_LINES + ([""] if final_break else []))
    whole = list(iter_items([path]))
    assert [item.source for item in whole] == [
        f"{path}#org/a", f"{path}:4", f"{path}:5", f"{path}:6", f"{path}#org/no-text", f"{path}#org/b",
        f"{path}#org/ünï", f"{path}:10"]
    assert whole[1].error == "invalid JSON line: Invalid control character at"  # the line break is read
    assert _expanded(iter_items([path]).parts(lines)) == whole


def test_a_run_ends_early_at_its_byte_limit_and_runs_cover_the_file(tmp_path):
    path = _write(tmp_path, ODD_LINES)
    runs = list(iter_items([path]).parts(64, most_bytes=40))
    assert len(runs) > 3
    assert runs[0].start == 0 and runs[-1].end == Path(path).stat().st_size
    assert all(a.end == b.start for a, b in pairwise(runs))
    assert _expanded(runs) == list(iter_items([path]))


def test_other_inputs_keep_their_place_among_a_dumps_runs(tmp_path):
    folder = tmp_path / "cards"
    folder.mkdir()
    (folder / "README.md").write_text("---\nlicense: mit\n---\n# Card\n", encoding="utf-8")
    _write(folder, ODD_LINES, name="b.jsonl")
    (folder / "c.md").write_text("---\nlicense: mit\n---\n# C\n", encoding="utf-8")
    parts = list(iter_items([str(folder)]).parts(3))
    assert [type(part).__name__ for part in parts] == ["Item", "Lines", "Lines", "Lines", "Lines", "Item"]
    assert _expanded(parts) == list(iter_items([str(folder)]))


def _audit(paths: list[str], **options: object) -> tuple[bytes, dict[str, object]]:
    out = io.BytesIO()
    text = io.TextIOWrapper(out, encoding="utf-8")
    summary = audit_paths(paths, text, **options)  # type: ignore[arg-type]
    text.flush()
    return out.getvalue(), summary.to_dict()


def test_a_dump_audited_on_workers_gives_the_records_and_summary_of_one_process(tmp_path):
    many = [json.dumps({"id": f"org/m-{i}", "createdAt": f"2024-{i % 12 + 1:02d}-01",
                        "card": f"---\nlicense: {'mit' if i % 3 else 'cc-by-nc-4.0'}\nbase_model: org/m-{i // 2}\n"
                                f"---\n# M{i}\n\nThis model is open source.\n"}) for i in range(1, 300)]
    path = _write(tmp_path, ODD_LINES + many + ODD_LINES, end="\n")
    serial = _audit([path], jobs=1)
    pooled = _audit([path], jobs=2)
    assert pooled == serial
    records = [json.loads(line) for line in serial[0].splitlines()]
    assert len(records) == 2 * 8 + 299
    assert serial[1]["families"][0]["root"] == "org/m-0"  # every m-i derives from it, hop by hop


def test_rows_cross_from_the_workers_whole(tmp_path):
    from modelcards.audit.runner import _pack, _unpack
    from modelcards.audit.worker import audit_item

    path = _write(tmp_path, ODD_LINES)
    for item in iter_items([path]):
        result = audit_item(item)
        assert _unpack(_pack(result)) == result
    assert _unpack(_pack(None)) is None


def test_the_first_pass_on_workers_reading_runs_writes_the_index_of_one_process(tmp_path):
    import sqlite3

    from modelcards.audit.lineage_index import build_index
    from modelcards.audit.runner import pooled_index

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "README.md").write_text("---\nlicense: mit\n---\n# Card\n", encoding="utf-8")
    # several runs per worker; some ids met twice, in another case
    many = [json.dumps({"id": f"org/m-{i}" if i % 5 else f"ORG/M-{i // 10}",
                        "card": f"---\nbase_model: org/m-{i // 2}\n---\n"}) for i in range(700)]
    _write(folder, ODD_LINES + many + ODD_LINES, name="dump.jsonl")
    serial, pooled = str(tmp_path / "serial.sqlite"), str(tmp_path / "pooled.sqlite")
    expected = build_index(((c.id, c.text) for c in iter_items([str(folder)]) if c.id), serial)
    assert pooled_index(iter_items([str(folder)]), pooled, jobs=2) == expected
    assert (expected.rows, expected.with_ids) == (2 * 4 + 700, 2 * 3 + 700)  # org/no-text has no text

    def table(path: str) -> list[tuple[object, ...]]:
        return sqlite3.connect(path).execute("SELECT * FROM cards ORDER BY key").fetchall()

    assert table(pooled) == table(serial)
    assert ("org/m-3", "org/m-3", None, "org/m-1", "finetune") in table(serial)


def test_a_stream_of_cards_already_begun_goes_on_from_where_it_was(tmp_path):
    from modelcards.audit.runner import run

    path = _write(tmp_path, ODD_LINES)
    cards = iter_items([path])
    first = next(cards)
    assert first.id == "org/a"
    rest = [row.source for _record, row in run(cards, jobs=2)]  # type: ignore[misc]
    assert rest == [item.source for item in list(iter_items([path]))[1:]]


@pytest.mark.parametrize("content", [b"", b"\n", b"\n\n\n", b'{"id": "org/a", "card": "# A"}'])
def test_an_empty_or_blank_dump_or_one_line_without_a_break_gives_what_reading_it_whole_gives(tmp_path, content):
    path = tmp_path / "dump.jsonl"
    path.write_bytes(content)
    runs = list(iter_items([str(path)]).parts(2))
    assert _expanded(runs) == list(iter_items([str(path)]))
    assert sum(run.end - run.start for run in runs) == len(content)


def test_runs_found_across_many_map_windows_are_those_of_reading_the_lines(tmp_path, monkeypatch):
    import mmap

    from modelcards.audit import inputs

    rows = [json.dumps({"id": f"org/m{i}", "card": "---\nlicense: mit\n---\n" + "x" * (i * 37 % 5000)})
            for i in range(300)]
    path = _write(tmp_path, rows)
    whole = list(iter_items([path]))
    monkeypatch.setattr(inputs, "_WINDOW", mmap.ALLOCATIONGRANULARITY)  # a line break past almost every window
    assert Path(path).stat().st_size > 50 * mmap.ALLOCATIONGRANULARITY
    for lines, most in ((1, 1 << 23), (7, 1 << 23), (64, 9000)):
        runs = list(iter_items([path]).parts(lines, most_bytes=most))
        assert all(a.end == b.start for a, b in pairwise(runs)) and runs[-1].end == Path(path).stat().st_size
        assert _expanded(runs) == whole
