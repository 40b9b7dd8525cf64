"""SHA-256 digests of the weight files in a folder, for ``render --weights DIR``.

A BOM's integrity check needs the digest of each file a user downloads. Weights are many
gigabytes, so each file is read as a stream of fixed-size chunks (memory stays flat), and on a
terminal a progress bar counts the bytes. The digests join the release as ``weights``, the same
field a manifest fills when it states them (e.g. the Hub's LFS sha256 of each file), so the SPDX
and CycloneDX writers read one field whichever way the digests came.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from modelcards.errors import InputError
from modelcards.schema import Release
from modelcards.schema.release import WeightFile

WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth", ".ckpt", ".gguf", ".onnx", ".h5", ".msgpack",
                   ".npz", ".pkl", ".tflite", ".mlmodel")
"""File endings of weight formats (safetensors, PyTorch, GGUF, ONNX, Keras/TF, Flax, NumPy, pickle)."""
CHUNK = 1024 * 1024


def weight_files(directory: str | os.PathLike[str]) -> list[Path]:
    """The weight files under ``directory`` (recursively, hidden folders such as ``.git`` and
    ``.cache`` skipped), in path order. Raises a located InputError when there is none."""
    root = Path(directory)
    if not root.is_dir():
        raise InputError.single("--weights needs a folder of weight files; this is not a folder", str(root))
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        found.extend(Path(folder) / name for name in names
                     if name.lower().endswith(WEIGHT_SUFFIXES) and not name.startswith("."))
    if not found:
        raise InputError.single(f"no weight files ({', '.join(WEIGHT_SUFFIXES[:6])}, ...) in this folder", str(root))
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def sha256_of(path: Path, advance: Callable[[int], None] | None = None) -> str:
    """The SHA-256 of a file, read in chunks; ``advance`` receives each chunk's size."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            if advance is not None:
                advance(len(chunk))
    return digest.hexdigest()


def digest_weights(directory: str | os.PathLike[str],
                   advance: Callable[[int], None] | None = None) -> list[WeightFile]:
    """A WeightFile (path relative to ``directory``, sha256, size) per weight file."""
    root = Path(directory)
    digests = []
    for path in weight_files(root):
        try:
            digests.append(WeightFile(path=path.relative_to(root).as_posix(), sha256=sha256_of(path, advance),
                                      size=path.stat().st_size))
        except OSError as err:
            raise InputError.single(f"cannot read weight file: {err.strerror or err}", str(path)) from None
    return digests


def _progress(total: int, stream: IO[str]) -> Iterator[Callable[[int], None]]:
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn, TransferSpeedColumn

    with Progress("hashing weights", BarColumn(), DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn(),
                  console=Console(file=stream), transient=True) as bar:
        task = bar.add_task("sha256", total=total)
        yield lambda size: bar.advance(task, size)


def with_weight_digests(release: Release, directory: str | os.PathLike[str], stream: IO[str] | None = None) -> Release:
    """``release`` with ``weights`` set to the digests of the files in ``directory``; a progress bar
    on ``stream`` when it is a terminal. Digests the manifest states for the same paths must match,
    or this raises a located InputError (a changed file is a release that no longer matches its
    manifest)."""
    files = weight_files(directory)
    if stream is not None and stream.isatty():
        total = sum(p.stat().st_size for p in files)
        progress = _progress(total, stream)
        advance = next(progress)
        try:
            digests = digest_weights(directory, advance)
        finally:
            progress.close()
    else:
        digests = digest_weights(directory)
    stated = {w.path: w for w in release.weights}
    for found in digests:
        known = stated.get(found.path)
        if known is not None and known.sha256 != found.sha256:
            raise InputError.single(f"sha256 {found.sha256} differs from the manifest's {known.sha256} "
                                    f"for {found.path}", str(Path(directory) / found.path))
    computed = {w.path for w in digests}
    kept = [w for w in release.weights if w.path not in computed]
    return release.model_copy(update={"weights": [*digests, *kept]})


def with_hub_weights(release: Release, commit: str | None,
                     entries: Iterable[tuple[str, str | None, int | None]]) -> Release:
    """``release`` with the weight files of a Hub revision, from the Hub's listing: (path, LFS sha256,
    size) per file, as ``modelcards.hub`` reads it with ``--online``. The Hub keeps the SHA-256 of
    every LFS file, so nothing is downloaded. The commit becomes the release's ``revision`` (its
    purl's version) when the manifest states none. A digest the manifest states differently is a
    located error, as for ``--weights``."""
    found = [WeightFile(path=path, sha256=sha256, size=size) for path, sha256, size in entries
             if sha256 and path.lower().endswith(WEIGHT_SUFFIXES)]
    stated = {w.path: w for w in release.weights}
    for weight in found:
        known = stated.get(weight.path)
        if known is not None and known.sha256 != weight.sha256:
            raise InputError.single(f"sha256 {weight.sha256} on the Hub differs from the manifest's {known.sha256} "
                                    f"for {weight.path}", f"hf:{release.hf_repo}@{commit or 'main'}")
    listed = {w.path for w in found}
    update: dict[str, object] = {"weights": [*found, *(w for w in release.weights if w.path not in listed)]}
    if commit and not release.revision:
        update["revision"] = commit
    return release.model_copy(update=update)
