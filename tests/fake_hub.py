"""A local HTTP server standing in for the Hugging Face Hub (huggingface_hub honours HF_ENDPOINT).

It answers the calls huggingface_hub makes for model info (``/api/models/<id>``) and file
downloads (``/<id>/resolve/<revision>/<file>``), from an in-memory table of repositories, and
records uploads (commits) so publish can be tested end to end without the real Hub.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

COMMIT = "0123456789abcdef0123456789abcdef01234567"


@dataclass
class Repo:
    info: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)


@dataclass
class HubState:
    repos: dict[str, Repo] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    bodies: list[bytes] = field(default_factory=list)


def _handler(state: HubState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None,
                  content_type: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _not_found(self, kind: str) -> None:
            self._send(404, json.dumps({"error": f"{kind} not found"}).encode(),
                       {"X-Error-Code": "RepoNotFound" if kind == "Repository" else "EntryNotFound"})

        def _route(self) -> None:
            path = self.path.split("?", 1)[0]
            state.requests.append((self.command, path))
            if path == "/api/agent-harnesses":
                self._send(200, json.dumps({"standardEnvVars": [], "harnesses": {}}).encode())
                return
            if path.startswith("/api/models/"):
                repo_id = path[len("/api/models/"):].split("/revision/", 1)[0]  # model_info(revision=...)
                repo = state.repos.get(repo_id)
                if repo is None:
                    self._not_found("Repository")
                    return
                self._send(200, json.dumps(repo.info).encode())
                return
            if "/resolve/" in path:
                repo_id, rest = path.lstrip("/").split("/resolve/", 1)
                filename = rest.split("/", 1)[1] if "/" in rest else ""
                repo = state.repos.get(repo_id)
                if repo is None:
                    self._not_found("Repository")
                    return
                if filename not in repo.files:
                    self._not_found("Entry")
                    return
                data = repo.files[filename]
                etag = hashlib.sha256(data).hexdigest()
                self._send(200, data, {"ETag": f'"{etag}"', "X-Repo-Commit": COMMIT}, "text/plain")
                return
            self._not_found("Repository")

        def do_GET(self) -> None:
            self._route()

        def do_HEAD(self) -> None:
            self._route()

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            path = self.path.split("?", 1)[0]
            state.requests.append(("POST", path))
            state.bodies.append(body)
            if path == "/api/validate-yaml":
                self._send(200, json.dumps({"errors": [], "warnings": []}).encode())
                return
            if path.endswith("/preupload/main"):
                files = json.loads(body or b"{}").get("files", [])
                answer = {"files": [{"path": f["path"], "uploadMode": "regular", "shouldIgnore": False}
                                    for f in files]}
                self._send(200, json.dumps(answer).encode())
                return
            if "/commit/" in path:
                repo_id = path[len("/api/models/"):].split("/commit/", 1)[0]
                url = f"http://{self.headers['Host']}/{repo_id}/commit/{COMMIT}"
                self._send(200, json.dumps({"commitUrl": url, "commitOid": COMMIT}).encode())
                return
            if path == "/api/repos/create":
                self._send(200, json.dumps({"url": f"http://{self.headers['Host']}/repo"}).encode())
                return
            self._not_found("Repository")

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def start(state: HubState) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    # a short poll, so that shutting the server down at a test's end takes milliseconds, not half a second
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
