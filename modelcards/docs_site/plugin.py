"""The ``modelcards`` MkDocs plugin: a page per release manifest, and include markers in pages.

Configuration (``mkdocs.yml``; paths are relative to that file)::

    plugins:
      - search
      - modelcards:
          manifests: [../pythia-6.9b/modelcard.yaml]   # one generated page each
          pages_dir: models                            # where those pages go
          report_findings: error                       # log findings this severe as warnings

``report_findings`` (``error`` | ``warning`` | ``info`` | ``none``) defaults to ``fail-on`` of
``[tool.modelcards]`` in the pyproject.toml nearest mkdocs.yml, whose ``select`` and ``ignore`` apply
too, as they do for ``modelcards check``. A release that fails that threshold logs its findings at or
above it as warnings, so ``mkdocs build --strict`` stops.

Any page may also hold ``<!-- modelcards:include path/to/modelcard.yaml -->``, replaced by the
release's sections. ``mkdocs serve`` rebuilds when a manifest changes.
"""

from __future__ import annotations

import os
import re
from typing import Any

from mkdocs.config import config_options as options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from modelcards.docs_site.page import DocsPage, build_page, fill_placeholders

log = get_plugin_logger(__name__)
INCLUDE = re.compile(r"^[ \t]*<!--\s*modelcards:include\s+(\S+)\s*-->[ \t]*$", re.MULTILINE)
"""An include marker on a line of its own (so one quoted in a code span is left alone)."""


class ModelCardsConfig(Config):
    manifests = options.ListOfItems(options.Type(str), default=[])
    pages_dir = options.Type(str, default="models")
    templates = options.Optional(options.Type(str))
    report_findings = options.Optional(options.Choice(("error", "warning", "info", "none")))


def page_slug(manifest: str) -> str:
    """``examples/pythia-6.9b/modelcard.yaml`` -> ``pythia-6.9b``; other names keep their stem."""
    stem = os.path.splitext(os.path.basename(manifest))[0]
    if stem.lower() in ("modelcard", "readme", "model-card"):
        stem = os.path.basename(os.path.dirname(os.path.abspath(manifest))) or stem
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-").lower() or "release"


class ModelCardsPlugin(BasePlugin[ModelCardsConfig]):
    """Adds release pages to the site; see the module docstring for the configuration."""

    def on_config(self, config: Any) -> Any:
        from pathlib import Path

        from modelcards.config import load_settings
        from modelcards.errors import InputError
        from modelcards.rules.selection import unknown_code_message

        self.base_dir = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        self.fragments: dict[int, list[str]] = {}
        self.watched: set[str] = set()
        try:
            self.settings = load_settings(Path(self.base_dir))
        except InputError as err:
            raise PluginError(f"modelcards: {err}") from None
        problem = unknown_code_message(self.settings.select + self.settings.ignore)
        if problem:
            raise PluginError(f"modelcards: {self.settings.source}: [tool.modelcards] {problem}")
        return config

    def _path(self, manifest: str) -> str:
        return os.path.normpath(os.path.join(self.base_dir, manifest))

    def _page(self, manifest: str, *, with_title: bool) -> DocsPage:
        from modelcards import api
        from modelcards.errors import InputError

        path = self._path(manifest)
        self.watched.add(path)
        templates = self.config.templates and self._path(self.config.templates)
        try:
            source = api.read(path)
            report = api.check(source, settings=self.settings)
            page = build_page(source.release, report, page_id=len(self.fragments), templates=templates,
                              with_title=with_title)
        except (InputError, FileNotFoundError) as err:
            raise PluginError(f"modelcards: {err}") from None
        self.fragments[len(self.fragments)] = page.fragments
        self._report(report, manifest)
        return page

    def _report(self, report: Any, manifest: str) -> None:
        """Log the findings of a failing release as warnings, named as mkdocs.yml names the manifest."""
        threshold = self.config.report_findings or self.settings.fail_on
        if threshold == "none" or not report.fails(threshold):
            return
        for finding in report.failing(threshold):
            where = manifest + (f":{finding.line}" if finding.line else "")
            log.warning(f"{where}: {finding.rule} {finding.severity}: {finding.message}")

    def on_files(self, files: Files, *, config: Any) -> Files:
        used: set[str] = set()
        for manifest in self.config.manifests:
            page = self._page(manifest, with_title=True)
            slug = page_slug(self._path(manifest))
            while slug in used:
                slug += "-2"
            used.add(slug)
            uri = f"{self.config.pages_dir.strip('/')}/{slug}.md"
            files.append(File.generated(config, uri, content=page.markdown))
        return files

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Files) -> str:
        return INCLUDE.sub(lambda match: self._page(match.group(1), with_title=False).markdown, markdown)

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        return fill_placeholders(html, self.fragments)

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        for path in sorted(self.watched):
            server.watch(path)
        return server
