"""The release's evaluation results in the Hub's ``.eval_results/*.yaml`` format.

The README's ``model-index`` (``renderers/frontmatter.py``) holds the same results; this is the
Hub's newer format (https://huggingface.co/docs/hub/eval-results), written with huggingface_hub's
own ``EvalResultEntry`` and ``eval_result_entries_to_yaml`` so the file is what huggingface_hub
writes. The mapping is the inverse of ``readers/eval_results.py``: a result's dataset id
(``dataset.type``) is the benchmark, its dataset configuration (else ``default``) the task id, its
value the score; reading the file back gives the same results. The entry's date, notes,
verification token, source user and org and dataset revision are written from the result's
fields of those names where the schema has them (``getattr``: until it has them, they are not kept).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from huggingface_hub import EvalResultEntry

    from modelcards.report import Report
    from modelcards.schema import EvalResult, Release

EVAL_RESULTS_FILE = ".eval_results/modelcards.yaml"
"""Where ``render`` writes the results, relative to the README."""
DEFAULT_TASK = "default"
SCORE = "score"


def task_id(result: EvalResult) -> str:
    """The eval-results task id of a result: its dataset configuration (a benchmark's subset is
    its task), else the task of a result read from eval results, else ``default``."""
    if result.dataset.config:
        return result.dataset.config
    if result.metric_type == SCORE and result.dataset.name == result.dataset.type:
        return result.task_type  # read from an eval-results entry whose task was 'default' or its own
    return DEFAULT_TASK


def entries(release: Release) -> list[EvalResultEntry]:
    """huggingface_hub's entries for the release's evaluation results, in order."""
    from huggingface_hub import EvalResultEntry

    return [EvalResultEntry(dataset_id=r.dataset.type, task_id=task_id(r), value=r.metric_value,
                            dataset_revision=getattr(r.dataset, "revision", None),
                            verify_token=getattr(r, "verify_token", None), date=getattr(r, "date", None),
                            source_url=r.source_url, source_name=r.source_name if r.source_url else None,
                            source_user=getattr(r, "source_user", None) if r.source_url else None,
                            source_org=getattr(r, "source_org", None) if r.source_url else None,
                            notes=getattr(r, "notes", None))
            for r in release.evaluation]


def eval_results_data(release: Release) -> list[dict[str, Any]]:
    from huggingface_hub import eval_result_entries_to_yaml

    return eval_result_entries_to_yaml(entries(release))


def eval_results_yaml(release: Release, report: Report | None = None) -> str:
    """The text of ``.eval_results/modelcards.yaml``: a YAML list of entries (``[]`` for none)."""
    data = eval_results_data(release)
    if not data:
        return "[]\n"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
