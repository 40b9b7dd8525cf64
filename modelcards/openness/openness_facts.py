"""``OpennessFacts``: exactly the release fields the openness verdicts and the openness rules read.

A frozen, hashable projection of a Release. The component statuses, the MOF / OSAID / EOSAI
verdicts and every rule declared ``needs=OpennessFacts`` are computed from it alone, so two
releases with equal facts get equal verdicts: the audit memoises on it, and a field that is not
here cannot be read by those rules.
"""

from __future__ import annotations

from typing import NamedTuple

from modelcards.licenses.obligations import known_dataset
from modelcards.schema import Dataset, Release
from modelcards.schema.repo_ids import repo_id_problem


def _known_license(dataset_id: str) -> str | None:
    """A dataset's license from the sourced known-datasets table, when the release states none:
    unknown (None) otherwise, never guessed."""
    known = known_dataset(dataset_id)
    return known.license if known is not None else None


def _located_by_id(dataset: Dataset) -> bool:
    """Whether a public dataset is located by its id alone: a Hub dataset id (``org/name``, or a
    legacy ``name``, by the syntax HUB010 judges ``datasets`` entries with) is at
    huggingface.co/datasets/<id>, with its dataset card, and a URL given as the id is where it
    is. A description ("Indonesian Wikipedia") or a path locates nothing."""
    name = dataset.id.strip()
    if dataset.availability != "public":
        return False
    if name.startswith(("https://", "http://")) and " " not in name:
        return True
    return repo_id_problem(name) is None


class ArtifactFacts(NamedTuple):
    """A listed component: its id, own license and availability."""

    id: str
    license: str | None
    availability: str
    own_terms_only: bool = False
    """Inferred from a card and published elsewhere (a code repository, a paper): the card's
    license does not reach it, so without a license of its own it is unlicensed."""


class DatasetFacts(NamedTuple):
    """A dataset as openness sees it: no id or name, only its role, terms and whether it is described."""

    role: str
    license: str | None
    availability: str
    described: bool
    """It has a location, a data card or a description (OSAID data information). A public
    dataset with a Hub id (``org/name``, or a legacy ``name``) is located: the Hub serves it,
    with its dataset card, at huggingface.co/datasets/<id>; one whose id is a URL is there."""


class OpennessFacts(NamedTuple):
    license: str | None
    """The release license."""
    default_code: str | None
    default_data: str | None
    default_document: str | None
    artifacts: tuple[ArtifactFacts, ...]
    """In the release's order."""
    datasets: tuple[DatasetFacts, ...]
    """Each distinct one once, in the release's order of first mention: the statuses and verdicts
    ask which datasets of a role there are and whether all, some or none of them are open or
    described, never how many, so releases listing the same datasets more often share a memo entry."""
    open_source: bool | None
    open_weights: bool | None
    open_data: bool | None
    architecture_stated: bool
    """The release states its architecture (EOSAI)."""

    @classmethod
    def of(cls, release: Release) -> OpennessFacts:
        defaults, claims = release.licenses, release.claims
        datasets = release.datasets
        return cls(
            release.license, defaults.code, defaults.data, defaults.document,
            tuple([ArtifactFacts(k, a.license, a.availability, a.inferred and a.location is not None)
                   for k, a in release.artifacts.items()]),
            tuple(dict.fromkeys([DatasetFacts(d.role, d.license or _known_license(d.id), d.availability,
                                              bool(d.location or d.data_card or d.description) or _located_by_id(d))
                                 for d in datasets])) if datasets else (),
            claims.open_source, claims.open_weights, claims.open_data,
            bool(release.model.architecture),
        )

    def default_for(self, content_type: str) -> str | None:
        """The release's default license for a content type (``licenses.<content type>``)."""
        if content_type == "code":
            return self.default_code
        if content_type == "data":
            return self.default_data
        return self.default_document

    def artifact(self, component_id: str) -> ArtifactFacts | None:
        for artifact in self.artifacts:
            if artifact.id == component_id:
                return artifact
        return None
