"""Sourced license obligations and well-known base model / dataset licenses (data files)."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from modelcards.licenses import license_data


@dataclass(frozen=True)
class Obligation:
    kind: str
    text: str
    source: str
    phrase: str | None = None
    prefix: str | None = None


@dataclass(frozen=True)
class LicenseTerms:
    license_id: str
    relicense: str
    """'free': a derivative may carry other terms; 'keep': it must keep these conditions."""
    source: str
    obligations: tuple[Obligation, ...]


@dataclass(frozen=True)
class KnownEntry:
    id: str
    license: str
    source: str
    base: str | None = None


@lru_cache(maxsize=1)
def _terms() -> dict[str, LicenseTerms]:
    raw = license_data("obligations.yaml")["licenses"]
    return {
        license_id: LicenseTerms(
            license_id,
            entry["relicense"],
            entry["source"],
            tuple(Obligation(o["kind"], o["text"], o["source"], o.get("phrase"), o.get("prefix"))
                  for o in entry.get("obligations", [])),
        )
        for license_id, entry in raw.items()
    }


def terms_for(license_id: str) -> LicenseTerms | None:
    return _terms().get(license_id)


@lru_cache(maxsize=1)
def _known() -> dict[str, list[dict[str, Any]]]:
    return license_data("known-models.yaml")


@lru_cache(maxsize=4096)
def _match(section: str, item_id: str) -> KnownEntry | None:
    lowered = item_id.lower()
    for entry in _known()[section]:
        if fnmatch.fnmatchcase(lowered, entry["match"].lower()):
            return KnownEntry(item_id, entry["license"], entry["source"], entry.get("base"))
    return None


def known_model(model_id: str) -> KnownEntry | None:
    """License of a well-known Hub model, from the sourced table; None when not known."""
    return _match("models", model_id)


def known_dataset(dataset_id: str) -> KnownEntry | None:
    return _match("datasets", dataset_id)
