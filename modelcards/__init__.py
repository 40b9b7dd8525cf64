"""modelcards: describe a model release once; check its openness and licenses; emit its cards.

Public API (load -> analyze -> render)::

    import modelcards
    release = modelcards.load("modelcard.yaml")
    report = modelcards.analyze(release)
    modelcards.render(release, "release/", report)   # README.md, modelcard.json, ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Finding", "Release", "Report", "analyze", "guard", "load", "render"]

if TYPE_CHECKING:
    from modelcards.report import Finding, Report
    from modelcards.schema import Release


def load(path: str) -> Release:
    """Read a manifest, Hugging Face README.md or MOT YAML file into a Release.

    Raises ``modelcards.errors.InputError`` with located problems on bad input.
    """
    from modelcards.readers.dispatch import read_source

    return read_source(str(path)).release


def analyze(release: Release) -> Report:
    """Findings and openness verdicts for a release; pure, no I/O."""
    from modelcards.analysis import analyze as _analyze

    return _analyze(release, source=release.name)


def render(
    release: Release,
    out_dir: str,
    report: Report | None = None,
    *,
    formats: list[str] | None = None,
    templates: str | None = None,
    force: bool = False,
) -> list[str]:
    """Write the release's outputs into ``out_dir``; returns the paths written (unchanged files are not).

    Text the user added to an existing README.md outside generated blocks is kept. Raises
    ``modelcards.renderers.outputs.RenderRefused`` (an InputError) when a generated block was edited by
    hand, unless ``force``; nothing is written then.
    """
    from modelcards.renderers import outputs

    planned = outputs.plan(release, out_dir, report, formats=formats, templates=templates, force=force)
    return [str(path) for path in outputs.write(planned)]


def guard(folder: str) -> Report:
    """Pre-publish check of a release folder: raises ``modelcards.publish.PublishBlocked`` listing the
    error findings, so a release script stops before uploading; returns the report otherwise."""
    from modelcards.publish import guard as _guard

    return _guard(folder)


def __getattr__(name: str) -> Any:  # lazy re-exports keep `import modelcards` cheap
    if name == "Release":
        from modelcards.schema import Release

        return Release
    if name in ("Report", "Finding"):
        from modelcards import report

        return getattr(report, name)
    raise AttributeError(name)
