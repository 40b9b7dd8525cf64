"""The name a naming clause judges (Meta Llama 3 §1.b.i: "Llama 3" at the beginning of the
name): the name the Hub shows for the model, not the card's boilerplate around it.

Readers give a release's name as the card states it (a title, an ``organisation/name`` id);
``judged_name`` drops what is not the model's name, ``begins_with`` compares as a reader
would ("Llama-3-8B-Chat" begins with "Llama 3").
"""

from __future__ import annotations

import re

_BOILERPLATE = re.compile(r"(?:model\s+card\s+(?:for|of)|model\s+card:)\s*", re.IGNORECASE)
_ORGANISATION = re.compile(r"[\w.-]+/(?=[^/\s])")


def judged_name(name: str) -> str:
    """The model's name as the Hub shows it: without "Model Card for" boilerplate and without
    an organisation prefix (``hugging-quants/Llama-3.2-1B-...`` is named ``Llama-3.2-1B-...``)."""
    name = name.strip()
    name = _BOILERPLATE.sub("", name, count=1) if _BOILERPLATE.match(name) else name
    name = name.strip().strip("`*\"'")
    found = _ORGANISATION.match(name)
    return name[found.end():] if found else name


def _words(text: str) -> str:
    return " ".join(re.sub(r"[-_]", " ", text).split()).lower()


def begins_with(name: str, prefix: str) -> bool:
    """Whether ``name`` begins with ``prefix``, case-insensitively and with ``-`` and ``_`` read
    as spaces: "Llama-3-8B-Chat" begins with "Llama 3"."""
    return _words(name).startswith(_words(prefix))
