"""Instructions a card: the audit's per-card work against huggingface_hub's ``ModelCard(text)``,
counted by ``valgrind --tool=callgrind``.

Wall-clock ratios on a shared 2-core VM move by a quarter between runs of the same code
(``PERFORMANCE.md``); instruction counts do not move with the machine's load, so they tell
whether a change made the work a card smaller. Each side runs in its own process under
callgrind, twice: once over the warm-up cards alone, once over the warm-up cards and then every
card; the difference, divided by the cards, is the count a card of a process past its start-up
and imports. ``PYTHONHASHSEED=0`` keeps the two runs of a side alike. Tables and patterns loaded
on first use (the audit has many) fall in the count; over the 2,250 corpus cards they are spread
thin, over a few hundred they are not: compare ``--cards`` counts only with counts of the same
``--cards``.

    .venv/bin/python benchmarks/instructions_bench.py                 # both sides, every corpus card
    .venv/bin/python benchmarks/instructions_bench.py --cards 300     # the first 300 cards, quicker
    .venv/bin/python benchmarks/instructions_bench.py --side audit    # one side (an A/B of two trees)

The cards are those ``audit_bench.py`` reads (``real_cards``). The audit side is
``audit.worker.audit_item`` (read, analyse, encode the JSON line) with one analyzer for the run,
as an audit worker does; huggingface_hub's is ``audit_bench.py``'s own baseline loop
(``time_baseline``: ``ModelCard(text)`` inside ``try ... except Exception``). Under callgrind a
card takes ~50x its time, so every corpus card costs about five minutes a side.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from audit_bench import CORPUS

_AUDIT = """
from modelcards.audit.analyzer import CachedAnalyzer
from modelcards.audit.inputs import Item
from modelcards.audit.worker import audit_item
analyzer = CachedAnalyzer()
def run(cards):
    for i, text in enumerate(cards):
        audit_item(Item(f"bench/card-{i}", text, markdown=True), analyzer=analyzer)
"""

_HUB = """
from audit_bench import time_baseline as run
"""

_DRIVER = """
import sys
from pathlib import Path
from audit_bench import real_cards
cards = real_cards(Path(sys.argv[1]))[:int(sys.argv[2]) or None]
warm, measured = int(sys.argv[3]), sys.argv[4] == "1"
run(cards[:warm])
if measured:
    run(cards)
print(len(cards))
"""
"""Run in the measured process (with this folder on its path): the cards as ``audit_bench.py``
reads them, and, for huggingface_hub, its baseline loop itself."""

_COLLECTED = re.compile(r"Collected\s*:\s*([\d,]+)")


def _instructions(setup: str, corpus: Path, cards: int, warm: int, measured: bool) -> tuple[int, int]:
    """(instructions callgrind counted for one process over the warm-up cards and, when
    ``measured``, every card after them; the cards it read)."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c",
               setup + _DRIVER, str(corpus), str(cards), str(warm), "1" if measured else "0"]
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=os.pathsep.join(
        filter(None, (str(Path(__file__).parent), os.environ.get("PYTHONPATH")))))
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    found = _COLLECTED.search(done.stderr)
    if done.returncode != 0 or found is None:
        tail = "\n".join(done.stderr.strip().splitlines()[-5:])
        raise SystemExit(f"instructions_bench: the callgrind run failed (exit {done.returncode}):\n{tail}")
    return int(found.group(1).replace(",", "")), int(done.stdout.split()[-1])


def per_card(setup: str, corpus: Path, cards: int, warm: int) -> float:
    """Instructions a card of a warm process: (warm-up and every card) minus (warm-up alone)."""
    total, read = _instructions(setup, corpus, cards, warm, True)
    return (total - _instructions(setup, corpus, cards, warm, False)[0]) / read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="a folder of *.md cards (default: the real corpus)")
    parser.add_argument("--cards", type=int, default=0, help="the first N cards only (default: every card)")
    parser.add_argument("--warm", type=int, default=50, help="warm-up cards, left out of the count (default: 50)")
    parser.add_argument("--side", choices=("both", "audit", "hub"), default="both")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("instructions_bench: valgrind is not installed (Debian: apt-get install valgrind)")
    if not args.corpus.is_dir() or not any(args.corpus.glob("*.md")):
        raise SystemExit(f"instructions_bench: no *.md cards in {args.corpus} (--corpus DIR)")
    result: dict[str, float] = {}
    if args.side in ("both", "audit"):
        result["audit_per_card"] = round(per_card(_AUDIT, args.corpus, args.cards, args.warm))
    if args.side in ("both", "hub"):
        result["huggingface_hub_per_card"] = round(per_card(_HUB, args.corpus, args.cards, args.warm))
    if len(result) == 2:
        result["hub_over_audit"] = round(result["huggingface_hub_per_card"] / result["audit_per_card"], 3)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
