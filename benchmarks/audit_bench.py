"""Batch audit throughput and memory, against huggingface_hub's card parser in the same run.

Cards: the real Hugging Face cards in ../shared/corpora/hf-cards/cards (or ``--corpus DIR``) when
that corpus exists, otherwise the README.md cards rendered from this project's examples; either way
replicated to ``--cards`` (default 20,000), each replica made unique (its own ``model_name``), and
written as a JSONL dump, the shape a Hub-wide export has. ``--as-is`` times each corpus card once,
byte for byte (no replication, nothing added; ``--cards`` is ignored).

Real cards include some that huggingface_hub refuses (it raises ``ValueError`` on a bad
``model-index``, for one) and some that ``modelcards audit`` reports unreadable. Neither stops the
run: the baseline does what its users do, ``try: ModelCard(text) except Exception``, and both
sides' refusals are counted and printed. The run stops if audit cannot read more than
``--most-unreadable`` (default 5%) of the cards: it would be timing its error path.

Measured in rounds that alternate the two sides every 500 cards, so machine load hits both alike.
A round is one audit run over all the cards, handed to it slice by slice, so the audit keeps its
per-run memos across the run as a real audit does (``--fresh-runs``: a fresh run per slice):

* baseline: ``huggingface_hub.ModelCard(text)`` for every card (parse only, texts in memory);
* ours: the full ``modelcards audit`` pipeline (read the dump, parse, validate, analyse,
  serialise one JSON line per card), one process, then ``--jobs 2``;
* peak RSS of a ``modelcards audit`` process over ``--rss-cards`` (default 100,000) cards,
  next to the same for 10,000 cards, to show memory does not grow with the number of cards;
* the projected wall time for 2,000,000 cards with ``--jobs 2``.

    python benchmarks/audit_bench.py [--cards 20000] [--rounds 3] [--rss-cards 100000]
                                     [--corpus DIR] [--as-is] [--fresh-runs] [--most-unreadable 0.05]

What the figures mean and the last measured ones: benchmarks/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "hf-cards" / "cards"
HUB_SCALE = 2_000_000
SLICE = 500
MODEL_NAME = re.compile(r"^model_name:.*$", re.MULTILINE)
LINEAGE = False
"""Whether the audit resolves lineage through the dump (``--lineage``): off by default, so that
the figure compares reading and analysing cards with parsing them, as before the census."""


def real_cards(corpus: Path | None) -> list[str]:
    """The ``*.md`` cards of ``corpus`` (default: the hf-cards corpus; none when it is absent)."""
    folder = corpus or CORPUS
    if not folder.is_dir():
        if corpus is not None:
            raise SystemExit(f"--corpus {corpus}: not a folder")
        return []
    paths = sorted(folder.glob("*.md"))
    if corpus is not None and not paths:
        raise SystemExit(f"--corpus {corpus}: no *.md cards in it")
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


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
    in the front matter (its value replaced where the card already has one, so no key is
    duplicated), so no cache keyed on a card's text (or its front matter) can flatter either side.
    Both sides parse exactly these texts."""
    from huggingface_hub.repocard import REGEX_YAML_BLOCK

    cards = []
    for i in range(count):
        text = texts[i % len(texts)]
        match = REGEX_YAML_BLOCK.search(text)
        if match is None:
            cards.append(text)
            continue
        head, block, tail = text[:match.start(2)], match.group(2), text[match.end(2):]
        name = f"model_name: bench-card-{i}"
        block, replaced = MODEL_NAME.subn(name, block, count=1)
        if not replaced:
            block = f"{name}\n{block}"
        cards.append(head + block + tail)
    return cards


def write_dump(cards: list[str], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i, card in enumerate(cards):
            handle.write(json.dumps({"id": f"bench/card-{i}", "card": card}) + "\n")


def time_baseline(cards: list[str]) -> tuple[float, int]:
    """Seconds to parse ``cards`` with ``ModelCard(text)``, and how many it refused."""
    from huggingface_hub import ModelCard

    refused = 0
    start = time.perf_counter()
    for card in cards:
        try:  # as its users do: one card it refuses must not stop the loop
            ModelCard(card)
        except Exception:
            refused += 1
    return time.perf_counter() - start, refused


def time_audit(dump: Path, jobs: int) -> tuple[float, int]:
    """Seconds for ``modelcards audit`` of ``dump``, and how many cards it reported unreadable."""
    from modelcards.audit import audit_paths

    sink = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    start = time.perf_counter()
    summary = audit_paths([str(dump)], sink, jobs=jobs, lineage=LINEAGE)
    elapsed = time.perf_counter() - start
    sink.close()
    return elapsed, summary.unreadable


def time_round(slices: list[list[str]], dumps: list[Path]) -> tuple[float, float, int, int]:
    """One round as one audit run, as a real audit is: the audit is handed the slice dumps one by
    one, and the baseline parses slice k just before the audit reads dump k, so the two sides
    alternate every slice while the audit keeps its per-run state (memos) across the whole run.
    (baseline seconds, audit seconds, baseline refusals, audit unreadable)."""
    from modelcards.audit import audit_paths

    baseline = 0.0
    refused = 0
    order: list[str] = []

    def paths():
        nonlocal baseline, refused
        for part, path in zip(slices, dumps, strict=True):
            seconds, count = time_baseline(part)
            baseline, refused = baseline + seconds, refused + count
            order.append("baseline")
            yield str(path)
            order.append("audit")

    sink = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    start = time.perf_counter()
    summary = audit_paths(paths(), sink, jobs=1, lineage=LINEAGE)
    total = time.perf_counter() - start
    sink.close()
    if order[:4] != ["baseline", "audit", "baseline", "audit"][:len(order)]:
        raise SystemExit("audit_paths read its paths ahead: the two sides did not alternate")
    return baseline, total - baseline, refused, summary.unreadable


def time_round_fresh(slices: list[list[str]], dumps: list[Path]) -> tuple[float, float, int, int]:
    """One round with a fresh audit run per slice (``--fresh-runs``): each run pays the audit's
    per-run set-up and starts with empty memos."""
    baseline = audit = 0.0
    refused = unreadable = 0
    for part, path in zip(slices, dumps, strict=True):
        seconds, count = time_baseline(part)
        baseline, refused = baseline + seconds, refused + count
        seconds, count = time_audit(path, 1)
        audit, unreadable = audit + seconds, unreadable + count
    return baseline, audit, refused, unreadable


def check_readable(dump: Path, cards: int, most: float) -> None:
    """Stop when ``modelcards audit`` cannot read more than ``most`` of the cards of ``dump``: its
    figures would then time the error path, not audits. Shows the first unreadable card's record."""
    from modelcards.audit import audit_paths

    out = io.StringIO()
    summary = audit_paths([str(dump)], out, lineage=LINEAGE)
    if summary.unreadable > most * cards:
        first = next((line for line in out.getvalue().splitlines() if '"kind": "input"' in line
                      or '"kind":"input"' in line), "")
        raise SystemExit(f"modelcards audit could not read {summary.unreadable:,} of {cards:,} cards "
                         f"(more than {most:.0%}); first: {first[:600]}")


def peak_rss_mb(dump: Path) -> float:
    """Peak resident memory of a fresh ``modelcards audit`` process, in MiB (Linux reports KiB).
    Exit status 1 (some card has errors, as real cards do) is a finished audit; 2 and up are not."""
    command = [sys.executable, "-m", "modelcards", "audit", str(dump)]
    script = (
        "import resource, subprocess, sys\n"
        f"done = subprocess.run({command!r}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
        "if done.returncode not in (0, 1):\n"
        "    sys.exit(done.stderr.decode(errors='replace')[-600:])\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    kib = int(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout)
    return kib / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--lineage", action="store_true",
                        help="resolve lineage through the dump too (the census's first pass and index)")
    parser.add_argument("--rss-cards", type=int, default=100_000)
    parser.add_argument("--corpus", type=Path, default=None,
                        help=f"folder of real cards (*.md); default {CORPUS} when present")
    parser.add_argument("--as-is", action="store_true",
                        help="each corpus card once, unmodified: no replication, no model_name added")
    parser.add_argument("--fresh-runs", action="store_true",
                        help="a fresh audit run per slice of 500 cards (empty memos each time), as before issue 17")
    parser.add_argument("--most-unreadable", type=float, default=0.05,
                        help="stop when audit cannot read more than this share of the cards (default 0.05)")
    args = parser.parse_args()
    global LINEAGE
    LINEAGE = args.lineage
    from huggingface_hub.utils import logging as hf_logging

    hf_logging.set_verbosity_error()  # its "metadata block was not found" warnings would flood the output

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        texts = real_cards(args.corpus)
        origin = f"{len(texts)} real cards from {args.corpus or CORPUS}"
        if not texts:
            texts = example_cards(workdir / "rendered")
            origin = f"{len(texts)} cards rendered from examples/ (no hf-cards corpus)"
        dump = workdir / "cards.jsonl"
        if args.as_is:
            args.cards = len(texts)
            cards = list(texts)
        else:
            cards = replicas(texts, args.cards)
        write_dump(cards, dump)
        # the same cards as slices of SLICE, one dump file each, for the interleaved timing
        slices = [cards[start:start + SLICE] for start in range(0, len(cards), SLICE)]
        slice_dumps = [workdir / f"slice-{i}.jsonl" for i in range(len(slices))]
        for part, path in zip(slices, slice_dumps, strict=True):
            write_dump(part, path)
        how = "each once, unmodified" if args.as_is else "replicated, each made unique"
        print(f"cards: {args.cards:,} from {origin}, {how}; {os.cpu_count()} CPU core(s)")

        check_readable(dump, len(cards), args.most_unreadable)  # also warms imports and caches
        time_baseline(cards[:500])
        theirs, ours = [], []
        refused = unreadable = 0
        for _ in range(args.rounds):
            # a round alternates the two sides slice by slice, so the slow spells of a shared
            # machine fall on both alike; the round's ratio compares the two sums
            if args.fresh_runs:
                round_t, round_o, refused, unreadable = time_round_fresh(slices, slice_dumps)
            else:
                round_t, round_o, refused, unreadable = time_round(slices, slice_dumps)
            theirs.append(round_t)
            ours.append(round_o)
        two = statistics.median(time_audit(dump, 2)[0] for _ in range(args.rounds))
        t, o = statistics.median(theirs), statistics.median(ours)
        rate_t, rate_o, rate_2 = args.cards / t, args.cards / o, args.cards / two
        ratios = sorted(mine_t / mine_o for mine_t, mine_o in zip(theirs, ours, strict=True))
        print(f"huggingface_hub ModelCard(text), parse only, 1 core: {rate_t:8,.0f} cards/s")
        print(f"modelcards audit, full, 1 job:                     {rate_o:8,.0f} cards/s  "
              f"ratio {statistics.median(ratios):.2f}x (median of rounds; range {ratios[0]:.2f}-{ratios[-1]:.2f}x; "
              "target >= 2.4x, issue 18)")
        print(f"modelcards audit, full, --jobs 2:                  {rate_2:8,.0f} cards/s  "
              f"({rate_2 / rate_o:.2f}x one job)")
        print(f"  per round, cards/s: huggingface_hub {[round(args.cards / x) for x in theirs]}; "
              f"modelcards audit, 1 job {[round(args.cards / x) for x in ours]}")
        print(f"  refused per round: huggingface_hub {refused:,} card(s) (caught); "
              f"modelcards audit {unreadable:,} reported unreadable")
        print(f"projected {HUB_SCALE:,} cards with --jobs 2: {HUB_SCALE / rate_2 / 60:.1f} min "
              "(target <= 15 min with lineage, issue 22)")

        if args.rss_cards:
            small = workdir / "small.jsonl"
            write_dump(replicas(texts, args.rss_cards // 10), small)
            write_dump(replicas(texts, args.rss_cards), dump)
            print(f"peak RSS, audit of {args.rss_cards // 10:,} cards: {peak_rss_mb(small):.0f} MiB")
            print(f"peak RSS, audit of {args.rss_cards:,} cards: {peak_rss_mb(dump):.0f} MiB (goal <= 300 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
