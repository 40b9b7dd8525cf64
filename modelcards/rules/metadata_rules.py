"""Card metadata the Hub and downstream users rely on."""

from __future__ import annotations

from collections.abc import Iterator

from modelcards.rules.registry import Context, Hit, rule

HUB_LICENSES = "https://huggingface.co/docs/hub/repositories-licenses"


@rule("META001", "no-license", "metadata", "warning", scope="openness")
def no_license(ctx: Context) -> Iterator[Hit]:
    """The release declares no license at all.

    Without a license field the Hub shows no license and nobody knows the terms. Set
    ``license`` to an SPDX id or Hub license id.
    """
    release = ctx.release
    if release.license is None and not any(a.license for a in release.artifacts.values()):
        yield Hit("card", "no license is declared for the release", HUB_LICENSES)


@rule("META002", "no-weights", "metadata", "info", scope="openness")
def no_weights(ctx: Context) -> Iterator[Hit]:
    """The release does not list its final weights.

    A model release normally publishes ``model-parameters-final``; without it the release
    cannot reach any MOF class.
    """
    if "model-parameters-final" not in ctx.release.artifacts:
        yield Hit("model-parameters-final", "the release does not list its final weights (model-parameters-final)")
