"""License identity: unknown ids and Hub 'other' licenses. Obligations and conflicts along the
base-model chain build on the registry in ``modelcards.licenses``."""

from __future__ import annotations

from collections.abc import Iterator

from modelcards.licenses.lineage import Link
from modelcards.licenses.obligations import LicenseTerms, known_dataset, terms_for
from modelcards.licenses.resolver import ResolvedLicense, resolve
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


@rule("LIC001", "unknown-license", "license-unknown", "error", scope="licenses")
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


@rule("LIC002", "other-license-unnamed", "metadata", "error", scope="licenses")
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


# --- Derivatives: conditions and obligations inherited along the base-model chain ---------

def _carries(declared: ResolvedLicense, base: ResolvedLicense) -> bool:
    """Whether the declared license keeps the base license's terms (same license, or the
    same license family, e.g. a Llama 3.1 fine-tune of a Llama 3 derivative is judged by its own chain)."""
    declared_ids = {info.id for info in declared.licenses}
    if any(info.id in declared_ids for info in base.licenses):
        return True
    families = {info.family for info in declared.licenses if info.family}
    return any(info.family in families for info in base.licenses if info.family)


def _chain_terms(ctx: Context) -> tuple[tuple[Link, LicenseTerms], ...]:
    """(link, terms) for every license with sourced terms along the base-model chain. Most
    releases have no base model, and the naming and attribution rules ask for every card."""
    if not ctx.base_chain:
        return ()
    return tuple([(link, terms) for link in ctx.base_chain if link.license is not None
                  for info in link.license.licenses if (terms := terms_for(info.id)) is not None])


def _card_text(ctx: Context) -> str:
    card = ctx.release.card
    parts = [v for v in (getattr(card, name) for name in type(card).model_fields) if isinstance(v, str)]
    parts.extend(card.sections.values())
    parts.extend(card.sections.keys())
    return "\n".join(parts).lower()


@rule("LIC003", "derivative-relicensed", "license-conflict", "error", scope="licenses")
def derivative_relicensed(ctx: Context) -> Iterator[Hit]:
    """A derivative is released under a license that drops its base model's conditions.

    Fine-tunes, adapters, quantizations, merges and distilled students are derivatives under
    every model license (Llama "derivative works", Gemma §1.1(e), RAIL ¶1). Licenses such as
    the Llama, Gemma, RAIL, Qwen and DeepSeek terms allow other terms for a derivative only
    when they keep the upstream conditions, so a bare open-source label (apache-2.0, mit) on
    such a derivative is a conflict. Permissive bases (Apache-2.0, MIT) may be relicensed.
    """
    reported: set[str] = set()
    for link, terms in _chain_terms(ctx):
        if terms.relicense != "keep" or terms.license_id in reported or link.license is None:
            continue
        declared, at = ctx.weights_license
        if not declared.known:
            return
        if _carries(declared, link.license):
            continue
        reported.add(terms.license_id)
        via = f" (via {link.model_id})" if link.depth > 1 else ""
        yield Hit(
            f"base-model:{link.model_id}",
            f"derived from {link.model_id}{via} under {link.license.canonical}, but released under "
            f"{declared.canonical}, which drops the base license's conditions",
            terms.source,
            at=at,
        )


@rule("LIC004", "inherited-obligations", "license-obligation", "info", scope="licenses")
def inherited_obligations(ctx: Context) -> Iterator[Hit]:
    """What a derivative must do because of its base models' licenses.

    Lists, for every license along the base-model chain, the obligations that bind the
    release: copies of the agreement, notices to keep, use restrictions to pass downstream,
    thresholds and output clauses. Each comes with the clause it is taken from.
    """
    for link, terms in _chain_terms(ctx):
        for obligation in terms.obligations:
            if obligation.kind in ("naming", "attribution"):
                continue  # checked, not just listed, by LIC005 / LIC006
            yield Hit(f"base-model:{link.model_id}", f"{obligation.kind}: {obligation.text}", obligation.source)


@rule("LIC005", "derivative-naming", "license-obligation", "warning")
def derivative_naming(ctx: Context) -> Iterator[Hit]:
    """The model's name does not follow its base license's naming rule.

    Meta Llama 3 §1.b.i: a model built with Llama 3 must have "Llama 3" at the beginning of its
    name; Llama 3.1 and later: "Llama" at the beginning.
    """
    name = ctx.release.name.strip()
    for _link, terms in _chain_terms(ctx):
        for obligation in terms.obligations:
            if obligation.kind == "naming" and obligation.prefix and not name.lower().startswith(
                obligation.prefix.lower()
            ):
                yield Hit("card", f"name {name!r} must begin with {obligation.prefix!r}: {obligation.text}",
                          obligation.source, at=("name",))


@rule("LIC006", "attribution-missing", "license-obligation", "warning")
def attribution_missing(ctx: Context) -> Iterator[Hit]:
    """A required attribution phrase ("Built with Llama", "Built with Qwen", ...) is not in the card.

    Several model licenses require a fixed phrase to be displayed with derivatives or products.
    The card is the natural place for it; add it to a card section.
    """
    text: str | None = None  # built only for a chain with an attribution clause
    for link, terms in _chain_terms(ctx):
        for obligation in terms.obligations:
            if obligation.kind != "attribution" or not obligation.phrase:
                continue
            if text is None:
                text = _card_text(ctx)
            if obligation.phrase.lower() not in text:
                yield Hit(f"base-model:{link.model_id}",
                          f"the card does not display {obligation.phrase!r}: {obligation.text}", obligation.source,
                          at=("card",))


def _dataset_licenses(ctx: Context) -> Iterator[tuple[int, str, ResolvedLicense, str | None]]:
    for i, dataset in enumerate(ctx.release.datasets):
        if dataset.role == "evaluation":
            continue
        text = dataset.license
        source = None
        if not text:
            known = known_dataset(dataset.id)
            if known is None:
                continue
            text, source = known.license, known.source
        yield i, dataset.id, resolve(text), source


def _commercial_terms(ctx: Context) -> bool:
    declared, _ = ctx.weights_license
    return bool(ctx.release.claims.commercial_use) or (
        declared.known and all(info.commercial != "no" for info in declared.licenses)
    )


@rule("LIC007", "non-commercial-data", "license-conflict", "warning", scope="licenses")
def non_commercial_data(ctx: Context) -> Iterator[Hit]:
    """Training data under a non-commercial license behind commercial terms.

    CC BY-NC allows sharing adapted material "for NonCommercial purposes only" (§2(a)(1)).
    Whether trained weights are adapted material is unsettled, so this is a warning; it is an
    error when the release explicitly claims commercial use.
    """
    if not ctx.release.datasets or not _commercial_terms(ctx):
        return
    claimed = bool(ctx.release.claims.commercial_use)
    for i, dataset_id, resolved, source in _dataset_licenses(ctx):
        if any(info.commercial == "no" for info in resolved.licenses):
            what = "claims commercial use" if claimed else "is released under terms that allow commercial use"
            yield Hit(f"dataset:{dataset_id}",
                      f"trained on {dataset_id} ({resolved.canonical}, non-commercial) but the release {what}",
                      source or "https://creativecommons.org/licenses/by-nc/4.0/legalcode §2(a)(1)",
                      severity="error" if claimed else None, at=("datasets", i, "license"))


@rule("LIC008", "share-alike-data", "license-obligation", "warning", scope="licenses")
def share_alike_data(ctx: Context) -> Iterator[Hit]:
    """Training data under a share-alike license.

    CC BY-SA §3(b) requires adapted material to be shared under the same license; ODbL §4.4
    likewise for derivative databases. If the weights are adapted material (unsettled), they
    would have to carry the same terms. CDLA imposes nothing on results, models included.
    """
    declared, _ = ctx.weights_license
    for i, dataset_id, resolved, source in _dataset_licenses(ctx):
        share_alike = [info for info in resolved.licenses if "-SA-" in info.id or info.id == "ODbL-1.0"]
        if share_alike and not any(info.id in {s.id for s in share_alike} for info in declared.licenses):
            yield Hit(f"dataset:{dataset_id}",
                      f"trained on {dataset_id} ({resolved.canonical}, share-alike); if the weights are adapted "
                      f"material they must be shared under the same license, not {declared.canonical or 'none'}",
                      source or "https://creativecommons.org/licenses/by-sa/4.0/legalcode §3(b)",
                      at=("datasets", i, "license"))


@rule("LIC009", "open-source-claim-license", "openwashing", "error", scope="licenses")
def open_source_claim_license(ctx: Context) -> Iterator[Hit]:
    """The release claims to be open source / OSI-approved under a license that is not OSI-approved.

    Model licenses (Llama, Gemma, RAIL, ...) and CC licenses are not on the OSI-approved list
    (SPDX License List, osiApproved flag).
    """
    claims = ctx.release.claims
    if not (claims.open_source or claims.osi_approved):
        return
    declared, _ = ctx.weights_license
    claim_at = ("claims", "open_source" if claims.open_source else "osi_approved")
    if declared.known and not declared.osi_approved:
        yield Hit("model-parameters-final",
                  f"claims to be open source, but {declared.canonical} is not an OSI-approved license",
                  "https://opensource.org/licenses", at=claim_at)
    for link in ctx.base_chain:
        if link.license is not None and link.license.known and not link.license.osi_approved:
            yield Hit(f"base-model:{link.model_id}",
                      f"claims to be open source, but it derives from {link.model_id} under "
                      f"{link.license.canonical}, which is not OSI-approved",
                      "https://opensource.org/licenses", at=claim_at)


@rule("LIC010", "commercial-claim-conflict", "license-conflict", "error", scope="licenses")
def commercial_claim_conflict(ctx: Context) -> Iterator[Hit]:
    """The release claims commercial use under, or on top of, a non-commercial license.

    E.g. the Mistral AI Research License (§3.2: research purposes only), the Qwen Research
    License, CC BY-NC on the weights themselves.
    """
    if not ctx.release.claims.commercial_use:
        return
    declared, _ = ctx.weights_license
    for info in declared.licenses:
        if info.commercial == "no":
            yield Hit("model-parameters-final", f"claims commercial use, but {info.id} forbids it",
                      info.source, at=("claims", "commercial_use"))
    for link in ctx.base_chain:
        for info in link.license.licenses if link.license else ():
            if info.commercial == "no":
                yield Hit(f"base-model:{link.model_id}",
                          f"claims commercial use, but the base {link.model_id} is under {info.id}, "
                          "which forbids it", info.source, at=("claims", "commercial_use"))


@rule("LIC011", "base-license-unknown", "license-unknown", "warning", scope="licenses")
def base_license_unknown(ctx: Context) -> Iterator[Hit]:
    """A base model's license is neither stated nor known.

    Obligations cannot be checked without it. State ``license`` on the base model entry;
    modelcards never guesses a license.
    """
    for link in ctx.base_chain:
        if link.license is None:
            yield Hit(f"base-model:{link.model_id}",
                      f"the license of base model {link.model_id} is not stated and not known; "
                      "add `license:` to its base_models entry", at=("base_models",))
