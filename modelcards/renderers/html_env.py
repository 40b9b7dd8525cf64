"""A Jinja2 environment for HTML output (audit report, docs-site pages) with autoescape on.

Kept apart from the Markdown environment, where autoescape must stay off: here every value a
user wrote is escaped unless a template marks it safe, so a ``<script>`` in a manifest stays text.
"""

from __future__ import annotations

from functools import lru_cache

import jinja2

from modelcards.resources import shipped_dir

SAFE_SCHEMES = ("http://", "https://", "mailto:")


def safe_url(value: object) -> str:
    """A link target safe in ``href``: web and mail links only; anything else (``javascript:``,
    ``data:``) becomes an empty link. Escaping alone would leave such a scheme working."""
    text = "" if value is None else str(value).strip()
    return text if text.lower().startswith(SAFE_SCHEMES) else ""


@lru_cache(maxsize=1)
def html_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(shipped_dir("templates"))),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["url"] = safe_url
    return env
