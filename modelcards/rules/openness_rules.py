"""Openness gaps and openwashing: what the release claims vs. what it actually opens up."""

from __future__ import annotations

from collections.abc import Iterator

from modelcards.openness import osaid
from modelcards.openness.openness_facts import ArtifactFacts, OpennessFacts
from modelcards.openness.status import ComponentStatus
from modelcards.openness.verdicts import OpennessVerdicts
from modelcards.rules.registry import Hit, rule
from modelcards.vocabulary import CLASS_NUMERALS

MOF_REF = "https://arxiv.org/abs/2403.13784"


def _at(status: ComponentStatus, component: str) -> tuple[str, ...] | None:
    if status.derived_from_datasets:
        return ("datasets",)
    return ("artifacts", component)


def _from_release_license(facts: OpennessFacts, cid: str, status: ComponentStatus) -> bool:
    """The component's license is the release's ``license``: it names none of its own and its
    content type has no default."""
    artifact = facts.artifact(cid)
    return (not status.derived_from_datasets and artifact is not None and artifact.license is None
            and not artifact.own_terms_only and facts.default_for(status.component.content_type) is None)


def _for_want_of_any_license(facts: OpennessFacts, cid: str, status: ComponentStatus) -> bool:
    """Unlicensed only because the release states no license at all: META001 reports that once."""
    return facts.license is None and not any(a.license for a in facts.artifacts) and \
        _from_release_license(facts, cid, status)


@rule("MOF001", "component-unlicensed", "openness-gap", "warning", needs=OpennessFacts)
def component_unlicensed(facts: OpennessFacts, verdicts: OpennessVerdicts) -> Iterator[Hit]:
    """A released component has no license.

    What: a component the release publishes has no license of its own, no default for its content
    type (``licenses.<content type>``) and no release ``license`` covers it.
    Why: without a license nobody may legally reuse the component, so the MOF does not count it
    (MOF 1.0 §5: components must be released under open licenses).
    Example:
    name: Tiny-1B
    artifacts:
      model-parameters-final: {location: https://huggingface.co/org/tiny-1b, license: Apache-2.0}
      model-card: {location: https://huggingface.co/org/tiny-1b}
    Fix: give the component a ``license``, or set a default in ``license`` /
    ``licenses.<content type>``.
    Sources: Model Openness Framework 1.0 §5, https://arxiv.org/abs/2403.13784
    """
    artifacts = {a.id: a for a in facts.artifacts}
    for cid, status in verdicts.statuses.items():
        if status.status == "unlicensed" and not _for_want_of_any_license(facts, cid, status):
            yield Hit(cid, f"{_unlicensed(cid, artifacts.get(cid))}, so it does not count as open",
                      f"{MOF_REF} §5", at=_at(status, cid))


def _unlicensed(cid: str, artifact: ArtifactFacts | None) -> str:
    """What is known of an unlicensed component: a manifest released it without a license; of a
    component a card points to (a paper, a code repository, a dataset card) or the datasets it
    names, only that no license is stated for it: it may have one where it is published."""
    if artifact is None and cid in ("datasets", "evaluation-data"):
        return f"{cid}: no license is stated for the datasets, and the known-datasets table has none"
    if artifact is not None and artifact.own_terms_only:
        return f"{cid}: the card points to it but states no license for it"
    return f"{cid} is released without a license"


@rule("MOF002", "component-not-public", "openness-gap", "warning", needs=OpennessFacts)
def component_not_public(facts: OpennessFacts, verdicts: OpennessVerdicts) -> Iterator[Hit]:
    """A component is gated or available on request only.

    What: a component has ``availability: gated`` or ``on-request``; it is reported as
    ``restricted``.
    Why: gated and on-request access is not public release: the MOF counts only components anyone
    can obtain under an open license.
    Example:
    name: Tiny-1B
    license: Apache-2.0
    artifacts:
      model-parameters-final: {location: https://huggingface.co/org/tiny-1b, availability: gated}
    Fix: release the component publicly, or accept that it does not count as open.
    Sources: Model Openness Framework 1.0 §5, https://arxiv.org/abs/2403.13784
    """
    for cid, status in verdicts.statuses.items():
        if status.availability in ("gated", "on-request") and status.status == "restricted":
            yield Hit(cid, f"{cid} is {status.availability}, not public, so it does not count as open",
                      f"{MOF_REF} §5", at=_at(status, cid))


@rule("MOF003", "component-restricted-license", "openness-gap", "info", needs=OpennessFacts)
def component_restricted_license(facts: OpennessFacts, verdicts: OpennessVerdicts) -> Iterator[Hit]:
    """A component is released under a license that is not open.

    What: a public component's license is known but not open (unknown licenses are reported by the
    license rules instead).
    Why: model licenses such as the Llama or Gemma terms, non-commercial Creative Commons licenses
    and unknown licenses are not OSI-approved, FSF-libre or an accepted open data/document
    license, so the MOF does not count the component.
    Example:
    name: Tiny-1B
    license: llama3.1
    artifacts:
      model-parameters-final: {location: https://huggingface.co/org/tiny-1b}
    Fix: release the component under an open license, or accept that it does not count as open.
    Sources: Model Openness Framework 1.0 §5, https://arxiv.org/abs/2403.13784
    """
    for cid, status in verdicts.statuses.items():
        if status.status != "restricted" or status.availability in ("gated", "on-request"):
            continue
        lic = status.license
        if lic is None or not lic.known:
            continue  # unknown licenses are reported by the license rules
        yield Hit(cid, f"{cid} is under {lic.canonical}, which is not an open license", f"{MOF_REF} §5",
                  at=_at(status, cid))


@rule("MOF004", "license-content-type", "metadata", "warning", needs=OpennessFacts)
def license_content_type(facts: OpennessFacts, verdicts: OpennessVerdicts) -> Iterator[Hit]:
    """An open license is used for content it was not written for.

    What: a software license on a dataset or document (e.g. MIT on a dataset), or a data or
    document license on code. A single release-wide license that misfits several components is
    reported once, at the license.
    Why: such a license still counts as open under the MOF, but its terms do not fit the content.
    Example:
    name: Tiny-1B
    license: MIT
    artifacts:
      model-parameters-final: {location: https://huggingface.co/org/tiny-1b}
      model-card: {location: https://huggingface.co/org/tiny-1b}
    Fix: prefer CDLA, ODC or CC licenses for data and CC licenses for documents
    (``licenses.data`` / ``licenses.document``).
    Sources: Model Openness Framework 1.0 §4, https://arxiv.org/abs/2403.13784
    """
    card_wide = [cid for cid, status in verdicts.statuses.items()
                 if status.misfit and _from_release_license(facts, cid, status)]
    if len(card_wide) > 1:
        types = sorted({verdicts.statuses[cid].component.content_type for cid in card_wide})
        yield Hit("card", f"the release license {verdicts.statuses[card_wide[0]].license_text} covers "
                  f"{', '.join(card_wide)}, but it is not meant for {' or '.join(types)}; they count as open, "
                  "but consider licenses for each content type (licenses.data / licenses.document)",
                  f"{MOF_REF} §4", at=("license",))
    for cid, status in verdicts.statuses.items():
        if status.misfit and not (len(card_wide) > 1 and cid in card_wide):
            yield Hit(
                cid,
                f"{cid} is {status.component.content_type} but {status.license_text} is not meant for "
                f"{status.component.content_type}; it counts as open, but consider a "
                f"{status.component.content_type} license",
                f"{MOF_REF} §4",
                at=_at(status, cid),
            )


@rule("MOF005", "next-class-gaps", "openness-gap", "info", needs=OpennessFacts)
def next_class_gaps(facts: OpennessFacts, verdicts: OpennessVerdicts) -> Iterator[Hit]:
    """What the release lacks for the next MOF class.

    What: lists the required components that are missing, unlicensed or restricted for the next
    class up (Class III, then II, then I). Silent at Class I.
    Why: the MOF class is decided by its least open required component; the list is the work left
    to reach the next class.
    Example:
    name: Tiny-1B
    license: Apache-2.0
    artifacts:
      model-parameters-final: {location: https://huggingface.co/org/tiny-1b}
    Fix: release the components listed, under open licenses.
    Sources: Model Openness Framework 1.0, https://arxiv.org/abs/2403.13784
    """
    current = verdicts.mof.mof_class
    if current == 1:
        return
    target = 3 if current is None else current - 1
    gaps = verdicts.mof.missing_for(target)
    if gaps:
        listed = ", ".join(f"{g.component.id} ({g.status})" for g in gaps)
        yield Hit("card", f"Class {CLASS_NUMERALS[target]} needs: {listed}", MOF_REF)


@rule("OPEN001", "open-source-claim", "openwashing", "error", needs=OpennessFacts)
def open_source_claim(facts: OpennessFacts, verdicts: OpennessVerdicts) -> Iterator[Hit]:
    """The release calls itself open source but is not.

    What: ``claims.open_source`` is set, but the release does not meet the OSI Open Source AI
    Definition, or does not reach MOF Class III at least.
    Why: "open source" for AI means the OSI Open Source AI Definition: data information, the
    complete code and the parameters, all under OSI-approved terms. Releasing weights alone
    ("open weights") is not open source.
    Example:
    name: Tiny-1B
    license: Apache-2.0
    artifacts:
      model-parameters-final: {location: https://huggingface.co/org/tiny-1b}
    claims: {open_source: true}
    Fix: release what the definition asks for, or describe the release as "open weights".
    Sources: OSI Open Source AI Definition 1.0, https://opensource.org/ai/open-source-ai-definition;
    Model Openness Framework 1.0, https://arxiv.org/abs/2403.13784
    """
    if not facts.open_source:
        return
    reasons = []
    if verdicts.mof.mof_class is None:
        reasons.append("it does not reach MOF Class III")
    if not verdicts.osaid.meets:
        reasons.append("it does not meet the OSI Open Source AI Definition (" + "; ".join(verdicts.osaid.missing) + ")")
    if reasons:
        yield Hit("card", "claims to be open source, but " + " and ".join(reasons), osaid.REFERENCE,
                  at=("claims", "open_source"))


@rule("OPEN002", "open-weights-not-open-source", "openness-gap", "warning", needs=OpennessFacts)
def open_weights_not_open_source(facts: OpennessFacts, verdicts: OpennessVerdicts) -> Iterator[Hit]:
    """Open weights without the data and code: open weights, not open source.

    What: the final parameters are under an open license but the release does not meet the OSI
    Open Source AI Definition (typically: training data undisclosed, training code unreleased).
    Not reported when the release claims open source (OPEN001 reports the stronger finding).
    Why: calling such a release "open source" is openwashing.
    Example:
    name: Tiny-1B
    license: Apache-2.0
    artifacts:
      model-parameters-final: {location: https://huggingface.co/org/tiny-1b}
    Fix: describe it as "open weights", not "open source"; or release the data information and
    code the definition asks for.
    Sources: OSI Open Source AI Definition 1.0, https://opensource.org/ai/open-source-ai-definition
    """
    if facts.open_source:
        return  # OPEN001 reports the stronger finding
    if verdicts.statuses["model-parameters-final"].status == "included" and not verdicts.osaid.meets:
        missing = ", ".join(dict.fromkeys(m.split(":", 1)[0] for m in verdicts.osaid.missing))
        yield Hit("model-parameters-final",
                  "open weights, not open source: the weights are openly licensed, but the release does not "
                  f"meet the OSI Open Source AI Definition (missing: {missing})", osaid.REFERENCE)


@rule("OPEN003", "open-weights-claim", "openwashing", "error", needs=OpennessFacts)
def open_weights_claim(facts: OpennessFacts, verdicts: OpennessVerdicts) -> Iterator[Hit]:
    """The release claims open weights, but the final weights are not openly released.

    What: ``claims.open_weights`` is set, but ``model-parameters-final`` is missing, unlicensed or
    restricted.
    Why: weights count as open only when public (not gated) and under an open license.
    Example:
    name: Tiny-1B
    license: llama3.1
    artifacts:
      model-parameters-final: {location: https://huggingface.co/org/tiny-1b}
    claims: {open_weights: true}
    Fix: release the weights publicly under an open license, or drop the claim.
    Sources: Model Openness Framework 1.0 §5, https://arxiv.org/abs/2403.13784
    """
    status = verdicts.statuses["model-parameters-final"]
    if facts.open_weights and status.status != "included":
        yield Hit("model-parameters-final",
                  f"claims open weights, but model-parameters-final is {status.status}"
                  + (f" ({status.license_text})" if status.license_text else ""),
                  MOF_REF, at=("claims", "open_weights"))


@rule("OPEN004", "open-data-claim", "openwashing", "error", needs=OpennessFacts)
def open_data_claim(facts: OpennessFacts, verdicts: OpennessVerdicts) -> Iterator[Hit]:
    """The release claims open data, but its training datasets are not openly released.

    What: ``claims.open_data`` is set, but the ``datasets`` component is missing, unlicensed or
    restricted.
    Why: data counts as open only when public and under an open license.
    Example:
    name: Tiny-1B
    license: Apache-2.0
    claims: {open_data: true}
    Fix: list the training datasets with their locations and open licenses, or drop the claim.
    Sources: Model Openness Framework 1.0 §5, https://arxiv.org/abs/2403.13784
    """
    status = verdicts.statuses["datasets"]
    if facts.open_data and status.status != "included":
        yield Hit("datasets", f"claims open data, but the training datasets are {status.status}", MOF_REF,
                  at=("claims", "open_data"))
