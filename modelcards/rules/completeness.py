"""How complete a card is: which sections of the Hub's model card template it fills, and a score.

The sections, their weights (adding up to 100) and the headings real cards write for them are
one sourced table, ``rules/data/completeness.yaml``. A section is *present* when a heading of the
card text matches it (any level, so the template's ``### Out-of-Scope Use`` under ``## Uses``
counts), and *filled* when the text under such a heading says anything (``card_outline``:
placeholders, comments and the template's own boilerplate do not count), or when release facts
fill it: card metadata the Hub shows on the model page (``model-index`` results, ``datasets``),
or what ``modelcards render`` writes from a manifest (the training-data table of its datasets,
the evaluation table, the details and contact lines). So a manifest is judged by the card it
renders, a Hugging Face card by its own text and metadata.

The score is the sum of the weights of the filled sections; ``missing`` names the others, in the
table's order. The batch audit's census counts cards per score decile (``audit/census.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import compress
from operator import not_
from typing import NamedTuple

from modelcards.resources import read_data
from modelcards.rules.card_outline import Head, Outline, last_release, outline
from modelcards.schema import Release
from modelcards.vocabulary import TRAINING_ROLES


class Section(NamedTuple):
    """One section of the template, as the completeness table describes it."""

    name: str
    weight: int
    key: bool
    headings: re.Pattern[str] | None
    excluded: re.Pattern[str] | None
    facts: tuple[str, ...]
    within: str | None = None
    """The section the template nests it in."""

    def matches(self, key: str) -> bool:
        """Whether a heading, normalised (``card_outline.normal_heading``), is this section's."""
        return bool(self.headings is not None and key and self.headings.search(key)
                    and not (self.excluded is not None and self.excluded.search(key)))


@lru_cache(maxsize=1)
def sections() -> tuple[Section, ...]:
    """The table's sections, in its order."""
    table = read_data("modelcards.rules", "completeness.yaml")
    out = tuple(Section(s["name"], int(s["weight"]), bool(s.get("key")),
                        re.compile(s["headings"]) if s.get("headings") else None,
                        re.compile(s["not"]) if s.get("not") else None, tuple(s.get("facts") or ()), s.get("within"))
                for s in table["sections"])
    if sum(s.weight for s in out) != 100:
        raise ValueError("completeness.yaml: the section weights must add up to 100")
    return out


def _fact(name: str, release: Release, found: Outline) -> bool:
    """Whether a release fact fills a section (see the table's ``facts``)."""
    if name == "summary":
        return found.summary_filled()
    if name == "details":
        model = release.model
        return bool(release.producer or model.type or model.architecture or model.parameters)
    if name == "contact":
        return bool(release.contact)
    if name == "training-datasets":
        return any(d.role in TRAINING_ROLES for d in release.datasets)
    if name == "evaluation-results":
        return bool(release.evaluation) or "model-index" in release.extra
    raise ValueError(f"completeness.yaml: unknown fact {name!r}")


class Completeness(NamedTuple):
    """Which sections of the table a card fills."""

    heads: dict[int, tuple[Head, ...]]
    """Section index (in the table) -> the card's headings that match it, for the sections the card has."""
    filled: tuple[bool, ...]
    """Whether the card fills each section, in the table's order."""

    @property
    def score(self) -> int:
        """The summed weights of the filled sections."""
        return sum(compress(_columns()[1], self.filled))

    @property
    def missing(self) -> tuple[str, ...]:
        """The names of the sections not filled, in the table's order."""
        return tuple(compress(_columns()[0], map(not_, self.filled)))

    def heads_of(self, name: str) -> tuple[Head, ...]:
        """The card's headings that match the table's section of that name."""
        return self.heads.get(_places().get(name, -1), ())


@lru_cache(maxsize=1)
def _columns() -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The names and the weights of the table's sections, in its order."""
    return tuple(section.name for section in sections()), tuple(section.weight for section in sections())


@lru_cache(maxsize=1)
def _places() -> dict[str, int]:
    """The index of each section in the table, by name."""
    return {section.name: i for i, section in enumerate(sections())}


Search = Callable[[str], object]


@lru_cache(maxsize=1)
def _searches() -> tuple[tuple[int, Search, Search | None], ...]:
    """(index, search of its headings, search of its exclusions) of each section of the table
    that headings match (``Section.matches``)."""
    return tuple((i, section.headings.search, section.excluded.search if section.excluded is not None else None)
                 for i, section in enumerate(sections()) if section.headings is not None)


@lru_cache(maxsize=8192)
def _sections_of(key: str) -> tuple[int, ...]:
    """Indices of the sections a normalised heading matches (``Section.matches``; headings repeat
    across cards, so each distinct one is matched once)."""
    if not key:
        return ()
    return tuple([i for i, search, excluded in _searches() if search(key) and not (excluded and excluded(key))])


@lru_cache(maxsize=1)
def _with_facts() -> tuple[tuple[int, tuple[str, ...]], ...]:
    """(index, facts) of each section of the table that release facts can fill."""
    return tuple((i, section.facts) for i, section in enumerate(sections()) if section.facts)


def _judge(release: Release) -> Completeness:
    """A section is filled when a heading of it says something, else when one of its facts holds."""
    found = outline(release)
    matched: dict[int, list[Head]] = {}
    for head in found.heads:
        for i in _sections_of(head.key):
            if i in matched:
                matched[i].append(head)
            else:
                matched[i] = [head]
    filled = [False] * len(sections())
    for i, heads in matched.items():
        filled[i] = any(map(found.filled, heads))
    for i, facts in _with_facts():
        if not filled[i]:
            filled[i] = any(_fact(f, release, found) for f in facts)
    return Completeness({i: tuple(heads) for i, heads in matched.items()}, tuple(filled))


judge = last_release(_judge)
"""Which sections of the template the release's card fills, and its score, for the last release
asked about (CARD003 and the report's score ask for the same release in turn)."""


def completeness(release: Release) -> tuple[int, tuple[str, ...]]:
    """(score 0-100, names of the sections not filled): the report's ``completeness``."""
    judged = judge(release)
    return judged.score, judged.missing
