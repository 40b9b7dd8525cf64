"""modelcards: describe a model release once; check its openness and licenses; emit its cards.

Public API (load -> analyze -> render)::

    import modelcards
    release = modelcards.load("modelcard.yaml")
    report = modelcards.analyze(release)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Finding", "Release", "Report", "analyze", "load"]

if TYPE_CHECKING:
    from modelcards.report import Finding, Report
    from modelcards.schema import Release


def load(path: str) -> Release:
    """Read a manifest, Hugging Face README.md or MOT YAML file into a Release.

    Raises ``modelcards.errors.InputError`` with located problems on bad input.
    """
    from modelcards.io.sources import read_source

    return read_source(str(path)).release


def analyze(release: Release) -> Report:
    """Findings and openness verdicts for a release; pure, no I/O."""
    from modelcards.analyze import analyze as _analyze

    return _analyze(release, source=release.name)


def __getattr__(name: str) -> Any:  # lazy re-exports keep `import modelcards` cheap
    if name == "Release":
        from modelcards.schema import Release

        return Release
    if name in ("Report", "Finding"):
        from modelcards import report

        return getattr(report, name)
    raise AttributeError(name)
