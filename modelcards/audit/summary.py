"""What a batch audit found, in aggregate: counts that stay small however many cards are read.

Only counters are kept (no per-card data), so memory is flat in the number of cards; the number
of distinct licenses and base-model families is bounded by what exists on the Hub. The census
part (families by root, license drift, openwashing, months: ``census.Census``) rides along.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from modelcards.audit.census import Census

if TYPE_CHECKING:
    from modelcards.audit.worker import Row

TOP = 10


@dataclass
class Summary:
    cards: int = 0
    unreadable: int = 0
    skipped: int = 0
    """Files met in directory walks that are not cards (docs pages, CI settings)."""
    with_errors: int = 0
    failing: int = 0
    """Cards whose report fails at the audit's fail-on threshold (an unreadable card always does)."""
    # plain dicts, ordered by ``top`` as ``Counter.most_common`` would (benchmarks/PERFORMANCE.md)
    mof_classes: dict[str, int] = field(default_factory=dict)
    osaid: dict[str, int] = field(default_factory=dict)
    rules: dict[str, int] = field(default_factory=dict)
    licenses: dict[str, int] = field(default_factory=dict)
    base_families: dict[str, int] = field(default_factory=dict)
    census: Census = field(default_factory=Census)
    """Families, license drift, openwashing and trends (``audit.census``)."""

    def add(self, row: Row) -> None:
        self.cards += 1
        self.failing += row.fails
        if row.census is not None:
            self.census.add(row.census, row)
        if not row.readable:
            self.unreadable += 1
            return
        self.with_errors += row.errors > 0
        mof_classes, osaid, rules, licenses, families = (self.mof_classes, self.osaid, self.rules, self.licenses,
                                                         self.base_families)
        mof_classes[row.mof_label] = mof_classes.get(row.mof_label, 0) + 1
        osaid[row.osaid] = osaid.get(row.osaid, 0) + 1
        for code in row.rules:
            rules[code] = rules.get(code, 0) + 1
        license_text = (row.license or "(none stated)").strip().lower()
        licenses[license_text] = licenses.get(license_text, 0) + 1
        for family in row.base_families or ("(no base model)",):
            family = family.strip() or "(unnamed base model)"  # a base_model id such as "" or "/x"
            families[family] = families.get(family, 0) + 1

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
            lines.append("  top findings: " + ", ".join(f"{code} x{n}" for code, n in top(self.rules, 5)))
        if full:
            for title, counter in (("OSAID", self.osaid), ("licenses", self.licenses),
                                   ("base-model families", self.base_families)):
                if counter:
                    lines.append(f"  {title}: " + ", ".join(f"{k} x{n}" for k, n in top(counter, TOP)))
            if self.census.cards:
                lines.extend(self.census.text())
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "cards": self.cards,
            "unreadable": self.unreadable,
            "skipped_not_cards": self.skipped,
            "with_errors": self.with_errors,
            "mof_classes": dict(sorted(self.mof_classes.items())),
            "osaid": dict(top(self.osaid)),
            "top_findings": dict(top(self.rules, TOP)),
            "licenses": dict(top(self.licenses, TOP)),
            "base_model_families": dict(top(self.base_families, TOP)),
            **self.census.to_dict(),
        }


def top(counts: dict[str, int], n: int | None = None) -> list[tuple[str, int]]:
    """The ``n`` largest counts, largest first, ties in the order first met: what
    ``Counter.most_common`` gives."""
    return sorted(counts.items(), key=itemgetter(1), reverse=True)[:n]
