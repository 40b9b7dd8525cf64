"""Cold start-up: `modelcards check` of the Pythia example vs `python -c "import huggingface_hub.repocard"`.

Both run as fresh processes, alternating, in the same run, so machine load hits both alike.
Reports medians and the ratio (goal: <= 0.5).

    python benchmarks/startup_bench.py [--runs 21]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    completed = subprocess.run(command, capture_output=True)
    elapsed = time.perf_counter() - start
    if completed.returncode not in (0, 1):
        raise SystemExit(f"{command} failed: {completed.stderr.decode()[-500:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    python = sys.executable
    ours = [python, "-m", "modelcards", "check", str(ROOT / "examples" / "pythia-6.9b" / "modelcard.yaml")]
    baseline = [python, "-c", "import huggingface_hub.repocard"]
    _time(ours), _time(baseline)  # warm the OS file cache for both
    mine, theirs = [], []
    for _ in range(args.runs):
        mine.append(_time(ours))
        theirs.append(_time(baseline))
    m, t = statistics.median(mine), statistics.median(theirs)
    print(f"modelcards check (cold process):         median {m * 1000:.0f} ms over {args.runs} runs")
    print(f"import huggingface_hub.repocard (cold):  median {t * 1000:.0f} ms over {args.runs} runs")
    print(f"ratio: {m / t:.2f}x (goal <= 0.50x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
