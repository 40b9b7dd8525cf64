"""Turn pydantic validation errors into located, human messages with did-you-mean hints."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from modelcards.errors import InputError, Location, Problem
from modelcards.fuzzy import did_you_mean
from modelcards.readers.located_yaml import LocatedDocument


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


def validation_problems(
    error: ValidationError, model: type[BaseModel], doc: LocatedDocument
) -> list[Problem]:
    """One located Problem per pydantic error, sorted by position."""
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
            line, column = doc.locate(loc, key=True)
            from modelcards.schema.artifacts import ARTIFACT_IDS

            hint = did_you_mean(str(key), ARTIFACT_IDS)
            message = f"unknown artifact id {key!r} in {_dotted(loc[:-1])}{hint or ''}"
            if not hint:
                message += f" (one of: {', '.join(ARTIFACT_IDS)})"
            problems.append(Problem(message, Location(doc.path, line, column)))
            continue
        # Union types make pydantic report one error per member; keep the first per location.
        if loc in seen:
            continue
        seen.add(loc)
        if kind == "extra_forbidden":
            key = str(loc[-1])
            allowed = _allowed_keys(model, loc[:-1])
            line, column = doc.locate(loc, key=True)
            hint = did_you_mean(key, allowed)
            where = _dotted(loc[:-1])
            message = f"unknown key {key!r}" + (f" in {where}" if loc[:-1] else "") + hint
            if not hint and allowed:
                message += f" (allowed: {', '.join(allowed)})"
        elif kind == "missing":
            line, column = doc.locate(loc[:-1])
            message = f"missing required key {str(loc[-1])!r}" + (f" in {_dotted(loc[:-1])}" if loc[:-1] else "")
        else:
            line, column = doc.locate(loc)
            message = f"{_dotted(loc)}: {item['msg'][0].lower() + item['msg'][1:]}, got {_describe(item.get('input'))}"
        problems.append(Problem(message, Location(doc.path, line, column)))
    problems.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))
    return problems


def validate_located(model: type[BaseModel], doc: LocatedDocument) -> Any:
    """Validate ``doc.data`` against ``model``; raise InputError with located problems."""
    if not isinstance(doc.data, dict):
        line, column = doc.locate(())
        raise InputError.single(
            f"expected a mapping of keys at the top level, got {_describe(doc.data)}", doc.path, line, column
        )
    try:
        return model.model_validate(doc.data)
    except ValidationError as err:
        raise InputError(validation_problems(err, model, doc)) from None
