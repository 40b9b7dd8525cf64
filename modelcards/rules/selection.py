"""Which rule codes a run reports: ``select`` / ``ignore`` lists of codes or prefixes, from
``[tool.modelcards]`` or the command line. Whether what is left fails the run is
``Report.fails(threshold)``, not decided here."""

from __future__ import annotations

from collections.abc import Iterable


def selected(code: str, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> bool:
    """Whether findings of rule ``code`` are reported: ``select`` matches it (or is empty) and ``ignore``
    does not."""
    if select and not code.startswith(select):
        return False
    return not (ignore and code.startswith(ignore))


def unknown_patterns(patterns: Iterable[str], codes: Iterable[str]) -> list[str]:
    """Patterns that match no rule code (a typo would silently select nothing)."""
    known = list(codes)
    return [p for p in patterns if not any(code.startswith(p) for code in known)]


def unknown_code_message(patterns: Iterable[str]) -> str | None:
    """What is wrong with the first select / ignore pattern that matches no rule, or None."""
    patterns = tuple(patterns)
    if not patterns:
        return None
    from modelcards.rules import all_rules

    codes = all_rules()
    unknown = unknown_patterns(patterns, codes)
    if not unknown:
        return None
    from modelcards.fuzzy import did_you_mean

    return f"no rule matches {unknown[0]!r}{did_you_mean(unknown[0], codes)}"
