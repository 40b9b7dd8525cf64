"""Project settings from ``[tool.modelcards]`` in the nearest pyproject.toml.

Looked up from the current directory upwards, like ruff (the MkDocs plugin: from mkdocs.yml's
directory). Command-line options override it. ``select``, ``ignore`` and ``fail-on`` apply alike to
``check``, ``audit``, ``publish`` / ``guard`` and the MkDocs plugin::

    [tool.modelcards]
    select = ["LIC", "OPEN"]      # rule codes or prefixes to report (default: all)
    ignore = ["MOF004"]           # rule codes or prefixes to drop
    fail-on = "error"             # lowest severity that fails: error | warning | info
    templates = "card-templates"  # render: template override directory (relative to pyproject.toml)
    formats = ["readme", "json"]  # render: outputs to produce
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from modelcards.errors import InputError
from modelcards.vocabulary import SEVERITIES, Severity

_KEYS = {"select", "ignore", "fail-on", "templates", "formats"}
_MAY_HOLD_TABLE = re.compile(r"""tool\s*\.\s*["']?modelcards|^\s*\[\s*["']?tool["']?\s*\]|^\s*["']?tool["']?\s*=""",
                             re.MULTILINE)
"""Every way TOML can spell ``[tool.modelcards]``: the table or a dotted key, or a ``[tool]`` table or
``tool = {...}`` that may hold it; without any, the file is not parsed."""


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = "error"
    fail_on_stated: bool = False
    """Whether ``fail-on`` was set (in the table or by an option): ``audit`` gates on it only then."""
    templates: str | None = None
    formats: tuple[str, ...] = ()
    source: str | None = None
    """The pyproject.toml these came from, if any."""


def find_pyproject(start: Path) -> Path | None:
    for directory in [start, *start.parents]:
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def _strings(value: Any, key: str, path: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError.single(f"[tool.modelcards] {key} must be a list of strings", path)
    return tuple(v.strip() for v in value if v.strip())


def load_settings(start: Path | None = None) -> Settings:
    path = find_pyproject((start or Path.cwd()).resolve())
    if path is None:
        return Settings()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise InputError.single(f"invalid TOML: {err}", str(path)) from None
    if not _MAY_HOLD_TABLE.search(text):  # most projects have no table: no TOML parser to load
        return Settings()
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError.single(f"invalid TOML: {err}", str(path)) from None
    table = data.get("tool", {}).get("modelcards")
    if table is None:
        return Settings()
    if not isinstance(table, dict):
        raise InputError.single("[tool.modelcards] must be a table", str(path))
    unknown = set(table) - _KEYS
    if unknown:
        from modelcards.fuzzy import did_you_mean

        key = sorted(unknown)[0]
        raise InputError.single(f"[tool.modelcards] unknown key {key!r}{did_you_mean(key, _KEYS)}", str(path))
    fail_on = table.get("fail-on", "error")
    if fail_on not in SEVERITIES:
        raise InputError.single(f"[tool.modelcards] fail-on must be one of {', '.join(SEVERITIES)}", str(path))
    templates = table.get("templates")
    if templates is not None:
        templates = str((path.parent / str(templates)).resolve())
    return Settings(
        select=tuple(c.upper() for c in _strings(table.get("select", []), "select", str(path))),
        ignore=tuple(c.upper() for c in _strings(table.get("ignore", []), "ignore", str(path))),
        fail_on=fail_on,  # type: ignore[arg-type]  # checked against SEVERITIES above
        fail_on_stated="fail-on" in table,
        templates=templates,
        formats=tuple(f.lower() for f in _strings(table.get("formats", []), "formats", str(path))),
        source=str(path),
    )
