"""``json_text.plain_json_bytes`` written by orjson, for the values it writes byte for byte alike.

orjson's two-space indent, separators, key order and string escapes (``ensure_ascii=False``: only
``"``, ``\\`` and control characters) are the standard library's. It differs on floats written
with an exponent (``1e+16`` there, ``1e16`` here), refuses what the standard library takes (keys
that are not strings, integers beyond 64 bits, text with lone surrogates) and writes types the
standard library refuses (dates, enums, dataclasses). So a value is handed to orjson only when it
is built of dicts with string keys, lists, tuples, strings, integers, booleans, None and floats
written without an exponent; None otherwise, and the caller uses the standard library.
"""

from __future__ import annotations

import math
from typing import Any

try:
    import orjson as _orjson
except ImportError:  # pragma: no cover - the [fast] extra is not installed
    _orjson = None  # type: ignore[assignment]

_SCALARS = (str, int, bool, type(None))


def writes_alike(value: Any) -> bool:
    """Whether orjson writes ``value`` as the standard library does (see the module's docstring)."""
    pending = [value]
    while pending:
        item = pending.pop()
        kind = type(item)
        if kind in _SCALARS:
            continue
        if kind is float:
            if not math.isfinite(item) or "e" in repr(item):
                return False
        elif kind is dict:
            if any(type(key) is not str for key in item):
                return False
            pending.extend(item.values())
        elif kind is list or kind is tuple:
            pending.extend(item)
        else:
            return False
    return True


def dumps(value: Any) -> bytes | None:
    """orjson's indented text of ``value`` and a line break, or None when orjson is not installed
    or may write ``value`` differently from the standard library."""
    if _orjson is None or not writes_alike(value):
        return None
    try:
        return _orjson.dumps(value, option=_orjson.OPT_INDENT_2) + b"\n"
    except TypeError:  # an integer beyond 64 bits, a lone surrogate, nesting deeper than orjson goes
        return None
