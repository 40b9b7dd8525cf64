"""The rule reference page, ``docs/rules.md``, generated from the rules' own docstrings (as ruff
generates its rule pages), so the page and ``modelcards explain CODE`` never disagree.

Every rule docstring has one shape: a one-line summary, then the sections of ``SECTIONS``, each
opened by its name and a colon at the start of a line (``What:``, ``Why:``, ...) and running to
the next. Regenerate the page with ``python -m modelcards.rules.rules_doc``; a test fails when
the committed page is stale or a rule lacks a section.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from modelcards.rules import ordered_rules
from modelcards.rules.registry import Rule

SECTIONS: tuple[str, ...] = ("What", "Why", "Example", "Fix", "Sources")
"""The sections every rule docstring has, in this order."""

_HEADING = re.compile(rf"^({'|'.join(SECTIONS)}):[ \t]*", re.MULTILINE)
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def summary(rule: Rule) -> str:
    """The docstring's first paragraph, on one line."""
    head = _HEADING.split(rule.doc, maxsplit=1)[0]
    return " ".join(head.split("\n\n", 1)[0].split())


def sections(rule: Rule) -> dict[str, str]:
    """The docstring's sections by name, each text as written (dedented by the docstring itself)."""
    parts = _HEADING.split(rule.doc)
    return {name: text.strip() for name, text in zip(parts[1::2], parts[2::2], strict=True)}


def missing_sections(rule: Rule) -> list[str]:
    """The sections the rule's docstring lacks or leaves empty, and a missing summary."""
    found = sections(rule)
    missing = [name for name in SECTIONS if not found.get(name)]
    return (["summary"] if not summary(rule) else []) + missing


def _block(name: str, text: str) -> str:
    if name == "Example":
        return f"**Example that fires**\n\n```yaml\n{text}\n```\n"
    return f"**{name}**\n\n{text[:1].upper()}{text[1:]}\n"


def rule_markdown(rule: Rule) -> str:
    found = sections(rule)
    parts = [f"## {rule.code}: {rule.name}\n",
             f"Kind: `{rule.kind}`. Default severity: `{rule.severity}`.\n",
             f"{summary(rule)}\n"]
    parts.extend(_block(name, found[name]) for name in SECTIONS if found.get(name))
    return "\n".join(parts)


def rules_markdown() -> str:
    """The whole page: an index of every rule, then a section per rule, in code order."""
    rules = ordered_rules()
    lines = ["# Rules", "",
             "<!-- Generated from the rules' docstrings by `python -m modelcards.rules.rules_doc`; "
             "do not edit. -->", "",
             "Every finding names the rule that made it. `modelcards explain CODE` prints the same text; "
             "`--select` / `--ignore` (or `[tool.modelcards]`) take codes or prefixes.", "",
             "| code | name | kind | severity |", "|---|---|---|---|"]
    lines += [f"| [{r.code}](#{r.code.lower()}-{r.name}) | {r.name} | {r.kind} | {r.severity} |" for r in rules]
    return "\n".join(lines) + "\n\n" + "\n".join(rule_markdown(r) for r in rules)


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT_PATH
    problems = {rule.code: missing_sections(rule) for rule in ordered_rules()}
    problems = {code: names for code, names in problems.items() if names}
    if problems:
        for code, names in problems.items():
            print(f"{code}: the docstring lacks {', '.join(names)}", file=sys.stderr)
        return 1
    path.write_text(rules_markdown(), encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":  # python -m modelcards.rules.rules_doc [docs/rules.md]
    sys.exit(main(sys.argv[1:]))
