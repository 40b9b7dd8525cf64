"""Reading the package's own files: YAML data tables, and the shipped schemas and templates."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster start-up


def read_data(package: str, name: str) -> Any:
    """Parse ``<package>/data/<name>``; these files are ours, so a plain safe load is enough."""
    return yaml.load(resources.files(package).joinpath("data").joinpath(name).read_text("utf-8"), Loader=_Loader)


def shipped_dir(name: str) -> Path:
    """``schemas`` or ``templates``: inside the wheel they sit in the package, in a checkout at its root."""
    installed = Path(str(resources.files("modelcards").joinpath(name)))
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[1] / name
