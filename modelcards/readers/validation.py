"""Turn pydantic validation errors into located, human messages with did-you-mean hints, for
manifests, Hugging Face cards and MOT records alike."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from modelcards.errors import InputError, Location, Problem
from modelcards.fuzzy import did_you_mean
from modelcards.readers.located_yaml import LocatedDocument

M = TypeVar("M", bound=BaseModel)


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Optional/Union/Annotated/list/dict annotations."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names valid at ``loc`` (the mapping that holds the offending key)."""
    current: list[Any] = [model]
    for segment in loc:
        following: list[Any] = []
        for candidate in current:
            origin = typing.get_origin(candidate)
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                field = candidate.model_fields.get(str(segment))
                if field is not None:
                    following.extend(_unwrap(field.annotation))
            elif origin in (list, tuple) and isinstance(segment, int):
                following.extend(_unwrap(typing.get_args(candidate)[0]))
            elif origin is dict:
                following.extend(_unwrap(typing.get_args(candidate)[1]))
        current = following
    keys: list[str] = []
    for candidate in current:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            keys.extend(candidate.model_fields)
    return keys


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({value})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text ({shown!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for segment in loc:
        out += f"[{segment}]" if isinstance(segment, int) else (f".{segment}" if out else str(segment))
    return out or "(top level)"


Translate = Callable[[tuple[Any, ...]], tuple[Any, ...] | None]
"""Maps a path of the validated data onto a path of the source document (None: no place in it)."""


def _same(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    return loc


def located_problems(error: ValidationError, model: type[BaseModel], doc: LocatedDocument, *,
                     translate: Translate = _same, label: Callable[[tuple[Any, ...]], str] | None = None
                     ) -> list[Problem]:
    """One located Problem per pydantic error, sorted by position, for every source format.

    A manifest is validated as written, so its paths are the document's own (``translate`` is
    the identity). A card or a MOT record is turned into release data first: ``translate`` maps
    a release path onto where the source states it, and ``label`` names that place in the
    message (``card metadata 'tags'``), since the release path alone would puzzle its author."""

    def where(loc: tuple[Any, ...], *, key: bool = False) -> tuple[int | None, int | None]:
        target = translate(loc)
        if target is None:
            return doc.locate(())
        return doc.locate(target, key=key)

    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        kind = item["type"]
        if "[key]" in loc:  # invalid key of a typed mapping, e.g. an unknown artifact id
            cut = loc.index("[key]")
            loc = loc[:cut]
            key = loc[-1]
            if loc in seen:
                continue
            seen.add(loc)
            line, column = where(loc, key=True)
            from modelcards.schema.artifacts import ARTIFACT_IDS

            hint = did_you_mean(str(key), ARTIFACT_IDS)
            message = f"unknown artifact id {key!r} in {_dotted(loc[:-1])}{hint or ''}"
            if not hint:
                message += f" (one of: {', '.join(ARTIFACT_IDS)})"
        else:
            # Union types make pydantic report one error per member; keep the first per location.
            if loc in seen:
                continue
            seen.add(loc)
            if kind == "extra_forbidden":
                key = str(loc[-1])
                allowed = _allowed_keys(model, loc[:-1])
                line, column = where(loc, key=True)
                hint = did_you_mean(key, allowed)
                place = _dotted(loc[:-1])
                message = f"unknown key {key!r}" + (f" in {place}" if loc[:-1] else "") + hint
                if not hint and allowed:
                    message += f" (allowed: {', '.join(allowed)})"
            elif kind == "missing":
                line, column = where(loc[:-1])
                message = f"missing required key {str(loc[-1])!r}" + (f" in {_dotted(loc[:-1])}" if loc[:-1] else "")
            else:
                line, column = where(loc)
                message = (f"{_dotted(loc)}: {item['msg'][0].lower() + item['msg'][1:]}, "
                           f"got {_describe(item.get('input'))}")
        if label is not None:
            message = f"{label(loc)}: {message}"
        problems.append(Problem(message, Location(doc.path, line, column)))
    problems.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))
    return problems


def validate(model: type[M], data: Any, doc: LocatedDocument, *, translate: Translate = _same,
             label: Callable[[tuple[Any, ...]], str] | None = None) -> M:
    """``data`` validated against ``model``; InputError with located problems otherwise."""
    if not isinstance(data, dict):
        line, column = doc.locate(())
        raise InputError.single(
            f"expected a mapping of keys at the top level, got {_describe(data)}", doc.path, line, column
        )
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise InputError(located_problems(err, model, doc, translate=translate, label=label)) from None


def validate_located(model: type[M], doc: LocatedDocument) -> M:
    """A document validated as written (a manifest)."""
    return validate(model, doc.data, doc)
