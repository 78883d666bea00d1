"""What a run reports: its mode, each file's report and the run's, and the diff a report
shows. Kept apart from the run itself so that the command line and the output formats
read a report without importing what makes one."""

from __future__ import annotations

import difflib
import enum
from collections.abc import Callable
from dataclasses import dataclass, field

from migrator.contract.result import FileResult
from migrator.contract.selection import LeaveOut
from migrator.core.findings import Finding, Safety


class Mode(str, enum.Enum):
    CHECK = "check"
    DIFF = "diff"
    WRITE = "write"


@dataclass
class FileReport:
    path: str
    findings: list[Finding] = field(default_factory=list)
    changed: bool = False
    diff: str = ""
    migrated_sites: int = 0
    manual_sites: int = 0
    error: str | None = None
    helpers: set[str] = field(default_factory=set)
    # Written over while it had changes git did not hold (see migrator.files.worktree).
    uncommitted: bool = False


@dataclass
class RunReport:
    files: list[FileReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    files_seen: int = 0
    # Each package's shared module of runtime helpers, and how many modules import it.
    shared_helpers: list[tuple[str, int]] = field(default_factory=list)
    # Modules that got a copy of the runtime helpers of their own.
    inline_helpers: int = 0

    @property
    def findings(self) -> list[Finding]:
        return [finding for report in self.files for finding in report.findings]

    @property
    def errors(self) -> list[str]:
        return self.problems + [report.error for report in self.files if report.error]

    @property
    def files_changed(self) -> int:
        return sum(report.changed for report in self.files)

    @property
    def migrated_sites(self) -> int:
        return sum(report.migrated_sites for report in self.files)

    @property
    def manual_sites(self) -> int:
        return sum(report.manual_sites for report in self.files)

    def count(self, fix: Safety) -> int:
        return sum(finding.fix is fix for finding in self.findings)

    @property
    def uncommitted_written(self) -> list[str]:
        """Files written while git held neither their changes nor them (untracked)."""
        return [report.path for report in self.files if report.changed and report.uncommitted]


Progress = Callable[[str], None]
# Interactive review: given a file's path and a way to migrate it leaving changes out, the
# result to write (only the changes the user accepted), or None once the user quit: that
# file and every later one are left as they are.
Reviewer = Callable[[str, Callable[[LeaveOut], FileResult]], FileResult | None]


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path.lstrip('/')}",
        tofile=f"b/{path.lstrip('/')}",
    )
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)
