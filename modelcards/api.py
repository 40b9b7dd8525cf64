"""The pipeline every front end runs: read -> [fill from the Hub] -> analyze -> select -> render.

The CLI, the pre-commit hooks (which run the CLI), ``guard`` / ``publish`` and the MkDocs plugin
call these functions rather than wiring readers and analysis together themselves, so that what a
check is (its source path and lines, ``--online``, ``[tool.modelcards]`` select / ignore) is decided
here once. Whether a report fails is ``Report.fails(threshold)``.

Imports are made inside the functions: ``import modelcards`` stays cheap, and a command pulls in
only the layers it uses.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:
    from modelcards.config import Settings
    from modelcards.readers.dispatch import Source
    from modelcards.renderers.outputs import ExportOptions, Plan
    from modelcards.report import Report
    from modelcards.schema import Release

PathLike = Union[str, "os.PathLike[str]"]


def __getattr__(name: str) -> Any:
    if name == "Source":  # the reader's type, re-exported without importing the readers up front
        from modelcards.readers.dispatch import Source

        return Source
    raise AttributeError(f"module 'modelcards.api' has no attribute {name!r}")


def read(path: PathLike) -> Source:
    """Read a manifest, Hugging Face README.md or MOT YAML file (recognised by content) into a Source:
    its path, kind, Release and what locates a field on a line.

    Raises ``InputError`` with located problems on bad input."""
    from modelcards.readers import dispatch

    return dispatch.read(os.fspath(path))


def read_import(src: str) -> Source:
    """The source ``modelcards import SRC`` turns into a manifest: a Hugging Face README.md or a MOT
    YAML file on disk, or ``hf:org/name`` (downloaded from the Hub, honouring HF_ENDPOINT). A
    manifest is refused with a located message."""
    from modelcards.readers import dispatch

    if not src.startswith("hf:"):  # a file: the Hub client (and the license tables it reads) is not needed
        return dispatch.read_import(src)
    import functools

    from modelcards.hub import download_card
    from modelcards.readers.located_yaml import read_text

    return dispatch.read_import(src, download=functools.partial(download_card, read_file=read_text))


def load(path: PathLike) -> Release:
    """The Release of ``read(path)``."""
    return read(path).release


def _is_release(value: object) -> bool:
    from modelcards.schema import Release

    return isinstance(value, Release)


def analyze(source_or_release: Source | Release, *, settings: Settings | None = None) -> Report:
    """Findings and openness verdicts; pure, no I/O.

    Given a Source, the report names its path and places findings on its lines (the
    ``check --format json`` object); given a bare Release, the report's source is the release name
    and findings carry no lines. ``settings``: keep only the findings its select / ignore lists
    allow."""
    from modelcards.analysis import analyze as _analyze

    if _is_release(source_or_release):
        release = source_or_release
        report = _analyze(release, source=release.name)  # type: ignore[union-attr]
    else:
        source = source_or_release
        report = _analyze(source.release, source=source.path, locate=source.locate)  # type: ignore[union-attr]
    return select(report, settings)


def select(report: Report, settings: Settings | None) -> Report:
    """The report with only the findings the select / ignore lists of ``settings`` allow (None: all)."""
    if settings is None:
        return report
    return only(report, settings.select, settings.ignore)


def only(report: Report, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Report:
    """The report with only the findings of rule codes that ``select`` matches (or all when empty)
    and ``ignore`` does not: ``check``, ``audit`` and the docs plugin filter alike."""
    if not (select or ignore):
        return report
    import dataclasses

    from modelcards.rules.selection import selected

    chosen, dropped = tuple(select), tuple(ignore)
    return dataclasses.replace(report, findings=tuple(f for f in report.findings if selected(f.rule, chosen, dropped)))


def check(path_or_source: PathLike | Source, *, settings: Settings | None = None, online: bool = False,
          on_note: Callable[[str], None] | None = None) -> Report:
    """What ``modelcards check PATH`` reports: read (unless given a Source), with ``online`` look up
    the licenses of base models the release does not state and the sourced tables do not know on the
    Hugging Face Hub (``on_note`` receives a line per look-up), analyse, keep what ``settings``
    selects.

    Raises ``InputError`` with located problems on bad input."""
    source = read(path_or_source) if isinstance(path_or_source, (str, os.PathLike)) else path_or_source
    if online:
        source = _with_hub_licenses(source, on_note)
    return analyze(source, settings=settings)


def _with_hub_licenses(source: Source, on_note: Callable[[str], None] | None) -> Source:
    import dataclasses

    from modelcards.hub import fill_base_licenses

    release, notes = fill_base_licenses(source.release)
    for note in notes:
        if on_note is not None:
            on_note(note)
    return dataclasses.replace(source, release=release)


def plan(source_or_release: Source | Release, out_dir: PathLike, report: Report | None = None, *,
         formats: Sequence[str] | None = None, templates: str | None = None, force: bool = False,
         options: ExportOptions | None = None) -> Plan:
    """What ``render`` would write, and what it refuses to overwrite; writes nothing. Without a
    ``report``, the release is analysed here."""
    from modelcards.renderers import outputs

    if report is None:
        report = analyze(source_or_release)
    release = source_or_release if _is_release(source_or_release) else source_or_release.release  # type: ignore[union-attr]
    return outputs.plan(release, os.fspath(out_dir), report, formats=list(formats) if formats else None,
                        templates=templates, force=force, options=options)


def render(source_or_release: Source | Release, out_dir: PathLike, report: Report | None = None, *,
           formats: Sequence[str] | None = None, templates: str | None = None, force: bool = False,
           options: ExportOptions | None = None) -> list[str]:
    """Write the release's outputs (README.md, modelcard.json, ...) into ``out_dir``; returns the paths
    written (unchanged files are not). Without a ``report``, the release is analysed first.

    Text the user added to an existing README.md outside generated blocks is kept. Raises
    ``RenderRefused`` (an InputError) when a generated block was edited by hand, unless ``force``;
    nothing is written then."""
    from modelcards.renderers import outputs

    planned = plan(source_or_release, out_dir, report, formats=formats, templates=templates, force=force,
                   options=options)
    return [str(path) for path in outputs.write(planned)]
