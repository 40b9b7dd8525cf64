"""``json_text.plain_json_bytes`` written by orjson, for the values it writes byte for byte alike.

orjson's two-space indent, separators, key order and string escapes (``ensure_ascii=False``: only
``"``, ``\\`` and control characters) are the standard library's. It writes floats with an
exponent differently (``1e-05`` there, ``1e-5`` here), so those go in as the standard library's
text (``repr``, as an ``orjson.Fragment``). It refuses some values the standard library takes (keys
that are not strings, integers beyond 64 bits, text with lone surrogates, deep nesting) and writes
types the standard library refuses (dates, enums, dataclasses): a value holding any of those is
left to the standard library, so the fast path only ever writes what the plain one writes.
"""

from __future__ import annotations

import math
from typing import Any

try:
    import orjson as _orjson
except ImportError:  # pragma: no cover - the [fast] extra is not installed
    _orjson = None  # type: ignore[assignment]

_SCALARS = (str, int, bool, type(None))


class _Unlike(Exception):
    """The value holds something orjson would write differently."""


def _prepared(value: Any) -> Any:
    """``value`` with its floats that have an exponent as Fragments of their ``repr``; raises
    ``_Unlike`` for what orjson may write differently from the standard library."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is float:
        if not math.isfinite(value):
            raise _Unlike
        text = repr(value)
        return _orjson.Fragment(text.encode("ascii")) if "e" in text else value
    if kind is dict:
        if any(type(key) is not str for key in value):
            raise _Unlike
        return {key: _prepared(item) for key, item in value.items()}
    if kind is list or kind is tuple:
        return [_prepared(item) for item in value]
    raise _Unlike


def dumps(value: Any) -> bytes | None:
    """orjson's indented text of ``value`` and a line break, or None when orjson is not installed
    or may write ``value`` differently from the standard library."""
    if _orjson is None:
        return None
    try:
        return _orjson.dumps(_prepared(value), option=_orjson.OPT_INDENT_2) + b"\n"
    except (_Unlike, RecursionError):
        return None
    except TypeError:  # orjson's refusals: an integer beyond 64 bits, a lone surrogate, deep nesting
        return None
