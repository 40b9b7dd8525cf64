"""Cold start-up: `modelcards check` of the Pythia example vs `python -c "import huggingface_hub.repocard"`.

Both run as fresh processes, interleaved, in the same run, so machine load hits both alike:
`modelcards check` is the installed console script (what a user types; ``python -m modelcards
check`` beside it). Beside them, for scale, the bare interpreter, the least any pydantic user pays
(one model built and used), that plus the other libraries on check's path (PyYAML, click), and the
release schema alone. Reports medians and the ratio of `modelcards check` to the baseline: the
median of the per-round ratios, with their range (issue 17's target: <= 0.80x).

    python benchmarks/startup_bench.py [--runs 21]

What the figures mean and the last measured ones: benchmarks/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# with pydantic's plugin scan off, as `modelcards check` runs it (cli.py)
NO_PLUGINS = "import os\nos.environ.setdefault('PYDANTIC_DISABLE_PLUGINS', '__all__')\n"
ONE_MODEL = NO_PLUGINS + "from pydantic import BaseModel\nclass A(BaseModel):\n    x: int\nA(x=1)\n"


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
    pythia = str(ROOT / "examples" / "pythia-6.9b" / "modelcard.yaml")
    script = Path(python).parent / "modelcards"  # the console script of [project.scripts]
    if not script.exists():
        raise SystemExit(f"no {script}: install the project into this interpreter's environment")
    ours = [str(script), "check", pythia]
    baseline = [python, "-c", "import huggingface_hub.repocard"]
    # where the time goes: the interpreter, the libraries DESIGN.md puts on check's path, and the
    # release schema built by pydantic (no modelcards code runs in these)
    floors = {
        "python -c pass": [python, "-c", "pass"],
        "pydantic, one model built and used": [python, "-c", ONE_MODEL],
        "the same, plus yaml and click": [python, "-c", ONE_MODEL + "import yaml, click\n"],
        "import modelcards.schema": [python, "-c", NO_PLUGINS + "import modelcards.schema"],
    }
    commands = {"modelcards check": ours, "import huggingface_hub.repocard": baseline,
                "python -m modelcards check": [python, "-m", "modelcards", "check", pythia], **floors}
    for command in commands.values():
        _time(command)  # warm the OS file cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():  # interleaved, so machine load hits all alike
            times[name].append(_time(command))
    t = statistics.median(times["import huggingface_hub.repocard"])
    for name, samples in times.items():
        m = statistics.median(samples)
        print(f"{name + ' (cold process):':54s} median {m * 1000:4.0f} ms  {m / t:.2f}x")
    ratios = sorted(o / b for o, b in zip(times["modelcards check"], times["import huggingface_hub.repocard"],
                                          strict=True))
    print(f"ratio, modelcards check / import huggingface_hub.repocard: {statistics.median(ratios):.2f}x "
          f"(median of {args.runs} interleaved rounds; range {ratios[0]:.2f}-{ratios[-1]:.2f}x; target <= 0.80x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
