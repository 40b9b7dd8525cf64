"""Hub card metadata (YAML front matter) for a release, as huggingface_hub's ModelCardData writes it
(through it for evaluation results; otherwise as ``card_data_fast`` writes it, without the import).

Keys the schema models are generated from the release; keys it does not model stay in
``extra`` and are written back verbatim, so an imported card keeps every metadata key.
Generated keys win over an ``extra`` key of the same name. The Hub's license id is the one
analysis resolved (``LicenseView.hub_id``); a name or link the release states is kept as stated.
"""

from __future__ import annotations

from typing import Any

from modelcards.renderers.card_data_fast import card_data_dict
from modelcards.report import Report
from modelcards.schema import EvalResult, Release
from modelcards.vocabulary import TRAINING_ROLES


def _scalar_or_list(values: list[str]) -> str | list[str] | None:
    if not values:
        return None
    return values


def _eval_results(results: list[EvalResult]) -> list[Any]:
    from huggingface_hub import EvalResult as HubEvalResult

    return [
        HubEvalResult(
            task_type=r.task_type,
            task_name=r.task_name,
            dataset_type=r.dataset.type,
            dataset_name=r.dataset.name,
            dataset_config=r.dataset.config,
            dataset_split=r.dataset.split,
            metric_type=r.metric_type,
            metric_value=r.metric_value,
            metric_name=r.metric_name,
            metric_config=r.metric_config,
            source_url=r.source_url,
            source_name=r.source_name,
            verified=r.verified,
        )
        for r in results
    ]


def hub_license_keys(release: Release, report: Report) -> tuple[str | None, str | None, str | None]:
    """(``license``, ``license_name``, ``license_link``) as the Hub wants them.

    A license the report has no Hub id for (unknown to this project) is written as stated rather
    than guessed; the license rules report it."""
    view = report.license(release.license)
    if view is None or view.hub_id is None:
        return release.license, release.license_name, release.license_link
    return view.hub_id, release.license_name or view.hub_name, release.license_link


def card_data_fields(release: Release, report: Report) -> dict[str, Any]:
    """The ModelCardData fields of the release, but for its evaluation results."""
    license_id, license_name, license_link = hub_license_keys(release, report)
    training_sets = [d.id for d in release.datasets if d.role in TRAINING_ROLES]
    return dict(
        base_model=_scalar_or_list([b.id for b in release.base_models]),
        datasets=_scalar_or_list(training_sets),
        language=_scalar_or_list(release.model.languages),
        library_name=release.model.library_name,
        license=license_id,
        license_name=license_name,
        license_link=license_link,
        pipeline_tag=release.model.pipeline_tag,
        tags=list(release.tags) or None,
    )


def card_metadata(release: Release, report: Report) -> dict[str, Any]:
    """The front matter as a plain dict, in the order ModelCardData writes it (without evaluation
    results, as ``card_data_fast`` writes it, without importing huggingface_hub)."""
    fields = card_data_fields(release, report)
    relations = {b.relation for b in release.base_models}
    relation = relations.pop() if len(relations) == 1 else None
    if release.evaluation:
        from huggingface_hub import ModelCardData

        generated = ModelCardData(**fields, eval_results=_eval_results(release.evaluation),
                                  model_name=release.name).to_dict()
    else:
        generated = card_data_dict(**fields)
    if relation is not None:
        generated["base_model_relation"] = relation
    extra = {key: value for key, value in release.extra.items() if key not in generated}
    return {**generated, **extra}


def front_matter(release: Release, report: Report) -> str:
    """``---``-delimited YAML block, or '' when the release states no Hub metadata.

    Written as huggingface_hub's ``yaml_dump`` writes it (PyYAML's ``Dumper``, ``allow_unicode``),
    except that text holding a Unicode line break is double-quoted so that it survives, and with
    libyaml's emitter for metadata of more than ``yaml_emit.LARGE`` characters."""
    from modelcards.renderers.yaml_emit import CHubDumper, HubDumper, dump

    metadata = card_metadata(release, report)
    if not metadata:
        return ""
    text = dump(metadata, HubDumper, CHubDumper, sort_keys=False, allow_unicode=True)
    return f"---\n{text.strip()}\n---\n"
