"""Identity of a release and its parts in BOMs: Package URLs and the supplier.

Package URL (purl) of a Hugging Face model, from the purl specification's ``huggingface`` type
(https://github.com/package-url/purl-spec/blob/main/PURL-TYPES.rst#huggingface):
``pkg:huggingface/<namespace>/<name>@<revision>``; the namespace is the user or organisation, the
name the repository, the version the commit id, lowercased. A release without a known revision
gets a purl without a version (valid, and it names the repository, not a file set).

The Hub's datasets have no purl type of their own in the specification, so a dataset gets none;
it is named by its version and Hub link instead.

Written by hand: building a purl is quoting three segments, and packageurl-python is not a
dependency of the package (the tests parse every purl written here with it).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from modelcards.schema import Release

_HUB_ID = re.compile(r"^(?:[A-Za-z0-9][\w.-]*/)?[\w.-]+$")
"""``org/name``, or a legacy id without an organisation (``gpt2``), which has a purl without namespace."""
_COMMIT = re.compile(r"^[0-9a-fA-F]{40}$")


def _segment(text: str) -> str:
    return quote(text, safe="")


def huggingface_purl(repo_id: str | None, revision: str | None = None) -> str | None:
    """``pkg:huggingface/[org/]name[@revision]`` of a Hub model id; None for text that is no Hub id.
    A revision that is not a commit id (a branch or tag name, which moves) is left out."""
    if not repo_id or not _HUB_ID.match(repo_id):
        return None
    purl = "pkg:huggingface/" + "/".join(_segment(part) for part in repo_id.split("/"))
    if revision and _COMMIT.match(revision):
        purl += f"@{revision.lower()}"
    return purl


def release_purl(release: Release) -> str | None:
    return huggingface_purl(release.hf_repo, release.revision)


def contact_email(release: Release) -> str | None:
    """The release's contact when it is an e-mail address."""
    contact = (release.contact or "").removeprefix("mailto:")
    return contact if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", contact) else None
