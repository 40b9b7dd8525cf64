"""`check --online` against a local HTTP server standing in for the Hub (via HF_ENDPOINT)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

MODELS = {"someone/llama3-tune-base": {"id": "someone/llama3-tune-base", "cardData": {"license": "llama3"},
                                       "tags": ["license:llama3"]}}


class _FakeHub(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        prefix = "/api/models/"
        model_id = self.path.split("?", 1)[0][len(prefix):] if self.path.startswith(prefix) else ""
        body = MODELS.get(model_id)
        if body is None:
            self.send_response(404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"error": "Repository not found"}')
            return
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake_hub(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeHub)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{server.server_address[1]}")
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    yield
    server.shutdown()


MANIFEST = """\
name: MyTune-8B
license: apache-2.0
artifacts:
  model-parameters-final: {}
base_models:
  - id: someone/llama3-tune-base
  - id: someone/missing-model
"""


def test_online_fills_unknown_base_licenses_from_the_hub(cli, write, fake_hub):
    path = write("modelcard.yaml", MANIFEST)
    offline = json.loads(cli("check", path, "--format", "json").stdout)
    assert {f["subject"] for f in offline["findings"] if f["rule"] == "LIC011"} == {
        "base-model:someone/llama3-tune-base", "base-model:someone/missing-model"}
    result = cli("check", path, "--format", "json", "--online")
    online = json.loads(result.stdout)
    rules = {(f["rule"], f["subject"]) for f in online["findings"]}
    assert ("LIC003", "base-model:someone/llama3-tune-base") in rules  # llama3 relabelled apache-2.0
    assert ("LIC011", "base-model:someone/missing-model") in rules  # not found: still unknown, not guessed
    assert ("LIC011", "base-model:someone/llama3-tune-base") not in rules
    assert "license 'llama3' from the Hub" in result.stderr
    assert result.exit_code == 1


def test_the_api_online_check_is_the_cli_online_check(cli, write, fake_hub):
    import modelcards

    path = write("modelcard.yaml", MANIFEST)
    notes: list[str] = []
    report = modelcards.check(path, online=True, on_note=notes.append)
    assert report.to_dict() == json.loads(cli("check", path, "--format", "json", "--online").stdout)
    assert notes == ["base model someone/llama3-tune-base: license 'llama3' from the Hub",
                     "base model someone/missing-model: no license found on the Hub"]
    offline = modelcards.check(path)
    assert ("LIC011", "base-model:someone/llama3-tune-base") in {(f.rule, f.subject) for f in offline.findings}
