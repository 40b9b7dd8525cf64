"""Model Openness Tool (MOT) YAML: reader and writer.

Format: https://github.com/lfai/model_openness_tool (schema/mof_schema.json): a ``release``
with global licenses by content type (``license.distribution|code|data|document``) and a list
of ``components`` (``name``, ``license``, ``component_path``...). A component's own license
wins over the global license of its content type, which wins over ``distribution``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from modelcards.errors import InputError
from modelcards.readers.located_yaml import LocatedDocument
from modelcards.resources import read_data
from modelcards.schema import Release

_NOT_INCLUDED = re.compile(r"component\s+(component\s+)?not\s+includ", re.IGNORECASE)


@lru_cache(maxsize=1)
def _mot_names() -> tuple[tuple[str, str], ...]:
    """(artifact id, the MOT's component name) from the MOF table the openness verdicts use."""
    table = read_data("modelcards.openness", "mof-1.0.yaml")
    return tuple((c["id"], c["mot_name"]) for c in table["components"])


def looks_like_mot(data: Any) -> bool:
    return isinstance(data, dict) and "release" in data and ("framework" in data or "components" in data)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _global_license(block: Any, key: str) -> str | None:
    if isinstance(block, dict) and isinstance(block.get(key), dict):
        return _text(block[key].get("name"))
    return None


def release_from_mot(doc: LocatedDocument) -> Release:
    """Build a Release from a MOT record; unknown component names are located errors."""
    release = doc.data.get("release")
    if not isinstance(release, dict):
        line, column = doc.locate(("release",))
        raise InputError.single("MOT file: 'release' must be a mapping", doc.path, line, column)
    names = {mot_name.lower(): artifact_id for artifact_id, mot_name in _mot_names()}
    artifacts: dict[str, dict[str, Any]] = {}
    listed_at: dict[str, int] = {}
    components = release.get("components") or []
    if not isinstance(components, list):
        line, column = doc.locate(("release", "components"))
        raise InputError.single("MOT file: 'components' must be a list", doc.path, line, column)
    for i, component in enumerate(components):
        for key in _COMPONENT_TEXT:
            if isinstance(component, dict) and isinstance(component.get(key), (list, dict)):
                line, column = doc.locate(("release", "components", i, key))
                raise InputError.single(f"MOT component: {key!r} must be text, not a "
                                        f"{'list' if isinstance(component[key], list) else 'mapping'}",
                                        doc.path, line, column)
        if not isinstance(component, dict) or not _text(component.get("name")):
            line, column = doc.locate(("release", "components", i))
            raise InputError.single("MOT component needs a 'name'", doc.path, line, column)
        name = _text(component["name"]) or ""
        artifact_id = names.get(name.lower())
        if artifact_id is None:
            from modelcards.fuzzy import did_you_mean

            line, column = doc.locate(("release", "components", i, "name"))
            hint = did_you_mean(name, [mot_name for _, mot_name in _mot_names()])
            raise InputError.single(f"unknown MOT component {name!r}{hint}", doc.path, line, column)
        if artifact_id in listed_at:
            line, column = doc.locate(("release", "components", i, "name"))
            first = doc.locate(("release", "components", listed_at[artifact_id], "name"))[0]
            raise InputError.single(f"MOT component {name!r} is listed twice (first on line {first}); "
                                    "keep one entry", doc.path, line, column)
        listed_at[artifact_id] = i
        license_text = _text(component.get("license"))
        entry: dict[str, Any] = {
            "location": _text(component.get("component_path")),
            "description": _text(component.get("description")),
        }
        if license_text and _NOT_INCLUDED.search(license_text):
            entry["availability"] = "not-released"
        elif license_text:
            entry["license"] = license_text
        artifacts[artifact_id] = {k: v for k, v in entry.items() if v is not None}
    licenses = release.get("license") if isinstance(release.get("license"), dict) else {}
    hf = _text(release.get("huggingface"))
    data = {
        "name": _text(release.get("name")) or "(unnamed)",
        "version": _text(release.get("version")),
        "producer": _text(release.get("producer")),
        "date": _text(release.get("date")),
        "contact": _text(release.get("contact")),
        "repository": _text(release.get("repository")),
        "hf_repo": hf.split("huggingface.co/", 1)[-1].strip("/") if hf and "huggingface.co/" in hf else hf,
        "model": {"type": _text(release.get("type")), "architecture": _text(release.get("architecture"))},
        "license": _global_license(licenses, "distribution"),
        "licenses": {k: _global_license(licenses, k) for k in ("code", "data", "document")},
        "artifacts": artifacts,
        "extra": {"mot": {"origin": _text(release.get("origin"))}} if _text(release.get("origin")) else {},
    }
    from modelcards.readers.validation import validate

    def translate(loc: tuple[object, ...]) -> tuple[object, ...] | None:
        if loc[:1] == ("artifacts",) and len(loc) > 1 and str(loc[1]) in listed_at:
            field = _COMPONENT_KEYS.get(str(loc[2]), "name") if len(loc) > 2 else "name"
            return ("release", "components", listed_at[str(loc[1])], field)
        return _mot_path(loc)

    return validate(Release, data, doc, translate=translate, label=_mot_label)


_COMPONENT_TEXT = ("name", "license", "component_path", "description")
"""A component's keys the reader takes as text: a list or a mapping there is a located error."""
_COMPONENT_KEYS = {"location": "component_path", "description": "description", "license": "license"}
"""Artifact field -> the component key it comes from."""


_MOT_KEYS = {"name": ("name",), "version": ("version",), "producer": ("producer",), "date": ("date",),
             "contact": ("contact",), "repository": ("repository",), "hf_repo": ("huggingface",),
             "license": ("license", "distribution", "name"), "licenses": ("license",),
             "artifacts": ("components",), "extra": ("origin",)}


def _mot_path(loc: tuple[object, ...]) -> tuple[object, ...] | None:
    """Where in the MOT record the release field at ``loc`` comes from."""
    if loc[:1] == ("model",):
        return ("release", "architecture" if loc[1:2] == ("architecture",) else "type")
    key = _MOT_KEYS.get(str(loc[0])) if loc else None
    return None if key is None else ("release", *key)


def _mot_label(loc: tuple[object, ...]) -> str:
    return "MOT record"
