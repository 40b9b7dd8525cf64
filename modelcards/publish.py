"""Pre-publish guard and ``publish``: nothing reaches the Hub while the release has failing findings.

``guard(folder)`` is for release scripts: it checks the folder's manifest (modelcard.yaml, else
its README.md card) and raises ``PublishBlocked`` with the findings at or above the threshold
(``[tool.modelcards] fail-on`` when settings are given; errors otherwise). ``publish`` renders the
outputs into the folder, guards, and uploads the folder with huggingface_hub (HF_ENDPOINT
honoured), or with ``dry_run`` lists what it would upload. Both run ``modelcards.api``; a publish
analyses the release once, for rendering and the guard alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from modelcards.errors import InputError
from modelcards.report import Finding, Report

if TYPE_CHECKING:
    from modelcards.config import Settings

MANIFEST_NAMES = ("modelcard.yaml", "modelcard.yml")


class PublishBlocked(Exception):
    """The release has failing findings (error-level unless the threshold says otherwise); ``findings``
    lists them."""

    def __init__(self, source: str, findings: list[Finding], threshold: str = "error") -> None:
        self.source = source
        self.findings = findings
        self.threshold = threshold
        lines = [f"{source}: {f.rule} [{f.subject}] {f.message}" for f in findings]
        level = "error-level" if threshold == "error" else f"{threshold}-level or worse"
        super().__init__(f"{len(findings)} {level} finding(s) block publishing:\n" + "\n".join(lines))


def find_manifest(folder: str | Path) -> Path:
    root = Path(folder)
    if not root.is_dir():
        raise InputError.single("not a directory", str(root))
    for name in (*MANIFEST_NAMES, "README.md"):
        if (root / name).is_file():
            return root / name
    raise InputError.single("no modelcard.yaml or README.md in this folder", str(root))


def guard(folder: str | Path, *, settings: Settings | None = None) -> Report:
    """The folder's report; raises PublishBlocked when it fails ``settings.fail_on`` (default: any error),
    InputError on bad input."""
    from modelcards import api

    return _refuse_failing(api.check(str(find_manifest(folder)), settings=settings), settings)


def _refuse_failing(report: Report, settings: Settings | None) -> Report:
    """The report, or PublishBlocked listing the findings at the settings' fail-on."""
    threshold = settings.fail_on if settings is not None else "error"
    if report.fails(threshold):
        raise PublishBlocked(report.source, list(report.failing(threshold)), threshold)
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
            commit_message: str | None = None, settings: Settings | None = None) -> PublishResult:
    """Render a manifest folder's outputs, guard (as ``guard``), then upload the folder; with
    ``dry_run``, upload nothing and return what would be uploaded."""
    import os

    from modelcards import api
    from modelcards.renderers import outputs

    root = Path(folder)
    manifest = find_manifest(root)
    source = api.read(str(manifest))
    report = api.check(source, settings=settings)
    rendered: set[str] = set()
    if manifest.name in MANIFEST_NAMES:
        planned = api.plan(source, root, report)
        rendered = {str(item.path.relative_to(root)) for item in planned.files}
        if not dry_run:
            outputs.write(planned)
        elif planned.refusals:
            raise outputs.RenderRefused(list(planned.refusals))
    _refuse_failing(report, settings)
    files = sorted(set(upload_candidates(root)) | rendered)
    if dry_run:
        return PublishResult(repo_id, files, None, True)
    from huggingface_hub import HfApi

    hub = HfApi(endpoint=os.environ.get("HF_ENDPOINT"), token=token)
    info = hub.upload_folder(folder_path=str(root), repo_id=repo_id, repo_type="model",
                             commit_message=commit_message or "Publish release with modelcards",
                             ignore_patterns=[".*", "**/.*"])
    return PublishResult(repo_id, files, getattr(info, "commit_url", None) or str(info), False)
