"""The EU AI Act's duties for providers of general-purpose AI models, as findings (AIA rules).

They run only for a release that declares ``eu_ai_act: {gpai: true}``: whether a model is a
general-purpose AI model (Art. 3(63)) is the provider's call, not something a manifest shows. Each
finding cites the article it comes from (Regulation (EU) 2024/1689, https://eur-lex.europa.eu/eli/reg/2024/1689/oj).

The open-source exemption is scoped as the Act scopes it. Art. 53(2) lifts only the technical
documentation (Art. 53(1)(a), Annex XI) and the information for downstream providers (Art.
53(1)(b), Annex XII), and Art. 54(6) the authorised representative, for a model released under a
free and open-source licence with its weights, architecture and usage information public; the
copyright policy (Art. 53(1)(c)) and the training-content summary (Art. 53(1)(d)) stay. Neither
exemption applies to a model with systemic risk (Art. 51: classified so, or presumed so above
10^25 training FLOP, Art. 51(2)).
"""

from __future__ import annotations

from collections.abc import Iterator

from modelcards.rules.registry import Hit, Verdicts, rule
from modelcards.schema import Release
from modelcards.schema.release import EUAIAct
from modelcards.vocabulary import TRAINING_ROLES

ACT = "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"
TEMPLATE = ("https://digital-strategy.ec.europa.eu/en/library/"
            "explanatory-notice-and-template-public-summary-training-content-general-purpose-ai-models")
SYSTEMIC_FLOP = 1e25
"""Art. 51(2): a GPAI model trained with more than 10^25 FLOP is presumed to have high-impact capabilities."""
_AT = ("eu_ai_act", "gpai")


def _duties(release: Release) -> EUAIAct | None:
    act = release.eu_ai_act
    return act if act is not None and act.gpai else None


def systemic(release: Release, act: EUAIAct) -> bool:
    """Classified as systemic, or presumed so by its training compute (Art. 51(2)); ``systemic_risk:
    false`` does not rebut the presumption (only the Commission decides that, Art. 52(2)-(5))."""
    compute = release.training_facts.compute if release.training_facts else None
    return bool(act.systemic_risk) or bool(compute and compute.flop and compute.flop > SYSTEMIC_FLOP)


def open_source_exempt(release: Release, act: EUAIAct, verdicts: Verdicts) -> bool:
    """Art. 53(2) / 54(6): weights released under an open licence, with the architecture and the
    usage information (the model card) public; never for a model with systemic risk."""
    statuses = verdicts.openness.statuses
    return (not systemic(release, act)
            and verdicts.licenses.weights.is_open
            and statuses["model-parameters-final"].status == "included"
            and statuses["model-architecture"].status != "missing"
            and statuses["model-card"].status != "missing")


@rule("AIA001", "gpai-copyright-policy", "completeness", "warning")
def copyright_policy(release: Release, verdicts: Verdicts) -> Iterator[Hit]:
    """A general-purpose AI model states no copyright policy, or not how it honours text-and-data-mining opt-outs.

    What: the release declares ``eu_ai_act: {gpai: true}`` and ``eu_ai_act.copyright_policy`` (a
    link to the provider's policy) or ``eu_ai_act.tdm_opt_out`` (how reservations of rights, such
    as robots.txt, were identified and honoured) is missing. Open-source releases are not exempt.
    Why: Art. 53(1)(c) of the AI Act obliges every provider of a GPAI model to put in place a
    policy to comply with Union copyright law, in particular to identify and comply with a
    reservation of rights under Art. 4(3) of Directive (EU) 2019/790; the Art. 53(2) open-source
    exemption does not cover it.
    Example:
    name: Tiny-1B
    eu_ai_act: {gpai: true}
    Fix: publish the policy and link it: ``eu_ai_act: {gpai: true, copyright_policy: https://...,
    tdm_opt_out: "robots.txt and ai.txt honoured at crawl time"}``.
    Sources: Regulation (EU) 2024/1689, Art. 53(1)(c) and 53(2), https://eur-lex.europa.eu/eli/reg/2024/1689/oj;
    Directive (EU) 2019/790, Art. 4(3)
    """
    act = _duties(release)
    if act is None:
        return
    if not act.copyright_policy:
        yield Hit("card", "no copyright policy stated (eu_ai_act.copyright_policy): a GPAI provider must have one, "
                  "open-source or not (AI Act Art. 53(1)(c))", ACT, at=_AT)
    if not act.tdm_opt_out:
        yield Hit("card", "how text-and-data-mining opt-outs were identified and honoured is not stated "
                  "(eu_ai_act.tdm_opt_out; AI Act Art. 53(1)(c), Directive (EU) 2019/790 Art. 4(3))", ACT, at=_AT)


@rule("AIA002", "gpai-provider-contact", "completeness", "warning")
def provider_contact(release: Release, verdicts: Verdicts) -> Iterator[Hit]:
    """A general-purpose AI model names no provider contact, or no EU authorised representative where one is due.

    What: the release declares ``eu_ai_act: {gpai: true}`` and has no ``producer`` or ``contact``;
    or the provider is not established in the Union (``eu_ai_act.established_in_eu: false``, or
    not stated) and names no ``eu_ai_act.authorised_representative``, unless the open-source
    exemption of Art. 54(6) applies (open licence, weights, architecture and usage information
    public, no systemic risk).
    Why: the public summary template and Annex XII ask for the provider's name and contact; Art. 54
    obliges providers established in third countries to appoint, by written mandate, an authorised
    representative in the Union before placing the model on the Union market.
    Example:
    name: Tiny-1B
    license: other
    eu_ai_act: {gpai: true, established_in_eu: false}
    Fix: state ``producer`` and ``contact``, and ``eu_ai_act.authorised_representative`` (or
    ``established_in_eu: true``).
    Sources: Regulation (EU) 2024/1689, Art. 54(1) and 54(6), Annex XII(1)(a),
    https://eur-lex.europa.eu/eli/reg/2024/1689/oj; the Commission's template for the public summary of training content
    """
    act = _duties(release)
    if act is None:
        return
    if not release.producer or not release.contact:
        missing = " and ".join(k for k, v in (("producer", release.producer), ("contact", release.contact)) if not v)
        yield Hit("card", f"no provider {missing} stated: the provider's name and contact details are required "
                  "(AI Act Annex XII(1)(a); the training-content summary template, section 1.1)", ACT, at=_AT)
    if act.established_in_eu or act.authorised_representative or open_source_exempt(release, act, verdicts):
        return
    where = ("the provider is not established in the Union" if act.established_in_eu is False
             else "whether the provider is established in the Union is not stated (eu_ai_act.established_in_eu)")
    yield Hit("card", f"{where} and no authorised representative is named (eu_ai_act.authorised_representative): "
              "a provider from a third country must appoint one (AI Act Art. 54(1); the open-source exemption of "
              "Art. 54(6) does not apply to this release)", ACT, at=_AT)


@rule("AIA003", "gpai-training-compute", "completeness", "warning")
def training_compute(release: Release, verdicts: Verdicts) -> Iterator[Hit]:
    """A general-purpose AI model that owes technical documentation states no training compute or energy.

    What: the release declares ``eu_ai_act: {gpai: true}``, the open-source exemption of Art. 53(2)
    does not apply (the licence is not open, the weights are not public, or the model has
    systemic risk), and ``training_facts.compute`` gives neither ``flop`` nor ``hours``, or no
    ``energy_kwh``.
    Why: the technical documentation of Art. 53(1)(a) must hold, per Annex XI Section 1(2)(d) and
    (e), the computational resources used to train the model (e.g. floating point operations and
    training time) and its known or estimated energy consumption.
    Example:
    name: Tiny-1B
    license: other
    eu_ai_act: {gpai: true}
    Fix: ``training_facts: {compute: {flop: 3.1e23, hours: 180000, energy_kwh: 104000}}``, with
    ``sources``.
    Sources: Regulation (EU) 2024/1689, Art. 53(1)(a), 53(2), Annex XI Section 1(2)(d)-(e),
    https://eur-lex.europa.eu/eli/reg/2024/1689/oj
    """
    act = _duties(release)
    if act is None or open_source_exempt(release, act, verdicts):
        return
    compute = release.training_facts.compute if release.training_facts else None
    why = "the model has systemic risk" if systemic(release, act) else "the open-source exemption does not apply"
    if compute is None or (compute.flop is None and compute.hours is None):
        yield Hit("card", f"no training compute stated (training_facts.compute.flop or .hours), due in the technical "
                  f"documentation (AI Act Annex XI 1(2)(d); {why}, Art. 53(2))", ACT, at=_AT)
    if compute is None or compute.energy_kwh is None:
        yield Hit("card", f"no training energy stated (training_facts.compute.energy_kwh), due in the technical "
                  f"documentation (AI Act Annex XI 1(2)(e); {why}, Art. 53(2))", ACT, at=_AT)


@rule("AIA004", "gpai-training-summary", "completeness", "info")
def training_summary(release: Release, verdicts: Verdicts) -> Iterator[Hit]:
    """A general-purpose AI model's manifest lacks fields of the Commission's training-content summary template.

    What: the release declares ``eu_ai_act: {gpai: true}`` and the public summary of training
    content cannot be filled from it: one finding per missing field among the provider
    (``producer``), the date of placement on the market (``date``), the modality
    (``model.type``), the languages (``model.languages``), the training data sources (a dataset
    with a training role), the overall training data size (``eu_ai_act.training_data_size``),
    the text-and-data-mining opt-out measures (``eu_ai_act.tdm_opt_out``) and the removal of
    illegal content (``eu_ai_act.illegal_content_removal``). Nothing is asked when the manifest
    links the published summary (``eu_ai_act.training_summary``). Open-source releases are not
    exempt. ``modelcards render`` writes the draft (``eu-training-summary.md``) from these fields.
    Why: Art. 53(1)(d) obliges every GPAI provider to publish a sufficiently detailed summary of
    the training content, following the template the AI Office provides (published July 2025).
    Example:
    name: Tiny-1B
    eu_ai_act: {gpai: true}
    Fix: state the fields, or link the published summary in ``eu_ai_act.training_summary``.
    Sources: Regulation (EU) 2024/1689, Art. 53(1)(d), https://eur-lex.europa.eu/eli/reg/2024/1689/oj;
    the Commission's Explanatory Notice and Template for the Public Summary of Training Content,
    https://digital-strategy.ec.europa.eu/en/library/explanatory-notice-and-template-public-summary-training-content-general-purpose-ai-models
    """
    act = _duties(release)
    if act is None or act.training_summary:
        return
    fields = (
        ("1.1 provider name", "producer", release.producer),
        ("1.2 date of placement on the Union market", "date", release.date),
        ("1.3 modality", "model.type", release.model.type),
        ("1.3 languages", "model.languages", release.model.languages),
        ("1.3 training data size", "eu_ai_act.training_data_size", act.training_data_size),
        ("2 data sources", "datasets (with a training role)",
         [d for d in release.datasets if d.role in TRAINING_ROLES]),
        ("3.1 respect of text-and-data-mining opt-outs", "eu_ai_act.tdm_opt_out", act.tdm_opt_out),
        ("3.2 removal of illegal content", "eu_ai_act.illegal_content_removal", act.illegal_content_removal),
    )
    for section, key, value in fields:
        if not value:
            yield Hit("card", f"the training-content summary's section {section} cannot be filled: {key} is not "
                      "stated (AI Act Art. 53(1)(d))", TEMPLATE, at=_AT)
