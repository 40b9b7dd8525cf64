"""Typed description of one model release: what it publishes and under which terms.

The models are strict (unknown keys are errors) because a misspelt key in a release
manifest silently drops a fact the checks depend on. ``extra`` is the one open mapping,
so importers can keep metadata this schema does not model.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, FiniteFloat, StringConstraints, field_validator

from modelcards.schema.artifacts import ArtifactId, Availability
from modelcards.vocabulary import DatasetRole, Relation

Text = Annotated[str, StringConstraints(strip_whitespace=True)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Tag = Annotated[str, StringConstraints(min_length=1)]
"""A Hub tag exactly as written: the Hub keeps ``' audio'`` as it is, so stripping would change a card."""


def _trim_blank_lines(text: str) -> str:
    """Drop blank lines around Markdown prose and trailing blanks, but keep the first line's
    indentation: an indented line is part of what the card says (an indented code block, a
    heading the Hub shows as text)."""
    text = text.rstrip(" \t\r\n")  # not str.rstrip(): U+0085 and U+2028 are text a card holds
    start = 0
    while True:  # the first line that is not blank, found without splitting: card text can be megabytes
        end = text.find("\n", start)
        if end < 0:
            return text[start:] if text[start:].strip(" \t\r") else ""
        if text[start:end].strip(" \t\r"):
            return text[start:]
        start = end + 1


Prose = Annotated[str, AfterValidator(_trim_blank_lines)]


class _Strict(BaseModel):
    """Unknown keys are errors, and a validated model is frozen: releases are shared (the audit
    memoises on their facts), so a change is a new model (``model_copy(update=...)``)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_default=False, frozen=True)


class ModelFacts(_Strict):
    """What the model is; maps onto Hugging Face card metadata where a key exists."""

    type: Text | None = Field(None, description="Modality or family, e.g. 'language', 'vision', 'multimodal'.")
    architecture: Text | None = Field(None, description="e.g. 'transformer decoder', 'mixture of experts'.")
    parameters: int | Text | None = Field(None, description="Parameter count, as a number or text like '6.9B'.")
    context_length: int | None = Field(None, ge=1)
    languages: list[NonEmpty] = Field(default_factory=list, description="ISO 639 codes, e.g. ['en', 'fr'].")
    pipeline_tag: Text | None = Field(None, description="Hugging Face pipeline tag, e.g. 'text-generation'.")
    library_name: Text | None = Field(None, description="Hugging Face library name, e.g. 'transformers'.")


def _not(value: object) -> bool:
    """Unset inference marks are not written: a declared component dumps as it always did."""
    return not value


class Evidence(_Strict):
    """Where a source shows a component: a link or a metadata key, at a line of that source.

    ``stated``: the source declares the component itself (a ``model-index`` for evaluation
    results, ``datasets:`` ids); ``inferred``: read from indirect signs (a library for the
    weights, a link the text presents as the model's code or paper)."""

    url: Text | None = None
    key: Text | None = None
    line: int | None = Field(None, ge=1)
    basis: Literal["stated", "inferred"] = "inferred"


class Artifact(_Strict):
    """One MOF component as published by this release."""

    location: Text | None = Field(None, description="URL or repository path where the component is published.")
    license: Text | None = Field(
        None,
        description="License of this component (SPDX expression or known model-license id); "
        "overrides the release defaults. 'unlicensed' means released without any license.",
    )
    availability: Availability = Field("public", description="public | gated | on-request | not-released")
    description: Text | None = None
    inferred: bool = Field(
        False, exclude_if=_not,
        description="Read from a card's evidence, not declared: confirm it (then drop this mark). An inferred "
        "component published elsewhere (``location``) has no license unless it names its own.")
    evidence: list[Evidence] = Field(default_factory=list, exclude_if=_not,
                                     description="Where the source card shows it.")


class DefaultLicenses(_Strict):
    """Licenses that apply to every component of a content type unless it names its own."""

    code: Text | None = None
    data: Text | None = None
    document: Text | None = None


class Dataset(_Strict):
    """A dataset the model was trained, tuned or evaluated on."""

    id: NonEmpty = Field(description="Hub dataset id (org/name) or another stable name.")
    name: Text | None = None
    version: Text | None = Field(None, description="The dataset's version as its publisher names it, e.g. 'v1.7'.")
    revision: Text | None = Field(
        None, description="Hub commit of the dataset repository the model used (its purl's version).")
    role: DatasetRole = "pretraining"
    license: Text | None = None
    availability: Availability = "public"
    location: Text | None = None
    data_card: Text | None = Field(None, description="URL of the dataset's data card / datasheet.")
    description: Text | None = None


class BaseModelRef(_Strict):
    """A model this release derives from."""

    id: NonEmpty = Field(description="Hub model id (org/name) of the base model.")
    relation: Relation | None = Field(
        None, description="How this release derives from the base; if unset, the Hub infers it; checks assume finetune"
    )
    license: Text | None = Field(None, description="The base model's license, if known.")


Sha256 = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^[0-9a-fA-F]{64}$")]


class WeightFile(_Strict):
    """One file of the released weights and its SHA-256 digest: stated in the manifest (e.g. the
    Hub's LFS sha256 of the file) or computed by ``render --weights DIR``."""

    path: NonEmpty = Field(description="Path of the file in the release, e.g. 'model-00001-of-00002.safetensors'.")
    sha256: Sha256 = Field(description="SHA-256 of the file's bytes, 64 hex digits.")
    size: int | None = Field(None, ge=0, description="Size in bytes.")


class Compute(_Strict):
    """The compute a training run used, as the producer published it."""

    flop: FiniteFloat | None = Field(None, gt=0, description="Training compute in floating-point operations.")
    hardware: Text | None = Field(None, description="Accelerators, e.g. '512 x NVIDIA A100 40GB'.")
    hours: FiniteFloat | None = Field(None, gt=0, description="Accelerator hours (e.g. GPU hours) of training.")
    energy_kwh: FiniteFloat | None = Field(None, ge=0, description="Energy used by training, in kilowatt-hours.")
    emissions_tco2eq: FiniteFloat | None = Field(
        None, ge=0, description="Greenhouse-gas emissions of training, in tonnes of CO2 equivalent.")


class TrainingFacts(_Strict):
    """Published facts of how the model was trained (numbers, not prose: ``card.training`` holds that)."""

    hyperparameters: dict[NonEmpty, int | FiniteFloat | Text] = Field(
        default_factory=dict, exclude_if=_not,
        description="Name -> value, e.g. {learning_rate: 1.2e-4, batch_size_tokens: 2097152}.")
    compute: Compute | None = None
    sources: list[NonEmpty] = Field(default_factory=list, exclude_if=_not,
                                    description="Where these facts are published (URLs).")


class EUAIAct(_Strict):
    """The release under the EU AI Act (Regulation (EU) 2024/1689) for providers of general-purpose
    AI models: what the provider states so that the AIA rules can tell which duties are met."""

    gpai: bool = Field(False, description="The model is a general-purpose AI model (Art. 3(63)).")
    systemic_risk: bool | None = Field(
        None, description="Classified as a GPAI model with systemic risk (Art. 51); presumed above 1e25 training FLOP.")
    established_in_eu: bool | None = Field(None, description="The provider is established in the Union.")
    authorised_representative: Text | None = Field(
        None, description="The provider's authorised representative in the Union (Art. 54), name and contact.")
    copyright_policy: Text | None = Field(
        None, description="URL of the provider's policy to comply with Union copyright law (Art. 53(1)(c)).")
    tdm_opt_out: Text | None = Field(
        None, description="How reservations of rights under Art. 4(3) of Directive (EU) 2019/790 (text and data "
        "mining opt-outs, e.g. robots.txt) were identified and honoured.")
    training_data_size: Text | None = Field(None, description="Overall size of the training data, e.g. '2.5T tokens'.")
    illegal_content_removal: Text | None = Field(
        None, description="Measures taken to remove illegal content from the training data.")
    training_summary: Text | None = Field(
        None, description="URL of the published summary of training content (Art. 53(1)(d)).")


class EvalDataset(_Strict):
    type: NonEmpty = Field(description="Hub dataset id, e.g. 'cais/mmlu'.")
    name: NonEmpty
    config: Text | None = None
    split: Text | None = None
    revision: Text | None = Field(None, description="Commit of the dataset repository evaluated on (.eval_results).")


class EvalResult(_Strict):
    """One metric on one dataset; maps onto the Hub's model-index."""

    task_type: NonEmpty = Field(description="e.g. 'text-generation'.")
    task_name: Text | None = None
    dataset: EvalDataset
    metric_type: NonEmpty = Field(description="e.g. 'accuracy'.")
    metric_value: float | int | Text
    metric_name: Text | None = None
    metric_config: Text | None = None
    source_url: Text | None = None
    source_name: Text | None = Field(None, description="Name of the source of the result, e.g. a leaderboard.")
    verified: bool | None = None
    date: Text | None = Field(None, description="When the result was obtained (.eval_results), ISO 8601.")
    notes: Text | None = Field(None, description="How the result was obtained, e.g. 'no-tools' (.eval_results).")
    verify_token: Text | None = Field(None, description="The Hub's verification token of the result (.eval_results).")
    source_user: Text | None = Field(None, description="Hub user who reported the result (.eval_results).")
    source_org: Text | None = Field(None, description="Hub organisation that reported the result (.eval_results).")


class ClaimEvidence(_Strict):
    """The line of a card that makes a claim, and its text."""

    line: int | None = Field(None, ge=1)
    text: str = ""


class Claims(_Strict):
    """What the release says about itself. Checks compare these claims with the facts."""

    open_source: bool | None = Field(None, description="The release calls itself 'open source'.")
    open_weights: bool | None = None
    open_data: bool | None = None
    commercial_use: bool | None = Field(None, description="The release says commercial use is allowed.")
    osi_approved: bool | None = None
    evidence: dict[Literal["open_source", "open_weights", "open_data", "commercial_use"], ClaimEvidence] = Field(
        default_factory=dict, exclude_if=_not,
        description="Where the source card makes each claim read from its text.")


class CardText(_Strict):
    """Prose sections of the model card; Markdown."""

    summary: Prose | None = None
    intended_use: Prose | None = None
    out_of_scope: Prose | None = None
    limitations: Prose | None = None
    bias_risks: Prose | None = None
    training: Prose | None = None
    evaluation: Prose | None = None
    environmental_impact: Prose | None = None
    safety: Prose | None = Field(None, description="Safety evaluations and risk assessments of the model.")
    citation: Prose | None = None
    sections: dict[NonEmpty, str] = Field(
        default_factory=dict, description="Further sections, title -> Markdown body, kept in order."
    )


class Release(_Strict):
    """A model release: identity, model facts, licenses, components, data, lineage, claims and card text."""

    name: NonEmpty = Field(description="Model name as published, e.g. 'Pythia-6.9B'.")
    version: Text | None = None
    producer: Text | None = Field(None, description="Organisation or person releasing the model.")
    date: dt.date | None = Field(None, description="Release date, YYYY-MM-DD.")
    contact: Text | None = None
    repository: Text | None = Field(None, description="Source repository URL.")
    hf_repo: Text | None = Field(None, description="Hugging Face repo id, e.g. 'EleutherAI/pythia-6.9b'.")
    revision: Text | None = Field(
        None, description="Hub commit of the released model repository (the version of its purl).")
    producer_url: Text | None = Field(None, description="Web site of the producer.")
    model: ModelFacts = Field(default_factory=ModelFacts)
    license: Text | None = Field(
        None, description="Default license of the release (SPDX expression or Hub license id)."
    )
    license_name: Text | None = Field(None, description="Name of a custom license when license is 'other'.")
    license_link: Text | None = Field(None, description="Link to the license text when license is 'other'.")
    licenses: DefaultLicenses = Field(default_factory=DefaultLicenses)
    artifacts: dict[ArtifactId, Artifact] = Field(default_factory=dict)
    datasets: list[Dataset] = Field(default_factory=list)
    base_models: list[BaseModelRef] = Field(default_factory=list)
    evaluation: list[EvalResult] = Field(default_factory=list)
    weights: list[WeightFile] = Field(default_factory=list, exclude_if=_not,
                                      description="The weight files and their SHA-256 digests.")
    training_facts: TrainingFacts | None = None
    eu_ai_act: EUAIAct | None = None
    claims: Claims = Field(default_factory=Claims)
    card: CardText = Field(default_factory=CardText)
    tags: list[Tag] = Field(default_factory=list)
    extra: dict[str, Any] = Field(
        default_factory=dict, description="Metadata kept verbatim (e.g. unknown Hub card keys on import)."
    )

    @field_validator("date", mode="before")
    @classmethod
    def _date_from_text(cls, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return value.date()
        return value
