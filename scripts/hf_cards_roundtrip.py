"""Import then render every real card under ../shared/corpora/hf-cards; report what survived.

For each *.md card: import it (as `modelcards import` does), render the manifest (as
`modelcards render` does) and compare with huggingface_hub's parser: no front-matter key lost
or changed, every non-blank body line present (tools.roundtrip). Cards whose
front matter huggingface_hub cannot parse either must be rejected by import with a located
message (the exit-2 path). So must cards that open a front matter with a ``---`` line and never
close it: huggingface_hub silently reads those as having no metadata at all, which drops every
key the author wrote; modelcards refuses them, located, and writes nothing. Skips (exit 0) when
the corpus is absent.

    python scripts/hf_cards_roundtrip.py [CORPUS_DIR] [--show N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--show", type=int, default=10, help="failures to print")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"skip: no corpus at {corpus}")
        return 0
    from modelcards.errors import InputError
    from modelcards.readers.card_body import release_from_readme
    from modelcards.renderers import outputs
    from tools.roundtrip import compare

    cards_dir = corpus / "cards" if (corpus / "cards").is_dir() else corpus  # not the corpus's README
    cards = sorted(p for p in cards_dir.rglob("*.md") if p.is_file())
    lossless, normalised, rejected_located, lenient, failures = 0, 0, 0, 0, []
    parseable = 0
    for path in cards:
        text = path.read_text(encoding="utf-8", errors="replace")
        hub_ok = _hub_parses(text)
        parseable += hub_ok
        try:
            release = release_from_readme(text, str(path))
        except InputError as err:
            located = all(p.location.line is not None for p in err.problems)
            if not hub_ok and located:
                rejected_located += 1
            else:
                failures.append((path, f"import refused: {err}"))
            continue
        except Exception as err:  # a crash on one card is a finding of this script, not its end
            failures.append((path, f"import crashed: {type(err).__name__}: {err}"))
            continue
        if not hub_ok:
            lenient += 1  # read by modelcards (e.g. a non-string key), but no Hub parse to compare with
            continue
        try:
            with tempfile.TemporaryDirectory() as out:
                planned = outputs.plan(release, out, formats=["readme"])
                rendered = planned.files[0].content
        except Exception as err:
            failures.append((path, f"render failed: {type(err).__name__}: {err}"))
            continue
        outcome = compare(text, rendered)
        if outcome.lossless:
            lossless += 1
            normalised += bool(outcome.normalised_keys)
        else:
            failures.append((path, f"lost={outcome.lost_keys} changed={outcome.changed_keys} "
                                   f"missing lines={outcome.missing_lines[:3]}"))
    print(f"cards: {len(cards)}; huggingface_hub parses {parseable}")
    print(f"lossless import -> render: {lossless} of {parseable} parseable cards "
          f"({normalised} with Hub-equivalent normalisation: scalar vs list, license id case)")
    print(f"unparseable cards rejected with a located message: {rejected_located} of {len(cards) - parseable}"
          f" ({lenient} others imported, where huggingface_hub fails on them)")
    for path, why in failures[: args.show]:
        print(f"  FAIL {path.relative_to(corpus)}: {why}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
