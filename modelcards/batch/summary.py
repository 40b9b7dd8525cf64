"""What a batch audit found, in aggregate: counts that stay small however many cards are read.

Only counters are kept (no per-card data), so memory is flat in the number of cards; the number
of distinct licenses and base-model families is bounded by what exists on the Hub.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from modelcards.batch.worker import Row

TOP = 10


@dataclass
class Summary:
    cards: int = 0
    unreadable: int = 0
    skipped: int = 0
    """Files met in directory walks that are not cards (docs pages, CI settings)."""
    with_errors: int = 0
    mof_classes: Counter[str] = field(default_factory=Counter)
    osaid: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    licenses: Counter[str] = field(default_factory=Counter)
    base_families: Counter[str] = field(default_factory=Counter)

    def add(self, row: Row) -> None:
        self.cards += 1
        if not row.readable:
            self.unreadable += 1
            return
        self.with_errors += row.errors > 0
        self.mof_classes[row.mof_label] += 1
        self.osaid[row.osaid] += 1
        rules, families = self.rules, self.base_families
        for code in row.rules:  # a plain loop: Counter.update's own overhead dominated for 3 or 4 codes
            rules[code] += 1
        self.licenses[(row.license or "(none stated)").strip().lower()] += 1
        for family in row.base_families or ("(no base model)",):
            families[family] += 1

    @property
    def readable(self) -> int:
        return self.cards - self.unreadable

    def headline(self) -> str:
        line = f"audited {self.cards} card(s): {self.with_errors} with errors, {self.unreadable} unreadable"
        return line + (f"; skipped {self.skipped} file(s) that are not cards" if self.skipped else "")

    def text(self, *, full: bool = False) -> str:
        """The stderr summary: a headline and MOF classes; ``full`` adds every breakdown."""
        lines = [self.headline()]
        for label, count in sorted(self.mof_classes.items()):
            lines.append(f"  {label}: {count}")
        if self.rules:
            lines.append("  top findings: " + ", ".join(f"{code} x{n}" for code, n in self.rules.most_common(5)))
        if full:
            for title, counter in (("OSAID", self.osaid), ("licenses", self.licenses),
                                   ("base-model families", self.base_families)):
                if counter:
                    lines.append(f"  {title}: " + ", ".join(f"{k} x{n}" for k, n in counter.most_common(TOP)))
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "cards": self.cards,
            "unreadable": self.unreadable,
            "skipped_not_cards": self.skipped,
            "with_errors": self.with_errors,
            "mof_classes": dict(sorted(self.mof_classes.items())),
            "osaid": dict(self.osaid.most_common()),
            "top_findings": dict(self.rules.most_common(TOP)),
            "licenses": dict(self.licenses.most_common(TOP)),
            "base_model_families": dict(self.base_families.most_common(TOP)),
        }
