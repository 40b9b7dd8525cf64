"""Command-line front end. Thin: every command calls load -> analyze -> (format | render).

Imports are lazy so that ``modelcards check`` loads only what checking needs.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

# pydantic looks for validation plugins (observability hooks) by scanning the entry points of every
# installed distribution when the first model is built: about a fifth of a cold `check`. This
# process has no use for them; a value the user set wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="modelcards-release", prog_name="modelcards")
def main() -> None:
    """Check a model release's openness and licenses, and produce its model card.

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


def _settings() -> Any:
    from modelcards.config import load_settings
    from modelcards.errors import InputError

    try:
        return load_settings()
    except InputError as err:
        _fail_input(err)


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
def check(paths: tuple[str, ...], fmt: str, select: str | None, ignore: str | None, fail_on: str | None,
          online: bool, skip_unrecognised: bool) -> None:
    """Check PATHS: modelcard.yaml manifests, Hugging Face README.md cards or MOT YAML files.

    Settings come from [tool.modelcards] in the nearest pyproject.toml; options override them.
    Exit status: 0 no failing findings, 1 findings at or above --fail-on, 2 an input could not be read.

    \b
    Examples:
      modelcards check modelcard.yaml
      modelcards check README.md --format sarif > modelcards.sarif
      modelcards check modelcard.yaml --select LIC --fail-on warning
    """
    from modelcards.analysis import analyze
    from modelcards.diagnostics import formatters as formats
    from modelcards.errors import InputError
    from modelcards.readers.dispatch import read_source
    from modelcards.rules.selection import fails, select_findings

    settings = _settings()
    chosen = _code_list(select) or settings.select
    dropped = _code_list(ignore) or settings.ignore
    _refuse_unknown_codes(chosen + dropped)
    threshold = fail_on or settings.fail_on
    status = EXIT_OK
    reports = []
    for path in paths:
        if skip_unrecognised and path.lower().endswith(".md") and not _has_front_matter(path):
            continue
        try:
            source = read_source(path)
        except InputError as err:
            _echo_problems(err.problems)
            status = EXIT_INPUT
            continue
        release = source.release
        if online:
            from modelcards.hub import fill_base_licenses

            release, notes = fill_base_licenses(release)
            for note in notes:
                click.echo(f"{path}: {note}", err=True)
        report = select_findings(analyze(release, source=path, locate=source.locate), chosen, dropped)
        reports.append(report)
        if fails(report, threshold) and status == EXIT_OK:
            status = EXIT_FINDINGS
    if fmt == "sarif" and len(reports) != 1:
        click.echo(formats.render_many(reports, fmt), nl=False)
    else:
        for report in reports:
            click.echo(formats.render(report, fmt, color=_use_color()), nl=False)
    sys.exit(status)


def _has_front_matter(path: str) -> bool:
    from modelcards.readers.hub_card import looks_like_card

    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return looks_like_card(handle.read(4096))
    except OSError:
        return True  # let check report the unreadable file


def _refuse_unknown_codes(patterns: tuple[str, ...]) -> None:
    if not patterns:
        return
    from modelcards.rules.registry import all_rules
    from modelcards.rules.selection import unknown_patterns

    codes = all_rules()
    unknown = unknown_patterns(patterns, codes)
    if unknown:
        from modelcards.fuzzy import did_you_mean

        click.echo(f"error: no rule matches {unknown[0]!r}{did_you_mean(unknown[0], codes)}", err=True)
        sys.exit(EXIT_INPUT)


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
def audit(paths: tuple[str, ...], fmt: str, jobs: int, full_summary: bool, report_path: str | None) -> None:
    """Audit many cards: one record per card on stdout, a summary on stderr.

    PATHS are cards (README.md, modelcard.yaml, MOT YAML), directories (walked for *.md, *.yaml,
    *.yml, *.jsonl, *.parquet) and dumps: JSONL or Parquet with a card-text column (card, text,
    card_text, readme or content) and optionally an id column (id, modelId, repo_id, name).
    Unreadable cards become a finding of kind `input` and the run continues.

    \b
    Examples:
      modelcards audit cards/ > audit.jsonl
      modelcards audit hub-dump.parquet --jobs 0 --format csv > audit.csv
      modelcards audit cards/ --summary --report audit.html > /dev/null
    """
    from modelcards.audit import audit_paths
    from modelcards.audit.progress import progress_display

    if report_path and not report_path.lower().endswith((".html", ".htm", ".json")):
        click.echo(f"error: --report {report_path}: use a .html or .json file name", err=True)
        sys.exit(EXIT_INPUT)
    workers = jobs or os.cpu_count() or 1
    with progress_display() as on_card:
        summary = audit_paths(paths, sys.stdout, fmt=fmt, jobs=workers, on_card=on_card)
    click.echo(summary.text(full=full_summary), err=True)
    if report_path:
        _write_audit_report(report_path, summary)


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
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
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
def render(paths: tuple[str, ...], out_dir: str | None, check_only: bool, formats: str | None,
           list_formats: bool, templates: str | None, force: bool) -> None:
    """Render each manifest in PATHS into README.md, modelcard.json and the other outputs.

    Text you add to README.md outside the generated blocks, or inside `modelcards:user` blocks,
    is kept. An edit inside a generated block makes render refuse (naming the block) unless --force.

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
    settings = _settings()
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
                                         check_only))
    sys.exit(status)


def _render_one(path: str, out_dir: str, selected: tuple[str, ...], templates: str | None, force: bool,
                check_only: bool) -> int:
    from modelcards.analysis import analyze
    from modelcards.errors import InputError
    from modelcards.readers.dispatch import read_source
    from modelcards.renderers import outputs

    try:
        source = read_source(path)
        report = analyze(source.release, source=path, locate=source.locate)
        planned = outputs.plan(source.release, out_dir, report, formats=selected, templates=templates,
                               force=force)
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
    written = outputs.write(planned)
    for item in planned.files:
        click.echo(f"{'wrote' if item.path in written else 'unchanged'} {item.path}")
    errors = sum(1 for f in report.findings if f.severity == "error")
    if errors:
        click.echo(f"note: {errors} error-level finding(s); see `modelcards check {path}`", err=True)
    return EXIT_OK


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, exists=True))
@click.option("--repo", "repo_id", required=True, help="Hub model repository, org/name.")
@click.option("--dry-run", is_flag=True, help="Render and check, list what would be uploaded, upload nothing.")
@click.option("-m", "--message", default=None, help="Commit message.")
def publish(folder: str, repo_id: str, dry_run: bool, message: str | None) -> None:
    """Render, check, then upload FOLDER to the Hub repository --repo (honours HF_ENDPOINT, HF_TOKEN).

    Refuses to upload while the release has error-level findings (exit 1).

    \b
    Examples:
      modelcards publish release/ --repo my-org/my-model --dry-run
      modelcards publish release/ --repo my-org/my-model
    """
    from modelcards.errors import InputError
    from modelcards.publish import PublishBlocked
    from modelcards.publish import publish as do_publish

    try:
        result = do_publish(folder, repo_id, dry_run=dry_run, commit_message=message)
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
    from modelcards.errors import InputError
    from modelcards.files import write_atomic
    from modelcards.readers.importer import import_source
    from modelcards.renderers.manifest_yaml import manifest_yaml

    _refuse_overwrite(out_path, force)
    try:
        release, origin = import_source(src)
    except InputError as err:
        _fail_input(err)
        return
    write_atomic(out_path, manifest_yaml(release, header=f"Imported from {origin} by `modelcards import`."))
    click.echo(f"wrote {out_path}; next: `modelcards check {out_path}`, then `modelcards render {out_path}`")


@main.command()
@click.argument("path", default="modelcard.yaml", type=click.Path(dir_okay=False))
@click.option("--name", default="My-Model-7B", show_default=True, help="Model name to start with.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(path: str, name: str, force: bool) -> None:
    """Write a commented starter manifest to PATH (default: modelcard.yaml)."""
    from modelcards.files import write_atomic
    from modelcards.starter import starter_manifest

    _refuse_overwrite(path, force)
    write_atomic(path, starter_manifest(name))
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
    from modelcards.rules.registry import all_rules

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
