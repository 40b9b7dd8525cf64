"""Openness gaps and openwashing: what the release claims vs. what it actually opens up."""

from __future__ import annotations

from collections.abc import Iterator

from modelcards.openness import osaid
from modelcards.rules.registry import Context, Hit, rule

MOF_REF = "https://arxiv.org/abs/2403.13784"
ROMAN = {1: "I", 2: "II", 3: "III"}


def _at(ctx: Context, component: str) -> tuple[str, ...] | None:
    status = ctx.statuses[component]
    if status.derived_from_datasets:
        return ("datasets",)
    return ("artifacts", component)


@rule("MOF001", "component-unlicensed", "openness-gap", "warning", scope="openness")
def component_unlicensed(ctx: Context) -> Iterator[Hit]:
    """A released component has no license.

    Without a license nobody may legally reuse the component, so the MOF does not count it
    (MOF 1.0 §5: components must be released under open licenses). Give the component a
    ``license``, or set a default in ``license`` / ``licenses.<content type>``.
    """
    for cid, status in ctx.statuses.items():
        if status.status == "unlicensed":
            yield Hit(cid, f"{cid} is released without a license, so it does not count as open",
                      f"{MOF_REF} §5", at=_at(ctx, cid))


@rule("MOF002", "component-not-public", "openness-gap", "warning", scope="openness")
def component_not_public(ctx: Context) -> Iterator[Hit]:
    """A component is gated or available on request only.

    Gated and on-request access is not public release: the MOF counts only components anyone
    can obtain under an open license, so such components are reported as ``restricted``.
    """
    for cid, status in ctx.statuses.items():
        if status.availability in ("gated", "on-request") and status.status == "restricted":
            yield Hit(cid, f"{cid} is {status.availability}, not public, so it does not count as open",
                      f"{MOF_REF} §5", at=_at(ctx, cid))


@rule("MOF003", "component-restricted-license", "openness-gap", "info", scope="openness")
def component_restricted_license(ctx: Context) -> Iterator[Hit]:
    """A component is released under a license that is not open.

    Model licenses such as the Llama or Gemma terms, non-commercial Creative Commons licenses
    and unknown licenses are not OSI-approved, FSF-libre or an accepted open data/document
    license, so the MOF does not count the component.
    """
    for cid, status in ctx.statuses.items():
        if status.status != "restricted" or status.availability in ("gated", "on-request"):
            continue
        lic = status.license
        if lic is None or not lic.known:
            continue  # unknown licenses are reported by the license rules
        yield Hit(cid, f"{cid} is under {lic.canonical}, which is not an open license", f"{MOF_REF} §5",
                  at=_at(ctx, cid))


@rule("MOF004", "license-content-type", "metadata", "warning", scope="openness")
def license_content_type(ctx: Context) -> Iterator[Hit]:
    """An open license is used for content it was not written for.

    A software license on a dataset or document (e.g. MIT on a dataset) still counts as open
    under the MOF, but its terms do not fit the content: prefer CDLA, ODC or CC licenses for
    data and CC licenses for documents.
    """
    for cid, status in ctx.statuses.items():
        if status.misfit:
            yield Hit(
                cid,
                f"{cid} is {status.component.content_type} but {status.license_text} is not meant for "
                f"{status.component.content_type}; it counts as open, but consider a "
                f"{status.component.content_type} license",
                f"{MOF_REF} §4",
                at=_at(ctx, cid),
            )


@rule("MOF005", "next-class-gaps", "openness-gap", "info", scope="openness")
def next_class_gaps(ctx: Context) -> Iterator[Hit]:
    """What the release lacks for the next MOF class.

    Lists the required components that are missing, unlicensed or restricted for the next
    class up (Class III, then II, then I).
    """
    current = ctx.mof.mof_class
    if current == 1:
        return
    target = 3 if current is None else current - 1
    gaps = ctx.mof.missing_for(target)
    if gaps:
        listed = ", ".join(f"{g.component.id} ({g.status})" for g in gaps)
        yield Hit("card", f"Class {ROMAN[target]} needs: {listed}", MOF_REF)


@rule("OPEN001", "open-source-claim", "openwashing", "error", scope="openness")
def open_source_claim(ctx: Context) -> Iterator[Hit]:
    """The release calls itself open source but is not.

    "Open source" for AI means the OSI Open Source AI Definition: data information, the
    complete code and the parameters, all under OSI-approved terms. Releasing weights alone
    ("open weights") is not open source. Also checked: MOF Class III at least.
    """
    if not ctx.release.claims.open_source:
        return
    reasons = []
    if ctx.mof.mof_class is None:
        reasons.append("it does not reach MOF Class III")
    if not ctx.osaid.meets:
        reasons.append("it does not meet the OSI Open Source AI Definition (" + "; ".join(ctx.osaid.missing) + ")")
    if reasons:
        yield Hit("card", "claims to be open source, but " + " and ".join(reasons), osaid.REFERENCE,
                  at=("claims", "open_source"))


@rule("OPEN002", "open-weights-not-open-source", "openness-gap", "warning", scope="openness")
def open_weights_not_open_source(ctx: Context) -> Iterator[Hit]:
    """Open weights without the data and code: open weights, not open source.

    The final parameters are under an open license but the release does not meet the OSI
    Open Source AI Definition (typically: training data undisclosed, training code
    unreleased). Describe it as "open weights", not "open source".
    """
    if ctx.release.claims.open_source:
        return  # OPEN001 reports the stronger finding
    if ctx.statuses["model-parameters-final"].status == "included" and not ctx.osaid.meets:
        missing = ", ".join(dict.fromkeys(m.split(":", 1)[0] for m in ctx.osaid.missing))
        yield Hit("model-parameters-final",
                  "open weights, not open source: the weights are openly licensed, but the release does not "
                  f"meet the OSI Open Source AI Definition (missing: {missing})", osaid.REFERENCE)


@rule("OPEN003", "open-weights-claim", "openwashing", "error", scope="openness")
def open_weights_claim(ctx: Context) -> Iterator[Hit]:
    """The release claims open weights, but the final weights are not openly released.

    Weights count as open only when public (not gated) and under an open license.
    """
    status = ctx.statuses["model-parameters-final"]
    if ctx.release.claims.open_weights and status.status != "included":
        yield Hit("model-parameters-final",
                  f"claims open weights, but model-parameters-final is {status.status}"
                  + (f" ({status.license_text})" if status.license_text else ""),
                  MOF_REF, at=("claims", "open_weights"))


@rule("OPEN004", "open-data-claim", "openwashing", "error", scope="openness")
def open_data_claim(ctx: Context) -> Iterator[Hit]:
    """The release claims open data, but its training datasets are not openly released."""
    status = ctx.statuses["datasets"]
    if ctx.release.claims.open_data and status.status != "included":
        yield Hit("datasets", f"claims open data, but the training datasets are {status.status}", MOF_REF,
                  at=("claims", "open_data"))
