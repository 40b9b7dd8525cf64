"""Streaming batch audit: one JSON line per card, constant memory in the number of cards.

Cards that cannot be read become a report with one finding of kind ``input``; the run goes on.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

from modelcards.report import Finding, Report

CARD_SUFFIXES = (".md", ".yaml", ".yml")


def iter_card_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files as given; directories walked in sorted order for reproducible output."""
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if name.lower().endswith(CARD_SUFFIXES):
                        yield os.path.join(root, name)
        else:
            yield path


def audit_one(path: str) -> Report:
    from modelcards.analysis import analyze
    from modelcards.errors import InputError
    from modelcards.io.sources import read_source

    try:
        source = read_source(path)
    except InputError as err:
        problem = err.problems[0]
        return Report(
            source=path,
            findings=[Finding("INPUT", "input", "error", "card", str(problem.message),
                              None, problem.location.line, problem.location.column)],
            openness={},
        )
    return analyze(source.release, source=path, locate=source.locate)


@dataclass
class Summary:
    cards: int = 0
    unreadable: int = 0
    with_errors: int = 0
    mof_classes: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)

    def add(self, report: Report) -> None:
        self.cards += 1
        if any(f.kind == "input" for f in report.findings):
            self.unreadable += 1
            return
        self.with_errors += report.has_errors
        self.mof_classes[report.openness["mof"]["label"]] += 1
        self.rules.update(f.rule for f in report.findings)

    def text(self) -> str:
        lines = [f"audited {self.cards} card(s): {self.with_errors} with errors, {self.unreadable} unreadable"]
        for label, count in sorted(self.mof_classes.items()):
            lines.append(f"  {label}: {count}")
        if self.rules:
            top = ", ".join(f"{code} x{n}" for code, n in self.rules.most_common(5))
            lines.append(f"  top findings: {top}")
        return "\n".join(lines)


def audit_paths(paths: Iterable[str], out: IO[str]) -> Summary:
    summary = Summary()
    for path in iter_card_paths(paths):
        report = audit_one(path)
        summary.add(report)
        out.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
    return summary
