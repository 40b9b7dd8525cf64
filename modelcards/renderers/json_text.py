"""The text of the JSON exports (``modelcard.json``, ``modelcard.cdx.json``), as the UTF-8 bytes
written to disk: ``json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)`` and a line
break.

orjson writes these bytes itself when it is installed (``modelcards-release[fast]``) and the value
holds nothing it writes differently (``json_fast``); the standard library writes them otherwise.
The standard library builds the text as a Python str first, at up to four bytes a character and
copied again as its pieces are joined, which a card of megabytes makes costly.
"""

from __future__ import annotations

import json
from typing import Any

from modelcards.renderers import json_fast


def plain_json_bytes(value: Any) -> bytes:
    """The standard library's text of ``value``, encoded."""
    return json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False).encode("utf-8") + b"\n"


def json_bytes(value: Any) -> bytes:
    """``plain_json_bytes(value)``, written by orjson when it can write the same bytes."""
    fast = json_fast.dumps(value)
    return fast if fast is not None else plain_json_bytes(value)
