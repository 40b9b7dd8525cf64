"""Batch audit throughput and memory, against huggingface_hub's card parser in the same run.

Cards: the real Hugging Face cards in ../shared/corpora/hf-cards when that corpus exists,
otherwise the README.md cards rendered from this project's examples; either way replicated to
``--cards`` (default 20,000), each replica made unique (its own ``model_name``), and written as
a JSONL dump, the shape a Hub-wide export has.

Measured in rounds that alternate the two sides every 500 cards, so machine load hits both alike:

* baseline: ``huggingface_hub.ModelCard(text)`` for every card (parse only, texts in memory);
* ours: the full ``modelcards audit`` pipeline (read the dump, parse, validate, analyse,
  serialise one JSON line per card), one process, then ``--jobs 2``;
* peak RSS of a ``modelcards audit`` process over ``--rss-cards`` (default 100,000) cards,
  next to the same for 10,000 cards, to show memory does not grow with the number of cards;
* the projected wall time for 2,000,000 cards with ``--jobs 2``.

    python benchmarks/audit_bench.py [--cards 20000] [--rounds 3] [--rss-cards 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "hf-cards"
HUB_SCALE = 2_000_000
SLICE = 500


def real_cards() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(CORPUS.rglob("*.md"))]


def example_cards(workdir: Path) -> list[str]:
    """README.md cards rendered from every bundled example manifest."""
    import modelcards

    texts = []
    for manifest in sorted((ROOT / "examples").glob("*/modelcard.yaml")):
        out = workdir / manifest.parent.name
        modelcards.render(modelcards.load(str(manifest)), str(out), formats=["readme"])
        texts.append((out / "README.md").read_text(encoding="utf-8"))
    return texts


def replicas(texts: list[str], count: int) -> list[str]:
    """``count`` cards, each one different: replica ``i`` of a card gets its own ``model_name``
    in the front matter, so no cache keyed on a card's text (or its front matter) can flatter
    either side. Both sides parse exactly these texts."""
    from huggingface_hub.repocard import REGEX_YAML_BLOCK

    cards = []
    for i in range(count):
        text = texts[i % len(texts)]
        match = REGEX_YAML_BLOCK.search(text)
        if match is None:
            cards.append(text)
            continue
        cut = match.end(1)
        cards.append(f"{text[:cut]}model_name: bench-card-{i}\n{text[cut:]}")
    return cards


def write_dump(cards: list[str], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i, card in enumerate(cards):
            handle.write(json.dumps({"id": f"bench/card-{i}", "card": card}) + "\n")


def time_baseline(cards: list[str]) -> float:
    from huggingface_hub import ModelCard

    start = time.perf_counter()
    for card in cards:
        ModelCard(card)
    return time.perf_counter() - start


def time_audit(dump: Path, jobs: int) -> float:
    from modelcards.audit import audit_paths

    sink = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    start = time.perf_counter()
    summary = audit_paths([str(dump)], sink, jobs=jobs)
    elapsed = time.perf_counter() - start
    sink.close()
    if summary.unreadable:
        raise SystemExit(f"benchmark cards were unreadable: {summary.headline()}")
    return elapsed


def peak_rss_mb(dump: Path) -> float:
    """Peak resident memory of a fresh ``modelcards audit`` process, in MiB (Linux reports KiB)."""
    command = [sys.executable, "-m", "modelcards", "audit", str(dump)]
    script = (
        "import resource, subprocess, sys\n"
        f"subprocess.run({command!r}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    kib = int(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout)
    return kib / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rss-cards", type=int, default=100_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        texts = real_cards()
        origin = f"{len(texts)} real cards from {CORPUS}"
        if not texts:
            texts = example_cards(workdir / "rendered")
            origin = f"{len(texts)} cards rendered from examples/ (no hf-cards corpus)"
        dump = workdir / "cards.jsonl"
        cards = replicas(texts, args.cards)
        write_dump(cards, dump)
        # the same cards as slices of SLICE, one dump file each, for the interleaved timing
        slices = [cards[start:start + SLICE] for start in range(0, len(cards), SLICE)]
        slice_dumps = [workdir / f"slice-{i}.jsonl" for i in range(len(slices))]
        for part, path in zip(slices, slice_dumps, strict=True):
            write_dump(part, path)
        print(f"cards: {args.cards:,} replicated from {origin}, each made unique; "
              f"{os.cpu_count()} CPU core(s)")

        time_baseline(cards[:500]), time_audit(dump, 1)  # warm imports and caches
        theirs, ours = [], []
        for _ in range(args.rounds):
            # a round alternates the two sides slice by slice, so the slow spells of a shared
            # machine fall on both alike; the round's ratio compares the two sums
            round_t = round_o = 0.0
            for part, path in zip(slices, slice_dumps, strict=True):
                round_t += time_baseline(part)
                round_o += time_audit(path, 1)
            theirs.append(round_t)
            ours.append(round_o)
        two = statistics.median(time_audit(dump, 2) for _ in range(args.rounds))
        t, o = statistics.median(theirs), statistics.median(ours)
        rate_t, rate_o, rate_2 = args.cards / t, args.cards / o, args.cards / two
        ratios = sorted(mine_t / mine_o for mine_t, mine_o in zip(theirs, ours, strict=True))
        print(f"huggingface_hub ModelCard(text), parse only, 1 core: {rate_t:8,.0f} cards/s")
        print(f"modelcards audit, full, 1 job:                     {rate_o:8,.0f} cards/s  "
              f"ratio {statistics.median(ratios):.2f}x (median of rounds; range {ratios[0]:.2f}-{ratios[-1]:.2f}x; "
              "goal >= 5x)")
        print(f"modelcards audit, full, --jobs 2:                  {rate_2:8,.0f} cards/s  "
              f"({rate_2 / rate_o:.2f}x one job)")
        print(f"projected {HUB_SCALE:,} cards with --jobs 2: {HUB_SCALE / rate_2 / 60:.1f} min (goal <= 10 min)")

        if args.rss_cards:
            small = workdir / "small.jsonl"
            write_dump(replicas(texts, args.rss_cards // 10), small)
            write_dump(replicas(texts, args.rss_cards), dump)
            print(f"peak RSS, audit of {args.rss_cards // 10:,} cards: {peak_rss_mb(small):.0f} MiB")
            print(f"peak RSS, audit of {args.rss_cards:,} cards: {peak_rss_mb(dump):.0f} MiB (goal <= 300 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
