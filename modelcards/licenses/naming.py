"""The name a naming clause judges (Meta Llama 3 §1.b.i: "Llama 3" at the beginning of the
name): the name the Hub shows for the model, not the card's boilerplate around it.

The Hub page of a model shows its card's title and its repository's name, and the model-index
the ``model_name`` the metadata states, so ``hub_names`` gives each: the release's name (for a
card its title or, without one, its file's name: ``org__name.md`` in a folder of cards, a
README.md's folder), the repository name of ``hf_repo`` (an ``hf:`` source sets it) and
``model_name``. ``judged_name`` drops what is
not the model's name (an organisation prefix, "Model Card for"), ``begins_with`` compares as a
reader would ("Llama-3-8B-Chat" begins with "Llama 3"). ``publisher`` is the organisation the
name or repository gives, so that a licensor's own models are not judged as derivatives.
"""

from __future__ import annotations

import re

from modelcards.schema import Release

_BOILERPLATE = re.compile(r"(?:model\s+card\s+(?:for|of)|model\s+card:)\s*", re.IGNORECASE)
_ORGANISATION = re.compile(r"[\w.-]+/(?=[^/\s])")
_FILE_ORGANISATION = re.compile(r"(?:\d+__)?([\w.-]+?)__(?=[^_\s])")
"""``org__name`` as a folder of cards names its files (``org/name`` with ``/`` written ``__``),
optionally led by an index (``0042__org__name``)."""


def judged_name(name: str) -> str:
    """The model's name as the Hub shows it: without "Model Card for" boilerplate and without
    an organisation prefix (``hugging-quants/Llama-3.2-1B-...`` is named ``Llama-3.2-1B-...``)."""
    name = name.strip()
    name = _BOILERPLATE.sub("", name, count=1) if _BOILERPLATE.match(name) else name
    name = name.strip().strip("`*\"'")
    found = _ORGANISATION.match(name) or _FILE_ORGANISATION.match(name)
    return name[found.end():] if found else name


def publisher(name: str | None) -> str | None:
    """The organisation of an ``org/name`` or ``org__name`` name, lower-cased; None without one."""
    if not name:
        return None
    name = name.strip()
    found = _ORGANISATION.match(name)
    if found:
        return name[:found.end() - 1].lower()
    found = _FILE_ORGANISATION.match(name)
    return found.group(1).lower() if found else None


def own_publisher(release: Release) -> str | None:
    """The organisation that publishes ``release``: its ``hf_repo``'s, else its name's."""
    return publisher(release.hf_repo) or publisher(release.name)


def is_licensors_own(own: str | None, base_model_id: str) -> bool:
    """Whether ``base_model_id`` is published by ``own``, the release's own organisation
    (``own_publisher``; meta-llama's Instruct model of meta-llama's base): then the release is the
    licensor's own model, and a clause a licensee owes the licensor (a name prefix, a "Built with"
    phrase) does not bind it."""
    return own is not None and publisher(base_model_id) == own


def hub_names(release: Release) -> tuple[str, ...]:
    """The names the Hub shows for ``release``, judged (see ``judged_name``): its card's name
    (title, or file name without one) first, then the repository name of ``hf_repo`` and the
    ``model_name`` its metadata states, without repeats. A naming clause is met when one of
    them begins as the clause asks: the Hub page shows them all."""
    found = [judged_name(release.name)]
    stated = release.extra.get("model_name")
    for other in (release.hf_repo, stated if isinstance(stated, str) else None):
        if other and other.strip():
            name = judged_name(other)
            if name and name not in found:
                found.append(name)
    return tuple(found)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[-_]", " ", text).split()).lower()


def begins_with(name: str, prefix: str) -> bool:
    """Whether ``name`` begins with ``prefix``, case-insensitively and with ``-`` and ``_`` read
    as spaces: "Llama-3-8B-Chat" begins with "Llama 3"."""
    return _words(name).startswith(_words(prefix))
