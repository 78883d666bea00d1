"""Interactive review: each change of a file shown as a hunk, then migrated or skipped.

``migrate --interactive`` asks, as ``git add -p`` does, about each change the
engine would make: a legacy call site (calls linked to one another are one
change: they migrate together or not at all), then each rule's edits outside the
call sites that it makes even when every call is left as written (an import of
``HUMAN_PROMPT``, raw HTTP posts, marker comments), in the order the rules run.
Edits a rule makes only because calls migrate (a model constant rewritten for
its calls, the client of pre-0.3 calls, an import the migrated calls need) are
never asked about apart: they come with the call that brings them, since a
call without them would be half migrated. A file that names no changes (a
requirements file) is one change.

Each hunk is the difference between the file with the changes accepted so far
and the file with this one too, both made by the engine, so it shows exactly
what accepting it writes, including what another answer forced (a call left
for manual work because a linked call was skipped). A change that would write
nothing at this point is taken without asking. A skipped change stays as
written, with no comment and no finding.

:class:`Review` reads answers from one stream and writes hunks and prompts to
another; the command line decides that they are the terminal.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from migrator.contract.result import FileResult
from migrator.contract.selection import NOTHING, LeaveOut, Position
from migrator.core.catalog import UnknownRule, name_of
from migrator.core.findings import Finding, Safety
from migrator.run.run_report import unified_diff

PROMPT = "Migrate this change [y,n,a,q,?]? "
HELP = """\
y - migrate this change
n - skip it: the code stays as written, with no comment and no finding
a - migrate this change and every later change of this file
q - quit: write what was accepted so far, and touch nothing else
? - show this help
"""
Migrate = Callable[[LeaveOut], FileResult]

_RESET, _BOLD, _RED, _GREEN, _CYAN = "\033[0m", "\033[1m", "\033[31m", "\033[32m", "\033[36m"


@dataclass(frozen=True)
class Change:
    """What one question is about: linked calls, one rule's module-level edits, or the file."""

    calls: frozenset[Position] = frozenset()
    rule: str | None = None

    def describe(self, notebook: bool) -> str:
        if self.rule is not None:
            return f"the edits of {self.rule} ({_name(self.rule)}) outside the call sites"
        if not self.calls:
            return "the whole file"
        where = "" if notebook else f" at line {min(self.calls)[0]}"
        if len(self.calls) == 1:
            return f"the call{where}"
        return f"{len(self.calls)} linked calls{where}, migrated together or not at all"


@dataclass
class Review:
    """The questions of one run, file by file; what was answered so far."""

    answers: TextIO
    out: TextIO
    color: bool = False
    accepted: int = 0
    skipped: int = 0
    stopped: bool = False  # the user quit: later files are left as they are

    def file(self, path: str, migrate: Migrate) -> FileResult | None:
        """What to write for ``path``: the accepted changes only; None: leave it as it is."""
        if self.stopped:
            return None
        full = migrate(NOTHING)
        if full.error is not None or not full.changed:
            return full
        calls = call_changes(full)
        # The rules that edit the module with every call as written; the others follow calls.
        alone = migrate(_without(calls)) if calls else full
        changes = calls + [Change(rule=code) for code in alone.rules_changed]
        if not changes:
            return self._whole_file(path, full)
        accepted = self._answers(path, changes, migrate)
        return migrate(_without([change for change in changes if change not in accepted]))

    def _answers(self, path: str, changes: list[Change], migrate: Migrate) -> list[Change]:
        """The changes accepted, each asked about against those accepted before it."""
        accepted: list[Change] = []
        current = migrate(_without(changes))
        notebook = path.endswith(".ipynb")
        for number, change in enumerate(changes, 1):
            others = [other for other in changes if other not in accepted and other != change]
            candidate = migrate(_without(others))
            if candidate.error is not None:  # not without a change skipped before it
                self._say(f"{path}: {change.describe(notebook)} is skipped: {candidate.error}")
                self.skipped += 1
                continue
            hunk = hunk_between(current, candidate)
            header = f"{path}: {change.describe(notebook)} ({number}/{len(changes)})"
            # A change that writes nothing now is taken without asking, so its findings stay.
            answer = self._ask(header, hunk, new_findings(current, candidate)) if hunk else ""
            if answer == "q":
                self.stopped = True
                break
            if answer == "n":
                self.skipped += 1
                continue
            accepted.append(change)
            current = candidate
            self.accepted += bool(hunk)
            if answer == "a":
                self.accepted += len(changes) - number
                return accepted + changes[number:]
        return accepted

    def _whole_file(self, path: str, full: FileResult) -> FileResult:
        """A file that names no changes (a requirements file) is one question."""
        untouched = FileResult(
            full.path,
            full.source,
            full.source,
            [finding for finding in full.findings if finding.fix is Safety.MANUAL],
        )
        answer = self._ask(
            f"{path}: {Change().describe(False)}", hunk_between(untouched, full), full.findings
        )
        if answer in ("y", "a"):
            self.accepted += 1
            return full
        if answer == "n":
            self.skipped += 1
        else:
            self.stopped = True
        return untouched

    def _ask(self, header: str, hunk: str, findings: Sequence[Finding]) -> str:
        self._write(self._paint(header, _BOLD) + "\n")
        for line in hunk.splitlines(keepends=True):
            self._write(self._diff_line(line))
        for finding in sorted(findings):
            fix = f"[{finding.fix.value}]"
            self._write(f"  {finding.location} {finding.rule} {fix} {finding.message}\n")
        while True:
            self._write(self._paint(PROMPT, _BOLD))
            line = self.answers.readline()
            if not line:  # the input ended: nothing more can be asked
                self._write("\n")
                return "q"
            answer = line.strip().lower()
            if answer in ("y", "n", "a", "q"):
                return answer
            self._write(HELP)

    def _diff_line(self, line: str) -> str:
        if line.startswith(("---", "+++")):
            return self._paint(line, _BOLD)
        if line.startswith("@@"):
            return self._paint(line, _CYAN)
        if line.startswith("-"):
            return self._paint(line, _RED)
        if line.startswith("+"):
            return self._paint(line, _GREEN)
        return line

    def _paint(self, text: str, style: str) -> str:
        if not self.color:
            return text
        body = text.rstrip("\r\n")
        return f"{style}{body}{_RESET}{text[len(body) :]}"

    def _say(self, text: str) -> None:
        self._write(text + "\n")

    def _write(self, text: str) -> None:
        self.out.write(text)
        self.out.flush()


def call_changes(result: FileResult) -> list[Change]:
    """The calls a migrated file changes, in order, those linked to each other as one."""
    groups: list[set[Position]] = []
    for call in result.calls_changed:
        joined = {call.start, *call.linked}
        for group in [group for group in groups if group & joined]:
            groups.remove(group)
            joined |= group
        groups.append(joined)
    return [Change(calls=frozenset(group)) for group in sorted(groups, key=min)]


def _without(changes: Sequence[Change]) -> LeaveOut:
    return LeaveOut(
        calls=frozenset(start for change in changes for start in change.calls),
        rules=frozenset(change.rule for change in changes if change.rule is not None),
    )


def hunk_between(before: FileResult, after: FileResult) -> str:
    """A unified diff from one result's text to the other's (a notebook's: its cells')."""
    old, new = _texts(before), _texts(after)
    parts = []
    for label in sorted({*old, *new}, key=_natural):
        original = (old.get(label) or new[label])[0]
        then = old.get(label, (original, original))[1]
        now = new.get(label, (original, original))[1]
        if then != now:
            parts.append(unified_diff(label, then, now))
    return "".join(parts)


def _texts(result: FileResult) -> dict[str, tuple[str, str]]:
    """Each changed text of a result, by its label: (as read, as it would be written)."""
    return {label: (old, new) for label, old, new in result.diff_views() if old != new}


def _natural(label: str) -> list[object]:
    """``cell 10`` after ``cell 9``."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", label)]


def new_findings(before: FileResult, after: FileResult) -> list[Finding]:
    """The findings a change brings: those ``after`` has more of than ``before``.

    Counted by what they say, since positions may follow the lines a change moves;
    among findings that say the same, those not at a position ``before`` has come first.
    """

    def key(finding: Finding) -> tuple[object, ...]:
        return finding.rule, finding.message, finding.fix, finding.cell

    surplus = Counter(map(key, after.findings)) - Counter(map(key, before.findings))
    known = set(before.findings)
    found = []
    for finding in sorted(after.findings, key=lambda finding: finding in known):
        if surplus[key(finding)] > 0:
            surplus[key(finding)] -= 1
            found.append(finding)
    return sorted(found)


def _name(code: str) -> str:
    try:
        return name_of(code)
    except UnknownRule:
        return code
