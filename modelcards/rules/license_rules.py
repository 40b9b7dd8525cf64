"""License identity: unknown ids and Hub 'other' licenses. Obligations and conflicts along the
base-model chain build on the registry in ``modelcards.licenses``."""

from __future__ import annotations

from collections.abc import Iterator

from modelcards.licenses.registry import resolve
from modelcards.rules.registry import Context, Hit, rule

SPDX_LIST = "https://spdx.org/licenses/"
HUB_LICENSES = "https://huggingface.co/docs/hub/repositories-licenses"


def _license_fields(ctx: Context) -> Iterator[tuple[str, str, tuple[object, ...]]]:
    """(subject, license text, manifest path) for every license the release states."""
    release = ctx.release
    if release.license:
        yield "card", release.license, ("license",)
    for content_type in ("code", "data", "document"):
        value = getattr(release.licenses, content_type)
        if value:
            yield "card", value, ("licenses", content_type)
    for cid, artifact in release.artifacts.items():
        if artifact.license:
            yield cid, artifact.license, ("artifacts", cid, "license")
    for i, dataset in enumerate(release.datasets):
        if dataset.license:
            yield f"dataset:{dataset.id}", dataset.license, ("datasets", i, "license")
    for i, base in enumerate(release.base_models):
        if base.license:
            yield f"base-model:{base.id}", base.license, ("base_models", i, "license")


@rule("LIC001", "unknown-license", "license-unknown", "error")
def unknown_license(ctx: Context) -> Iterator[Hit]:
    """A license id is not a known SPDX id, Hub license id or model license.

    Unknown ids cannot be checked for openness or obligations, and the Hub rejects them.
    Use an SPDX id (https://spdx.org/licenses/), a Hub license id, or ``license: other``
    with ``license_name`` and ``license_link`` for a custom license.
    """
    release = ctx.release
    for subject, text, at in _license_fields(ctx):
        if text.strip().lower() == "other" and at == ("license",):
            continue  # LIC002 handles 'other'
        resolved = resolve(text)
        if resolved.unlicensed or resolved.known:
            continue
        if at == ("license",) and release.license_name:
            continue
        hint = f"; did you mean {resolved.suggestion!r}?" if resolved.suggestion else ""
        names = ", ".join(repr(u) for u in resolved.unknown)
        yield Hit(subject, f"unknown license {names}{hint}", SPDX_LIST, at=at)


@rule("LIC002", "other-license-unnamed", "metadata", "error")
def other_license_unnamed(ctx: Context) -> Iterator[Hit]:
    """``license: other`` without ``license_name`` and ``license_link``.

    The Hub asks for a ``license_name`` and a LICENSE file (or ``license_link``) whenever the
    license is ``other``; without them readers cannot find the terms.
    """
    release = ctx.release
    if (release.license or "").strip().lower() != "other":
        return
    missing = [k for k in ("license_name", "license_link") if not getattr(release, k)]
    if missing:
        yield Hit("card", f"license is 'other' but {' and '.join(missing)} is missing",
                  f"{HUB_LICENSES} (\"In case of license: other please add the license's text to a LICENSE "
                  "file ... and set a name for it in license_name\")", at=("license",))
