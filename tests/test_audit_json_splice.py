"""The audit's records are spliced from shared pieces (``jsonio.OpennessPieces``, ``jsonio._record``):
every record must be byte for byte what encoding the whole report gives, for manifests and
cards, with and without per-card evidence, with and without a dump id, including cards whose
verdict is shared with other cards of different evidence; on the real corpus when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from modelcards.audit import jsonio
from modelcards.audit.analyzer import CachedAnalyzer
from modelcards.readers.dispatch import read, read_text

from conftest import ROOT

CORPUS = ROOT.parent / "shared" / "corpora" / "hf-cards" / "cards"

CARD = """---
license: {license}
library_name: transformers
base_model: mistralai/Mistral-7B-v0.1
datasets:
- HuggingFaceFW/fineweb
---
# {name}

Code: [GitHub](https://github.com/org/{name}). Paper: [arXiv](https://arxiv.org/abs/2401.0000{n}).

## Training Data

We trained on FineWeb.
"""


def _check(analyzer: CachedAnalyzer, source, card_id: str | None) -> bool:
    """Asserts the spliced record is the whole report's bytes; whether the card had evidence."""
    record = analyzer.record(source)
    report = record.report
    spliced = jsonio.encode_report(report, openness=record.openness_json(), card_id=card_id)
    assert spliced == jsonio.encode_report(report, card_id=card_id)
    assert record.openness_json() == jsonio.openness_json(report)
    return any(c.evidence for c in report.mof.components)


def test_spliced_records_are_the_whole_reports_bytes_for_examples_and_cards() -> None:
    assert jsonio._orjson is not None, "the test extras install orjson"
    analyzer = CachedAnalyzer()
    with_evidence = 0
    for path in sorted((ROOT / "examples").glob("*/modelcard.yaml")):
        with_evidence += _check(analyzer, read(str(path)), None)
    for n, license in enumerate(["apache-2.0", "apache-2.0", "mit", "cc-by-nc-4.0", "llama3", "apache-2.0"]):
        text = CARD.format(name=f"model-{n % 3}", license=license, n=n)
        with_evidence += _check(analyzer, read_text(text, f"card-{n}/README.md"), f"org/model-{n}" if n % 2 else None)
    assert with_evidence >= 6  # the cards' evidence differs while their verdicts are shared


@pytest.mark.skipif(not CORPUS.is_dir(), reason="real corpus ../shared/corpora/hf-cards not present")
@pytest.mark.slow  # every corpus card: run by `pytest -m slow` and .ci/run
def test_spliced_records_are_the_whole_reports_bytes_on_the_corpus() -> None:
    analyzer = CachedAnalyzer()
    for path in sorted(CORPUS.glob("*.md"))[:600]:
        text = Path(path).read_bytes().decode("utf-8", errors="replace")
        try:
            source = read_text(text, str(path), markdown=True)
        except Exception:  # an unreadable card has no verdicts to splice
            continue
        _check(analyzer, source, path.stem)
