"""Write a Release as a manifest YAML file a person can keep editing."""

from __future__ import annotations

from typing import Any

import yaml

from modelcards.schema import Release


class _ManifestDumper(yaml.SafeDumper):
    """Multi-line text as literal blocks (``|``), so card prose stays readable in the manifest."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_ManifestDumper.add_representer(str, _text)


def manifest_data(release: Release) -> dict[str, Any]:
    data = release.model_dump(mode="python", exclude_defaults=True)
    data["name"] = release.name
    return data


def manifest_yaml(release: Release, header: str = "") -> str:
    from modelcards.schema.json_schema import installed_schema_uri

    body = yaml.dump(manifest_data(release), Dumper=_ManifestDumper, sort_keys=False, allow_unicode=True,
                     width=100)
    comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return f"# yaml-language-server: $schema={installed_schema_uri()}\n{comment}{body}"
