"""Reading the package's own YAML data files (license tables, framework definitions)."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


def read_data(package: str, name: str) -> Any:
    """Parse ``<package>/data/<name>``; these files are ours, so plain safe_load is enough."""
    return yaml.safe_load(resources.files(package).joinpath("data").joinpath(name).read_text("utf-8"))
