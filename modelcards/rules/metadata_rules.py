"""Card metadata the Hub and downstream users rely on."""

from __future__ import annotations

from collections.abc import Iterator

from modelcards.licenses.hub_ids import HUB_LICENSES
from modelcards.openness.components import mof
from modelcards.openness.openness_facts import OpennessFacts
from modelcards.openness.verdicts import OpennessVerdicts
from modelcards.rules.registry import Hit, rule


def _content_type(component_id: str) -> str:
    return next(c.content_type for c in mof().components if c.id == component_id)


@rule("META001", "no-license", "metadata", "warning", needs=OpennessFacts)
def no_license(facts: OpennessFacts, verdicts: OpennessVerdicts) -> Iterator[Hit]:
    """The release declares no license at all.

    What: neither ``license`` nor any component states a license. The components left without a
    license by it (the model card, the weights) are named here rather than each by MOF001.
    Why: without a license field the Hub shows no license and nobody knows the terms.
    Example:
    name: Tiny-1B
    artifacts:
      model-parameters-final: {location: https://huggingface.co/org/tiny-1b}
    Fix: set ``license`` to an SPDX id or Hub license id.
    Sources: https://huggingface.co/docs/hub/repositories-licenses
    """
    if facts.license is None and not any(a.license for a in facts.artifacts):
        covered = [a.id for a in facts.artifacts if not a.own_terms_only and a.availability != "not-released"
                   and facts.default_for(_content_type(a.id)) is None]
        suffix = f", so {', '.join(covered)} {'is' if len(covered) == 1 else 'are'} released without one" \
            if covered else ""
        yield Hit("card", f"no license is declared for the release{suffix}", HUB_LICENSES, at=("license",))


@rule("META002", "no-weights", "metadata", "info", needs=OpennessFacts)
def no_weights(facts: OpennessFacts, verdicts: OpennessVerdicts) -> Iterator[Hit]:
    """The release does not list its final weights.

    What: ``model-parameters-final`` is not among the artifacts. A Hub card shows its repository's
    weights unless its text says they are not there (``readers/card_evidence.py``), so on cards
    this fires only then.
    Why: a model release normally publishes ``model-parameters-final``; without it the release
    cannot reach any MOF class.
    Example:
    name: Tiny-1B
    license: Apache-2.0
    artifacts:
      model-card: {location: https://huggingface.co/org/tiny-1b}
    Fix: list ``model-parameters-final`` with its location and license; a release that publishes
    no weights on purpose can ``--ignore META002``.
    Sources: Model Openness Framework 1.0 §4 (components), https://arxiv.org/abs/2403.13784
    """
    if facts.artifact("model-parameters-final") is None:
        yield Hit("model-parameters-final", "the release does not list its final weights (model-parameters-final)")
