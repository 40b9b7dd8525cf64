"""Write a Release as a manifest YAML file a person can keep editing."""

from __future__ import annotations

from typing import Any

import yaml

from modelcards.renderers.yaml_emit import HAS_LIBYAML, dump, has_unicode_break
from modelcards.schema import Release


class _ManifestDumper(yaml.SafeDumper):
    """Multi-line text as literal blocks (``|``), so card prose stays readable in the manifest."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if has_unicode_break(value) else "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_ManifestDumper.add_representer(str, _text)

_CManifestDumper: type | None = None
if HAS_LIBYAML:
    class _CManifestDumper(yaml.CSafeDumper):  # type: ignore[no-redef]
        """``_ManifestDumper`` with libyaml's emitter, for large manifests (renderers/yaml_emit.py)."""

    _CManifestDumper.add_representer(str, _text)


def manifest_data(release: Release) -> dict[str, Any]:
    data = release.model_dump(mode="python", exclude_defaults=True)
    data["name"] = release.name
    return data


def manifest_yaml(release: Release, header: str = "", schema: str = "release.schema.json") -> str:
    """The manifest of ``release`` as YAML, led by the editors' ``$schema`` line naming ``schema``
    (a path relative to the manifest: ``modelcards.starter.schema_reference`` picks it)."""
    return manifest_yaml_bytes(release, header, schema).decode("utf-8")


def manifest_yaml_bytes(release: Release, header: str = "", schema: str = "release.schema.json") -> bytes:
    """``manifest_yaml`` as the UTF-8 bytes of the file, which the emitter writes directly: the
    manifest of a card of megabytes is not made as a Python str (up to four bytes a character)."""
    body = dump(manifest_data(release), _ManifestDumper, _CManifestDumper, sort_keys=False,
                allow_unicode=True, width=100, encoding="utf-8")
    comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return f"# yaml-language-server: $schema={schema}\n{comment}".encode() + body
