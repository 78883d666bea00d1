"""What the tool reports: a finding at one place, and how safe its change is.

The bottom of the engine: plans, results, suppressions and reports all speak of
findings, and this module imports nothing of the tool, so each of them can.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass


class Safety(str, enum.Enum):
    """How much a person should look at a change.

    ``safe``: the request on the wire and the program's behaviour stay the same.
    ``review``: migrated, but something a person should confirm (a model
    substitution, a dropped parameter). ``manual``: left untouched, with a
    reason.
    """

    SAFE = "safe"
    REVIEW = "review"
    MANUAL = "manual"


@functools.total_ordering
@dataclass(frozen=True)
class Finding:
    """One thing the tool saw at one place, and what it did or could not do.

    In a notebook, ``cell`` is the 1-based number of the cell (counting every
    cell, as notebook editors do) and ``line``/``column`` are within it.
    """

    path: str
    line: int
    column: int
    rule: str
    name: str
    message: str
    fix: Safety
    cell: int | None = None

    def _key(self) -> tuple[object, ...]:
        return (
            self.path,
            self.cell or 0,
            self.line,
            self.column,
            self.rule,
            self.name,
            self.message,
            self.fix.value,
        )

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self._key() < other._key()

    @property
    def location(self) -> str:
        """``path:line:col``, or ``path:cell N:line L:col C`` in a notebook."""
        if self.cell is None:
            return f"{self.path}:{self.line}:{self.column}"
        return f"{self.path}:cell {self.cell}:line {self.line}:col {self.column}"

    def as_dict(self) -> dict[str, object]:
        document: dict[str, object] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "name": self.name,
            "message": self.message,
            "fix": self.fix.value,
        }
        if self.cell is not None:
            document["cell"] = self.cell
        return document
