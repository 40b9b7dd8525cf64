"""The Jinja2 environment for card templates, with user overrides.

Lookup order: the user's template directory, then the shipped templates. The shipped ones
are also reachable under the ``default/`` prefix, so an override can extend them and replace
a single block::

    {% extends "default/README.md.j2" %}
    {% block uses %}## Uses

    Our own words.
    {% endblock %}
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from modelcards.resources import shipped_dir


def table_cell(value: object) -> str:
    """Text safe inside a Markdown table cell: no pipes or line breaks to break the row."""
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _build(user_dir: str | None) -> jinja2.Environment:
    shipped = jinja2.FileSystemLoader(str(shipped_dir("templates")))
    loaders: list[jinja2.BaseLoader] = []
    if user_dir:
        loaders.append(jinja2.FileSystemLoader(user_dir))
    loaders += [shipped, jinja2.PrefixLoader({"default": shipped})]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown output; HTML contexts use the |e filter explicitly
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = table_cell
    return env


@lru_cache(maxsize=8)
def environment(user_dir: str | None = None) -> jinja2.Environment:
    if user_dir is not None and not Path(user_dir).is_dir():
        raise FileNotFoundError(f"template directory {user_dir!r} does not exist")
    return _build(user_dir)
