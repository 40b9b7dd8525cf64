"""modelcards: describe a model release once; check its openness and licenses; emit its cards.

Public API (read -> check / analyze -> render)::

    import modelcards
    source = modelcards.read("modelcard.yaml")      # or a Hugging Face README.md, a MOT YAML file
    report = modelcards.check(source)               # the `modelcards check --format json` object
    if report.fails("error"):
        print(report.to_dict()["findings"])
    modelcards.render(source, "release/", report)   # README.md, modelcard.json, ...

The functions live in ``modelcards.api``; every other name here is imported on first use, so
``import modelcards`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from modelcards.api import analyze, check, load, plan, read, render

__version__ = "0.1.0"
__all__ = [
    "Finding", "InputError", "PublishBlocked", "Release", "Report", "Source", "analyze", "audit_paths", "check",
    "guard", "load", "plan", "read", "render",
]

if TYPE_CHECKING:
    from modelcards.api import Source
    from modelcards.audit import audit_paths
    from modelcards.errors import InputError
    from modelcards.publish import PublishBlocked, guard
    from modelcards.report import Finding, Report
    from modelcards.schema import Release


def __getattr__(name: str) -> Any:  # lazy re-exports keep `import modelcards` cheap
    if name == "Source":
        from modelcards import api

        return api.Source
    if name == "Release":
        from modelcards.schema import Release

        return Release
    if name in ("Report", "Finding"):
        from modelcards import report

        return getattr(report, name)
    if name == "InputError":
        from modelcards.errors import InputError

        return InputError
    if name in ("guard", "PublishBlocked"):
        from modelcards import publish

        return getattr(publish, name)
    if name == "audit_paths":
        from modelcards.audit import audit_paths

        return audit_paths
    raise AttributeError(f"module 'modelcards' has no attribute {name!r}")
