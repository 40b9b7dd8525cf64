"""The official SPDX 3 validator (spdx3-validate) on modelcards' SPDX exports, offline.

The validator's three spdx.org files are served from ``../shared/reference/spdx-3.0.1`` by
``scripts/spdx_official_validate.py``; where that folder is absent, only the validator runs skip.
It costs about 4 s a document (JSON schema and SHACL), so the validator runs are slow tests
(``-m slow``, which .ci/run runs: the two fully described examples, a broken document and every
example); the default suite checks the offline opener and the reference files it is given.
"""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import modelcards
from scripts.spdx_official_validate import REFERENCE, SPDX_3_0_1, ReferenceError, offline_urls, validate

from conftest import EXAMPLES

needs_reference = pytest.mark.skipif(not REFERENCE.is_dir(), reason=f"{REFERENCE} is absent")
CONTEXT = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"


def _export(manifest, out, shards: int = 0) -> str:
    """The SPDX export of a manifest, with the digests of ``shards`` stand-in weight files."""
    release = modelcards.load(str(manifest))
    if shards:
        from modelcards.readers.weight_digests import with_weight_digests

        (out / "weights").mkdir(parents=True)
        for index in range(shards):
            (out / "weights" / f"model-{index}.safetensors").write_bytes(b"stand-in %d" % index)
        release = with_weight_digests(release, out / "weights")
    modelcards.render(release, str(out), formats=["spdx"])
    return str(out / "modelcard.spdx3.json")


def _example(name: str):
    return next(p for p in EXAMPLES if p.parent.name == name)


def _fake_reference(tmp_path):
    """A reference folder whose files are not the recorded ones."""
    for name, _, _ in SPDX_3_0_1.values():
        (tmp_path / name).write_text("{}")
    return tmp_path


def test_the_offline_opener_refuses_every_other_url(monkeypatch):
    from scripts import spdx_official_validate

    monkeypatch.setattr(spdx_official_validate, "reference_files",
                        lambda folder: {CONTEXT: (b'{"@context": {}}', "application/ld+json")})
    before = urllib.request._opener
    with offline_urls() as handler:
        with urllib.request.urlopen(CONTEXT) as answer:
            assert json.loads(answer.read()) == {"@context": {}}
            assert answer.headers["Content-Type"] == "application/ld+json"
        for url in ("https://spdx.org/rdf/3.0.1/other.ttl", "http://example.org/", "ftp://example.org/x"):
            with pytest.raises(urllib.error.URLError, match="offline"):
                urllib.request.urlopen(url)
    assert handler.requested == [CONTEXT, "https://spdx.org/rdf/3.0.1/other.ttl", "http://example.org/"]
    assert urllib.request._opener is before  # the previous opener is back


def test_altered_reference_files_are_refused(tmp_path):
    with pytest.raises(ReferenceError, match="is not the recorded"), offline_urls(_fake_reference(tmp_path)):
        pass
    (tmp_path / "spdx-context.jsonld").unlink()
    with pytest.raises(ReferenceError, match="cannot read"):
        validate([], tmp_path)


@needs_reference
@pytest.mark.parametrize(("name", "shards"), [pytest.param("pythia-6.9b", 2, marks=pytest.mark.slow),
                                                   pytest.param("olmo-7b", 1, marks=pytest.mark.slow)])
def test_the_official_validator_accepts_the_fully_described_examples(tmp_path, name, shards):
    """With their training facts, and weight digests (files, hashes, ``contains``) from --weights."""
    path = _export(_example(name), tmp_path, shards)
    text = Path(path).read_text(encoding="utf-8")
    assert '"software_File"' in text and '"ai_hyperparameter"' in text
    [outcome] = validate([path])
    assert outcome.ok, outcome.output


@pytest.mark.slow  # seconds of work: run by .ci/run with the slow tests
@needs_reference
def test_the_official_validator_rejects_a_broken_document(tmp_path):
    path = _export(_example("pythia-6.9b"), tmp_path)
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    for node in data["@graph"]:
        if node["type"] == "ai_AIPackage":
            node["software_primaryPurpose"] = "not-a-purpose"
            node["ai_autonomyType"] = "sometimes"
    broken = tmp_path / "broken.spdx3.json"
    broken.write_text(json.dumps(data))
    incomplete = tmp_path / "incomplete.spdx3.json"  # a document element without its required properties
    incomplete.write_text(json.dumps({"@context": CONTEXT, "@graph": [{"type": "SpdxDocument", "spdxId": "urn:x"}]}))
    shacl, schema = validate([broken, incomplete])
    assert not shacl.ok and "not-a-purpose" in shacl.output and "sometimes" in shacl.output
    assert "SHACL Validation failed" in shacl.output
    assert not schema.ok and "JSON Schema validation failed" in schema.output


@needs_reference
@pytest.mark.slow
@pytest.mark.parametrize("manifest", EXAMPLES, ids=lambda p: p.parent.name)
def test_the_official_validator_accepts_every_example(tmp_path, manifest):
    [outcome] = validate([_export(manifest, tmp_path)])
    assert outcome.ok, outcome.output


def test_the_script_names_a_missing_reference_folder(tmp_path, capsys):
    from scripts.spdx_official_validate import main

    shutil.rmtree(tmp_path)
    assert main(["--reference", str(tmp_path)]) == 2
    assert str(tmp_path) in capsys.readouterr().err
