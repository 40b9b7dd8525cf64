"""Identity and integrity in the BOMs: Hugging Face purls, the producer as supplier and manufacturer,
SHA-256 digests of weight files (``render --weights DIR``), dataset versions; and strict JSON
(no NaN or Infinity) in both BOMs."""

from __future__ import annotations

import hashlib
import io
import json

import pytest
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from packageurl import PackageURL
from test_exports import spdx_problems

import modelcards
from modelcards.errors import InputError
from modelcards.readers.weight_digests import (
    CHUNK,
    digest_weights,
    sha256_of,
    weight_files,
    with_hub_weights,
    with_weight_digests,
)
from modelcards.renderers.cyclonedx import cyclonedx_json
from modelcards.renderers.identity import huggingface_purl
from modelcards.renderers.spdx import spdx_document

MANIFEST = """\
name: Tiny-1B
version: "1.0"
producer: Example Lab
producer_url: https://example.org
contact: mailto:lab@example.org
hf_repo: example/Tiny-1B
revision: 0123456789ABCDEF0123456789abcdef01234567
license: Apache-2.0
datasets:
  - {id: example/corpus, name: Corpus, version: v2.1, license: CC-BY-4.0}
  - {id: example/evalset, role: evaluation, revision: main}
base_models:
  - {id: example/Tiny-1B-base, relation: finetune}
"""
ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"  # FIPS 180-2, "abc"


def _load(write, text=MANIFEST):
    release = modelcards.load(write("modelcard.yaml", text))
    return release, modelcards.analyze(release)


def _model(bom):
    return bom["components"][0]


def test_purls_follow_the_huggingface_purl_type():
    purl = huggingface_purl("EleutherAI/pythia-6.9b", "A" * 40)
    assert purl == "pkg:huggingface/EleutherAI/pythia-6.9b@" + "a" * 40
    parsed = PackageURL.from_string(purl)
    assert (parsed.type, parsed.namespace, parsed.name, parsed.version) == (
        "huggingface", "EleutherAI", "pythia-6.9b", "a" * 40)
    # a branch name moves, so it is no version; an id that is not org/name gets no purl
    assert huggingface_purl("EleutherAI/pythia-6.9b", "main") == "pkg:huggingface/EleutherAI/pythia-6.9b"
    assert huggingface_purl("gpt2") == "pkg:huggingface/gpt2"  # a legacy id without organisation
    assert PackageURL.from_string("pkg:huggingface/gpt2").name == "gpt2"
    assert huggingface_purl("a/b/c") is None and huggingface_purl("my model") is None and huggingface_purl(None) is None


def test_the_boms_name_the_release_by_purl_supplier_and_dataset_version(write):
    release, report = _load(write)
    expected = "pkg:huggingface/example/Tiny-1B@0123456789abcdef0123456789abcdef01234567"
    bom = json.loads(cyclonedx_json(release, report))
    model = _model(bom)
    assert model["purl"] == expected and PackageURL.from_string(model["purl"]).version == expected[-40:]
    assert model["supplier"] == model["manufacturer"] == {
        "name": "Example Lab", "url": ["https://example.org"], "contact": [{"email": "lab@example.org"}]}
    assert model["pedigree"]["ancestors"][0]["purl"] == "pkg:huggingface/example/Tiny-1B-base"
    assert [c.get("version") for c in bom["components"][1:]] == ["v2.1", "main"]
    assert JsonStrictValidator(SchemaVersion.V1_7).validate_str(json.dumps(bom)) is None
    graph = json.loads(spdx_document(release, report))["@graph"]
    [package] = [n for n in graph if n["type"] == "ai_AIPackage" and n["name"] == "Tiny-1B"]
    assert package["software_packageUrl"] == expected
    assert package["externalIdentifier"] == [
        {"type": "ExternalIdentifier", "externalIdentifierType": "packageUrl", "identifier": expected}]
    [producer] = [n for n in graph if n["type"] == "Organization"]
    assert package["suppliedBy"] == producer["spdxId"] and package["originatedBy"] == [producer["spdxId"]]
    versions = {n["name"]: n.get("software_packageVersion") for n in graph if n["type"] == "dataset_DatasetPackage"}
    assert versions == {"Corpus": "v2.1", "example/evalset": "main"}
    assert spdx_problems(spdx_document(release, report)) == []


@pytest.fixture
def weights(tmp_path):
    folder = tmp_path / "weights"
    (folder / "sub").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / "model.safetensors").write_bytes(b"abc")
    big = bytes(range(256)) * (CHUNK // 256 * 2 + 7)  # over two chunks
    (folder / "sub" / "part.bin").write_bytes(big)
    (folder / "config.json").write_text("{}")  # not weights
    (folder / ".git" / "x.bin").write_bytes(b"git object")  # hidden folder
    return folder, hashlib.sha256(big).hexdigest(), len(big)


def test_weight_digests_are_streamed_sha256_of_the_weight_files(weights):
    folder, big_sha, big_size = weights
    assert [p.relative_to(folder).as_posix() for p in weight_files(folder)] == ["model.safetensors", "sub/part.bin"]
    seen = []
    digests = digest_weights(folder, seen.append)
    assert [(d.path, d.sha256, d.size) for d in digests] == [
        ("model.safetensors", ABC_SHA256, 3), ("sub/part.bin", big_sha, big_size)]
    assert max(seen) == CHUNK and sum(seen) == 3 + big_size  # read in chunks, every byte once
    assert sha256_of(folder / "model.safetensors") == ABC_SHA256


def test_a_folder_without_weights_is_a_located_error(tmp_path):
    (tmp_path / "README.md").write_text("# card")
    with pytest.raises(InputError, match="no weight files") as caught:
        weight_files(tmp_path)
    assert caught.value.problems[0].location.path == str(tmp_path)
    with pytest.raises(InputError, match="not a folder"):
        weight_files(tmp_path / "README.md")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_progress_bar_and_a_pipe_none(write, weights):
    folder, _, _ = weights
    release, _ = _load(write)
    terminal, pipe = _Terminal(), io.StringIO()
    assert with_weight_digests(release, folder, terminal).weights == with_weight_digests(release, folder, pipe).weights
    assert "hashing weights" in terminal.getvalue() and pipe.getvalue() == ""


def test_a_digest_that_differs_from_the_manifest_is_refused(write, weights):
    folder, _, _ = weights
    stated = MANIFEST + f"weights:\n  - {{path: model.safetensors, sha256: '{'0' * 64}'}}\n" \
                        f"  - {{path: elsewhere.gguf, sha256: '{'1' * 64}'}}\n"
    release, _ = _load(write, stated)
    with pytest.raises(InputError, match="differs from the manifest's 000") as caught:
        with_weight_digests(release, folder)
    assert caught.value.problems[0].location.path.endswith("model.safetensors")
    agreeing = stated.replace("0" * 64, ABC_SHA256)
    release, _ = _load(write, agreeing)
    assert [w.path for w in with_weight_digests(release, folder).weights] == [
        "model.safetensors", "sub/part.bin", "elsewhere.gguf"]  # stated-only files are kept


def test_one_weights_file_is_the_models_digest(write, tmp_path):
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / "model.safetensors").write_bytes(b"abc")
    release, report = _load(write)
    release = with_weight_digests(release, tmp_path / "w")
    model = _model(json.loads(cyclonedx_json(release, report)))
    assert model["hashes"] == [{"alg": "SHA-256", "content": ABC_SHA256}]
    assert model["components"] == [{"type": "file", "bom-ref": "weights-1", "name": "model.safetensors",
                                    "hashes": [{"alg": "SHA-256", "content": ABC_SHA256}],
                                    "properties": [{"name": "modelcards:size-bytes", "value": "3"}]}]
    graph = json.loads(spdx_document(release, report))["@graph"]
    [package] = [n for n in graph if n["type"] == "ai_AIPackage" and n["name"] == "Tiny-1B"]
    assert package["verifiedUsing"] == [{"type": "Hash", "algorithm": "sha256", "hashValue": ABC_SHA256}]


def test_sharded_weights_are_files_of_the_model(write, weights):
    folder, big_sha, _ = weights
    release, report = _load(write)
    release = with_weight_digests(release, folder)
    for version in ("1.6", "1.7"):
        text = cyclonedx_json(release, report, version)
        assert JsonStrictValidator(SchemaVersion.from_version(version)).validate_str(text) is None
        model = _model(json.loads(text))
        assert "hashes" not in model  # no one digest stands for two files
        assert [(c["name"], c["hashes"][0]["content"]) for c in model["components"]] == [
            ("model.safetensors", ABC_SHA256), ("sub/part.bin", big_sha)]
    text = spdx_document(release, report)
    assert spdx_problems(text) == []
    graph = json.loads(text)["@graph"]
    files = {n["spdxId"]: (n["name"], n["verifiedUsing"][0]["hashValue"])
             for n in graph if n["type"] == "software_File"}
    assert sorted(files.values()) == [("model.safetensors", ABC_SHA256), ("sub/part.bin", big_sha)]
    [package] = [n for n in graph if n["type"] == "ai_AIPackage" and n["name"] == "Tiny-1B"]
    [contains] = [r for r in graph if r["type"] == "Relationship" and r["relationshipType"] == "contains"]
    assert contains["from"] == package["spdxId"] and sorted(contains["to"]) == sorted(files)
    assert "verifiedUsing" not in package


def _reject_constant(name: str) -> None:
    raise AssertionError(f"non-standard JSON constant {name}")


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_the_boms_are_strict_json_whatever_the_manifest_holds(write, value):
    text = MANIFEST + f"""\
evaluation:
  - {{task_type: text-generation, dataset: {{type: example/evalset, name: Eval}}, metric_type: accuracy,
     metric_value: {value}}}
  - {{task_type: text-generation, dataset: {{type: example/evalset, name: Eval}}, metric_type: f1, metric_value: 0.5}}
extra: {{score: {value}}}
"""
    release, report = _load(write, text)
    bom = json.loads(cyclonedx_json(release, report), parse_constant=_reject_constant)
    assert _model(bom)["modelCard"]["quantitativeAnalysis"]["performanceMetrics"] == [
        {"type": "f1", "value": "0.5", "slice": "Eval"}]
    graph = json.loads(spdx_document(release, report), parse_constant=_reject_constant)["@graph"]
    [package] = [n for n in graph if n["type"] == "ai_AIPackage" and n["name"] == "Tiny-1B"]
    assert package["ai_metric"] == [{"type": "DictionaryEntry", "key": "Eval: f1", "value": "0.5"}]


def test_a_non_finite_training_fact_is_a_located_error(write):
    text = MANIFEST + "training_facts:\n  compute:\n    flop: .inf\n"
    with pytest.raises(InputError) as caught:
        modelcards.load(write("modelcard.yaml", text))
    [problem] = caught.value.problems
    assert problem.location.line == text.splitlines().index("    flop: .inf") + 1
    assert "training_facts.compute.flop: input should be a finite number" in problem.message


def test_the_hubs_lfs_digests_become_the_weights_and_the_commit_the_purl_version(write):
    release, report = _load(write, MANIFEST.replace("revision: 0123456789ABCDEF0123456789abcdef01234567\n", ""))
    commit = "fedcba9876543210fedcba9876543210fedcba98"
    listing = [("config.json", None, 600), ("model-00001-of-00002.safetensors", "1" * 64, 10),
               ("model-00002-of-00002.safetensors", "2" * 64, 11), ("tokenizer.json", None, 9)]
    filled = with_hub_weights(release, commit, listing)
    assert [(w.path, w.sha256, w.size) for w in filled.weights] == [
        ("model-00001-of-00002.safetensors", "1" * 64, 10), ("model-00002-of-00002.safetensors", "2" * 64, 11)]
    model = _model(json.loads(cyclonedx_json(filled, report)))
    assert model["purl"] == f"pkg:huggingface/example/Tiny-1B@{commit}"
    stated, _ = _load(write, MANIFEST + "weights:\n"
                      f"  - {{path: model-00001-of-00002.safetensors, sha256: '{'3' * 64}'}}\n")
    with pytest.raises(InputError, match="on the Hub differs from the manifest's 333"):
        with_hub_weights(stated, commit, listing)
    # a revision the manifest states is kept
    assert with_hub_weights(_load(write)[0], commit, listing).revision == "0123456789ABCDEF0123456789abcdef01234567"


def test_render_online_takes_the_weight_digests_from_the_hubs_lfs_listing(cli, tmp_path, hub):
    from fake_hub import Repo

    digest = hashlib.sha256(b"weights").hexdigest()
    commit = "a" * 40
    hub.repos["lab/tiny-1b"] = Repo({
        "id": "lab/tiny-1b", "sha": commit,
        "siblings": [{"rfilename": "model.safetensors", "size": 7,
                      "lfs": {"sha256": digest, "size": 7, "pointerSize": 130}},
                     {"rfilename": "README.md", "size": 100}]})
    manifest = tmp_path / "modelcard.yaml"
    manifest.write_text("name: Tiny-1B\nlicense: apache-2.0\nhf_repo: lab/tiny-1b\n", encoding="utf-8")
    result = cli("render", str(manifest), "-o", str(tmp_path / "out"), "--formats", "cyclonedx", "--online")
    assert result.exit_code == 0, result.output
    bom = json.loads((tmp_path / "out" / "modelcard.cdx.json").read_text(encoding="utf-8"))
    model = next(c for c in bom["components"] if c["type"] == "machine-learning-model")
    assert model["purl"] == f"pkg:huggingface/lab/tiny-1b@{commit}"
    assert {"alg": "SHA-256", "content": digest} in model["hashes"]  # one weight file: the model's own hash
    assert any(("GET", p) in hub.requests for p in ("/api/models/lab/tiny-1b", "/api/models/lab/tiny-1b/revision/main"))

    unnamed = tmp_path / "unnamed.yaml"
    unnamed.write_text("name: Tiny-1B\nlicense: apache-2.0\n", encoding="utf-8")
    refused = cli("render", str(unnamed), "-o", str(tmp_path / "out2"), "--online")
    assert refused.exit_code == 2 and "hf_repo" in refused.stderr
    missing = tmp_path / "missing.yaml"
    missing.write_text("name: Tiny-1B\nlicense: apache-2.0\nhf_repo: lab/not-there\n", encoding="utf-8")
    gone = cli("render", str(missing), "-o", str(tmp_path / "out3"), "--online")
    assert gone.exit_code == 2 and "cannot list hf:lab/not-there" in gone.stderr and "Traceback" not in gone.output
