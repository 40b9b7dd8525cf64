"""Errors that reach the user as messages, never as tracebacks.

Every error that comes from bad input carries where it happened (file, line, column) so
front ends can print it in the ``path:line:col: message`` form editors understand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Location(NamedTuple):
    """A 1-based position in a source file."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass
class Problem:
    """One thing wrong with an input, with where it is."""

    message: str
    location: Location

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass
class InputError(Exception):
    """Input could not be read or validated (CLI exit code 2)."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    @classmethod
    def single(cls, message: str, path: str, line: int | None = None, column: int | None = None) -> InputError:
        return cls([Problem(message, Location(path, line, column))])

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
