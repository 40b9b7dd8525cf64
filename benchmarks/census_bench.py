"""The census at Hub scale: ``modelcards audit --lineage`` over a generated dump of millions of cards.

The dump is built from the real cards of ``../shared/corpora/hf-cards`` (never copied into the
project: it is written under /tmp), with ids rewritten into family trees shaped like the Hub's:
most models have no base; a derivative's parent is drawn from earlier models with preferential
attachment (popular bases collect most derivatives: a few roots with tens of thousands of
descendants, a long tail of small families), depth up to 6, and each derivative's relation drawn
from the Hub's mix (fine-tunes, then quantizations, adapters and merges). Each card keeps its
own text; only ``base_model``, ``base_model_relation`` and the title are rewritten, and its id and
``createdAt`` are set, so every card is a distinct row.

    .venv/bin/python benchmarks/census_bench.py corpus /tmp/hf-cards.jsonl      # the real cards with ids
    .venv/bin/python benchmarks/census_bench.py generate 2000000 /tmp/dump.jsonl
    .venv/bin/python benchmarks/census_bench.py run /tmp/dump.jsonl --jobs 0    # time, peak RSS
    .venv/bin/python benchmarks/census_bench.py lineage /tmp/dump.jsonl         # the two lineage passes alone
    .venv/bin/python benchmarks/census_bench.py split /tmp/dump.jsonl           # per-card time by stage

``run`` times the audit as a user runs it (the console script, records to /dev/null) and
reports cards/s, peak RSS of the largest process and of the whole process tree (sampled once a
second); ``split`` reports the per-card time of each stage, measured on a sample in this process:
reading (JSON line decode + card reader), analysis, lineage (the first pass: scan + index insert;
and the index lookups of the second), writing (JSON encode).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "hf-cards"
RELATIONS = (("finetune", 0.52), ("quantized", 0.26), ("adapter", 0.15), ("merge", 0.06), ("distillation", 0.01))
"""A derivative's relation: roughly the Hub's mix of ``base_model_relation`` (fine-tunes first)."""
ROOT_SHARE = 0.55
"""Cards without a base model (most Hub models are trained from scratch or state no base)."""
MAX_DEPTH = 6

_FRONT = re.compile(r"\A(\s*---\r?\n)(.*?)(\r?\n---[ \t]*(?:\r?\n|$))", re.S)
_BASE_KEYS = re.compile(r"^(base_model|base_model_relation)[ \t]*:.*(?:\r?\n[ \t-].*)*\r?\n?", re.M)


def corpus_cards(folder: Path = CORPUS) -> list[tuple[str, str]]:
    """(hub id or file name, text) of every corpus card, in file order."""
    ids = {}
    with open(folder / "SOURCES.tsv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            ids[row["file"]] = row["hub_id"] or None
    cards = []
    for path in sorted((folder / "cards").glob("*.md")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        cards.append((ids.get(f"cards/{path.name}") or path.stem, text))
    return cards


def write_corpus(out: str) -> None:
    """The real corpus as a JSONL dump with its Hub ids (the acceptance census runs on this)."""
    with open(out, "w", encoding="utf-8") as handle:
        for card_id, text in corpus_cards():
            handle.write(json.dumps({"id": card_id, "card": text}) + "\n")


def _rewrite(text: str, title: str, bases: list[str], relation: str | None) -> str:
    """The card's text with its base models and relation set to the generated ones."""
    match = _FRONT.match(text)
    lines = [f"base_model: {bases[0]}"] if len(bases) == 1 else (["base_model:"] + [f"- {b}" for b in bases]
                                                                  if bases else [])
    if relation:
        lines.append(f"base_model_relation: {relation}")
    if match is None:
        head, data, close, body = "---\n", "", "\n---\n", text
    else:
        head, data, close, body = match.group(1), match.group(2), match.group(3), text[match.end():]
        data = _BASE_KEYS.sub("", data).rstrip("\r\n")
    data = "\n".join([d for d in [data] if d] + lines)
    return f"{head}{data}{close}# {title}\n\n{body}"


def generate(n: int, out: str, seed: int = 20261201) -> None:
    """``n`` cards in family trees (see the module docstring), as JSONL or Parquet by suffix."""
    rng = random.Random(seed)
    cards = corpus_cards()
    weights = [w for _r, w in RELATIONS]
    relations = [r for r, _w in RELATIONS]
    depth: list[int] = []
    ids: list[str] = []
    pool: list[int] = []  # preferential attachment: an index appears once per derivative it has, plus once
    orgs = [f"org{i:05d}" for i in range(max(10, n // 40))]
    parquet = out.endswith(".parquet")
    batch: list[dict[str, str]] = []
    writer = None
    handle = None if parquet else open(out, "w", encoding="utf-8")  # noqa: SIM115
    start = time.perf_counter()
    for i in range(n):
        source_id, text = cards[i % len(cards)]
        name = source_id.rsplit("/", 1)[-1][:60]
        card_id = f"{rng.choice(orgs)}/{name}-{i}"
        bases: list[str] = []
        relation = None
        if i and rng.random() > ROOT_SHARE:
            relation = rng.choices(relations, weights)[0]
            parent = pool[rng.randrange(len(pool))] if pool else 0
            if depth[parent] >= MAX_DEPTH:
                parent = rng.randrange(i)
            bases = [ids[parent]]
            if relation == "merge":
                bases.append(ids[rng.randrange(i)])
            depth.append(depth[parent] + 1)
            pool.append(parent)
            if relation == "quantized" and rng.random() < 0.5:
                card_id += "-GGUF"
        else:
            depth.append(0)
        ids.append(card_id)
        pool.append(i)
        if bases and rng.random() < 0.1:
            bases = [b.upper() if rng.random() < 0.5 else b.lower() for b in bases]  # Hub ids match in any case
        month = 1 + (i * 36 // n)
        row = {"id": card_id, "createdAt": f"{2022 + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}-15T00:00:00.000Z",
               "card": _rewrite(text, name, bases, relation)}
        if parquet:
            batch.append(row)
            if len(batch) >= 20000:
                writer = _write_parquet(out, batch, writer)
                batch = []
        else:
            assert handle is not None
            handle.write(json.dumps(row) + "\n")
        if i and i % 200000 == 0:
            print(f"  {i:,} cards, {time.perf_counter() - start:.0f}s", file=sys.stderr)
    if parquet:
        writer = _write_parquet(out, batch, writer)
        writer.close()
    elif handle is not None:
        handle.close()
    deep = sum(1 for d in depth if d >= 2)
    print(f"wrote {n:,} cards to {out} ({os.path.getsize(out) / 2**20:,.0f} MiB): "
          f"{sum(1 for d in depth if d == 0):,} without a base, {deep:,} at depth 2 or more, "
          f"deepest {max(depth)}", file=sys.stderr)


def _write_parquet(out: str, rows: list[dict[str, str]], writer: object) -> object:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(rows)
    if writer is None:
        writer = pq.ParquetWriter(out, table.schema)
    writer.write_table(table)  # type: ignore[attr-defined]
    return writer


def split(dump: str, sample: int = 5000) -> dict[str, float]:
    """Per-card CPU microseconds of each stage, on the first ``sample`` rows, in this process
    (CPU time, so that other work on a shared machine does not inflate the figures)."""
    from modelcards.audit.analyzer import CachedAnalyzer
    from modelcards.audit.inputs import iter_items
    from modelcards.audit.jsonio import encode_report
    from modelcards.audit.lineage_index import DumpIndex, build_index
    from modelcards.errors import InputError
    from modelcards.licenses.lineage import using_index
    from modelcards.readers.dispatch import read_text

    items = []
    start = time.process_time()
    for item in iter_items([dump]):
        items.append(item)
        if len(items) >= sample:
            break
    decode = time.process_time() - start
    items_read = list(items)
    readable = []
    for item in items:  # the sample's readable cards: an unreadable one costs a finding, not an analysis
        try:
            read_text(item.text, item.source, markdown=True)
        except InputError:
            continue
        readable.append(item)
    items = readable
    index_path = "/tmp/census-bench-split.sqlite"
    start = time.process_time()
    build_index(((it.id, it.text) for it in items), index_path)
    first_pass = time.process_time() - start
    start = time.process_time()
    sources = [read_text(it.text, it.source, markdown=True) for it in items]
    reading = time.process_time() - start
    index = DumpIndex(index_path)
    cached_lookup = index.lookup
    spent = [0.0, 0]

    def timed_lookup(model_id: str) -> object:
        begin = time.process_time()
        try:
            return cached_lookup(model_id)
        finally:
            spent[0] += time.process_time() - begin
            spent[1] += 1

    index.lookup = timed_lookup  # type: ignore[method-assign]
    timings: dict[str, float] = {}
    for label, active in (("without", None), ("with", index), ("without", None), ("with", index)):
        analyzer = CachedAnalyzer()  # fresh memos each time; the better of two rounds counts
        start = time.process_time()
        with using_index(active):
            records = [analyzer.record(s, source=it.source) for s, it in zip(sources, items, strict=True)]
        timings[label] = min(timings.get(label, float("inf")), time.process_time() - start)
    start = time.process_time()
    for record, it in zip(records, items, strict=True):
        encode_report(record.report, openness=record.openness_json(), card_id=it.id)
    writing = time.process_time() - start
    index.lookup = cached_lookup  # type: ignore[method-assign]
    index.close()
    os.remove(index_path)
    n = len(items)
    return {
        "reading_us": (decode + reading) / n * 1e6,
        "of_which_dump_row_decode_us": decode / len(items_read) * 1e6,
        "analysis_us_without_index": timings["without"] / n * 1e6,
        "analysis_us_with_index": timings["with"] / n * 1e6,
        "lineage_first_pass_us": first_pass / n * 1e6,
        "lineage_lookups_us": spent[0] / 2 / n * 1e6,
        "lineage_lookups_per_card": spent[1] / 2 / n,
        "writing_us": writing / n * 1e6,
    }


def lineage(dump: str, index_path: str = "/tmp/census-bench-index.sqlite") -> None:
    """The lineage part alone over the whole dump: the first pass (read every row, scan its front
    matter, insert into the SQLite index), then every card's chain resolved through the index and
    its family counted, as the second pass does; time per card and this process's peak RSS."""
    from modelcards.audit.inputs import iter_items
    from modelcards.audit.lineage_index import DumpIndex, build_index, scan_lineage
    from modelcards.licenses.lineage import chain_of, using_index

    start, cpu = time.perf_counter(), time.process_time()
    stats = build_index(((it.id, it.text) for it in iter_items([dump]) if it.id), index_path)
    first, first_cpu = time.perf_counter() - start, time.process_time() - cpu
    rss_first = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    index = DumpIndex(index_path)
    families: dict[str, int] = {}
    depths: dict[int, int] = {}
    start, cpu = time.perf_counter(), time.process_time()
    with using_index(index):
        for item in iter_items([dump]):
            bases = scan_lineage(item.text or "").bases
            chain = chain_of(tuple((b, None, None) for b in bases))
            if chain:
                root = chain[0]
                for link in chain[1:]:
                    if link.depth != root.depth + 1:
                        break
                    root = link
                families[root.model_id.lower()] = families.get(root.model_id.lower(), 0) + 1
                depths[root.depth] = depths.get(root.depth, 0) + 1
    second, second_cpu = time.perf_counter() - start, time.process_time() - cpu
    sizes = sorted(families.values(), reverse=True)
    print(json.dumps({
        "rows": stats.rows, "index_mib": round(os.path.getsize(index_path) / 2**20),
        "first_pass_s": round(first, 1), "first_pass_cpu_us_per_card": round(first_cpu / stats.rows * 1e6, 1),
        "peak_rss_mib_after_first_pass": round(rss_first),
        "resolve_s": round(second, 1), "resolve_cpu_us_per_card": round(second_cpu / stats.rows * 1e6, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "families": len(families), "largest_families": sizes[:5], "families_of_1": sizes.count(1),
        "root_depths": dict(sorted(depths.items())),
    }, indent=1))
    index.close()
    os.remove(index_path)


def _tree_kib(root: int) -> tuple[int, int]:
    """The sums of ``Rss`` and ``Pss`` (from ``/proc/PID/smaps_rollup``) over ``root`` and every
    process below it, in KiB; a process that is gone or cannot be read counts 0."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    rss, pss, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            continue
    return rss, pss


class TreeMemory:
    """Samples the whole process tree of a running command once a second: the parent and its
    workers together, as the 500 MB goal counts them (RSS counts pages the workers share with
    each other twice; PSS divides them among the sharers)."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        import threading

        self.process, self.rss, self.pss = process, 0, 0
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while self.process.poll() is None:
            rss, pss = _tree_kib(self.process.pid)
            self.rss, self.pss = max(self.rss, rss), max(self.pss, pss)
            time.sleep(1.0)

    def stop(self) -> tuple[float, float]:
        """(peak RSS, peak PSS) of the tree in MiB."""
        self.thread.join()
        return self.rss / 1024, self.pss / 1024


def run(dump: str, jobs: int, records: str | None) -> None:
    rows = None
    if dump.endswith(".jsonl"):
        with open(dump, "rb") as handle:
            rows = sum(1 for _ in handle)
    command = [sys.executable, "-m", "modelcards", "audit", dump, "--jobs", str(jobs), "--summary",
               "--report", "/tmp/census-bench-report.json"]
    if records:
        command += ["--records", records]
    start = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) as process:
        memory = TreeMemory(process)
        _, stderr = process.communicate()
    elapsed = time.perf_counter() - start
    tree_rss, tree_pss = memory.stop()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = children.ru_maxrss / 1024
    cpu = children.ru_utime + children.ru_stime
    print(stderr[-3000:], file=sys.stderr)
    cards = rows or json.loads(Path("/tmp/census-bench-report.json").read_text())["cards"]
    print(json.dumps({"cards": cards, "seconds": round(elapsed, 1), "cards_per_s": round(cards / elapsed),
                      "cpu_seconds_all_processes": round(cpu, 1), "cpu_ms_per_card": round(cpu / cards * 1e3, 2),
                      "peak_rss_mib_largest_process": round(peak),
                      "peak_rss_mib_process_tree": round(tree_rss), "peak_pss_mib_process_tree": round(tree_pss),
                      "exit": process.returncode,
                      "projected_2M_minutes": round(2_000_000 / (cards / elapsed) / 60, 1)}, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("corpus").add_argument("out")
    gen = sub.add_parser("generate")
    gen.add_argument("cards", type=int)
    gen.add_argument("out")
    timing = sub.add_parser("run")
    timing.add_argument("dump")
    timing.add_argument("--jobs", type=int, default=0)
    timing.add_argument("--records", default=None)
    sub.add_parser("lineage").add_argument("dump")
    parts = sub.add_parser("split")
    parts.add_argument("dump")
    parts.add_argument("--sample", type=int, default=5000)
    args = parser.parse_args()
    if args.command == "corpus":
        write_corpus(args.out)
    elif args.command == "generate":
        generate(args.cards, args.out)
    elif args.command == "run":
        run(args.dump, args.jobs, args.records)
    elif args.command == "lineage":
        lineage(args.dump)
    else:
        print(json.dumps({k: round(v, 1) for k, v in split(args.dump, args.sample).items()}, indent=1))


if __name__ == "__main__":
    main()
