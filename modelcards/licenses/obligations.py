"""Sourced license obligations and well-known base model / dataset licenses (data files).

``obligations.yaml``: what each license requires of a derivative; ``known-models.yaml`` and
``known-datasets.yaml``: the license of well-known Hub models and datasets, each entry with its
source. Entries match ids by fnmatch pattern, case-insensitively, first match wins.
"""

from __future__ import annotations

import fnmatch
import re
from functools import lru_cache
from typing import Any, NamedTuple

from modelcards.licenses import license_data
from modelcards.licenses.id_patterns import PatternTable, literal_start


class Obligation(NamedTuple):
    kind: str
    text: str
    source: str
    phrase: str | None = None
    prefix: str | None = None
    phrases: tuple[str, ...] = ()
    """Every wording the clause accepts ("Built with Qwen" or "Improved using Qwen"); a card
    displaying any one of them meets it. ``(phrase,)`` when the data lists only ``phrase``."""
    models: tuple[str, ...] = ()
    """fnmatch patterns of the base models the obligation binds (the Llama 3.2 EU clause binds
    the multimodal models only); empty: every model under the license."""

    def applies_to(self, model_id: str) -> bool:
        """Whether the obligation binds a model with this id (always, unless ``models`` says)."""
        lowered = model_id.lower()
        return not self.models or any(fnmatch.fnmatchcase(lowered, p.lower()) for p in self.models)


class LicenseTerms(NamedTuple):
    license_id: str
    relicense: str
    """'free': a derivative may carry other terms; 'keep': it must keep these conditions."""
    source: str
    obligations: tuple[Obligation, ...]
    compatible: tuple[str, ...] = ()
    """Other licenses a derivative may carry while keeping these terms (a later version, a
    share-alike license with the same elements), as the license text allows."""


class KnownEntry(NamedTuple):
    id: str
    license: str
    source: str
    base: str | None = None


def _obligation(raw: dict[str, Any]) -> Obligation:
    phrase = raw.get("phrase")
    phrases = tuple(raw.get("phrases") or ((phrase,) if phrase else ()))
    return Obligation(raw["kind"], raw["text"], raw["source"], phrase or (phrases[0] if phrases else None),
                      raw.get("prefix"), phrases, tuple(raw.get("models") or ()))


@lru_cache(maxsize=1)
def _terms() -> dict[str, LicenseTerms]:
    raw = license_data("obligations.yaml")["licenses"]
    return {
        license_id: LicenseTerms(
            license_id,
            entry["relicense"],
            entry["source"],
            tuple(_obligation(o) for o in entry.get("obligations", [])),
            tuple(entry.get("compatible") or ()),
        )
        for license_id, entry in raw.items()
    }


def terms_for(license_id: str) -> LicenseTerms | None:
    return _terms().get(license_id)


@lru_cache(maxsize=2)
def _table(name: str, section: str) -> tuple[dict[str, Any], ...]:
    return tuple(license_data(name)[section])


def _entry(raw: dict[str, Any], item_id: str) -> KnownEntry:
    return KnownEntry(item_id, raw["license"], raw["source"], raw.get("base"))


@lru_cache(maxsize=2)
def _patterns(name: str, section: str) -> PatternTable:
    return PatternTable([entry["match"] for entry in _table(name, section)])


def _match(name: str, section: str, item_id: str) -> KnownEntry | None:
    """The first entry of a table whose pattern ``item_id`` matches (``id_patterns``)."""
    index = _patterns(name, section).first(item_id)
    return None if index is None else _entry(_table(name, section)[index], item_id)


@lru_cache(maxsize=4096)
def known_model(model_id: str) -> KnownEntry | None:
    """License of a well-known Hub model, from the sourced table; None when not known."""
    return _match("known-models.yaml", "models", model_id)


def _squashed(text: str) -> str:
    return re.sub(r"[-_\s]", "", text.lower())




@lru_cache(maxsize=1024)
def known_model_by_name(name: str) -> KnownEntry | None:
    """The table entry whose repository-name part (after ``org/``) matches ``name``, when that
    is unambiguous; None otherwise (a bare name is never guessed between two models).

    Unambiguous: the first entry that matches as written is more specific (a longer literal
    beginning) than every other entry that matches, as written or with ``-``, ``_`` and spaces
    ignored. So ``Qwen2.5-3B-Instruct`` is its exact entry, not ``Qwen2.5-*``, while
    ``qwen-2.5-7B`` is ambiguous: ``Qwen-*`` (Qwen 1) as written, ``Qwen2.5-*`` without the
    hyphens. For base models written as a local path or without their organisation
    (``/public/Mistral-7B-Instruct-v0.2``): the model name inside is still recognised."""
    lowered, squashed = name.lower(), _squashed(name)
    matches: list[tuple[bool, int, dict[str, Any]]] = []
    for entry in _table("known-models.yaml", "models"):
        pattern = entry["match"].lower().rsplit("/", 1)[-1]
        written = fnmatch.fnmatchcase(lowered, pattern)
        if written or fnmatch.fnmatchcase(squashed, _squashed(pattern)):
            matches.append((written, len(literal_start(_squashed(pattern))), entry))
    first = next((m for m in matches if m[0]), None)
    if first is None or any(m is not first and m[1] >= first[1] for m in matches):
        return None
    return _entry(first[2], name)


@lru_cache(maxsize=4096)
def known_dataset(dataset_id: str) -> KnownEntry | None:
    """License of a well-known dataset, from the sourced table ``known-datasets.yaml``."""
    return _match("known-datasets.yaml", "datasets", dataset_id)
