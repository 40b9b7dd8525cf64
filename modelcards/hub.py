"""Hub look-ups the user asked for (``--online``): licenses of base models that the release
does not state and the sourced table does not know.

This is the only module that touches the network, and only through huggingface_hub, which
honours ``HF_ENDPOINT`` (so tests and mirrors can stand in for the Hub). It runs before
``analyze``: it returns a new Release with the looked-up licenses filled in, so analysis
stays a pure function.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from modelcards.licenses.model_ids import id_problem, known_base
from modelcards.schema import Release


def _hub_license(model_id: str, endpoint: str | None) -> str | None:
    from huggingface_hub import HfApi
    from huggingface_hub.errors import HfHubHTTPError

    try:
        info = HfApi(endpoint=endpoint).model_info(model_id)
    except (HfHubHTTPError, OSError, ValueError):
        return None
    card = info.card_data
    license_value = getattr(card, "license", None) if card is not None else None
    if license_value == "other" and card is not None and getattr(card, "license_name", None):
        license_value = card.license_name
    if not license_value:
        tags = [t for t in (info.tags or []) if t.startswith("license:")]
        license_value = tags[0].split(":", 1)[1] if tags else None
    return str(license_value) if license_value else None


def fill_base_licenses(release: Release) -> tuple[Release, list[str]]:
    """(release with Hub licenses for unknown bases, notes on what was looked up)."""
    endpoint = os.environ.get("HF_ENDPOINT")
    notes: list[str] = []
    bases = []
    for base in release.base_models:
        if base.license or known_base(base.id):
            bases.append(base)
            continue
        if id_problem(base.id) is not None:  # a local path or a malformed id: nothing to fetch
            notes.append(f"base model {base.id}: not a Hub repo id, not looked up")
            bases.append(base)
            continue
        found = _hub_license(base.id, endpoint)
        if found:
            notes.append(f"base model {base.id}: license {found!r} from the Hub")
            bases.append(base.model_copy(update={"license": found}))
        else:
            notes.append(f"base model {base.id}: no license found on the Hub")
            bases.append(base)
    return release.model_copy(update={"base_models": bases}), notes


def download_card(repo_id: str, read_file: Callable[[str], str]) -> tuple[str, str]:
    """(README.md text, its URL) of a Hub model repo; ``import hf:org/name`` asked for it.

    ``read_file`` reads the downloaded file with the checks (size, encoding) every card gets; the
    front end passes the readers' own, so that this module stays below the readers."""
    from huggingface_hub import hf_hub_download

    from modelcards.errors import InputError

    origin = f"hf:{repo_id}"
    if repo_id.count("/") > 1 or not repo_id.strip("/"):
        raise InputError.single("expected hf:ORG/NAME (or hf:NAME)", origin)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="modelcards-") as cache:  # a card is small; leave no cache behind
        try:
            path = hf_hub_download(repo_id, "README.md", endpoint=os.environ.get("HF_ENDPOINT"), cache_dir=cache)
            return read_file(path), f"{origin}/README.md"
        except InputError:
            raise
        except Exception as err:
            raise _download_error(err, origin) from None


def _download_error(err: Exception, origin: str) -> Exception:
    from huggingface_hub.errors import EntryNotFoundError, RepositoryNotFoundError

    from modelcards.errors import InputError

    if isinstance(err, RepositoryNotFoundError):
        return InputError.single("no such model repository on the Hub (or it is private: log in first)", origin)
    if isinstance(err, EntryNotFoundError):
        return InputError.single("the repository has no README.md", origin)
    return InputError.single(f"could not download README.md: {err}", origin)



HubFile = tuple[str, "str | None", "int | None"]
"""(path in the repository, LFS SHA-256 or None, size in bytes)."""


def lfs_weight_files(repo_id: str, revision: str | None = None) -> tuple[str | None, list[HubFile]]:
    """(commit, [(path, LFS sha256, size)]) of a Hub model repository at ``revision``: the Hub
    keeps every LFS file's SHA-256, so ``render --online`` puts digests in the BOMs without
    downloading the weights (``readers.weight_digests.with_hub_weights`` keeps the weight files)."""
    from huggingface_hub import HfApi

    info = HfApi(endpoint=os.environ.get("HF_ENDPOINT")).model_info(repo_id, revision=revision, files_metadata=True)
    return info.sha, [(s.rfilename, s.lfs.sha256 if s.lfs else None, s.size) for s in info.siblings or []]
