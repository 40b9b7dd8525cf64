"""Reading the package's own files: YAML data tables, and the shipped schemas and templates."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import yaml

from modelcards import tables_json

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster start-up


def _package_dir(package: str) -> Path:
    # a plain path next to the module: the package is installed as files (wheel or editable), and
    # importlib.resources would add ~15 ms to every start for no gain here
    module = sys.modules.get(package) or importlib.import_module(package)
    return Path(str(module.__file__)).parent


def read_data(package: str, name: str) -> Any:
    """Parse ``<package>/data/<name>``; these files are ours, so a plain safe load is enough.
    A table's current JSON beside it, when there is one, is read instead (``tables_json``)."""
    path = _package_dir(package) / "data" / name
    raw = path.read_bytes()
    data = tables_json.cached(path, raw)
    if data is tables_json.MISSING:
        data = parse_yaml_table(raw)
    return data


def parse_yaml_table(raw: bytes) -> Any:
    """The plain path: a data table parsed from its YAML bytes."""
    return yaml.load(raw.decode("utf-8"), Loader=_Loader)


def shipped_dir(name: str) -> Path:
    """``schemas`` or ``templates``: inside the wheel they sit in the package, in a checkout at its root."""
    installed = Path(__file__).resolve().parent / name
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[1] / name
