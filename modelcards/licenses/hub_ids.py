"""Translate a release's license into the Hub's ``license`` / ``license_name`` / ``license_link``.

The Hub accepts a fixed list of ids (``data/hub-licenses.yaml``, family ids such as ``bsd``
included); any other license is declared as ``license: other`` with a name and a link.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from modelcards.licenses.resolver import HUB_LICENSES, lookup
from modelcards.resources import read_data

__all__ = ["HUB_LICENSES", "HubLicense", "hub_ids", "hub_license"]


class HubLicense(NamedTuple):
    license: str | None
    license_name: str | None = None
    license_link: str | None = None


@lru_cache(maxsize=1)
def hub_ids() -> frozenset[str]:
    return frozenset(read_data("modelcards.licenses", "hub-licenses.yaml")["ids"])


def hub_license(text: str | None, name: str | None = None, link: str | None = None) -> HubLicense:
    """The Hub form of ``text``; stated ``name``/``link`` are kept as given.

    A license this project does not know is written back as stated rather than turned into
    ``other``: guessing would rewrite what the card says, and the license rules report it."""
    if text is None:
        return HubLicense(None, name, link)
    if text in hub_ids():
        return HubLicense(text, name, link)
    if text.lower() in hub_ids():
        return HubLicense(text.lower(), name, link)
    info = lookup(text)
    if info is not None and info.hub_id:
        if info.hub_id in hub_ids():
            return HubLicense(info.hub_id, name, link)
        if info.hub_id.startswith("other:"):
            return HubLicense("other", name or info.hub_id.split(":", 1)[1], link)
    if info is None and not text.startswith("LicenseRef-"):
        return HubLicense(text, name, link)  # unknown: written as stated, and LIC001 says so
    return HubLicense("other", name or (info.name if info else text), link)
