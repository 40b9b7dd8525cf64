"""A release's openness does not depend on how often it lists a dataset: the component statuses,
the MOF, OSAID and EOSAI verdicts and the openness findings of a release are those of the same
release with each dataset listed twice, or in a different mix of repeats. (``OpennessFacts``
keeps each distinct dataset once, so that such releases share one memo entry.)"""

from __future__ import annotations

import pytest

from modelcards.analysis import analyze, rules_needing
from modelcards.openness.openness_facts import OpennessFacts
from modelcards.readers.dispatch import read, read_text
from modelcards.report import Report
from modelcards.schema import Release

from conftest import EXAMPLES, HF_CARDS, corpus_cards

OPENNESS_RULES = {rule.code for rule in rules_needing(OpennessFacts)}


def _openness(report: Report) -> tuple[object, ...]:
    return (report.mof, report.osaid, dict(report.eosai),
            [(f.rule, f.severity, f.subject, f.message) for f in report.findings if f.rule in OPENNESS_RULES])


def _repeated(release: Release, pattern: list[int]) -> Release:
    """``release`` listing dataset ``i`` ``pattern[i % len(pattern)] + 1`` times, in place."""
    datasets = [d for i, d in enumerate(release.datasets) for _ in range(pattern[i % len(pattern)] + 1)]
    return release.model_copy(update={"datasets": datasets})


def _check(release: Release) -> None:
    expected = _openness(analyze(release))
    for pattern in ([1], [0, 2], [3, 0, 1]):
        assert _openness(analyze(_repeated(release, pattern))) == expected, pattern


def test_the_examples_openness_ignores_repeated_datasets() -> None:
    releases = [read(str(path)).release for path in EXAMPLES]
    with_datasets = [release for release in releases if release.datasets]
    assert len(with_datasets) >= 3
    for release in with_datasets:
        _check(release)


def test_generated_mixes_of_roles_licenses_and_availability() -> None:
    base = read(str(EXAMPLES[0])).release
    kinds = [
        {"id": "a/open", "role": "pretraining", "license": "CC-BY-4.0"},
        {"id": "b/closed", "role": "fine-tuning", "license": "CC-BY-NC-4.0", "availability": "gated"},
        {"id": "c/none", "role": "pretraining"},
        {"id": "d/eval", "role": "evaluation", "license": "MIT", "location": "https://example.org/d"},
        {"id": "e/pref", "role": "preference", "license": "Apache-2.0"},
        {"id": "f/pref", "role": "preference", "availability": "on-request"},
    ]
    for size in range(1, len(kinds) + 1):
        for start in range(len(kinds)):
            chosen = [kinds[(start + k) % len(kinds)] for k in range(size)]
            data = base.model_dump(mode="python")
            data["datasets"] = chosen
            _check(Release.model_validate(data))


@pytest.mark.skipif(not HF_CARDS.is_dir(), reason="the Hub card corpus is not beside the checkout")
@pytest.mark.slow  # every corpus card: run by `pytest -m slow` and .ci/run
def test_corpus_cards_openness_ignores_repeated_datasets() -> None:
    checked = 0
    for path, text, _card in corpus_cards():
        try:
            release = read_text(text, str(path), markdown=True).release
        except Exception:  # cards the reader refuses are not releases
            continue
        if release.datasets:
            _check(release)
            checked += 1
    assert checked > 100
