"""Time and peak memory of the command line on the hostile inputs of issue 21.

Each case is generated into a temporary folder and run as a fresh process of the command line;
its wall time and peak RSS (the process's own ``VmHWM``, see ``tools/peak_rss.py``) are printed with its exit
status and the first line it wrote to stderr. Goal (issue 21): every case
refused with a located message, or done, in under 1 s and under 100 MB. Start-up alone (a
two-line manifest, the first row) is part of every figure.

Cases: a 1 MB anchored string aliased 1,000 times (manifest: check, render; card: import), the
billion laughs, 10,000 levels of nesting, a 4.9 MB manifest of 370,000 keys, a 4.2 MB card (the
bodies of real Hub cards from ``../shared/corpora/hf-cards`` end to end, or generated prose when
the corpus is absent) and a manifest holding its text, a 3 MB card of ``*a ``, a 20,000-character
license, a FIFO, ``/dev/zero`` and a 6 MB file; ``render --check`` of the 4.2 MB manifest over the
outputs it rendered (rendered first, unmeasured: the old README is read and parsed too). A case
still running after ``--timeout`` seconds is killed and shown as such.

    python benchmarks/hostile_bench.py [--timeout 60] [--only NAME] [--tree DIR]

``--tree DIR`` runs another checkout's ``modelcards`` (DIR first on PYTHONPATH), for before/after
figures. What the figures mean and the last measured ones: benchmarks/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tools/, beside benchmarks/
from tools.peak_rss import CHILD, split_peak  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "hf-cards" / "cards"
MB = 1024 * 1024
MINIMAL = "name: X-1B\nlicense: apache-2.0\n"
FRONT_MATTER = re.compile(r"^\s*---\r?\n.*?\r?\n---[ \t]*\r?\n", re.DOTALL)


def _alias_manifest() -> str:
    return (MINIMAL + "extra:\n  text: &a " + "x" * MB + "\n  copies: [" + ", ".join(["*a"] * 1000) + "]\n")


def _alias_card() -> str:
    return ("---\nlicense: mit\ntext: &a " + "x" * MB + "\ncopies: [" + ", ".join(["*a"] * 1000) + "]\n---\n"
            "# A\n")


def _laughs() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return MINIMAL + "extra:\n" + "".join(f"  {line}\n" for line in lines)


def _deep() -> str:
    return MINIMAL + "extra:\n  deep: " + "[" * 10_000 + "]" * 10_000 + "\n"


def _keys() -> str:
    return MINIMAL + "extra:\n" + "".join(f"  k{i:06d}: v\n" for i in range(370_000))


def _big_card() -> str:
    parts, size = [], 0
    if CORPUS.is_dir():
        for path in sorted(CORPUS.glob("*.md")):
            body = FRONT_MATTER.sub("", path.read_text(encoding="utf-8", errors="replace"), count=1)
            parts.append(body)
            size += len(body)
            if size > 4.2 * MB:
                break
    if size < 4.2 * MB:  # no corpus: generated sections of prose, lists and code
        section = ("## Section {i}\n\nSome *prose* with a [link](https://example.org/{i}) and `code`.\n\n"
                   "- item one\n- item two\n\n```python\nprint({i})\n```\n\n")
        while size < 4.2 * MB:
            parts.append(section.format(i=len(parts)))
            size += len(parts[-1])
    return "---\nlicense: mit\n---\n# Big model\n\n" + "\n".join(parts)[:int(4.2 * MB)]


def _big_manifest() -> str:
    """A manifest whose card text is the 4.2 MB card's body, as ``import`` writes one."""
    body = _big_card().split("\n# Big model\n\n", 1)[1]
    return MINIMAL + "card:\n  summary: |-\n" + "".join(f"    {line}\n" if line.strip() else "\n"
                                                      for line in body.split("\n"))


def _stars_card() -> str:
    return "---\nlicense: mit\n---\n# Stars\n\n" + "*a " * MB


def _long_license() -> str:
    return "name: X-1B\nlicense: " + "x" * 20_000 + "\n"


Case = tuple[str, str, Callable[[], str] | None, list[str]]
"""(name, file name, its text or None for a special file, the command with {path} and {out})."""

CASES: list[Case] = [
    ("start-up: a two-line manifest", "modelcard.yaml", lambda: MINIMAL, ["check", "{path}"]),
    ("1 MB string x 1,000 aliases: check", "modelcard.yaml", _alias_manifest, ["check", "{path}"]),
    ("1 MB string x 1,000 aliases: render", "modelcard.yaml", _alias_manifest, ["render", "{path}", "-o", "{out}"]),
    ("1 MB string x 1,000 aliases: import", "README.md", _alias_card, ["import", "{path}", "-o", "{out}/m.yaml"]),
    ("billion laughs: check", "modelcard.yaml", _laughs, ["check", "{path}"]),
    ("10,000 levels of nesting: check", "modelcard.yaml", _deep, ["check", "{path}"]),
    ("370,000 keys, 4.9 MB: check", "modelcard.yaml", _keys, ["check", "{path}"]),
    ("370,000 keys, 4.9 MB: render", "modelcard.yaml", _keys, ["render", "{path}", "-o", "{out}"]),
    ("4.2 MB card: check", "README.md", _big_card, ["check", "{path}"]),
    ("4.2 MB card: import", "README.md", _big_card, ["import", "{path}", "-o", "{out}/m.yaml"]),
    ("4.2 MB card text in a manifest: render", "modelcard.yaml", _big_manifest,
     ["render", "{path}", "-o", "{out}"]),
    ("4.2 MB card text, over its outputs: render --check", "modelcard.yaml", _big_manifest,
     ["render", "{path}", "-o", "{out}", "--check"]),
    ("3 MB card of '*a ': check", "README.md", _stars_card, ["check", "{path}"]),
    ("3 MB card of '*a ': import", "README.md", _stars_card, ["import", "{path}", "-o", "{out}/m.yaml"]),
    ("20,000-character license: check", "modelcard.yaml", _long_license, ["check", "{path}"]),
    ("named pipe as README.md: check", "README.md", None, ["check", "{path}"]),
    ("/dev/zero: check", "/dev/zero", None, ["check", "{path}"]),
    ("6 MB file: check", "modelcard.yaml", lambda: MINIMAL + "extra:\n  x: " + "y" * (6 * MB) + "\n",
     ["check", "{path}"]),
]


PREPARED: dict[str, list[str]] = {
    "4.2 MB card text, over its outputs: render --check": ["render", "{path}", "-o", "{out}"],
}
"""A command run (not measured) before the case's own, in the same folder."""


def run(command: list[str], env: dict[str, str], timeout: float, cwd: str) -> tuple[float, float, str, str]:
    """(seconds, peak RSS in MB, exit status, first stderr line) of one process, run in ``cwd`` (not
    the checkout: a ``-c`` program has the working directory first on its path, which ``--tree``
    must win)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    captured: list[bytes] = []
    reader = threading.Thread(target=lambda: captured.append(process.stderr.read()))  # type: ignore[union-attr]
    reader.start()
    killer = threading.Timer(timeout, process.kill)
    killer.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    killer.cancel()
    reader.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    code = f"killed after {timeout:.0f} s" if process.returncode == -9 else str(process.returncode)
    peak, lines = split_peak(captured[0].decode("utf-8", "replace") if captured else "")
    lines = [line for line in lines if line]
    peak_kb = peak if peak is not None else usage.ru_maxrss  # killed: the kernel's figure
    return seconds, peak_kb / 1024, code, lines[0] if lines else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=float, default=60, help="Seconds before a case is killed (default: 60).")
    parser.add_argument("--only", default=None, help="Run only the cases whose name contains this text.")
    parser.add_argument("--tree", type=Path, default=None, help="Run the modelcards package of this checkout.")
    args = parser.parse_args(argv)
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    if args.tree is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(args.tree.resolve()), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    print(f"{'case':42} {'exit':>8} {'seconds':>8} {'peak RSS':>9}  message")
    texts: dict[Callable[[], str], str] = {}
    for name, file_name, make, command in CASES:
        if args.only and args.only not in name:
            continue
        with tempfile.TemporaryDirectory(prefix="modelcards-hostile-") as folder:
            path = file_name if file_name.startswith("/") else os.path.join(folder, file_name)
            if make is not None:
                if make not in texts:
                    texts[make] = make()
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(texts[make])
            elif not file_name.startswith("/"):
                os.mkfifo(path)
            out = os.path.join(folder, "out")
            os.makedirs(out, exist_ok=True)
            if name in PREPARED:
                subprocess.run([sys.executable, "-m", "modelcards", *(part.format(path=path, out=out)
                                                                       for part in PREPARED[name])],
                               env=env, cwd=folder, capture_output=True, check=False)
            full = [sys.executable, "-c", CHILD, *(part.format(path=path, out=out) for part in command)]
            seconds, rss, code, first = run(full, env, args.timeout, folder)
            message = first.replace(folder + os.sep, "")
            print(f"{name:42} {code:>8} {seconds:8.2f} {rss:6.0f} MB  {message[:110]}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
