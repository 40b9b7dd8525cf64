"""Fuzz the command line for a bounded time: no traceback, no hang, no lost user text (issue 21).

Inputs are mutations of the examples' manifests (``examples/*/modelcard.yaml``) and, when the
corpus is there, of real Hub cards (``../shared/corpora/hf-cards/cards/*.md``, or ``--corpus``).
Each input runs through the CLI entry points in-process (``check``; ``render`` into a temporary
folder for a manifest; ``import`` and then ``render`` of the imported manifest for a card), in a
worker process the runner kills when one input takes longer than ``--timeout`` seconds (a hang).

After each successful render, user text is added to the README (free text after a block, a line in
the ``notes`` block, a block the user named) and render runs again: every user line must still be
there, and a third render must change nothing.

Fails (exit 1) on any traceback (an exception escaping the CLI, or its internal-error exit 3), any
exit status other than 0, 1 or 2, any hang, or any lost user text; prints inputs, crashes, hangs,
lost text and the workers' peak RSS. Failing inputs are saved under ``--save`` for reproduction.

    .venv/bin/python scripts/fuzz.py --seconds 180
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import random
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "hf-cards" / "cards"
USER_FREE = "fuzz-user: free text after the details block"
USER_NOTE = "fuzz-user: a line in the notes block"
USER_BLOCK = "fuzz-user: a line in a block the user named"

SNIPPETS = [
    "!!bool maybe", '!!int ""', "!!binary aGVsbG8=", "!!float nan", ".nan", "-.inf", "~", "null",
    "&a [1, 2]", "*a", "*undefined", "? complex key", "!!python/object:os.system", "{", "[", "]", "'",
    '"', "\x00", "\r", "\r\n", "\ufeff", "\x85", "\u2028", "\x1b[31m", "\t", "---", "...", "- ", ": ",
    "<!-- modelcards:user notes -->", "<!-- modelcards:end notes -->", "<!-- modelcards:begin title -->",
    "<!-- modelcards:user my-notes -->", "```", "~~~", "`<!-- modelcards:end title -->`",
    "</title><script>document.title='pwned'</script>", "[x](javascript:alert(1))", "javascript:alert(1)",
    "license: " + "x" * 2000, "apache-2.0", "llama3", "other", "cc-by-nc-4.0", "MIT OR GPL-3.0",
    "base_model: ", "model-index:", "datasets:", "# Heading", "## Section", "| a | b |\n|---|---|",
    "\U0001f600", "é", "ℌ", "0x1F", "1e309", "-0", "2026-13-45", "9" * 40,
]


@dataclass
class Outcome:
    kind: str  # "ok", "crash", "lost"
    detail: str
    rss_kb: int


def mutate(text: str, rng: random.Random) -> str:
    """One to four random edits: snippets inserted at line starts or anywhere, lines duplicated,
    deleted, swapped or indented, bytes flipped, the text cut short."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        choice = rng.random()
        if not lines:
            lines = [""]
        at = rng.randrange(len(lines))
        if choice < 0.15 and ": " in lines[at]:
            key = lines[at].split(": ", 1)[0]
            lines[at] = f"{key}: {rng.choice(SNIPPETS)}"  # a value replaced: reaches the YAML constructors
        elif choice < 0.3:
            snippet = rng.choice(SNIPPETS)
            line = lines[at]
            cut = rng.randint(0, len(line))
            lines[at] = line[:cut] + snippet + line[cut:]
        elif choice < 0.45:
            indent = " " * rng.choice([0, 2, 4])
            lines.insert(at, indent + rng.choice(SNIPPETS))
        elif choice < 0.55:
            lines.insert(at, lines[at])
        elif choice < 0.65:
            del lines[at]
        elif choice < 0.72:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        elif choice < 0.8:
            lines[at] = rng.choice(["", "  ", "\t"]) + lines[at]
        elif choice < 0.9:
            line = lines[at]
            if line:
                cut = rng.randrange(len(line))
                lines[at] = line[:cut] + chr(rng.choice([0, 1, 9, 13, 27, 127, 0x85, 0xA0, 0x2028, 0xFEFF,
                                                         rng.randint(32, 0x2FFF)])) + line[cut + 1:]
        else:
            lines = lines[:at + 1]
    joined = "\n".join(lines)
    if rng.random() < 0.05:
        joined = joined.replace("\n", "\r\n")
    if rng.random() < 0.03:
        joined = "\ufeff" + joined
    return joined


# --- the worker: runs one input through the CLI in-process ---------------------------------------


def _invoke(args: list[str]) -> tuple[int, str]:
    """(exit status, a crash description or "") of one CLI run."""
    from click.testing import CliRunner

    from modelcards.cli import main

    result = CliRunner().invoke(main, args, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        frames = traceback.format_exception(type(result.exception), result.exception,
                                            result.exception.__traceback__)
        return -1, f"{' '.join(args[:1])}: traceback: {''.join(frames[-3:]).strip()}"
    code = result.exit_code
    if code not in (0, 1, 2):
        return code, f"{' '.join(args[:1])}: exit {code}: {result.stderr.strip()[-500:]}"
    return code, ""


def _user_text_survives(manifest: str, out: str) -> str:
    """"" when render keeps the user's text and a third render changes nothing; else what went wrong."""
    readme = os.path.join(out, "README.md")
    if not os.path.exists(readme):
        return ""
    with open(readme, encoding="utf-8", newline="") as handle:
        text = handle.read()
    newline = "\r\n" if "\r\n" in text[:200] else "\n"
    lines = text.split(newline)
    ends = [index for index, line in enumerate(lines) if line == "<!-- modelcards:end details -->"]
    notes = [index for index, line in enumerate(lines) if line == "<!-- modelcards:user notes -->"]
    if notes:  # the template's notes block is the last one: a later edit cannot shift it
        lines.insert(notes[-1] + 1, USER_NOTE)
    if ends:
        lines[ends[0] + 1:ends[0] + 1] = ["", USER_FREE]
    else:
        lines += ["", USER_FREE]
    if lines and lines[-1] == "":
        lines.pop()
    lines += ["", "<!-- modelcards:user fuzz-block -->", USER_BLOCK, "<!-- modelcards:end fuzz-block -->", ""]
    text = newline.join(lines)
    with open(readme, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    code, crash = _invoke(["render", manifest, "-o", out, "--formats", "readme"])
    if crash:
        return crash
    if code != 0:
        return f"render refused its own output after a user edit outside the blocks (exit {code})"
    with open(readme, encoding="utf-8", newline="") as handle:
        after = handle.read()
    lines = after.replace("\r\n", "\n").split("\n")
    lost = [line for line in (USER_FREE, USER_NOTE if notes else None, USER_BLOCK)
            if line and line not in lines]
    if lost:
        return f"lost user text on render: {lost}"
    code, crash = _invoke(["render", manifest, "-o", out, "--formats", "readme"])
    with open(readme, encoding="utf-8", newline="") as handle:
        again = handle.read()
    if crash or code != 0 or again != after:
        return crash or f"rendering twice changed the README (exit {code})"
    return ""


def run_one(kind: str, text: str) -> tuple[str, str]:
    """("ok" | "crash" | "lost", detail) for one input: ``kind`` is "manifest" or "card"."""
    with tempfile.TemporaryDirectory(prefix="modelcards-fuzz-") as folder:
        name = "modelcard.yaml" if kind == "manifest" else "README.md"
        path = os.path.join(folder, name)
        with open(path, "w", encoding="utf-8", errors="surrogatepass", newline="") as handle:
            handle.write(text)
        code, crash = _invoke(["check", path, "--format", "json"])
        if crash:
            return "crash", crash
        manifest = path
        if kind == "card":
            manifest = os.path.join(folder, "imported.yaml")
            code, crash = _invoke(["import", path, "-o", manifest])
            if crash:
                return "crash", crash
            if code != 0:
                return "ok", ""
        out = os.path.join(folder, "out")
        code, crash = _invoke(["render", manifest, "-o", out])
        if crash:
            return "crash", crash
        if code == 0:
            problem = _user_text_survives(manifest, out)
            if problem:
                return ("crash" if "traceback" in problem else "lost"), problem
        return "ok", ""


RECYCLE = 200
"""Why workers are replaced: running the CLI in-process through click's ``CliRunner`` leaves about
18 KB per input behind in a long-lived worker (the captured output streams of each invocation;
measured 56 MB after the first inputs, 75 MB after 900), so a worker that ran every input of a
3-minute run would grow past 100 MB on the harness's account, not the inputs'. The peak RSS the
run prints is then what one input costs on top of a fresh process."""


def worker(connection: Connection) -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        if job is None:
            return
        try:
            kind, detail = run_one(*job)
        except BaseException as err:  # the harness itself: reported, never hidden
            kind, detail = "crash", f"fuzz worker: {type(err).__name__}: {err}"
        connection.send((kind, detail, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


# --- the runner ------------------------------------------------------------------------------------


class Worker:
    def __init__(self, context: multiprocessing.context.BaseContext) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(target=worker, args=(child,), daemon=True)
        self.process.start()
        child.close()

    def run(self, job: tuple[str, str], timeout: float) -> Outcome | None:
        """The outcome, or None when the input took longer than ``timeout`` (the worker is then killed)."""
        self.connection.send(job)
        if not self.connection.poll(timeout):
            self.kill()
            return None
        try:
            kind, detail, rss = self.connection.recv()
        except EOFError:  # the worker died (killed by the kernel, a segfault...)
            self.kill()
            return Outcome("crash", f"worker died (exit {self.process.exitcode})", 0)
        return Outcome(kind, detail, rss)

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.connection.send(None)
        self.process.join(5)
        if self.process.is_alive():
            self.kill()


def seeds(corpus: Path | None, limit: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(kind, name, text) of the inputs mutations start from."""
    found = [("manifest", str(p.relative_to(ROOT)), p.read_text(encoding="utf-8"))
             for p in sorted(ROOT.glob("examples/*/modelcard.yaml"))]
    if corpus is not None and corpus.is_dir():
        cards = sorted(corpus.glob("*.md"))
        for path in rng.sample(cards, min(limit, len(cards))):
            try:
                found.append(("card", path.name, path.read_text(encoding="utf-8", errors="replace")))
            except OSError:
                continue
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=180, help="Time budget (default: 180).")
    parser.add_argument("--timeout", type=float, default=10, help="Seconds one input may take (default: 10).")
    parser.add_argument("--seed", type=int, default=None, help="Random seed (default: from the clock; printed).")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="Folder of real Hub cards (*.md); skipped when absent.")
    parser.add_argument("--cards", type=int, default=300, help="Corpus cards to sample as seeds (default: 300).")
    parser.add_argument("--recycle", type=int, default=RECYCLE,
                        help=f"Inputs one worker runs before a fresh one replaces it (default: {RECYCLE}).")
    parser.add_argument("--save", type=Path, default=None,
                        help="Folder for failing inputs (default: a new temporary folder).")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    pool = seeds(args.corpus, args.cards, rng)
    corpus_used = sum(1 for kind, _, _ in pool if kind == "card")
    print(f"fuzz: seed {seed}; {len(pool) - corpus_used} manifest(s), {corpus_used} corpus card(s) as seeds; "
          f"{args.seconds:.0f} s budget, {args.timeout:.0f} s per input", flush=True)
    context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    current = Worker(context)
    done_here = 0
    counts = {"inputs": 0, "crash": 0, "hang": 0, "lost": 0}
    peak_kb = 0
    failures: list[tuple[str, str, str, str]] = []
    slowest = 0.0
    deadline = time.monotonic() + args.seconds
    try:
        while time.monotonic() < deadline:
            kind, name, text = rng.choice(pool)
            mutated = text if counts["inputs"] < len(pool) and rng.random() < 0.5 else mutate(text, rng)
            started = time.monotonic()
            outcome = current.run((kind, mutated), args.timeout)
            slowest = max(slowest, time.monotonic() - started)
            counts["inputs"] += 1
            done_here += 1
            if outcome is None:
                counts["hang"] += 1
                failures.append(("hang", kind, name, mutated))
                print(f"HANG  {kind} from {name}: more than {args.timeout:.0f} s", flush=True)
                current, done_here = Worker(context), 0
                continue
            peak_kb = max(peak_kb, outcome.rss_kb)
            if outcome.kind != "ok":
                counts[outcome.kind] += 1
                failures.append((outcome.kind, kind, name, mutated))
                print(f"{outcome.kind.upper():5} {kind} from {name}: {outcome.detail[:1500]}", flush=True)
                if outcome.detail.startswith("worker died"):
                    current, done_here = Worker(context), 0
            if done_here >= args.recycle:
                current.stop()
                current, done_here = Worker(context), 0
    finally:
        current.stop()
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    peak_kb = max(peak_kb, children_kb)
    if failures:
        save = args.save or Path(tempfile.mkdtemp(prefix="modelcards-fuzz-failures-"))
        save.mkdir(parents=True, exist_ok=True)
        for index, (what, kind, name, text) in enumerate(failures):
            suffix = ".yaml" if kind == "manifest" else ".md"
            (save / f"{index:04d}-{what}-{Path(name).stem}{suffix}").write_text(text, encoding="utf-8",
                                                                              errors="surrogatepass")
        print(f"fuzz: failing inputs saved in {save}")
    print(f"fuzz: {counts['inputs']} inputs, {counts['crash']} crashes, {counts['hang']} hangs, "
          f"{counts['lost']} with lost user text; slowest input {slowest:.1f} s; "
          f"peak RSS {peak_kb / 1024:.0f} MB (seed {seed})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
