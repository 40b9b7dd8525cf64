"""The report's records whose ``__init__`` is written out (``Finding``, ``Evidence``,
``ComponentVerdict``, ``MofVerdict``, ``Report``, the rules' ``Hit``) take the arguments, give the instances and
stay as frozen as the ``__init__`` the standard library's ``dataclass`` generates for their fields:
a frozen dataclass made by ``dataclasses.make_dataclass`` from the same fields is the reference."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from typing import Any

import pytest

from modelcards.report import ComponentVerdict, Evidence, Finding, MofVerdict, Report
from modelcards.rules.registry import Hit

WRITTEN_OUT = (Finding, Evidence, ComponentVerdict, MofVerdict, Report, Hit)


def _reference(cls: type) -> type:
    """A frozen dataclass with ``cls``'s fields, defaults and order, and the generated ``__init__``."""
    specs: list[Any] = []
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            specs.append((f.name, f.type, dataclasses.field(default=f.default)))
        elif f.default_factory is not dataclasses.MISSING:
            specs.append((f.name, f.type, dataclasses.field(default_factory=f.default_factory)))
        else:
            specs.append((f.name, f.type))
    return dataclasses.make_dataclass(cls.__name__, specs, frozen=True)


def _default(parameter: inspect.Parameter, cls: type) -> Any:
    """A parameter's default as the instance receives it (a factory's value for the reference)."""
    f = {f.name: f for f in dataclasses.fields(cls)}[parameter.name]
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return parameter.default


@pytest.mark.parametrize("cls", WRITTEN_OUT)
def test_the_signature_is_the_generated_one(cls: type) -> None:
    ours = list(inspect.signature(cls).parameters.values())
    reference_cls = _reference(cls)
    theirs = list(inspect.signature(reference_cls).parameters.values())
    assert [(p.name, p.kind) for p in ours] == [(p.name, p.kind) for p in theirs]
    for mine, generated in zip(ours, theirs, strict=True):
        if generated.default is inspect.Parameter.empty:
            assert mine.default is inspect.Parameter.empty, mine.name
        else:
            assert mine.default == _default(generated, reference_cls), mine.name


def _values(cls: type, salt: int) -> dict[str, Any]:
    """Distinct values for every field (types do not matter to either ``__init__``)."""
    return {f.name: (f.name, salt) for f in dataclasses.fields(cls)}


def _hash(value: object) -> int | None:
    """The hash, None for an unhashable value (a Report holding a mapping proxy)."""
    try:
        return hash(value)
    except TypeError:
        return None


@pytest.mark.parametrize("cls", WRITTEN_OUT)
def test_instances_are_the_generated_ones(cls: type) -> None:
    reference = _reference(cls)
    values = _values(cls, 1)
    required = {p.name: values[p.name] for p in inspect.signature(cls).parameters.values()
                if p.default is inspect.Parameter.empty}
    for args, kwargs in [((), values), (tuple(values.values()), {}), ((), required)]:
        ours, theirs = cls(*args, **kwargs), reference(*args, **kwargs)
        assert list(vars(ours).items()) == list(vars(theirs).items())  # the same fields, in order
        assert [getattr(ours, f.name) for f in dataclasses.fields(cls)] == \
            [getattr(theirs, f.name) for f in dataclasses.fields(reference)]
        assert ours == cls(*args, **kwargs)
        assert _hash(ours) == _hash(cls(*args, **kwargs)) and (_hash(ours) is None) == (_hash(theirs) is None)
        assert repr(ours) == repr(theirs)
    every = cls(**values)
    assert pickle.loads(pickle.dumps(every)) == every
    changed = dataclasses.replace(cls(**values), **{dataclasses.fields(cls)[0].name: "other"})
    assert getattr(changed, dataclasses.fields(cls)[0].name) == "other"
    assert list(vars(changed)) == [f.name for f in dataclasses.fields(cls)]


@pytest.mark.parametrize("cls", WRITTEN_OUT)
def test_instances_stay_frozen(cls: type) -> None:
    instance = cls(**_values(cls, 2))
    name = dataclasses.fields(cls)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(instance, name, "x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(instance, name)


def test_a_missing_or_unknown_argument_is_refused_as_before() -> None:
    with pytest.raises(TypeError):
        Finding("LIC001", "license")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Evidence(colour="red")  # type: ignore[call-arg]
