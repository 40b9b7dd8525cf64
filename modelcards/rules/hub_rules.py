"""Hub-parity checks of a card's metadata: what the Hugging Face Hub itself accepts or refuses (HUB rules).

The rules read the Release: a card's reader keeps every key it does not model, and every value of
a shape the Hub does not document, verbatim in ``extra`` (``readers/hub_card.py``), so the raw
front matter is still there to judge, and a manifest's metadata is judged as the card rendering
would write it. Errors are kept for what huggingface_hub's own parser or the Hub's documented rules
refuse; values the Hub accepts but cannot use (an unknown pipeline tag, a dataset named in prose)
are warnings. The vocabularies huggingface_hub does not ship are in ``data/hub-vocabularies.yaml``,
dated, with their source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from modelcards.fuzzy import closest
from modelcards.licenses.model_ids import known_base
from modelcards.licenses.resolver import resolve
from modelcards.resources import read_data
from modelcards.rules.registry import Hit, Verdicts, rule
from modelcards.schema import Release
from modelcards.schema.repo_ids import repo_id_problem

CARD_METADATA = "https://huggingface.co/docs/hub/model-cards#model-card-metadata"
BASE_MODEL_DOC = "https://huggingface.co/docs/hub/model-cards#specifying-a-base-model"
GATED_DOC = "https://huggingface.co/docs/hub/models-gated#customize-requested-information"
LANGUAGE_DOC = "https://huggingface.co/docs/hub/model-cards#specifying-a-language"

_LISTED_KEYS = ("datasets", "language", "tags", "metrics", "base_model")
"""Keys the Hub documents as a text or a list of texts."""
_TEXT_KEYS = ("pipeline_tag", "library_name", "base_model_relation", "license_name", "license_link")
"""Keys the Hub documents as one text."""


@lru_cache(maxsize=1)
def vocabularies() -> Mapping[str, Any]:
    """The Hub's pipeline tags and library names (data/hub-vocabularies.yaml)."""
    data = read_data("modelcards.rules", "hub-vocabularies.yaml")
    return {"pipeline_tags": frozenset(data["pipeline_tags"]), "libraries": frozenset(data["libraries"]),
            "retired_pipeline_tags": frozenset(data["retired_pipeline_tags"]),
            "source_date": str(data["source_date"])}


def _type_name(value: object) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


# --- HUB001 -------------------------------------------------------------------------------------

_STAND_INS: dict[str, Any] = {"task": {"type": "x"}, "dataset": {"type": "x", "name": "x"},
                              "metrics": [{"type": "x", "value": 0}]}
"""A well-formed part of a model-index result, put in place of the others while narrowing an error down."""


@lru_cache(maxsize=1)
def _model_card_data() -> type:
    """huggingface_hub's ``ModelCardData``, imported on the first card with a model-index (the
    package's lazy attribute would import it again on every access)."""
    from huggingface_hub import ModelCardData

    return ModelCardData


def _hub_reads(model_index: object) -> str | None:
    """None when huggingface_hub's ModelCardData reads this model-index, else its error."""
    try:
        _model_card_data()(**{"model-index": model_index})
    except Exception as error:  # any failure of the Hub's parser is the finding
        cause = error.__cause__ or error.__context__ or error
        if isinstance(cause, KeyError):
            return f"missing key {cause.args[0]!r}" if cause.args else "a key is missing"
        return str(cause) or type(cause).__name__
    return None


def model_index_error(model_index: object) -> tuple[tuple[Any, ...], str] | None:
    """(path under ``model-index``, error) of the smallest part of a model-index that
    huggingface_hub's parser refuses, or None when it reads the whole. The parser itself is the
    judge throughout: each model, then each result, then each of a result's parts with the others
    replaced by well-formed stand-ins, is parsed alone."""
    error = _hub_reads(model_index)
    if error is None:
        return None
    if not isinstance(model_index, list):
        return (), f"must be a list of models with their results, not {_type_name(model_index)}"
    for i, model in enumerate(model_index):
        model_error = _hub_reads([model])
        if model_error is None:
            continue
        if not isinstance(model, Mapping):
            return (i,), f"must be a mapping with 'name' and 'results', not {_type_name(model)}"
        results = model.get("results")
        if "name" not in model or not isinstance(results, list):
            return (i,), model_error
        for j, result in enumerate(results):
            one = {"name": model["name"], "results": [result]}
            result_error = _hub_reads([one])
            if result_error is None:
                continue
            if not isinstance(result, Mapping):
                return (i, "results", j), f"must be a mapping of task, dataset and metrics, not {_type_name(result)}"
            if _hub_reads([{"name": model["name"], "results": [{**result, **_STAND_INS}]}]) is not None:
                return (i, "results", j), result_error  # in neither task, dataset nor metrics (its source)
            for part in _STAND_INS:
                others = {**result, **{p: s for p, s in _STAND_INS.items() if p != part}}
                part_error = _hub_reads([{"name": model["name"], "results": [others]}])
                if part_error is None:
                    continue
                return (i, "results", j, part, *_metric_at(model["name"], others, part)), part_error
            return (i, "results", j), result_error
        return (i,), model_error
    return (), error


def _metric_at(name: object, result: Mapping[str, Any], part: str) -> tuple[Any, ...]:
    """The index of the first metric huggingface_hub refuses, when ``part`` is the metrics."""
    metrics = result.get("metrics")
    if part != "metrics" or not isinstance(metrics, list):
        return ()
    for k, metric in enumerate(metrics):
        if _hub_reads([{"name": name, "results": [{**result, "metrics": [metric]}]}]) is not None:
            return (k,)
    return ()


@rule("HUB001", "model-index-invalid", "metadata", "error")
def model_index_invalid(release: Release, verdicts: Verdicts) -> Iterator[Hit]:
    """huggingface_hub cannot read the card's ``model-index``.

    What: the ``model-index`` is parsed with huggingface_hub's own ``ModelCardData`` (its
    ``model_index_to_eval_results``); when it refuses it, the finding names the smallest part it
    refuses (a model, a result, its task, dataset or a metric) and sits on that key's line.
    Why: the Hub and every tool built on huggingface_hub (``ModelCard.load``, leaderboards) fail on
    such a card: its evaluation results are not shown, and ``ModelCard.load`` raises unless told to
    ignore metadata errors.
    Example:
    name: tiny-1b
    extra:  # on a card, these keys are the front matter itself
      model-index:
      - name: tiny-1b
        results:
        - task: {type: text-generation}
          metrics: [{type: accuracy, value: 0.5}]
    Fix: give each result a ``task.type``, a ``dataset`` with ``type`` and ``name``, and
    ``metrics`` with ``type`` and ``value``, as huggingface_hub's model-index spec says.
    Sources: https://github.com/huggingface/hub-docs/blob/main/modelcard.md ;
    huggingface_hub.repocard_data.model_index_to_eval_results
    """
    model_index = release.extra.get("model-index")
    if not model_index:
        return
    found = model_index_error(model_index)
    if found is None:
        return
    path, error = found
    if path and error == f"missing key {path[-1]!r}":
        path, error = path[:-1], f"it has no {path[-1]!r}"
    where = "model-index" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
    yield Hit("card", f"huggingface_hub cannot read {where}: {error}",
              "https://github.com/huggingface/hub-docs/blob/main/modelcard.md", at=("extra", "model-index", *path))


# --- HUB002 -------------------------------------------------------------------------------------

_YAML_11_FALSE = "no"


@rule("HUB002", "metadata-type", "metadata", "error")
def metadata_type(release: Release, verdicts: Verdicts) -> Iterator[Hit]:
    """A metadata key holds a value of a type the Hub does not accept.

    What: ``datasets``, ``language``, ``tags``, ``metrics`` and ``base_model`` must be a text or a
    list of texts; ``pipeline_tag``, ``library_name``, ``base_model_relation``, ``license_name``
    and ``license_link`` one text. A number, a mapping, a boolean or an empty list item is
    reported at its key. One case is a warning only: ``language: [no]`` (Norwegian) is the boolean
    false to YAML 1.1 readers such as PyYAML and huggingface_hub, while the Hub reads it as text.
    Why: the Hub refuses such metadata ("must be a string", "must be an array") and the card's
    page shows a YAML metadata error; tools reading the card see no datasets or languages.
    Example:
    name: tiny-1b
    extra:  # on a card: datasets: 5
      datasets: 5
    Fix: write the value as text (quote numbers and ``'no'``), or as a list of texts.
    Sources: https://huggingface.co/docs/hub/model-cards#model-card-metadata ;
    huggingface_hub.ModelCardData (``str | list[str]``)
    """
    extra = release.extra
    for key in _LISTED_KEYS:
        if key not in extra or extra[key] is None:
            continue
        value = extra[key]
        if isinstance(value, str):
            continue
        if not isinstance(value, list):
            yield Hit("card", f"'{key}' must be a text or a list of texts, not {_type_name(value)}",
                      CARD_METADATA, at=("extra", key))
            continue
        for i, item in enumerate(value):
            if isinstance(item, str):
                continue
            if key == "language" and item is False:
                yield Hit("card", f"'{key}[{i}]' is the boolean false to YAML 1.1 readers (huggingface_hub, "
                          f"PyYAML): quote it as '{_YAML_11_FALSE}' if Norwegian is meant", CARD_METADATA,
                          severity="warning", at=("extra", key, i))
                continue
            yield Hit("card", f"'{key}[{i}]' must be a text, not {_type_name(item)}", CARD_METADATA,
                      at=("extra", key, i))
    for key in _TEXT_KEYS:
        value = extra.get(key)
        if value is not None and not isinstance(value, str):
            yield Hit("card", f"'{key}' must be a text, not {_type_name(value)}", CARD_METADATA, at=("extra", key))


# --- HUB003, HUB004 -----------------------------------------------------------------------------

_LANGUAGE_SYNTAX = re.compile(r"[a-z]{2,3}")
_SPECIAL_LANGUAGES = frozenset({"code", "multilingual"})


@lru_cache(maxsize=1)
def _iso_tables() -> tuple[str, str]:
    """The text of the ISO 639-3 and 639-5 tables pycountry ships, read from its package folder
    without importing pycountry, whose import loads ``importlib.metadata`` (start-up:
    benchmarks/PERFORMANCE.md)."""
    from importlib.util import find_spec

    spec = find_spec("pycountry")
    if spec is None or spec.origin is None:  # pragma: no cover - a dependency of the package
        raise RuntimeError("pycountry is not installed")
    folder = Path(spec.origin).parent / "databases"
    return (folder / "iso639-3.json").read_text("utf-8"), (folder / "iso639-5.json").read_text("utf-8")


_ISO_CODE = re.compile(r'"(?:alpha_2|alpha_3|bibliographic)"\s*:\s*"([a-z]{2,3})"')
"""A code field of the tables; the test against pycountry holds this to a parse of the JSON."""


@lru_cache(maxsize=1)
def iso_639_codes() -> frozenset[str]:
    """Every ISO 639-1, 639-2 (T, B and collective) and 639-3 code: the code fields of the
    tables, found without parsing the whole JSON (a check of one card asks for one code)."""
    part3, part5 = _iso_tables()
    return frozenset(_ISO_CODE.findall(part3)) | frozenset(_ISO_CODE.findall(part5))


@lru_cache(maxsize=1)
def language_names() -> Mapping[str, str]:
    """Language name (lower case) -> its ISO 639-1 code, else its 639-3 code, for suggestions."""
    import json

    names: dict[str, str] = {}
    for entry in json.loads(_iso_tables()[0])["639-3"]:
        code = entry.get("alpha_2") or entry["alpha_3"]
        for key in ("name", "common_name", "inverted_name"):
            if key in entry:
                names.setdefault(entry[key].lower(), code)
    return names


def is_iso_639(code: str) -> bool:
    """Whether ``code`` is an ISO 639-1, 639-2 (T, B or collective) or 639-3 code."""
    return code in iso_639_codes()


@lru_cache(maxsize=4096)
def language_suggestion(text: str) -> str | None:
    """The ISO 639 code a non-code language value most likely means: ``English`` -> ``en``,
    ``EN`` -> ``en``, ``en-US`` -> ``en``."""
    cleaned = text.strip().strip(",;.").strip()
    lowered = cleaned.lower()
    if _LANGUAGE_SYNTAX.fullmatch(lowered) and is_iso_639(lowered):
        return lowered
    head = re.split(r"[-_]", lowered, maxsplit=1)[0]
    if head != lowered and _LANGUAGE_SYNTAX.fullmatch(head) and is_iso_639(head):
        return head
    return language_names().get(lowered)


def listed_texts(release: Release, key: str) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """The texts a listed front-matter key holds, each with its release path: from the release's
    field, or from ``extra`` when the reader kept the list verbatim (an item of another type in
    it, judged by HUB002: the texts beside it are still judged)."""
    raw = release.extra.get(key)
    if isinstance(raw, list):
        for i, item in enumerate(raw):
            if isinstance(item, str):
                yield item, ("extra", key, i)
        return
    if key == "language":
        for i, language in enumerate(release.model.languages):
            yield language, ("model", "languages", i)
    elif key == "base_model":
        for i, base in enumerate(release.base_models):
            yield base.id, ("base_models", i, "id")
    elif key == "datasets":
        for i, dataset in enumerate(release.datasets):
            yield dataset.id, ("datasets", i, "id")


@rule("HUB003", "language-code", "metadata", "error")
def language_code(release: Release, verdicts: Verdicts) -> Iterator[Hit]:
    """A ``language`` value is not a language code the Hub accepts.

    What: each ``language`` entry must be an ISO 639-1, 639-2 or 639-3 code written as two or three
    lowercase letters, or one of the Hub's special values ``code`` and ``multilingual``. Names
    (``English``), upper case (``EN``) and BCP-47 tags (``en-US``) are refused; the finding
    suggests the code (looked up in ISO 639 with pycountry).
    Why: the Hub refuses these with "It must be an ISO 639-1, 639-2 or 639-3 code (two/three
    letters), or a special value like "code", "multilingual"" and does not list the model under
    its language.
    Example:
    name: tiny-1b
    model:
      languages: [English, fr]  # on a card: language: [English, fr]
    Fix: use the code (``en``); put BCP-47 tags in ``language_bcp47``.
    Sources: https://huggingface.co/docs/hub/model-cards#specifying-a-language ; ISO 639 (pycountry)
    """
    for language, at in listed_texts(release, "language"):
        if language in _SPECIAL_LANGUAGES or _LANGUAGE_SYNTAX.fullmatch(language):
            continue
        suggestion = language_suggestion(language)
        hint = f"; did you mean {suggestion!r}?" if suggestion else ""
        if re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})+", language):
            hint += " BCP-47 tags go in 'language_bcp47'"
        yield Hit("card", f"language {language!r} is not an ISO 639 code of two or three lowercase letters{hint}",
                  LANGUAGE_DOC, at=at)


@rule("HUB004", "language-not-iso", "metadata", "warning")
def language_not_iso(release: Release, verdicts: Verdicts) -> Iterator[Hit]:
    """A ``language`` code has the Hub's form but is not an ISO 639 code.

    What: a two- or three-letter ``language`` entry that is in none of ISO 639-1, 639-2 (T, B or
    collective) and 639-3, as pycountry lists them (``jw``, ``xx``).
    Why: the Hub accepts the form, but no language has that code, so the model is listed under a
    language nobody searches for.
    Example:
    name: tiny-1b
    model:
      languages: [en, jw]  # on a card: language: [en, jw]
    Fix: use the ISO 639 code of the language (Javanese is ``jv``, not ``jw``).
    Sources: ISO 639-3 code tables (https://iso639-3.sil.org/code_tables/639/data), as shipped by pycountry
    """
    for language, at in listed_texts(release, "language"):
        if _LANGUAGE_SYNTAX.fullmatch(language) and language not in _SPECIAL_LANGUAGES and not is_iso_639(language):
            yield Hit("card", f"language {language!r} is not an ISO 639 code", LANGUAGE_DOC, at=at)


# --- HUB005, HUB006 -----------------------------------------------------------------------------

@rule("HUB005", "pipeline-tag-unknown", "metadata", "warning")
def pipeline_tag_unknown(release: Release, verdicts: Verdicts) -> Iterator[Hit]:
    """``pipeline_tag`` is not one of the Hub's pipeline tags.

    What: ``pipeline_tag`` is compared with the Hub's task list (huggingface.js ``pipelines.ts``,
    copied with its date into ``rules/data/hub-vocabularies.yaml``), with a did-you-mean; a tag
    the Hub has retired (``conversational``) is named as such.
    Why: the Hub files a model under its pipeline tag: its task filter, its inference widget and
    its default task follow from it; an unknown tag puts the model under no task.
    Example:
    name: tiny-1b
    model:
      pipeline_tag: text-genration  # on a card: pipeline_tag: text-genration
    Fix: use one of the Hub's tasks, e.g. ``text-generation``.
    Sources: https://huggingface.co/tasks ;
    https://github.com/huggingface/huggingface.js/blob/main/packages/tasks/src/pipelines.ts
    """
    tag = release.model.pipeline_tag
    if tag is None:
        return
    vocab = vocabularies()
    if tag in vocab["pipeline_tags"]:
        return
    if tag in vocab["retired_pipeline_tags"]:
        message = f"pipeline_tag {tag!r} is no longer a Hub task; chat models use 'text-generation'"
    else:
        suggestion = closest(tag, sorted(vocab["pipeline_tags"]))
        hint = f"; did you mean {suggestion!r}?" if suggestion else ""
        message = f"pipeline_tag {tag!r} is not one of the Hub's tasks (as of {vocab['source_date']}){hint}"
    yield Hit("card", message, "https://huggingface.co/tasks", at=("model", "pipeline_tag"))


def _near(a: str, b: str) -> bool:
    """Whether ``b`` is a plausible misspelling of ``a``: equal up to case and ``-``/``_``, or
    nearly the same letters. Names of libraries the Hub does not list are many and legitimate,
    so a looser match would flag them."""
    def norm(text: str) -> str:
        return text.lower().replace("_", "-")

    from difflib import SequenceMatcher  # only for a name the Hub does not list

    return norm(a) == norm(b) or SequenceMatcher(None, norm(a), norm(b)).ratio() >= 0.85


@lru_cache(maxsize=1024)
def library_suggestion(name: str) -> str | None:
    """The Hub library key ``name`` misspells, or None (a known key, or no near one)."""
    libraries = vocabularies()["libraries"]
    if name in libraries:
        return None
    suggestion = closest(name, sorted(libraries))
    return suggestion if suggestion is not None and _near(name, suggestion) else None


@rule("HUB006", "library-name-misspelt", "metadata", "warning")
def library_name_misspelt(release: Release, verdicts: Verdicts) -> Iterator[Hit]:
    """``library_name`` looks like a misspelling of a library the Hub knows.

    What: ``library_name`` is compared with the Hub's libraries (huggingface.js
    ``model-libraries.ts``, copied with its date into ``rules/data/hub-vocabularies.yaml``). A
    name the Hub does not list is reported only when it is a near spelling of one it does
    (``Transformers``, ``transfomers``, ``sentence_transformers``): the Hub accepts any other
    library name, and many real ones are not in its list.
    Why: the Hub shows a library's code snippet, download counting and filter only for the exact key.
    Example:
    name: tiny-1b
    model:
      library_name: transfomers  # on a card: library_name: transfomers
    Fix: use the Hub's key, e.g. ``transformers``.
    Sources: https://huggingface.co/docs/hub/models-libraries ;
    https://github.com/huggingface/huggingface.js/blob/main/packages/tasks/src/model-libraries.ts
    """
    name = release.model.library_name
    if name is None:
        return
    suggestion = library_suggestion(name)
    if suggestion is not None:
        yield Hit("card", f"library_name {name!r} is not a Hub library key; did you mean {suggestion!r}?",
                  "https://huggingface.co/docs/hub/models-libraries", at=("model", "library_name"))


# --- HUB007, HUB008 -----------------------------------------------------------------------------

_HUB_URL = re.compile(r"https?://(?:www\.)?(?:huggingface\.co|hf\.co)/(?:(datasets|spaces)/)?([\w.-]+(?:/[\w.-]+)?)/?$")


_DRIVE = re.compile(r"[A-Za-z]:[\\/]")


def _looks_local(value: str) -> bool:
    return (value.startswith(("/", "./", "../", "~", "\\")) or "\\" in value or value.count("/") > 1
            or _DRIVE.match(value) is not None)


@rule("HUB007", "base-model-id", "metadata", "error")
def base_model_id(release: Release, verdicts: Verdicts) -> Iterator[Hit]:
    """A ``base_model`` is not a Hub model id.

    What: each ``base_model`` must be a Hub repository id (``org/name``, or a legacy ``name``) as
    huggingface_hub's ``validate_repo_id`` accepts it. A local path (``/data/llama``,
    ``./out``) or a URL is reported, a URL with the id it names.
    Why: the Hub reads ``base_model`` as model ids only (its metadata validation refuses other
    values) and draws the model tree from them; a path from the training machine links the model
    to nothing, and huggingface_hub refuses it as a repository id.
    Where the base model's license is not stated and the model name inside the value matches
    exactly one well-known model, the finding says that its license is read from that model
    (LIC012 reports only the ids this rule accepts: a name without an organisation).
    Example:
    name: tiny-1b
    base_models:  # on a card: base_model: /data/home/me/model/Qwen2.5-0.5B-Instruct
    - id: /data/home/me/model/Qwen2.5-0.5B-Instruct
    Fix: name the model you started from by its Hub id, e.g. ``Qwen/Qwen2.5-0.5B-Instruct``.
    Sources: https://huggingface.co/docs/hub/model-cards#specifying-a-base-model ;
    huggingface_hub.utils.validate_repo_id
    """
    for value, at in listed_texts(release, "base_model"):
        url = _HUB_URL.match(value)
        if url and url.group(1) is None:
            message = f"base_model {value!r} is a URL; the Hub wants the model id: {url.group(2)!r}"
        elif _looks_local(value):
            message = f"base_model {value!r} is a local path, not a Hub model id (org/name)"
        else:
            problem = repo_id_problem(value)
            if problem is None:
                continue
            message = f"base_model {value!r} is not a Hub model id: {problem}"
        stated = next((base.license for base in release.base_models if base.id == value), None)
        known = None if stated else known_base(value)
        if known is not None:
            message += f"; its license is read as the known model it names ({resolve(known.license).canonical})"
        yield Hit(f"base-model:{value}", message, BASE_MODEL_DOC, at=at)


HUB_RELATIONS = ("adapter", "merge", "quantized", "finetune")
"""The Hub's documented ``base_model_relation`` values."""


@rule("HUB008", "base-model-relation", "metadata", "error")
def base_model_relation(release: Release, verdicts: Verdicts) -> Iterator[Hit]:
    """``base_model_relation`` is not one of the Hub's relations.

    What: ``base_model_relation`` must be one of ``adapter``, ``merge``, ``quantized`` and
    ``finetune``; any other value is reported with a did-you-mean.
    Why: the Hub draws the model tree from the relation; it refuses other values, and without a
    valid one it guesses the relation from the repository's files.
    Example:
    name: tiny-1b
    base_models: [{id: meta-llama/Llama-3.1-8B}]
    extra:  # on a card: base_model_relation: fine-tune
      base_model_relation: fine-tune
    Fix: use one of the four values, or drop the key and let the Hub infer it.
    Sources: https://huggingface.co/docs/hub/model-cards#specifying-a-base-model
    """
    value = release.extra.get("base_model_relation")
    if not isinstance(value, str):
        return  # absent, a known relation (read into base_models), or a non-text (HUB002)
    suggestion = closest(value, HUB_RELATIONS)
    hint = f"; did you mean {suggestion!r}?" if suggestion else ""
    yield Hit("card", f"base_model_relation {value!r} is not one of {', '.join(HUB_RELATIONS)}{hint}",
              BASE_MODEL_DOC, at=("extra", "base_model_relation"))


# --- HUB009 -------------------------------------------------------------------------------------

_GATED_TEXT_KEYS = ("extra_gated_prompt", "extra_gated_heading", "extra_gated_description",
                    "extra_gated_button_content")
_GATED_KEYS = (*_GATED_TEXT_KEYS, "extra_gated_fields", "extra_gated_eu_disallowed")
GATED_FIELD_TYPES = ("text", "checkbox", "date_picker", "country", "ip_location", "select")
"""The field types of a gated repository's access form, as the Hub documents them."""


def _gated_field_problem(value: object) -> str | None:
    if isinstance(value, str):
        if value in GATED_FIELD_TYPES and value != "select":
            return None
        suggestion = closest(value, GATED_FIELD_TYPES)
        hint = f"; did you mean {suggestion!r}?" if suggestion else ""
        if value == "select":
            return "a 'select' field needs its options: {type: select, options: [...]}"
        return f"field type {value!r} is not one of {', '.join(GATED_FIELD_TYPES)}{hint}"
    if isinstance(value, Mapping):
        kind = value.get("type")
        if kind != "select":
            return f"a field given as a mapping must be {{type: select, options: [...]}}, not type {kind!r}"
        options = value.get("options")
        if not isinstance(options, list) or not options:
            return "a 'select' field needs a non-empty list of options"
        for option in options:
            if isinstance(option, str):
                continue
            if isinstance(option, Mapping) and isinstance(option.get("label"), str) \
                    and isinstance(option.get("value"), str):
                continue
            return f"each option must be a text or {{label: text, value: text}}, not {_type_name(option)}"
        return None
    return f"a field's type must be a text or a select mapping, not {_type_name(value)}"


@rule("HUB009", "gated-fields-shape", "metadata", "error")
def gated_fields_shape(release: Release, verdicts: Verdicts) -> Iterator[Hit]:
    """The ``extra_gated_*`` keys of a gated model do not have the shape the Hub documents.

    What: ``extra_gated_prompt``, ``extra_gated_heading``, ``extra_gated_description`` and
    ``extra_gated_button_content`` must be texts; ``extra_gated_fields`` a mapping of field label
    to a type (``text``, ``checkbox``, ``date_picker``, ``country``, ``ip_location``) or to
    ``{type: select, options: [...]}``; ``extra_gated_eu_disallowed`` a boolean. Another
    ``extra_gated_`` key is reported as a likely misspelling (a warning).
    Why: the Hub builds the access-request form from these keys; a field it cannot read is not
    asked, so the terms the form was meant to collect agreement to are not collected.
    Example:
    name: tiny-1b
    extra:  # on a card, these keys are the front matter itself
      extra_gated_fields:
        Company: textbox
    Fix: use the documented field types; see the Hub's gated-models guide.
    Sources: https://huggingface.co/docs/hub/models-gated#customize-requested-information
    """
    extra = release.extra
    for key in _GATED_TEXT_KEYS:
        if key in extra and not isinstance(extra[key], str):
            yield Hit("card", f"'{key}' must be a text, not {_type_name(extra[key])}", GATED_DOC, at=("extra", key))
    if "extra_gated_eu_disallowed" in extra and not isinstance(extra["extra_gated_eu_disallowed"], bool):
        yield Hit("card", "'extra_gated_eu_disallowed' must be true or false", GATED_DOC,
                  at=("extra", "extra_gated_eu_disallowed"))
    if "extra_gated_fields" in extra:
        fields = extra["extra_gated_fields"]
        if not isinstance(fields, Mapping):
            yield Hit("card", f"'extra_gated_fields' must be a mapping of field label to type, not "
                      f"{_type_name(fields)}", GATED_DOC, at=("extra", "extra_gated_fields"))
        else:
            for label, value in fields.items():
                problem = _gated_field_problem(value)
                if problem is not None:
                    yield Hit("card", f"extra_gated_fields {label!r}: {problem}", GATED_DOC,
                              at=("extra", "extra_gated_fields", label))
    for key in extra:
        if isinstance(key, str) and key.startswith("extra_gated") and key not in _GATED_KEYS:
            suggestion = closest(key, _GATED_KEYS)
            hint = f"; did you mean {suggestion!r}?" if suggestion else ""
            yield Hit("card", f"'{key}' is not a key the Hub reads for gated access{hint}", GATED_DOC,
                      severity="warning", at=("extra", key))


# --- HUB010, HUB011 -----------------------------------------------------------------------------

_SPACE = re.compile(r"\s")


def _dataset_id_problem(value: str) -> tuple[str, str | None] | None:
    """(what is wrong, the id meant) when ``value`` is not a Hub dataset id, else None."""
    url = _HUB_URL.match(value)
    if url and url.group(1) == "datasets":
        return "a URL", url.group(2)
    if value.startswith(("http://", "https://")):
        return "a URL outside the Hub", None
    if _looks_local(value):
        return "a local path", None
    if _SPACE.search(value.strip()):
        return "a description, not an id", None
    problem = repo_id_problem(value)
    return (problem, None) if problem else None


@rule("HUB010", "dataset-id", "metadata", "warning")
def dataset_id(release: Release, verdicts: Verdicts) -> Iterator[Hit]:
    """A ``datasets`` entry is not a Hub dataset id.

    What: each ``datasets`` entry is checked with huggingface_hub's repository-id syntax
    (``org/name`` or a legacy ``name``): a description (``Arabic Wikipedia``), a URL or a
    path is reported; a Hub dataset URL with the id it names.
    Why: the Hub links a model to a dataset only by its id: a name in prose links to nothing, so
    the dataset's page does not list the model and lineage tools lose the training data.
    Example:
    name: tiny-1b
    datasets:  # on a card: datasets: [Persian Wikidumps]
    - id: Persian Wikidumps
    Fix: use the dataset's Hub id (``wikimedia/wikipedia``); describe other data in the card text.
    Sources: https://huggingface.co/docs/hub/model-cards#model-card-metadata ;
    huggingface_hub.utils.validate_repo_id
    """
    for value, at in listed_texts(release, "datasets"):
        found = _dataset_id_problem(value)
        if found is None:
            continue
        problem, meant = found
        hint = f"; the Hub id is {meant!r}" if meant else ""
        yield Hit(f"dataset:{value}", f"dataset {value!r} is not a Hub dataset id ({problem}){hint}",
                  CARD_METADATA, at=at)


_TASK_ID = re.compile(r"[A-Za-z0-9][\w.-]*")
"""A task id: a Hub task (``text-generation``) or a benchmark's task (``gpqa_diamond``); no spaces."""


@rule("HUB011", "evaluation-ids", "metadata", "warning")
def evaluation_ids(release: Release, verdicts: Verdicts) -> Iterator[Hit]:
    """An evaluation result names its dataset or task by something that is not an id.

    What: each evaluation result's dataset (model-index ``dataset.type``, ``.eval_results``
    ``dataset.id``) must be a Hub dataset id by huggingface_hub's repository-id syntax, and its
    task (``task.type``, ``task_id``) a single token such as ``text-generation`` or ``gpqa_diamond``.
    Why: the Hub puts a result on the benchmark's leaderboard and links it only through these ids;
    ``.eval_results`` files naming no Hub dataset fail the Hub's validation.
    Example:
    name: tiny-1b
    evaluation:  # on a card: a model-index result with task.type 'Text Generation', dataset.type 'MMLU benchmark'
    - task_type: Text Generation
      dataset: {type: MMLU benchmark, name: MMLU}
      metric_type: accuracy
      metric_value: 0.5
    Fix: use the dataset's Hub id (``cais/mmlu``) and the task's id (``text-generation``).
    Sources: https://huggingface.co/docs/hub/eval-results ;
    https://github.com/huggingface/hub-docs/blob/main/modelcard.md
    """
    for i, result in enumerate(release.evaluation):
        found = _dataset_id_problem(result.dataset.type)
        if found is not None:
            problem, meant = found
            hint = f"; the Hub id is {meant!r}" if meant else ""
            yield Hit(f"dataset:{result.dataset.type}", f"evaluation result {i + 1}: dataset "
                      f"{result.dataset.type!r} is not a Hub dataset id ({problem}){hint}",
                      "https://huggingface.co/docs/hub/eval-results", at=("evaluation", i, "dataset", "type"))
        if not _TASK_ID.fullmatch(result.task_type):
            yield Hit("card", f"evaluation result {i + 1}: task {result.task_type!r} is not a task id "
                      "(one word such as 'text-generation')", "https://huggingface.co/docs/hub/eval-results",
                      at=("evaluation", i, "task_type"))
