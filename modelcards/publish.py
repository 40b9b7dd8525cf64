"""Pre-publish guard and ``publish``: nothing reaches the Hub while the release has error findings.

``guard(folder)`` is for release scripts: it reads the folder's manifest (modelcard.yaml, else
its README.md card), analyses it and raises ``PublishBlocked`` with the error findings.
``publish`` renders the outputs into the folder, guards, and uploads the folder with
huggingface_hub (HF_ENDPOINT honoured), or with ``dry_run`` lists what it would upload.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from modelcards.errors import InputError
from modelcards.report import Finding, Report

if TYPE_CHECKING:
    from modelcards.readers.dispatch import Source

MANIFEST_NAMES = ("modelcard.yaml", "modelcard.yml")


class PublishBlocked(Exception):
    """The release has error-level findings; ``findings`` lists them."""

    def __init__(self, source: str, findings: list[Finding]) -> None:
        self.source = source
        self.findings = findings
        lines = [f"{source}: {f.rule} [{f.subject}] {f.message}" for f in findings]
        super().__init__(f"{len(findings)} error-level finding(s) block publishing:\n" + "\n".join(lines))


def find_manifest(folder: str | Path) -> Path:
    root = Path(folder)
    if not root.is_dir():
        raise InputError.single("not a directory", str(root))
    for name in (*MANIFEST_NAMES, "README.md"):
        if (root / name).is_file():
            return root / name
    raise InputError.single("no modelcard.yaml or README.md in this folder", str(root))


def guard(folder: str | Path) -> Report:
    """The folder's report; raises PublishBlocked when it has error findings, InputError on bad input."""
    from modelcards.readers.dispatch import read_source

    manifest = find_manifest(folder)
    return _guarded(manifest, read_source(str(manifest)))


def _guarded(manifest: Path, source: Source) -> Report:
    """``guard`` for a manifest already read (``publish`` reads it once for rendering and this)."""
    from modelcards.analysis import analyze

    report = analyze(source.release, source=str(manifest), locate=source.locate)
    errors = [f for f in report.findings if f.severity == "error"]
    if errors:
        raise PublishBlocked(str(manifest), errors)
    return report


@dataclass
class PublishResult:
    repo_id: str
    files: list[str] = field(default_factory=list)
    commit_url: str | None = None
    dry_run: bool = False


def upload_candidates(folder: Path) -> list[str]:
    """Files an upload would send: everything but hidden files and folders."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def publish(folder: str | Path, repo_id: str, *, dry_run: bool = False, token: str | None = None,
            commit_message: str | None = None) -> PublishResult:
    import os

    from modelcards.readers.dispatch import read_source
    from modelcards.renderers import outputs

    root = Path(folder)
    manifest = find_manifest(root)
    source = read_source(str(manifest))
    rendered: set[str] = set()
    if manifest.name in MANIFEST_NAMES:
        planned = outputs.plan(source.release, root)
        rendered = {str(item.path.relative_to(root)) for item in planned.files}
        if not dry_run:
            outputs.write(planned)
        elif planned.refusals:
            raise outputs.RenderRefused(list(planned.refusals))
    _guarded(manifest, source)
    files = sorted(set(upload_candidates(root)) | rendered)
    if dry_run:
        return PublishResult(repo_id, files, None, True)
    from huggingface_hub import HfApi

    api = HfApi(endpoint=os.environ.get("HF_ENDPOINT"), token=token)
    info = api.upload_folder(folder_path=str(root), repo_id=repo_id, repo_type="model",
                             commit_message=commit_message or "Publish release with modelcards",
                             ignore_patterns=[".*", "**/.*"])
    return PublishResult(repo_id, files, getattr(info, "commit_url", None) or str(info), False)
