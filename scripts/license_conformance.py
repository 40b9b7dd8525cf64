#!/usr/bin/env python3
"""License knowledge against the real Hub cards: which license rules fire, how far base models
and datasets resolve.

Reads ../shared/corpora/hf-cards/cards/*.md (skips with exit 0 when absent). For every card:
  1. reads it with modelcards and analyses it (``modelcards.analysis.analyze``); counts, per
     rule, the cards it fires on (a card counts once per rule however many findings it has);
  2. sorts every distinct ``base_model`` value of the front matter into: resolved (the sourced
     table ``data/known-models.yaml`` knows its license), local path, malformed (not a Hub id:
     a URL, no organisation and not a legacy id the table knows, or bad characters), each as
     ``modelcards.licenses.model_ids`` judges it (LIC012) and saying whether the model name
     inside still resolves, or unknown (a well-formed id the table does not know: third-party
     fine-tunes whose own card is not among the stored sources, or private);
  3. counts how many dataset mentions (``datasets:``) have a license from a sourced table.

Report only: the exit code is 0 whatever the figures (1 only when the corpus cannot be read).

Measured on the 2,250 stored cards (2026-12-01, issue 19). "data v2" is the new data with the
rules of that morning; "rules v2" adds the rule changes of issue 19 (and, in the same tree, the
card reader of issue 18 in progress, which adds claims: LIC009 rises from 0 for that reason):

| measure                                         | data v1 | data v2 | rules v2 |
|-------------------------------------------------|--------:|--------:|---------:|
| distinct base_model values (290 mentions)       |     212 |     212 |      212 |
|   resolved with a sourced license               |      44 |      74 |       74 |
|   local path (name still matched: 3 of 4)       |       4 |       4 |        4 |
|   malformed (no organisation, not a legacy id)  |       1 |       1 |        1 |
|   unknown (well-formed, not in the table)       |     163 |     133 |      133 |
| dataset mentions (1,536) with a sourced license |      60 |      60 |      417 |
| cards with LIC001 (unknown license)             |      14 |      13 |  17 (*) |
| cards with LIC003 (derivative relicensed)       |       4 |       3 |        3 |
| cards with LIC005 / LIC006 (findings)           |       - | 16 (26) / 16 (26) | 15 (15) / 16 (16) |
| cards with LIC007 / LIC008 (training data)      |       - |   0 / 6 |  8 / 127 |
| cards with LIC011 (base license unknown)        |     145 |     101 |       87 |
| cards with LIC012 (base model not a Hub id)     |       - |       - |       20 |
| cards with LIC013 (Hub family id)               |       - |       - |       41 |

(*) 13 'unknown' licenses, before taken for ScanCode's "unknown" license, are now LIC001
warnings; the 10 family ids (cc, gpl) that were LIC001 errors are LIC013 warnings. The 133
unknown base models are third-party fine-tunes and merges whose own cards are not among the
stored sources: their licenses are not guessed.
"""

from __future__ import annotations

import fnmatch
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from modelcards.analysis import analyze  # noqa: E402
from modelcards.errors import InputError  # noqa: E402
from modelcards.licenses.model_ids import id_problem, known_base  # noqa: E402
from modelcards.licenses.obligations import known_dataset, known_model  # noqa: E402

try:  # the reader entry point; older trees only have read_source
    from modelcards.readers.dispatch import read as _read  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the tree
    from modelcards.readers.dispatch import read_source as _read

CORPUS = ROOT.parent / "shared" / "corpora" / "hf-cards" / "cards"
DATA = ROOT / "modelcards" / "licenses" / "data"
LICENSE_RULES = re.compile(r"LIC\d+")

def front_matter(text: str) -> dict[str, Any]:
    """The card's YAML front matter, parsed with ``yaml.safe_load`` ({} when absent or broken)."""
    text = text.lstrip("\ufeff \t\r\n")
    if not text.startswith("---"):
        return {}
    end = re.search(r"\r?\n---[ \t]*(\r?\n|$)", text[3:])
    if end is None:
        return {}
    try:
        meta = yaml.safe_load(text[3:3 + end.start()])
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def base_model_kind(value: str) -> str:
    """'resolved', 'local path', 'malformed' or 'unknown' for one base_model value."""
    problem = id_problem(value)
    if problem is not None:
        return "local path" if problem.problem == "local path" else "malformed"
    return "resolved" if known_model(value) is not None else "unknown"


def dataset_table() -> list[dict[str, Any]]:
    """Entries of data/known-datasets.yaml (the sourced dataset table), [] when absent."""
    path = DATA / "known-datasets.yaml"
    if not path.exists():
        return []
    return list((yaml.safe_load(path.read_text()) or {}).get("datasets") or [])


def in_table(table: list[dict[str, Any]], dataset_id: str) -> dict[str, Any] | None:
    lowered = dataset_id.lower()
    return next((e for e in table if fnmatch.fnmatchcase(lowered, str(e["match"]).lower())), None)


def main() -> int:
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}: skipped")
        return 0
    paths = sorted(CORPUS.glob("*.md"))
    fired: Counter[str] = Counter()
    findings_per_rule: Counter[str] = Counter()
    refused = 0
    base_values: Counter[str] = Counter()
    dataset_mentions: Counter[str] = Counter()
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        meta = front_matter(text)
        base_values.update(as_list(meta.get("base_model")))
        dataset_mentions.update(as_list(meta.get("datasets")))
        try:
            source = _read(str(path))
        except InputError:
            refused += 1
            continue
        report = analyze(source.release, source=str(path))
        rules = Counter(f.rule for f in report.findings)
        findings_per_rule.update(rules)
        fired.update(rules.keys())
    print(f"cards: {len(paths)} read, {refused} refused as bad input")
    print("\nper rule: cards it fires on (findings)")
    for rule in sorted(fired, key=lambda r: (not LICENSE_RULES.fullmatch(r), r)):
        print(f"  {rule:8} {fired[rule]:5}  ({findings_per_rule[rule]})")

    kinds: dict[str, list[str]] = {"resolved": [], "local path": [], "malformed": [], "unknown": []}
    for value in base_values:
        kinds[base_model_kind(value)].append(value)
    print(f"\nbase_model: {len(base_values)} distinct values in {sum(base_values.values())} mentions")
    for kind, values in kinds.items():
        mentions = sum(base_values[v] for v in values)
        print(f"  {kind:11} {len(values):4} distinct, {mentions:4} mentions")
    for kind in ("local path", "malformed"):
        for value in sorted(kinds[kind]):
            known = known_base(value)
            read_as = f"name matched: {known.license}" if known else "name not matched (none or ambiguous)"
            print(f"    {kind}: {value}  [{read_as}]")

    table = dataset_table()
    by_code = sum(n for d, n in dataset_mentions.items() if known_dataset(d) is not None)
    by_table = sum(n for d, n in dataset_mentions.items() if in_table(table, d) is not None)
    total = sum(dataset_mentions.values())
    top = dataset_mentions.most_common(50)
    top_known = sum(1 for d, _ in top if in_table(table, d) is not None or known_dataset(d) is not None)
    print(f"\ndatasets: {len(dataset_mentions)} distinct ids in {total} mentions")
    print(f"  with a license from known_dataset() (what the rules use): {by_code} mentions")
    print(f"  with a license from data/known-datasets.yaml ({len(table)} entries): {by_table} mentions")
    print(f"  of the 50 most named: {top_known} have a sourced license")
    return 0


if __name__ == "__main__":
    sys.exit(main())
