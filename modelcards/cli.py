"""Command-line front end. Thin: every command runs ``modelcards.api`` (read -> check -> format |
render) and turns its result into output and an exit status.

Imports are made inside the commands, so that ``modelcards check`` loads only what checking needs.
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from modelcards.readers.dispatch import Source

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
_PLUGINS_SWITCH = "PYDANTIC_DISABLE_PLUGINS"
_PLUGINS_OFF = ("__all__", "1", "true")
_PLUGIN_LOADER = "pydantic.plugin._loader"


def _no_plugins_loader() -> types.ModuleType:
    """Stands in for pydantic's plugin loader while plugins are switched off: the loader then returns
    no plugins, but importing it imports ``importlib.metadata`` (and zipfile, email, csv, ...), which
    nothing else a command runs needs. Any name other than ``get_plugins`` brings in the real
    module, so a pydantic that asks for more still gets it."""
    stand_in = types.ModuleType(_PLUGIN_LOADER)

    def get_plugins() -> tuple[()]:
        return ()

    def real(name: str) -> Any:
        if name.startswith("__"):  # what the import system probes (``__path__``): a plain module's answer
            raise AttributeError(name)
        if sys.modules.get(_PLUGIN_LOADER) is stand_in:
            del sys.modules[_PLUGIN_LOADER]
        import importlib

        return getattr(importlib.import_module(_PLUGIN_LOADER), name)

    stand_in.get_plugins = get_plugins  # type: ignore[attr-defined]
    stand_in.__getattr__ = real  # type: ignore[method-assign]
    return stand_in


@contextmanager
def _without_pydantic_plugins() -> Iterator[None]:
    """pydantic looks for validation plugins (observability hooks) by scanning the entry points of
    every installed distribution whenever a model is built, unless PYDANTIC_DISABLE_PLUGINS says
    not to; a command has no use for them. The switch is set for the command's run only (worker
    processes it starts included), so a program that runs the CLI in-process keeps its own setting,
    and a value the user set wins. While every plugin is off, pydantic's loader is not imported."""
    ours = _PLUGINS_SWITCH not in os.environ
    if ours:
        os.environ[_PLUGINS_SWITCH] = "__all__"
    stand_in = None
    if os.environ[_PLUGINS_SWITCH] in _PLUGINS_OFF and _PLUGIN_LOADER not in sys.modules:
        stand_in = sys.modules[_PLUGIN_LOADER] = _no_plugins_loader()
    try:
        yield
    finally:
        if ours:
            os.environ.pop(_PLUGINS_SWITCH, None)
        if stand_in is not None and sys.modules.get(_PLUGIN_LOADER) is stand_in:
            del sys.modules[_PLUGIN_LOADER]


_failed_in: dict[int, tuple[str, str]] = {}
"""The step and file each escaping exception left (by ``id``), for the one-line internal-error message."""


@contextmanager
def _doing(step: str, path: str) -> Iterator[None]:
    """Name the step (``reading``, ``checking``, ``rendering``, ...) and file an internal error is
    reported against; the innermost step an exception leaves is the one named."""
    try:
        yield
    except Exception as err:
        _failed_in.setdefault(id(err), (step, path))
        raise


def _internal_error(err: Exception) -> None:
    """A bug, not bad input: one line naming the step and the file, exit 3 (not 1, "findings")."""
    step, path = _failed_in.get(id(err), ("running the command", ""))
    where = f"{path}: " if path else ""
    detail = str(err).splitlines()[0][:200] if str(err) else ""
    click.echo(f"{where}internal error while {step}: {type(err).__name__}"
               f"{': ' + detail if detail else ''} (a bug in modelcards; rerun with --debug for the traceback "
               "and report it)", err=True)
    sys.exit(EXIT_INTERNAL)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        _failed_in.clear()
        with _without_pydantic_plugins():
            try:
                return super().invoke(ctx)
            except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort,
                    KeyboardInterrupt, SystemExit):
                raise
            except Exception as err:
                if ctx.params.get("debug"):
                    raise
                _internal_error(err)

    def main(self, args: Any = None, *rest: Any, **options: Any) -> Any:
        """Run as the program itself (the command line from ``sys.argv``): a finished offline
        ``check``, ``render`` or ``import`` of a file leaves without tearing the interpreter down,
        as freeing every module and object at exit is work nothing needs (on a 4 MB card, about a
        tenth of the run): its output is flushed here, every file it wrote is closed and in place,
        and it holds no temporary files, processes or connections. Called with ``args`` (tests,
        programs running the CLI in-process), or under coverage measurement, it exits as usual."""
        try:
            return super().main(args, *rest, **options)
        except SystemExit as done:
            if args is None and _quick_exit and "coverage" not in sys.modules and isinstance(done.code, int):
                try:
                    sys.stdout.flush()
                    sys.stderr.flush()
                except OSError:  # a closed pipe: let the usual exit report it
                    raise done from None
                os._exit(done.code)
            raise


_quick_exit: list[bool] = []
"""Set by a command that may leave without interpreter teardown (see ``_Group.main``)."""


def _echo_problems(problems: Any) -> None:
    """Located problems on stderr, ``path:line:col: error: message``."""
    for problem in problems:
        click.echo(f"{problem.location}: error: {problem.message}", err=True)


def _fail_input(error: Any) -> None:
    _echo_problems(error.problems)
    sys.exit(EXIT_INPUT)


def _refuse_overwrite(path: str, force: bool) -> None:
    if os.path.exists(path) and not force:
        click.echo(f"{path}: error: file exists; use --force to overwrite it", err=True)
        sys.exit(EXIT_INPUT)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="modelcards-release", prog_name="modelcards",
                      message="%(prog)s %(version)s (distribution %(package)s)")
@click.option("--debug", is_flag=True, help="On an internal error, show the Python traceback.")
def main(debug: bool) -> None:
    """Check a model release's openness and licenses, and produce its model card.

    Exit status (every command): 0 success, 1 findings (or drift, or a refusal), 2 an input or
    option could not be used (a located message says why), 3 an internal error in modelcards
    itself (one line naming the step and the file; a bug to report, never a finding; --debug
    shows the traceback).

    \b
    Examples:
      modelcards init                       # write a starter modelcard.yaml
      modelcards check modelcard.yaml       # findings + MOF class; exit 1 on errors
      modelcards check README.md --format json
      modelcards render modelcard.yaml -o release/
      modelcards import README.md -o modelcard.yaml
      modelcards audit cards/ --format jsonl > audit.jsonl
      modelcards explain OPEN001
    """


def _code_list(value: str | None) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in (value or "").split(",") if c.strip())


def _settings(select: str | None = None, ignore: str | None = None, fail_on: str | None = None, *,
              rules: bool = True) -> Any:
    """``[tool.modelcards]`` of the nearest pyproject.toml, with the options given overriding it; exits 2
    on a broken table or (``rules``: for commands that report findings) a select / ignore pattern that
    matches no rule."""
    import dataclasses

    from modelcards.config import load_settings
    from modelcards.errors import InputError
    from modelcards.rules.selection import unknown_code_message

    try:
        settings = load_settings()
    except InputError as err:
        _fail_input(err)
    settings = dataclasses.replace(settings, select=_code_list(select) or settings.select,
                                   ignore=_code_list(ignore) or settings.ignore,
                                   fail_on=fail_on or settings.fail_on,
                                   fail_on_stated=bool(fail_on) or settings.fail_on_stated)
    problem = unknown_code_message(settings.select + settings.ignore) if rules else None
    if problem:
        click.echo(f"error: {problem}", err=True)
        sys.exit(EXIT_INPUT)
    return settings


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]), default="text",
              show_default=True, help="Output format.")
@click.option("--select", help="Report only these rule codes or prefixes (comma-separated), e.g. LIC,OPEN001.")
@click.option("--ignore", help="Drop these rule codes or prefixes (comma-separated), e.g. MOF004.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit status 1 (default: error, or [tool.modelcards] fail-on).")
@click.option("--online", is_flag=True,
              help="Look up unknown base-model licenses on the Hugging Face Hub (honours HF_ENDPOINT).")
@click.option("--skip-unrecognised", is_flag=True,
              help="Skip Markdown files without card metadata (for hooks that see every README.md).")
@click.option("--show-evidence", is_flag=True,
              help="List each component's evidence and each claim with its line (text format).")
def check(paths: tuple[str, ...], fmt: str, select: str | None, ignore: str | None, fail_on: str | None,
          online: bool, skip_unrecognised: bool, show_evidence: bool) -> None:
    """Check PATHS: modelcard.yaml manifests, Hugging Face README.md cards or MOT YAML files.

    Settings come from [tool.modelcards] in the nearest pyproject.toml; options override them.
    Exit status: 0 no failing findings, 1 findings at or above --fail-on, 2 an input could not be read.
    With several PATHS, --format json prints one JSON array of the per-path objects and
    --format sarif one log.

    \b
    Examples:
      modelcards check modelcard.yaml
      modelcards check */modelcard.yaml --format json > reports.json
      modelcards check README.md --format sarif > modelcards.sarif
      modelcards check modelcard.yaml --select LIC --fail-on warning
    """
    from modelcards import api
    from modelcards.diagnostics import formatters as formats
    from modelcards.errors import InputError

    settings = _settings(select, ignore, fail_on)
    status = EXIT_OK
    reports = []
    for path in paths:
        if skip_unrecognised and path.lower().endswith(".md") and not _has_front_matter(path):
            continue
        try:
            with _doing("checking", path):
                report = api.check(path, settings=settings, online=online,
                                   on_note=lambda note, path=path: click.echo(f"{path}: {note}", err=True))
        except InputError as err:
            _echo_problems(err.problems)
            status = EXIT_INPUT
            continue
        except Exception as err:
            if not (online and _network_error(err)):
                raise
            click.echo(f"{path}: error: --online: cannot reach the Hugging Face Hub at {_endpoint()}: "
                       f"{_first_line(err)}; check the network or HF_ENDPOINT, or run without --online",
                       err=True)
            status = EXIT_INPUT
            continue
        reports.append(report)
        if report.fails(settings.fail_on) and status == EXIT_OK:
            status = EXIT_FINDINGS
    rules = _rule_docs() if fmt == "sarif" else None
    if fmt == "sarif" and len(reports) != 1:
        click.echo(formats.render_many(reports, fmt, rules=rules), nl=False)
    elif fmt == "json" and len(paths) > 1:
        click.echo(formats.json_many(reports), nl=False)
    else:
        for report in reports:
            click.echo(formats.render(report, fmt, color=_use_color(), rules=rules, show_evidence=show_evidence),
                       nl=False)
    if not online:
        _quick_exit.append(True)
    sys.exit(status)


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0][:200] if text else type(err).__name__


def _endpoint() -> str:
    return os.environ.get("HF_ENDPOINT") or "https://huggingface.co"


def _network_error(err: BaseException) -> bool:
    """A connection, DNS or timeout failure from the HTTP stack huggingface_hub uses (httpx or
    requests), anywhere in the exception's chain."""
    seen: set[int] = set()
    current: BaseException | None = err
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        module = type(current).__module__.split(".")[0]
        if isinstance(current, (OSError, TimeoutError)) or module in ("httpx", "httpcore", "requests", "urllib3"):
            return True
        current = current.__cause__ or current.__context__
    return False


def _rule_docs() -> dict[str, Any]:
    """The rule catalogue, for SARIF's rule descriptors (names and help text)."""
    from modelcards.rules import all_rules

    return all_rules()


def _has_front_matter(path: str) -> bool:
    from modelcards.files import read_limited
    from modelcards.readers.hub_card import looks_like_card

    try:
        return looks_like_card(read_limited(path, 4095).decode("utf-8", errors="replace"))
    except OSError:
        return True  # let check report the unreadable file


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="jsonl", show_default=True,
              help="jsonl: the `check --format json` object per line; csv / table: one summary row per card.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes (0: one per CPU core).")
@click.option("--summary", "full_summary", is_flag=True,
              help="Print every breakdown on stderr: OSAID, licenses, base-model families.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False),
              help="Also write the summary to this file: a one-page HTML report with charts (.html) or JSON (.json).")
@click.option("--select", help="Report only these rule codes or prefixes (comma-separated), e.g. LIC,OPEN001.")
@click.option("--ignore", help="Drop these rule codes or prefixes (comma-separated), e.g. MOF004.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Exit 1 when some card has findings this severe or worse (default: [tool.modelcards] fail-on; "
                   "else the audit does not fail on findings).")
@click.option("--lineage/--no-lineage", default=None,
              help="Resolve base-model chains through the dump's own cards (a first pass indexes every row's id, "
                   "license and base models), then the known-models table. Default: on when a dump has ids.")
@click.option("--records", "records_path", type=click.Path(dir_okay=False),
              help="Also write one row per card (id, family root, relation, licenses, verdicts, rule codes) "
                   "to this .parquet or .csv file, for pandas or DuckDB.")
def audit(paths: tuple[str, ...], fmt: str, jobs: int, full_summary: bool, report_path: str | None,
          select: str | None, ignore: str | None, fail_on: str | None, lineage: bool | None,
          records_path: str | None) -> None:
    """Audit many cards: one record per card on stdout, a summary on stderr.

    PATHS are cards (README.md, modelcard.yaml, MOT YAML), directories (walked for *.md, *.yaml,
    *.yml, *.jsonl, *.parquet) and dumps: JSONL or Parquet with a card-text column (card, text,
    card_text, readme or content) and optionally an id column (id, modelId, repo_id, name).
    Unreadable cards become a finding of kind `input` and the run continues. Settings come from
    [tool.modelcards] in the nearest pyproject.toml, as for check; options override them.
    Exit status: 2 for bad options or settings; with --fail-on (or fail-on in [tool.modelcards]),
    1 when some card has findings at or above it (an unreadable card has an error); 0 otherwise.

    \b
    Examples:
      modelcards audit cards/ > audit.jsonl
      modelcards audit hub-dump.parquet --jobs 0 --format csv > audit.csv
      modelcards audit cards/ --summary --report audit.html > /dev/null
      modelcards audit hub-dump.parquet --jobs 0 --report census.html --records cards.parquet > /dev/null
    """
    from modelcards.audit import audit_paths
    from modelcards.audit.progress import progress_display
    from modelcards.audit.records import CardRecords

    if report_path and not report_path.lower().endswith((".html", ".htm", ".json")):
        click.echo(f"error: --report {report_path}: use a .html or .json file name", err=True)
        sys.exit(EXIT_INPUT)
    settings = _settings(select, ignore, fail_on)
    workers = jobs or os.cpu_count() or 1
    try:
        records = CardRecords(records_path) if records_path else None
    except ValueError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(EXIT_INPUT)
    try:
        with progress_display() as on_card, _doing("auditing", ", ".join(paths)):
            summary = audit_paths(paths, sys.stdout, fmt=fmt, jobs=workers, on_card=on_card, settings=settings,
                                  lineage=lineage, records=records)
    finally:
        if records is not None:
            records.close()
    if records_path:
        click.echo(f"wrote {records_path}", err=True)
    click.echo(summary.text(full=full_summary), err=True)
    if report_path:
        _write_audit_report(report_path, summary)
    if settings.fail_on_stated and summary.failing:
        sys.exit(EXIT_FINDINGS)


def _write_audit_report(path: str, summary: Any) -> None:
    import json

    from modelcards.audit.html_report import render_report
    from modelcards.files import write_atomic

    as_json = path.lower().endswith(".json")
    text = json.dumps(summary.to_dict(), indent=2) + "\n" if as_json else render_report(summary)
    try:
        write_atomic(path, text)
    except OSError as err:
        click.echo(f"error: cannot write {path}: {err.strerror}", err=True)
        sys.exit(EXIT_INPUT)
    click.echo(f"wrote {path}", err=True)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
@click.option("-o", "--out", "out_dir", default=None, type=click.Path(file_okay=False),
              help="Directory to write into (default: the manifest's own directory).")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 when a file on disk differs from what render would write.")
@click.option("--formats", default=None, metavar="LIST",
              help="Comma-separated outputs to produce (default: all). See --list-formats.")
@click.option("--list-formats", is_flag=True, help="List the output formats and exit.")
@click.option("--templates", type=click.Path(file_okay=False, exists=True),
              help="Directory of templates overriding the shipped ones (e.g. README.md.j2).")
@click.option("--force", is_flag=True, help="Overwrite hand edits inside generated blocks.")
@click.option("--weights", "weights_dir", type=click.Path(), default=None,
              help="Folder of the weight files: their SHA-256 digests go into the SPDX and CycloneDX BOMs.")
@click.option("--cyclonedx-version", type=click.Choice(["1.6", "1.7"]), default="1.7", show_default=True,
              help="CycloneDX version of modelcard.cdx.json.")
@click.option("--online", is_flag=True,
              help="Read the SHA-256 of each weight file of hf_repo (at revision) from the Hub's LFS listing, "
                   "for the BOMs; nothing is downloaded.")
def render(paths: tuple[str, ...], out_dir: str | None, check_only: bool, formats: str | None,
           list_formats: bool, templates: str | None, force: bool, weights_dir: str | None,
           cyclonedx_version: str, online: bool) -> None:
    """Render each manifest in PATHS into README.md, modelcard.json and the other outputs.

    Text you add to README.md outside the generated blocks, or inside `modelcards:user` blocks
    (of any name: a block the template lacks stays where it was), is kept, with the file's BOM and
    line ends; markers quoted in code fences are text. An edit inside a generated block, or a
    duplicate or unbalanced block, makes render refuse (naming the block) unless --force.

    \b
    Examples:
      modelcards render modelcard.yaml -o release/
      modelcards render modelcard.yaml -o release/ --check      # in CI: fail on drift
      modelcards render modelcard.yaml --formats readme,json
    """
    from modelcards.renderers.outputs import DEFAULT_FORMATS, EMITTERS

    if list_formats:
        for name, emitter in EMITTERS.items():
            click.echo(f"{name:<10} {emitter.filename:<22} {emitter.description}")
        return
    if not paths:  # optional only so that --list-formats runs without a manifest
        raise click.UsageError("Missing argument 'PATHS...'.")
    settings = _settings(rules=False)
    if formats:
        selected = tuple(f.strip() for f in formats.split(",") if f.strip())
    else:
        selected = settings.formats or DEFAULT_FORMATS
    unknown = [f for f in selected if f not in EMITTERS]
    if unknown:
        from modelcards.fuzzy import did_you_mean

        click.echo(f"error: unknown format {unknown[0]!r}{did_you_mean(unknown[0], EMITTERS)}", err=True)
        sys.exit(EXIT_INPUT)
    if out_dir is not None and len(paths) > 1:
        click.echo("error: -o/--out takes one manifest; without it each renders into its own directory", err=True)
        sys.exit(EXIT_INPUT)
    status = EXIT_OK
    for path in paths:
        target = out_dir if out_dir is not None else (os.path.dirname(path) or ".")
        status = max(status, _render_one(path, target, selected, templates or settings.templates, force,
                                         check_only, weights_dir, cyclonedx_version, online))
    if not online:  # every output is written and closed (outputs.write): see _Group.main
        _quick_exit.append(True)
    sys.exit(status)


def _with_hub_digests(source: Source, path: str) -> Source:
    """``source`` with the weight files and digests of its ``hf_repo`` from the Hub (``--online``);
    exits 2 with the reason when the manifest names no repository or the Hub cannot be reached."""
    import dataclasses

    from modelcards.hub import lfs_weight_files
    from modelcards.readers.weight_digests import with_hub_weights

    release = source.release
    if not release.hf_repo:
        click.echo(f"{path}: error: --online reads the weight digests of hf_repo, which the manifest does not "
                   "state", err=True)
        sys.exit(EXIT_INPUT)
    try:
        with _doing("listing the Hub's files of", release.hf_repo):
            commit, entries = lfs_weight_files(release.hf_repo, release.revision)
    except Exception as err:
        if not _network_error(err) and type(err).__name__ not in ("RepositoryNotFoundError", "RevisionNotFoundError"):
            raise
        click.echo(f"{path}: error: --online: cannot list hf:{release.hf_repo} on the Hugging Face Hub at "
                   f"{_endpoint()}: {_first_line(err)}", err=True)
        sys.exit(EXIT_INPUT)
    return dataclasses.replace(source, release=with_hub_weights(release, commit, entries))


def _render_one(path: str, out_dir: str, selected: tuple[str, ...], templates: str | None, force: bool,
                check_only: bool, weights_dir: str | None = None, cyclonedx_version: str = "1.7",
                online: bool = False) -> int:
    import dataclasses

    from modelcards import api
    from modelcards.errors import InputError
    from modelcards.renderers import outputs
    from modelcards.renderers.spdx import bindings_without_rdflib

    try:
        with _doing("reading", path):
            source = api.read(path)
        if weights_dir is not None:
            from modelcards.readers.weight_digests import with_weight_digests

            with _doing("hashing", weights_dir):
                source = dataclasses.replace(source, release=with_weight_digests(source.release, weights_dir,
                                                                                 sys.stderr))
        if online:
            source = _with_hub_digests(source, path)
        with _doing("checking", path):
            report = api.check(source)
        release = source.release
        del source  # what located the findings (the manifest's YAML nodes) is not needed to render
        with _doing("rendering", path), bindings_without_rdflib():  # the process ends after rendering
            planned = api.plan(release, out_dir, report, formats=selected, templates=templates, force=force,
                               options=outputs.ExportOptions(cyclonedx_version=cyclonedx_version))
    except InputError as err:
        _echo_problems(err.problems)
        return EXIT_INPUT
    if check_only:
        stale = [item for item in planned.files if item.changed]
        _echo_problems(planned.refusals)
        for item in stale:
            state = "missing" if item.current is None else "differs from what render would write"
            click.echo(f"{item.path}: {state}", err=True)
        if stale or planned.refusals:
            click.echo(f"run `modelcards render {path} -o {out_dir}` to update", err=True)
            return EXIT_FINDINGS
        click.echo(f"{path}: {len(planned.files)} file(s) up to date")
        return EXIT_OK
    if planned.refusals:
        _echo_problems(planned.refusals)
        click.echo("nothing written", err=True)
        return EXIT_FINDINGS
    try:
        with _doing("writing", out_dir):
            written = outputs.write(planned)
    except InputError as err:
        _echo_problems(err.problems)
        return EXIT_INPUT
    except OSError as err:
        click.echo(f"{getattr(err, 'filename', None) or out_dir}: error: cannot write: {err.strerror or err}",
                   err=True)
        return EXIT_INPUT
    for item in planned.files:
        click.echo(f"{'wrote' if item.path in written else 'unchanged'} {item.path}")
    if report.fails("error"):
        errors = len(report.failing("error"))
        click.echo(f"note: {errors} error-level finding(s); see `modelcards check {path}`", err=True)
    return EXIT_OK


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, exists=True))
@click.option("--repo", "repo_id", required=True, help="Hub model repository, org/name.")
@click.option("--dry-run", is_flag=True, help="Render and check, list what would be uploaded, upload nothing.")
@click.option("-m", "--message", default=None, help="Commit message.")
def publish(folder: str, repo_id: str, dry_run: bool, message: str | None) -> None:
    """Render, check, then upload FOLDER to the Hub repository --repo (honours HF_ENDPOINT, HF_TOKEN).

    Refuses to upload while the release has findings at or above [tool.modelcards] fail-on (default:
    error) after its select / ignore (exit 1).

    \b
    Examples:
      modelcards publish release/ --repo my-org/my-model --dry-run
      modelcards publish release/ --repo my-org/my-model
    """
    from modelcards.errors import InputError
    from modelcards.publish import PublishBlocked
    from modelcards.publish import publish as do_publish

    settings = _settings()
    try:
        result = do_publish(folder, repo_id, dry_run=dry_run, commit_message=message, settings=settings)
    except InputError as err:
        _fail_input(err)
        return
    except PublishBlocked as blocked:
        click.echo(f"error: {blocked}", err=True)
        click.echo("nothing uploaded", err=True)
        sys.exit(EXIT_FINDINGS)
    except Exception as err:  # network / authorisation failures from huggingface_hub
        click.echo(f"error: upload to {repo_id} failed: {err}", err=True)
        sys.exit(EXIT_INPUT)
    verb = "would upload" if result.dry_run else "uploaded"
    for name in result.files:
        click.echo(f"{verb} {name}")
    click.echo(f"{verb} {len(result.files)} file(s) to {repo_id}" + (f": {result.commit_url}" if result.commit_url
                                                                     else ""))


@main.command("import")
@click.argument("src")
@click.option("-o", "--out", "out_path", default="modelcard.yaml", show_default=True,
              type=click.Path(dir_okay=False), help="Manifest to write.")
@click.option("--force", is_flag=True, help="Overwrite an existing manifest.")
def import_(src: str, out_path: str, force: bool) -> None:
    """Turn SRC (a Hugging Face README.md, a MOT YAML file, or hf:org/name) into a manifest.

    Every card metadata key is kept (unknown ones under `extra`) and every body section is kept,
    as a card field or verbatim under `card.sections`.

    \b
    Examples:
      modelcards import README.md -o modelcard.yaml
      modelcards import hf:EleutherAI/pythia-6.9b -o modelcard.yaml
    """
    from modelcards import api
    from modelcards.errors import InputError
    from modelcards.renderers.manifest_yaml import manifest_yaml_bytes
    from modelcards.starter import schema_reference

    _refuse_overwrite(out_path, force)
    try:
        with _doing("importing", src):
            source = api.read_import(src)
        release, header = source.release, f"Imported from {source.path} by `modelcards import`."
        del source  # the card as read (its text, split) is not needed to write the manifest
        with _doing("writing the manifest", out_path):
            data = manifest_yaml_bytes(release, header=header, schema=schema_reference(out_path))
    except InputError as err:
        _fail_input(err)
        return
    except Exception as err:
        if not (src.startswith("hf:") and _network_error(err)):
            raise
        click.echo(f"{src}: error: cannot reach the Hugging Face Hub at {_endpoint()}: {_first_line(err)}",
                   err=True)
        sys.exit(EXIT_INPUT)
    _write_manifest(out_path, data)
    click.echo(f"wrote {out_path}; next: `modelcards check {out_path}`, then `modelcards render {out_path}`")
    if not src.startswith("hf:"):  # the manifest is written and closed; no connection was opened: see _Group.main
        _quick_exit.append(True)


def _write_manifest(path: str, text: str | bytes) -> None:
    """Write a manifest, and beside it the JSON Schema its ``$schema`` line names when the
    repository ships none (``starter.schema_to_write``); exit 2 with the reason when it cannot."""
    from modelcards.files import write_atomic
    from modelcards.starter import release_schema_text, schema_to_write

    schema_path = schema_to_write(path)
    try:
        write_atomic(path, text)
        if schema_path is not None:  # what the manifest's $schema line names, for editors
            write_atomic(schema_path, release_schema_text())
    except OSError as err:
        click.echo(f"{path}: error: cannot write: {err.strerror or err}", err=True)
        sys.exit(EXIT_INPUT)
    if schema_path is not None:
        click.echo(f"wrote {os.path.relpath(schema_path)}, the JSON Schema its $schema line names (commit both)")


@main.command()
@click.argument("path", default="modelcard.yaml", type=click.Path(dir_okay=False))
@click.option("--name", default="My-Model-7B", show_default=True, help="Model name to start with.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(path: str, name: str, force: bool) -> None:
    """Write a commented starter manifest to PATH (default: modelcard.yaml)."""
    from modelcards.starter import starter_manifest

    _refuse_overwrite(path, force)
    _write_manifest(path, starter_manifest(name, path))
    click.echo(f"wrote {path}; next: edit it, then run `modelcards check {path}`")


@main.command()
def schema() -> None:
    """Print the JSON Schema of the release manifest."""
    import json

    from modelcards.schema.json_schema import release_json_schema

    click.echo(json.dumps(release_json_schema(), indent=2))


@main.command()
@click.argument("code", required=False)
def explain(code: str | None) -> None:
    """Show the documentation of rule CODE, or list all rules."""
    from modelcards.rules import all_rules

    rules = all_rules()
    if code is None:
        for rule in rules.values():
            click.echo(f"{rule.code}  {rule.name:<32} {rule.kind:<18} {rule.severity}")
        return
    rule = rules.get(code.upper())
    if rule is None:
        from modelcards.fuzzy import did_you_mean

        click.echo(f"error: no rule {code!r}{did_you_mean(code.upper(), rules)}", err=True)
        sys.exit(EXIT_INPUT)
    click.echo(f"{rule.code} ({rule.name})\nkind: {rule.kind}; default severity: {rule.severity}\n\n{rule.doc}")


def _use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


if __name__ == "__main__":  # pragma: no cover
    main()
