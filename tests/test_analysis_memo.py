"""The audit's analyzer memoises the openness and license parts of an analysis on frozen facts;
with a warm memo it must give exactly the report the memo-free ``analyze`` gives, whatever single
field of the release differs from the releases analysed before.

The releases are example manifests read as users read them, and every leaf of the schema is
mutated: each field of each model (set or not), each list item and each dict value, found from
the pydantic model fields, so a field added to the schema is mutated without editing this test.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterator
from typing import Any, Literal, Union, get_args, get_origin

import pytest
from pydantic import BaseModel, ValidationError

from modelcards.analysis import analyze
from modelcards.audit.analyzer import CachedAnalyzer
from modelcards.licenses.license_facts import LicenseFacts
from modelcards.openness.openness_facts import OpennessFacts
from modelcards.readers.dispatch import Source, read
from modelcards.schema import Release

from conftest import ROOT

EXAMPLES = ("pythia-6.9b", "mislabelled-llama3-finetune", "bloom")
"""Between them: components with and without their own license, content-type defaults, training
and evaluation datasets, base models, every claim, card prose and evaluation results."""

Path = tuple[Any, ...]

# Replacement values for text leaves, tried in turn: license ids of every kind (open, non-commercial,
# share-alike, a model license, Hub 'other', unknown); for other text any change is a change.
TEXTS = ("MIT", "CC-BY-NC-4.0", "CC-BY-SA-4.0", "llama3", "other", "no-such-license")


def _options(annotation: Any) -> tuple[Any, ...]:
    """The member types of a union (``X | None``, ``Optional[X]``), else the type itself."""
    if get_origin(annotation) in (Union, types.UnionType):
        return get_args(annotation)
    return (annotation,)


def _base(annotation: Any) -> Any:
    """``Annotated[str, ...]`` -> ``str``."""
    while get_origin(annotation) is typing.Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _replacements(annotation: Any, value: Any) -> list[Any]:
    """Other values the annotation accepts (validation decides in the end)."""
    found: list[Any] = []
    for option in map(_base, _options(annotation)):
        if option is type(None):
            found.append(None)
        elif get_origin(option) is Literal:
            found.extend(get_args(option))
        elif option is bool:
            found.extend([True, False])
        elif option is int:
            found.extend([7, 123456789])
        elif option is float:
            found.append(0.5)
        elif option is str:
            found.extend(TEXTS)
        elif option is dt.date:
            found.append(dt.date(2001, 2, 3))
        elif option is Any:
            found.extend(["x", 3, None, ["a"]])
    return [v for v in dict.fromkeys(map(_hashable, found)) if v != _hashable(value)]


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _leaves(model: BaseModel, path: Path = ()) -> Iterator[tuple[Path, Any, Any]]:
    """(path, annotation, value) of every leaf under ``model``: scalar fields whether set or not,
    the items of lists and the values of dicts (models among them walked in turn)."""
    for name, info in type(model).model_fields.items():
        value, annotation = getattr(model, name), info.annotation
        yield from _leaf((*path, name), annotation, value)


def _leaf(path: Path, annotation: Any, value: Any) -> Iterator[tuple[Path, Any, Any]]:
    if isinstance(value, BaseModel):
        yield from _leaves(value, path)
        return
    options = [_base(o) for o in _options(annotation) if o is not type(None)]
    container = next((o for o in options if get_origin(o) in (list, dict)), None)
    if container is None:
        yield path, annotation, value
        return
    item_annotation = get_args(container)[-1]
    items = enumerate(value) if isinstance(value, list) else (value or {}).items()
    for key, item in items:
        yield from _leaf((*path, key), item_annotation, item)


def _set(data: Any, path: Path, value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def _variants(release: Release) -> Iterator[tuple[Path, Release]]:
    """Every valid release that differs from ``release`` in one leaf."""
    for path, annotation, value in _leaves(release):
        for replacement in _replacements(annotation, value):
            data = release.model_dump(mode="python")
            _set(data, path, list(replacement) if isinstance(replacement, tuple) else replacement)
            try:
                yield path, Release.model_validate(data)
            except ValidationError:
                continue  # e.g. a required text set to None: not a release


def _sources() -> list[Source]:
    return [read(str(ROOT / "examples" / name / "modelcard.yaml")) for name in EXAMPLES]


def _same(memoised: Any, fresh: Any) -> bool:
    return memoised == fresh and memoised.to_dict() == fresh.to_dict()


def _mismatches(analyzer: CachedAnalyzer, sources: list[Source], *, first: bool = False) -> tuple[int, list[str]]:
    """Warm ``analyzer`` with every variant, then compare each variant's report with a fresh one
    (``first``: stop at the first that differs)."""
    cases = [(source, path, variant) for source in sources for path, variant in _variants(source.release)]
    for source, _path, variant in cases:
        analyzer.analyze(variant, source=source.path, locate=source.locate)
    wrong = []
    for source, path, variant in cases:
        if not _same(analyzer.analyze(variant, source=source.path, locate=source.locate),
                     analyze(variant, source=source.path, locate=source.locate)):
            wrong.append(f"{source.path}: {'.'.join(map(str, path))}")
            if first:
                break
    return len(cases), wrong


@pytest.mark.slow  # hundreds of whole analyses, seconds of work: run by `pytest -m slow` and .ci/run
def test_a_warm_memo_gives_the_memo_free_report_for_every_single_field_change() -> None:
    sources = _sources()
    count, wrong = _mismatches(CachedAnalyzer(), sources)
    assert count > 300  # every leaf of three releases, most of them several times
    assert not wrong, wrong[:10]
    # the walk reaches what the memoised parts read: licenses at every level, roles, claims
    paths = {path for source in sources for path, _a, _v in _leaves(source.release)}
    for expected in [("license",), ("license_name",), ("licenses", "document"), ("claims", "commercial_use"),
                     ("model", "architecture"), ("datasets", 0, "role"), ("datasets", 1, "data_card"),
                     ("base_models", 0, "license"), ("artifacts", "model-parameters-final", "availability"),
                     ("card", "summary"), ("evaluation", 0, "dataset", "name")]:
        assert expected in paths, expected


def test_findings_keep_each_sources_lines_through_the_memo() -> None:
    """A memoised part's hits are placed in each release's own source: the same release read from
    a manifest (lines) and given without a source (no lines) gets each its own findings."""
    source = read(str(ROOT / "examples" / "mislabelled-llama3-finetune" / "modelcard.yaml"))
    analyzer = CachedAnalyzer()
    for locate in (source.locate, None, source.locate):
        report = analyzer.analyze(source.release, source=source.path, locate=locate)
        assert report == analyze(source.release, source=source.path, locate=locate)
        lines = [f.line for f in report.findings if f.rule in ("LIC003", "OPEN001")]
        assert lines and all((line is not None) == (locate is not None) for line in lines)


def _ignoring(facts: type[tuple[Any, ...]], field: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``facts`` compare and hash as if ``field`` were not part of it: a key that drops a
    field the memoised rules still read."""
    index = facts._fields.index(field)  # type: ignore[attr-defined]

    def key(value: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(value[:index]) + tuple(value[index + 1:])

    monkeypatch.setattr(facts, "__eq__", lambda a, b: key(a) == key(b))
    monkeypatch.setattr(facts, "__hash__", lambda a: hash(key(a)))


@pytest.mark.slow  # seconds of work: run by .ci/run with the slow tests
@pytest.mark.parametrize(("facts", "field"), [(OpennessFacts, "architecture_stated"), (LicenseFacts, "bases")])
def test_the_walk_fails_when_a_facts_key_drops_a_field(facts: type[tuple[Any, ...]], field: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _ignoring(facts, field, monkeypatch)
    _count, wrong = _mismatches(CachedAnalyzer(), _sources(), first=True)
    assert wrong


def test_reports_share_nothing_that_can_be_changed() -> None:
    """The memo hands the same verdicts to many reports: none of them can be edited in place."""
    source = _sources()[0]
    analyzer = CachedAnalyzer()
    first, second = (analyzer.analyze(source) for _ in range(2))
    assert first.mof is second.mof  # shared, hence frozen all the way down
    with pytest.raises((AttributeError, TypeError)):
        first.mof.progress[1] = 0  # type: ignore[index]
    with pytest.raises((AttributeError, TypeError)):
        first.osaid.elements["code"] = False  # type: ignore[index]
    with pytest.raises((AttributeError, TypeError)):
        first.eosai["license"] = "open"  # type: ignore[index]
    with pytest.raises((AttributeError, TypeError)):
        first.licenses["Apache-2.0"] = None  # type: ignore[index]
    with pytest.raises(ValidationError):
        source.release.claims.open_source = False  # type: ignore[misc]
    assert second.to_dict() == analyze(source).to_dict()


def test_every_rule_is_declared_on_what_it_receives() -> None:
    """A memoised rule is called with its facts and their verdicts only; its signature says so."""
    from modelcards.licenses.license_facts import LicenseVerdicts
    from modelcards.openness.verdicts import OpennessVerdicts
    from modelcards.rules import all_rules
    from modelcards.rules.registry import Verdicts

    verdicts_of = {OpennessFacts: OpennessVerdicts, LicenseFacts: LicenseVerdicts, Release: Verdicts}
    needs = {}
    for code, rule in all_rules().items():
        if rule.needs is None:
            continue  # INPUT: reported by the readers, never run
        hints = typing.get_type_hints(rule.check)
        assert [hints[p] for p in list(hints)[:2]] == [rule.needs, verdicts_of[rule.needs]], code
        needs[code] = rule.needs
    # the naming and attribution rules read the name and card text: never memoised
    assert needs["LIC005"] is Release and needs["LIC006"] is Release
    assert {code for code, kind in needs.items() if kind is OpennessFacts} >= {"MOF001", "OPEN001", "META001"}
