"""A serial audit tunes the garbage collector for its run (``runner._settle``) and leaves it as it
found it: release scripts call the audit inside their own long-lived process."""

from __future__ import annotations

import gc

from modelcards.audit import runner
from modelcards.audit.inputs import iter_items

from conftest import ROOT


def _thresholds_during_an_audit() -> list[tuple[int, bool]]:
    """(youngest generation's threshold, whether objects are frozen) after each card."""
    cards = iter_items([str(ROOT / "examples")])
    return [(gc.get_threshold()[0], gc.get_freeze_count() > 0) for _ in runner.run(cards)]


def test_an_audit_restores_the_collectors_thresholds_and_unfreezes_its_heap() -> None:
    before = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    seen = _thresholds_during_an_audit()
    assert len(seen) > 2
    assert seen[0] == (before[0], False)  # settled after the first card, once the tables are loaded
    assert all(threshold >= runner.YOUNG_THRESHOLD and frozen for threshold, frozen in seen[1:])
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_an_audit_leaves_a_process_that_froze_its_own_heap_alone() -> None:
    before = gc.get_threshold()
    gc.freeze()
    try:
        seen = _thresholds_during_an_audit()
        assert len(seen) > 2 and all(threshold == before[0] for threshold, _frozen in seen)
        assert gc.get_threshold() == before and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
