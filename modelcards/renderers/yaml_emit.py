"""YAML text from plain data: PyYAML's own emitter at everyday sizes, libyaml's for large data.

Both write YAML that loads back to the same data; they differ only in how a long quoted string
is folded across lines. The pure-Python emitter looks at every character in Python, so a card or
manifest of megabytes took seconds to write (benchmarks/PERFORMANCE.md); above ``LARGE``
characters of text the libyaml emitter writes it instead. Below it the output stays byte for
byte what PyYAML's pure-Python emitter writes (and what huggingface_hub's ``yaml_dump`` writes for
front matter), which every real card in the corpus is: the largest holds 107,195 characters.
"""

from __future__ import annotations

from typing import Any

import yaml

LARGE = 128 * 1024
"""Characters of text (keys and values) above which the libyaml emitter writes the data."""

HAS_LIBYAML = hasattr(yaml, "CSafeDumper")

_UNICODE_BREAKS = ("\x85", "\u2028", "\u2029")


def has_unicode_break(value: str) -> bool:
    """Whether ``value`` holds U+0085, U+2028 or U+2029: YAML 1.1 line breaks, which a loader turns
    into a space (folded) or a newline (a literal block) unless they are written as the escapes
    ``\\N``, ``\\L``, ``\\P`` of a double-quoted string. PyYAML's emitter writes them raw in
    single-quoted and block styles, so such a value must be written double-quoted to survive."""
    return any(brk in value for brk in _UNICODE_BREAKS)


class HubDumper(yaml.Dumper):
    """huggingface_hub's ``yaml_dump`` dumper (PyYAML's ``Dumper``), with text that holds a Unicode
    line break written double-quoted (``has_unicode_break``); everything else as the Hub writes it."""


def _hub_text(dumper: yaml.Dumper, value: str) -> yaml.ScalarNode:
    if has_unicode_break(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


HubDumper.add_representer(str, _hub_text)
CHubDumper: type | None = None
if HAS_LIBYAML:
    class CHubDumper(yaml.CDumper):  # type: ignore[no-redef]
        """``HubDumper`` with libyaml's emitter, for large metadata."""

    CHubDumper.add_representer(str, _hub_text)


def text_size(data: Any, limit: int = LARGE) -> int:
    """Characters of the text in ``data``'s keys and values, counted until past ``limit``."""
    total = 0
    pending = [data]
    while pending and total <= limit:
        item = pending.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, dict):
            total += sum(len(key) for key in item if isinstance(key, str))
            pending.extend(item.values())
        elif isinstance(item, (list, tuple)):
            pending.extend(item)
    return total


def dump(data: Any, python_dumper: type, c_dumper: type | None, **options: Any) -> Any:
    """``yaml.dump(data, **options)`` with ``python_dumper``, or with ``c_dumper`` (its libyaml twin:
    the same representers) when ``data`` holds more than ``LARGE`` characters of text: text, or
    bytes with ``encoding="utf-8"``."""
    dumper = c_dumper if c_dumper is not None and text_size(data) > LARGE else python_dumper
    return yaml.dump(data, Dumper=dumper, **options)
