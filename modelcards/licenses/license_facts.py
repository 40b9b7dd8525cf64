"""``LicenseFacts``: exactly the release fields the license verdicts and the license rules read,
and ``LicenseVerdicts``, what follows from them alone.

A frozen, hashable projection of a Release: the stated licenses (release, defaults, components,
datasets, base models), the custom-license name and link, dataset and base-model identities and
the license claims; never the name or the card text. Rules declared ``needs=LicenseFacts``
receive only this and its verdicts, so the audit can memoise on it.
"""

from __future__ import annotations

from typing import NamedTuple

from modelcards.licenses.lineage import Link, chain_of
from modelcards.licenses.obligations import LicenseTerms, Obligation, terms_for
from modelcards.licenses.resolver import ResolvedLicense, resolve
from modelcards.schema import Release


def checked(obligation: Obligation) -> bool:
    """Whether a rule checks the obligation against the card rather than only listing it: a
    naming rule with its prefix (LIC005), an attribution with a fixed phrase (LIC006). An
    attribution without a phrase (CC BY's "credit the creator") is listed by LIC004."""
    if obligation.kind == "naming":
        return obligation.prefix is not None
    return obligation.kind == "attribution" and bool(obligation.phrases)


class DatasetTerms(NamedTuple):
    id: str
    role: str
    license: str | None


class BaseFacts(NamedTuple):
    id: str
    relation: str | None
    license: str | None


class LicenseFacts(NamedTuple):
    license: str | None
    license_name: str | None
    license_link: str | None
    default_code: str | None
    default_data: str | None
    default_document: str | None
    artifact_licenses: tuple[tuple[str, str], ...]
    """(component id, license) of every component that states its own license, in order."""
    datasets: tuple[DatasetTerms, ...]
    bases: tuple[BaseFacts, ...]
    open_source: bool | None
    osi_approved: bool | None
    commercial_use: bool | None

    @classmethod
    def of(cls, release: Release) -> LicenseFacts:
        defaults, claims, datasets, bases = release.licenses, release.claims, release.datasets, release.base_models
        return cls(
            release.license, release.license_name, release.license_link,
            defaults.code, defaults.data, defaults.document,
            tuple([(k, a.license) for k, a in release.artifacts.items() if a.license]),
            tuple([DatasetTerms(d.id, d.role, d.license) for d in datasets]) if datasets else (),
            tuple([BaseFacts(b.id, b.relation, b.license) for b in bases]) if bases else (),
            claims.open_source, claims.osi_approved, claims.commercial_use,
        )

    def stated(self) -> list[tuple[str, str, tuple[object, ...]]]:
        """(subject, license text, manifest path) for every license the release states, in the
        manifest's order: release, content-type defaults, components, datasets, base models."""
        found: list[tuple[str, str, tuple[object, ...]]] = []
        if self.license:
            found.append(("card", self.license, ("license",)))
        for content_type, value in (("code", self.default_code), ("data", self.default_data),
                                    ("document", self.default_document)):
            if value:
                found.append(("card", value, ("licenses", content_type)))
        for cid, text in self.artifact_licenses:
            found.append((cid, text, ("artifacts", cid, "license")))
        for i, dataset in enumerate(self.datasets):
            if dataset.license:
                found.append((f"dataset:{dataset.id}", dataset.license, ("datasets", i, "license")))
        for i, base in enumerate(self.bases):
            if base.license:
                found.append((f"base-model:{base.id}", base.license, ("base_models", i, "license")))
        return found


class LicenseVerdicts(NamedTuple):
    """What rules declared ``needs=LicenseFacts`` receive next to the facts."""

    chain: tuple[Link, ...]
    """The base-model chain, each link with its license."""
    chain_terms: tuple[tuple[Link, LicenseTerms], ...]
    """(link, terms) for every license with sourced terms along the chain."""
    chain_obligations: tuple[tuple[Link, LicenseTerms, Obligation], ...]
    """(link, terms, obligation) for every obligation along the chain that binds that link's
    model (an obligation limited to some models, the Llama 3.2 EU clause, only for those)."""
    weights: ResolvedLicense
    """The license on the final weights: their own, else the release license (``license_name``
    for ``other``)."""
    weights_at: tuple[object, ...]
    """Where the manifest states it."""
    own_obligations: tuple[Obligation, ...]
    """The terms of the release license itself."""
    inherited: tuple[tuple[Link, Obligation, tuple[str, ...]], ...]
    """Obligations passed down the chain that bind it and are listed, not checked (LIC004): each
    once, as (the first link that passes it down, the obligation, the ids of the other models
    along the chain that pass down the same one). A merge of five Apache-2.0 fine-tunes of
    Mistral owes each Apache-2.0 term once, not six times."""

    @classmethod
    def of(cls, facts: LicenseFacts) -> LicenseVerdicts:
        chain = chain_of(facts.bases) if facts.bases else ()
        chain_terms = tuple([(link, terms) for link in chain if link.license is not None
                             for info in link.license.licenses if (terms := terms_for(info.id)) is not None])
        weights = dict(facts.artifact_licenses).get("model-parameters-final")
        if weights:
            declared, at = resolve(weights), ("artifacts", "model-parameters-final", "license")
        else:
            text = facts.license
            if text and text.strip().lower() == "other" and facts.license_name:
                text = facts.license_name
            declared, at = resolve(text), ("license",)
        own: list[Obligation] = []
        if facts.license:
            for info in resolve(facts.license).licenses:
                terms = terms_for(info.id)
                own.extend(terms.obligations if terms else ())
        binding = tuple([(link, terms, obligation) for link, terms in chain_terms for obligation in terms.obligations
                         if obligation.applies_to(link.model_id)])
        inherited = _once_each([(link, obligation) for link, _terms, obligation in binding if not checked(obligation)])
        return cls(chain, chain_terms, binding, declared, at, tuple(own), inherited)


def _once_each(found: list[tuple[Link, Obligation]]) -> tuple[tuple[Link, Obligation, tuple[str, ...]], ...]:
    """Each obligation once, at the first link that passes it down, with the other models that
    pass down the same one (by kind, text and clause), in chain order."""
    first: dict[tuple[str, str, str], tuple[Link, Obligation, list[str]]] = {}
    for link, obligation in found:
        key = (obligation.kind, obligation.text, obligation.source)
        if key not in first:
            first[key] = (link, obligation, [])
        elif link.model_id != first[key][0].model_id and link.model_id not in first[key][2]:
            first[key][2].append(link.model_id)
    return tuple([(link, obligation, tuple(others)) for link, obligation, others in first.values()])


MOST_NAMED = 5
"""Other models an inherited obligation's text names at most (a merge of merges lists dozens)."""


def inherited_text(obligation: Obligation, others: tuple[str, ...]) -> str:
    """The line LIC004 reports and the README lists for an inherited obligation: its kind and
    text, and the other models that pass it down too."""
    text = f"{obligation.kind}: {obligation.text}"
    if others:
        more = f" and {len(others) - MOST_NAMED} more" if len(others) > MOST_NAMED else ""
        text += f" (also passed down by {', '.join(others[:MOST_NAMED])}{more})"
    return text
