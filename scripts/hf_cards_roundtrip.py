"""Read then render every real card under ../shared/corpora/hf-cards; report what survived.

For each *.md card, both ways a user turns a card into outputs: ``import`` then ``render`` (as
`modelcards import` and `modelcards render` do) and ``load`` then ``render`` (the Python API's
``modelcards.read(path).release``). Each rendered README is compared with huggingface_hub's
parser: no front-matter key lost or changed, every non-blank body line present
(tools.roundtrip). Cards whose front matter huggingface_hub cannot parse either must be
rejected with a located message (the exit-2 path). So must cards that open a front matter with
a ``---`` line and never close it: huggingface_hub silently reads those as having no metadata
at all, which drops every key the author wrote; modelcards refuses them, located, and writes
nothing. Skips (exit 0) when the corpus is absent.

    python scripts/hf_cards_roundtrip.py [CORPUS_DIR] [--show N]
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "hf-cards"
sys.path.insert(0, str(ROOT))  # tools/, the QA measures kept out of the shipped package


def _hub_parses(text: str) -> bool:
    """Whether huggingface_hub reads the card's metadata: it parses, and an opened front matter
    is found (else the Hub reads the card as metadata-free and its keys are gone)."""
    from huggingface_hub import ModelCard
    from huggingface_hub.repocard import REGEX_YAML_BLOCK

    try:
        ModelCard(text)
    except Exception:
        return False
    return not text.lstrip().startswith("---") or REGEX_YAML_BLOCK.search(text) is not None


class Tally:
    """What one way of reading did over the corpus."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lossless = self.normalised = self.rejected_located = self.lenient = 0
        self.failures: list[tuple[Path, str]] = []

    def run(self, path: Path, text: str, hub_ok: bool, read: Callable[[str, str], Any]) -> None:
        from modelcards.analysis import analyze
        from modelcards.errors import InputError
        from modelcards.renderers import outputs
        from tools.roundtrip import compare

        try:
            source = read(text, str(path))
        except InputError as err:
            located = all(p.location.line is not None for p in err.problems)
            if not hub_ok and located:
                self.rejected_located += 1
            else:
                self.failures.append((path, f"{self.name} refused: {err}"))
            return
        except Exception as err:  # a crash on one card is a finding of this script, not its end
            self.failures.append((path, f"{self.name} crashed: {type(err).__name__}: {err}"))
            return
        if not hub_ok:
            self.lenient += 1  # read by modelcards (e.g. a non-string key), but no Hub parse to compare with
            return
        try:
            with tempfile.TemporaryDirectory() as out:
                planned = outputs.plan(source.release, out, analyze(source), formats=["readme"])
                rendered = planned.files[0].content
        except Exception as err:
            self.failures.append((path, f"{self.name}: render failed: {type(err).__name__}: {err}"))
            return
        outcome = compare(text, rendered)
        if outcome.lossless:
            self.lossless += 1
            self.normalised += bool(outcome.normalised_keys)
        else:
            self.failures.append((path, f"{self.name}: lost={outcome.lost_keys} changed={outcome.changed_keys} "
                                        f"missing lines={outcome.missing_lines[:3]}"))

    def report(self, parseable: int, unparseable: int) -> None:
        print(f"lossless {self.name} -> render: {self.lossless} of {parseable} parseable cards "
              f"({self.normalised} with Hub-equivalent normalisation: scalar vs list, license id case)")
        print(f"  unparseable cards rejected with a located message: {self.rejected_located} of {unparseable}"
              f" ({self.lenient} others read, where huggingface_hub fails on them)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--show", type=int, default=10, help="failures to print")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"skip: no corpus at {corpus}")
        return 0
    logging.getLogger("huggingface_hub").setLevel(logging.ERROR)  # "metadata block not found", per card
    from modelcards.readers import dispatch

    ways = [(Tally("import"), lambda text, path: dispatch.read_import(path)),
            (Tally("load"), lambda text, path: dispatch.read(path))]
    cards_dir = corpus / "cards" if (corpus / "cards").is_dir() else corpus  # not the corpus's README
    cards = sorted(p for p in cards_dir.rglob("*.md") if p.is_file())
    parseable = 0
    for path in cards:
        text = path.read_text(encoding="utf-8", errors="replace")
        hub_ok = _hub_parses(text)
        parseable += hub_ok
        for tally, read in ways:
            tally.run(path, text, hub_ok, read)
    print(f"cards: {len(cards)}; huggingface_hub parses {parseable}")
    failures = []
    for tally, _ in ways:
        tally.report(parseable, len(cards) - parseable)
        failures.extend(tally.failures)
    for path, why in failures[: args.show]:
        print(f"  FAIL {path.relative_to(corpus)}: {why}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
