"""Validate every example's SPDX 3.0.1 export with the official validator, spdx3-validate, offline.

spdx3-validate reads three files from spdx.org (the JSON-LD context, the SHACL model and the JSON
schema) through ``urllib.request.urlopen``, and rdflib fetches the document's ``@context`` the same
way. spdx.org is unreachable in CI, so :func:`offline_urls` installs, for the duration of a run, a
urllib opener that answers exactly those three URLs from a local folder of byte-for-byte copies
(``../shared/reference/spdx-3.0.1``; provenance in its ``SOURCE.txt``) and refuses every other URL:
no request leaves the machine. Each copy is checked against its recorded SHA-256 first.

Written by hand because no library serves a fixed set of URLs to urllib; it is a urllib handler
of a few lines (the ``file:`` handler of the standard library cannot rename URLs).

    pip install ".[conformance]" && python scripts/spdx_official_validate.py [--reference DIR]

Exit 0: every example valid; 1: an example failed validation; 2: the validator or the reference
files are missing or altered.
"""

from __future__ import annotations

import argparse
import contextlib
import email.message
import hashlib
import io
import os
import sys
import tempfile
import urllib.error
import urllib.request
import urllib.response
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference" / "spdx-3.0.1"

# URL -> (file in the reference folder, media type, SHA-256 recorded in its SOURCE.txt)
SPDX_3_0_1 = {
    "https://spdx.org/rdf/3.0.1/spdx-context.jsonld": (
        "spdx-context.jsonld", "application/ld+json",
        "c72b0928f094c83e5c127784edb1ebca2af74a104fcacc007c332b23cbc788bd"),
    "https://spdx.org/rdf/3.0.1/spdx-model.ttl": (
        "spdx-model.ttl", "text/turtle",
        "77b058ebbea268db1ad191f54da908945d4c279110a5e28b20eae4ac201a5cf8"),
    "https://spdx.org/schema/3.0.1/spdx-json-schema.json": (
        "spdx-json-schema.json", "application/schema+json",
        "582c64e809d5b3ef9bd0c4de13a32391b47b0284a3e8d199569fb96f649234b1"),
}


class ReferenceError(Exception):
    """The reference folder is missing a file, or a file differs from its recorded checksum."""


def reference_files(folder: Path) -> dict[str, tuple[bytes, str]]:
    """URL -> (bytes, media type) of the three reference files, each checked against its checksum."""
    served = {}
    for url, (name, media_type, sha256) in SPDX_3_0_1.items():
        path = folder / name
        try:
            data = path.read_bytes()
        except OSError as err:
            raise ReferenceError(f"{path}: cannot read the copy of {url}: {err.strerror or err}") from None
        digest = hashlib.sha256(data).hexdigest()
        if digest != sha256:
            raise ReferenceError(f"{path}: sha256 {digest} is not the recorded {sha256} (see SOURCE.txt)")
        served[url] = (data, media_type)
    return served


class _OfflineHandler(urllib.request.BaseHandler):
    """Answers the reference URLs from memory; every other URL is an error, never a request."""

    def __init__(self, served: dict[str, tuple[bytes, str]]) -> None:
        self.served = served
        self.requested: list[str] = []

    def _answer(self, request: urllib.request.Request) -> urllib.response.addinfourl:
        url = request.full_url
        self.requested.append(url)
        if url not in self.served:
            raise urllib.error.URLError(f"offline: {url} is not one of the served SPDX reference files")
        data, media_type = self.served[url]
        headers = email.message.Message()
        headers["Content-Type"] = media_type
        headers["Content-Length"] = str(len(data))
        return urllib.response.addinfourl(io.BytesIO(data), headers, url, 200)

    http_open = https_open = _answer

    def unknown_open(self, request: urllib.request.Request) -> None:
        raise urllib.error.URLError(f"offline: {request.full_url} is not one of the served SPDX reference files")


@contextlib.contextmanager
def offline_urls(folder: Path = REFERENCE) -> Iterator[_OfflineHandler]:
    """While active, ``urllib.request.urlopen`` (and so spdx3-validate and rdflib) reads the SPDX
    3.0.1 reference URLs from ``folder`` and refuses any other URL. Yields the handler, whose
    ``requested`` lists the URLs asked for."""
    handler = _OfflineHandler(reference_files(folder))
    opener = urllib.request.OpenerDirector()  # no default handlers: nothing else can open a URL
    opener.add_handler(handler)
    previous = urllib.request._opener  # the opener urlopen uses (None until one is installed)
    urllib.request.install_opener(opener)
    try:
        yield handler
    finally:
        urllib.request.install_opener(previous)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Outcome:
    path: str
    ok: bool
    output: str


def validate(paths: Sequence[str | os.PathLike[str]], folder: Path = REFERENCE) -> list[Outcome]:
    """Run the official validator (``spdx3_validate.main.main``, exactly what its command runs) on
    each SPDX 3 JSON file, offline. Raises ReferenceError when the reference files are not right."""
    from spdx3_validate.main import main as spdx3_validate_main

    outcomes = []
    with offline_urls(folder):
        for path in paths:
            captured = io.StringIO()
            with contextlib.redirect_stdout(captured):
                status = spdx3_validate_main(["--quiet", "--json", os.fspath(path)])
            outcomes.append(Outcome(os.fspath(path), status == 0, captured.getvalue()))
    return outcomes


def render_examples(out: Path) -> list[Path]:
    """Each example's SPDX export, under ``out/<example>/modelcard.spdx3.json``."""
    import modelcards

    written = []
    for manifest in sorted(ROOT.glob("examples/*/modelcard.yaml")):
        target = out / manifest.parent.name
        modelcards.render(modelcards.load(str(manifest)), str(target), formats=["spdx"])
        written.append(target / "modelcard.spdx3.json")
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, default=Path(os.environ.get("SPDX_REFERENCE", REFERENCE)),
                        help="folder with the three SPDX 3.0.1 files (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        import spdx3_validate  # noqa: F401
    except ImportError:
        print("error: spdx3-validate is not installed (pip install '.[conformance]')", file=sys.stderr)
        return 2
    try:
        reference_files(args.reference)
    except ReferenceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as out:
        outcomes = validate(render_examples(Path(out)), args.reference)
        for outcome in outcomes:
            name = Path(outcome.path).parent.name
            print(f"ok {name}" if outcome.ok else f"FAIL {name}:\n{outcome.output[-2000:]}")
    failures = sum(not o.ok for o in outcomes)
    print(f"spdx3-validate (offline, {args.reference}): {len(outcomes) - failures} of {len(outcomes)} examples valid")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
