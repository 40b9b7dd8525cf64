"""The commented starter manifest written by ``modelcards init``."""

from __future__ import annotations

from pathlib import Path

STARTER = """\
# yaml-language-server: $schema={schema}
# A model release, described once. Check it with `modelcards check modelcard.yaml`.
# Licenses: SPDX ids (Apache-2.0, CC-BY-4.0, ...) or Hub license ids (llama3.1, gemma, ...).
name: {name}
version: "1.0"
producer: Example Org
date: {date}
repository: https://github.com/example-org/{slug}
hf_repo: example-org/{slug}

model:
  type: language
  architecture: transformer decoder
  parameters: 7B
  languages: [en]
  pipeline_tag: text-generation
  library_name: transformers

# Default license of everything below unless a component or content type says otherwise.
license: Apache-2.0
licenses:
  data: CDLA-Permissive-2.0   # default for data components (weights, datasets, ...)
  document: CC-BY-4.0         # default for documents (cards, reports, papers)

# The 17 components of the Model Openness Framework; list what you publish.
# availability: public | gated | on-request | not-released
artifacts:
  model-architecture:
    location: https://github.com/example-org/{slug}/tree/main/model
  model-parameters-final:
    location: https://huggingface.co/example-org/{slug}
    license: Apache-2.0
  model-card:
    location: https://huggingface.co/example-org/{slug}/blob/main/README.md
  training-code:
    location: https://github.com/example-org/{slug}/tree/main/train
  inference-code:
    location: https://github.com/example-org/{slug}/tree/main/inference
  # data-card, technical-report, evaluation-results, evaluation-code, evaluation-data,
  # data-preprocessing-code, model-parameters-intermediate, datasets, research-paper,
  # sample-outputs, supporting-libraries, model-metadata

datasets:
  - id: example-org/pretraining-corpus
    role: pretraining          # pretraining | fine-tuning | preference | evaluation
    license: ODC-By-1.0
    location: https://huggingface.co/datasets/example-org/pretraining-corpus

# base_models:                 # for fine-tunes, adapters, quantizations, merges
#   - id: org/base-model
#     relation: finetune
#     license: apache-2.0

claims:
  open_weights: true
  commercial_use: true

card:
  summary: One paragraph on what the model is and does.
  intended_use: What the model is for.
  limitations: Known limitations.
"""


SCHEMA_NAME = "release.schema.json"


def _repository_root(directory: Path) -> Path | None:
    """The nearest directory at or above ``directory`` that holds ``.git``: how far up a schema
    that ships with the manifest may sit."""
    return next((d for d in (directory, *directory.parents) if (d / ".git").exists()), None)


def shipped_schema(manifest: str) -> str | None:
    """The manifest schema shipped next to ``manifest``, as a relative POSIX path: a
    ``release.schema.json`` (or ``schemas/release.schema.json``) in the manifest's directory or
    one above it inside the same repository (``modelcards schema > schemas/release.schema.json``
    puts one there). Relative, so the ``$schema`` line works in every clone and offline."""
    import os

    directory = Path(os.path.abspath(manifest)).parent
    root = _repository_root(directory)
    for folder in (directory, *directory.parents):
        for candidate in (folder / SCHEMA_NAME, folder / "schemas" / SCHEMA_NAME):
            if candidate.is_file():
                return Path(os.path.relpath(candidate, directory)).as_posix()
        if root is None or folder == root:
            return None
    return None


def schema_reference(manifest: str | None) -> str:
    """What the ``# yaml-language-server: $schema=`` line names: the schema shipped next to the
    manifest when there is one (see ``shipped_schema``), else ``release.schema.json`` beside the
    manifest, which ``schema_to_write`` says to write. Never a path into this machine's install:
    the line must work in every clone of the repository that holds the manifest."""
    return (shipped_schema(manifest) if manifest else None) or SCHEMA_NAME


def schema_to_write(manifest: str) -> str | None:
    """The schema file to write beside ``manifest`` so that its ``$schema`` line resolves: None
    when the repository ships one already (``shipped_schema``) or the file exists."""
    import os

    if shipped_schema(manifest) is not None:
        return None
    path = os.path.join(os.path.dirname(os.path.abspath(manifest)), SCHEMA_NAME)
    return None if os.path.exists(path) else path


def release_schema_text() -> str:
    """The manifest's JSON Schema, as ``modelcards schema`` prints it: the copy this package ships
    (``schemas/release.schema.json``, which a test holds to the models), read rather than generated
    from the pydantic models (~25 ms, and no pydantic import for ``init``); generated when the
    package was installed without it."""
    from modelcards.resources import shipped_dir

    try:
        return (shipped_dir("schemas") / SCHEMA_NAME).read_text(encoding="utf-8")
    except OSError:
        from modelcards.schema.json_schema import release_json_schema_text

        return release_json_schema_text()


def starter_manifest(name: str, path: str | None = None) -> str:
    """The starter manifest for a model called ``name``, to be written at ``path``."""
    import datetime
    import re

    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "model"
    return STARTER.format(
        schema=schema_reference(path), name=name, slug=slug, date=datetime.date.today().isoformat()
    )
