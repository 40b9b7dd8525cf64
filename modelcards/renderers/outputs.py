"""Plan, write or check the files ``render`` produces for a release.

Planning is separate from writing so that ``render --check`` compares exactly what
``render`` would write, and so a refusal (a hand-edited generated block) writes nothing at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from modelcards.errors import InputError, Location, Problem
from modelcards.renderers import blocks
from modelcards.report import Report
from modelcards.schema import Release

README = "README.md"


CYCLONEDX_VERSIONS = ("1.6", "1.7")
CYCLONEDX_DEFAULT = "1.7"
"""Mirrors of renderers.cyclonedx's (a test holds them equal), so the CLI can offer the choice
without importing the writer."""


@dataclass(frozen=True)
class ExportOptions:
    """Choices of the standard exports (``render --cyclonedx-version``)."""

    cyclonedx_version: str = CYCLONEDX_DEFAULT

    def __post_init__(self) -> None:
        if self.cyclonedx_version not in CYCLONEDX_VERSIONS:
            raise InputError.single(f"CycloneDX version {self.cyclonedx_version!r} is not one of "
                                    f"{', '.join(CYCLONEDX_VERSIONS)}", "--cyclonedx-version")


@dataclass(frozen=True)
class Emitter:
    filename: str
    produce: Callable[[Release, Report], str | bytes]
    """The file's text, or its UTF-8 bytes (what the large JSON exports make directly)."""
    description: str
    produce_with: Callable[[Release, Report, ExportOptions], str | bytes] | None = None
    """The producer for formats that take ExportOptions (``produce`` then uses the defaults)."""

    def data(self, release: Release, report: Report, options: ExportOptions | None = None) -> bytes:
        """The file's bytes."""
        if self.produce_with is not None:
            produced = self.produce_with(release, report, options or ExportOptions())
        else:
            produced = self.produce(release, report)
        return produced if isinstance(produced, bytes) else produced.encode("utf-8")

    def text(self, release: Release, report: Report, options: ExportOptions | None = None) -> str:
        return self.data(release, report, options).decode("utf-8")


def _readme_placeholder(release: Release, report: Report) -> str:  # pragma: no cover - merged specially
    raise NotImplementedError


def _modelcard_json(release: Release, report: Report) -> bytes:
    from modelcards.renderers.modelcard_json import modelcard_json_bytes

    return modelcard_json_bytes(release, report)


def _mot_yaml(release: Release, report: Report) -> str:
    from modelcards.renderers.mot_yaml import mot_yaml

    return mot_yaml(release, report)


def _spdx(release: Release, report: Report) -> bytes:
    from modelcards.renderers.spdx import spdx_document_bytes

    return spdx_document_bytes(release, report)


def _cyclonedx(release: Release, report: Report) -> bytes:
    return _cyclonedx_with(release, report, ExportOptions())


def _cyclonedx_with(release: Release, report: Report, options: ExportOptions) -> bytes:
    from modelcards.renderers.cyclonedx import cyclonedx_json_bytes

    return cyclonedx_json_bytes(release, report, options.cyclonedx_version)


def _eu_summary(release: Release, report: Report) -> str:
    from modelcards.renderers.environment import environment
    from modelcards.renderers.readme import template_context

    return environment(None).get_template("eu-training-summary.md.j2").render(template_context(release, report))


def _eval_results(release: Release, report: Report) -> str:
    from modelcards.renderers.eval_results_yaml import eval_results_yaml

    return eval_results_yaml(release)


def _badge(release: Release, report: Report) -> str:
    from modelcards.renderers.badge import badge_svg

    return badge_svg(report)


def _shields(release: Release, report: Report) -> str:
    from modelcards.renderers.badge import shields_endpoint

    return shields_endpoint(report)


BADGE = "openness.svg"
EMITTERS: dict[str, Emitter] = {
    "readme": Emitter(README, _readme_placeholder, "Hugging Face model card"),
    "json": Emitter("modelcard.json", _modelcard_json, "release + report (schemas/modelcard.schema.json)"),
    "mot": Emitter("mot.yaml", _mot_yaml, "Model Openness Tool record"),
    "spdx": Emitter("modelcard.spdx3.json", _spdx, "SPDX 3.0.1 AI BOM (JSON-LD; AI and Dataset profiles)"),
    "cyclonedx": Emitter("modelcard.cdx.json", _cyclonedx, f"CycloneDX {CYCLONEDX_DEFAULT} ML-BOM "
                         f"(JSON; --cyclonedx-version {'|'.join(CYCLONEDX_VERSIONS)})", produce_with=_cyclonedx_with),
    "eu": Emitter("eu-training-summary.md", _eu_summary,
                  "EU AI Act public summary of training content (draft; TODO where unknown)"),
    "eval-results": Emitter(".eval_results/modelcards.yaml", _eval_results,
                            "the Hub's evaluation results format (written when the release has evaluation)"),
    "badge": Emitter(BADGE, _badge, "MOF openness badge (SVG)"),
    "shields": Emitter("openness-shields.json", _shields, "shields.io endpoint JSON for the badge"),
}
DEFAULT_FORMATS = tuple(EMITTERS)


@dataclass
class PlannedFile:
    path: Path
    data: bytes
    """What render writes, as the UTF-8 bytes of the file: a plan holding the exports of a card of
    megabytes holds them at a byte a character, not at a Python str's up to four."""
    current: bytes | None
    """What is on disk now (None: no file)."""

    @property
    def content(self) -> str:
        """What render writes, as text."""
        return self.data.decode("utf-8")

    @property
    def changed(self) -> bool:
        return self.current != self.data


@dataclass
class Plan:
    files: list[PlannedFile] = field(default_factory=list)
    refusals: list[Problem] = field(default_factory=list)
    """Hand edits inside generated blocks: render refuses (without force); check reports them."""


class RenderRefused(InputError):
    """Rendering would discard text the user wrote; nothing was written."""


def _read(path: Path) -> bytes | None:
    """An existing output as it is on disk: a regular file only, within the size limit."""
    from modelcards.files import MAX_BYTES, NotRegularFile, read_limited

    try:
        raw = read_limited(str(path), MAX_BYTES)
    except FileNotFoundError:
        return None
    except NotRegularFile as err:
        raise InputError.single(f"cannot read existing file: {err}", str(path)) from None
    except OSError as err:
        raise InputError.single(f"cannot read existing file: {err.strerror or err}", str(path)) from None
    if len(raw) > MAX_BYTES:
        raise InputError.single(f"existing file is over the {MAX_BYTES // (1024 * 1024)} MB limit", str(path), 1)
    return raw


def _text(raw: bytes, path: Path) -> str:
    """An existing output's text: line ends untouched (a CRLF file stays CRLF, and card text carrying
    a CR keeps it, so its block hash still matches)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError.single("existing file is not valid UTF-8 text", str(path),
                                raw[:err.start].count(b"\n") + 1) from None


def _planned(path: Path, data: bytes) -> PlannedFile:
    """The file at ``path`` to hold ``data``, with what it holds now. An existing file must be UTF-8
    text: one that holds exactly ``data`` is, so only a file that differs is decoded to be sure."""
    current = _read(path)
    if current is not None and current != data:
        _text(current, path)
    return PlannedFile(path, data, current)


def _strings(value: object) -> list[str]:
    """Every string in a dumped release (keys and values)."""
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return found


def _marker_in_manifest(release: Release, source: str) -> Problem | None:
    """A modelcards block marker that the manifest's own text would plant in the README (outside a
    code fence), located at the manifest line that holds it: such a marker opens, closes or repeats
    a block of the rendered README, which render must refuse, and the fix is in the manifest, not
    in ``README.md.j2``."""
    texts = [text for text in _strings(release.model_dump(mode="json", exclude_none=True))
             if "<!-- modelcards:" in text]
    for text in texts:
        try:
            document = blocks.parse(text)
        except blocks.BlockError as err:
            return _locate(source, text, err.line, str(err))
        named = [s for s in document.segments if s.kind != "free"]
        if named:
            return _locate(source, text, named[0].line,
                           f"block marker for '{named[0].name}' in the manifest's text")
    return None


def _locate(source: str, text: str, line: int, what: str) -> Problem:
    """``what``, at the manifest line holding line ``line`` of the string ``text`` (found by its content)."""
    lines = text.split("\n")
    marker = lines[min(max(line, 1), len(lines)) - 1].strip()
    number: int | None = None
    try:
        with open(source, encoding="utf-8", errors="replace") as handle:
            for index, candidate in enumerate(handle, start=1):
                if marker and marker in candidate:
                    number = index
                    break
    except OSError:
        pass
    return Problem(f"{what}: modelcards block markers belong to the README, not to the manifest's text; "
                   "put the line in a code fence or indent it", Location(source, number))


def _plan_readme(path: Path, release: Release, report: Report, templates: str | None, force: bool,
                 refusals: list[Problem], with_badge: bool, source: str | None = None) -> PlannedFile:
    from modelcards.renderers.readme import render_readme

    current_bytes = _read(path)
    current = None if current_bytes is None else _text(current_bytes, path)
    planted = _marker_in_manifest(release, source or report.source)
    if planted is not None:
        raise InputError([planted])
    old = None
    if current is not None:
        try:
            old = blocks.parse(current)
        except blocks.BlockError as err:
            if not force:
                refusals.append(Problem(f"{err}; restore the marker or pass --force", Location(str(path), err.line)))
            old = None
        if old is not None and not old.generated and current.strip() and not force:
            refusals.append(Problem(
                "this README was not written by modelcards; import it first (`modelcards import`) "
                "or pass --force to replace it", Location(str(path), 1)))
            old = None
        if old is not None and not force:
            for segment in old.edited_blocks():
                refusals.append(Problem(
                    f"generated block '{segment.name}' was edited by hand; move the text outside the block "
                    "(or into a modelcards:user block), put it in the manifest, or pass --force to discard it",
                    Location(str(path), segment.line)))
    if old is not None:
        old = blocks.kept_by_merge(old)
    del current  # only the user's text is held of the old README while the new one is made
    new = render_readme(release, report, templates=templates, badge=BADGE if with_badge else None)
    merged = blocks.merge(new, old)
    return PlannedFile(path, merged.data(), current_bytes)


def _stable_source(report: Report, out: Path) -> Report:
    """Name the source relative to the output directory, so outputs do not depend on the working directory."""
    import dataclasses
    import os

    if not os.path.exists(report.source):
        return report
    relative = os.path.relpath(os.path.abspath(report.source), os.path.abspath(out))
    return dataclasses.replace(report, source=Path(relative).as_posix())


def plan(release: Release, out_dir: str | Path, report: Report, *,
         formats: tuple[str, ...] | list[str] | None = None, templates: str | None = None,
         force: bool = False, options: ExportOptions | None = None) -> Plan:
    """What rendering ``release`` with its ``report`` into ``out_dir`` would write. The report is
    the caller's (``analyze``'s): rendering never analyses. ``options``: choices of the exports."""
    out = Path(out_dir)
    source = report.source
    report = _stable_source(report, out)
    result = Plan()
    selected = list(formats or DEFAULT_FORMATS)
    for name in selected:
        emitter = EMITTERS[name]
        if name == "eval-results" and not release.evaluation:
            continue
        path = out / emitter.filename
        if name == "readme":
            result.files.append(_plan_readme(path, release, report, templates, force, result.refusals,
                                             with_badge="badge" in selected, source=source))
        else:
            result.files.append(_planned(path, emitter.data(release, report, options)))
    return result


def write(planned: Plan) -> list[Path]:
    """Write the changed files of a plan; refuses (writing nothing) when the plan has refusals.
    Temporary files a killed render left in the output folders are removed first."""
    from modelcards.files import remove_stale_temporaries, write_atomic

    if planned.refusals:
        raise RenderRefused(list(planned.refusals))
    for directory in sorted({str(item.path.parent) for item in planned.files}):
        Path(directory).mkdir(parents=True, exist_ok=True)  # .eval_results/
        remove_stale_temporaries(directory)
    written = []
    for item in planned.files:
        if item.changed:
            write_atomic(str(item.path), item.data)
            written.append(item.path)
    return written
