"""Did a card survive being read (``import`` or ``load``) then rendered? The measure behind the
lossless promise.

Front matter is compared as huggingface_hub parses it (``ModelCard(text).data``); a key is
*lost* when it is gone and *changed* when its value differs. Two normalisations are counted
separately, not as changes, because the Hub treats them as the same value: a single value vs
a one-element list for the keys the Hub documents as "string or list", and a license id
written in another case (``Apache-2.0`` is written back as the Hub id ``apache-2.0``).
Body: every non-blank line of the original body must appear in the rendered body (lines end at
Markdown's line ends alone, so a lost U+0085 or U+2028 is a changed line).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

_MARKDOWN_LINES = re.compile(r"\r\n|\r|\n")
LIST_OR_SCALAR = frozenset({"language", "license", "datasets", "base_model", "tags", "metrics", "new_version"})


@dataclass
class RoundTrip:
    lost_keys: list[str] = field(default_factory=list)
    changed_keys: list[str] = field(default_factory=list)
    normalised_keys: list[str] = field(default_factory=list)
    missing_lines: list[str] = field(default_factory=list)

    @property
    def lossless(self) -> bool:
        return not (self.lost_keys or self.changed_keys or self.missing_lines)


def _hub_metadata(text: str) -> dict[str, Any]:
    from huggingface_hub import ModelCard

    return ModelCard(text, ignore_metadata_errors=True).data.to_dict()


def _as_list(value: Any) -> Any:
    return value if isinstance(value, list) else [value]


def _body_lines(text: str) -> Counter[str]:
    from modelcards.readers.front_matter import find_front_matter

    found = find_front_matter(text)
    body = text[found.end:] if found else text
    # Markdown's line ends only: ``str.splitlines`` would also split at U+0085, U+2028 and the
    # other Unicode breaks, and ``strip`` would drop them, so a card that lost them would still
    # compare equal.
    lines = _MARKDOWN_LINES.split(body)
    return Counter(line.rstrip(" \t") for line in lines if line.strip(" \t"))


def _same_for_hub(key: str, before: Any, after: Any) -> bool:
    if key in LIST_OR_SCALAR and _as_list(after) == _as_list(before):
        return True
    return key == "license" and str(after).lower() == str(before).lower()


def compare(original: str, rendered: str) -> RoundTrip:
    result = RoundTrip()
    before, after = _hub_metadata(original), _hub_metadata(rendered)
    for key, value in before.items():
        if key not in after:
            result.lost_keys.append(key)
        elif after[key] != value:
            bucket = result.normalised_keys if _same_for_hub(key, value, after[key]) else result.changed_keys
            bucket.append(key)
    have = _body_lines(rendered)
    for line, count in _body_lines(original).items():
        if have[line] < count:
            result.missing_lines.append(line)
    return result
