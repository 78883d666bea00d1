"""Which of a file's changes the engine makes: all of them, unless some are left out.

Interactive review (``migrate --interactive``) asks about each change and has the
engine migrate the file again without the ones the user skipped. A change is
either a legacy call site, named by where its call starts in the text the engine
read, or the edits a rule makes outside the call sites (an import, a module
constant, a raw HTTP post, a marker comment), named by the rule's code. A change
left out is as if it had never been found: the code stays as written, with no
``# migrator: manual`` comment and no finding.

Kept apart from the engine so that the front ends can name changes without
importing libcst.
"""

from __future__ import annotations

from dataclasses import dataclass

# Where a call starts in the text the engine read: line from 1, column from 0.
Position = tuple[int, int]


@dataclass(frozen=True)
class LeaveOut:
    """The changes to leave out: call sites by the start of their call, and the edits
    outside call sites of the rules whose codes are in ``rules``."""

    calls: frozenset[Position] = frozenset()
    rules: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.calls or self.rules)


@dataclass(frozen=True)
class CallChange:
    """A call site the engine changed: migrated, or marked for manual work.

    ``linked`` holds the calls it migrates with or not at all (they share a response
    variable or a client): leaving one of them out leaves the others for manual work.
    """

    start: Position
    linked: frozenset[Position] = frozenset()


# Leave nothing out: every change is made.
NOTHING = LeaveOut()
