"""Which files ``migrate`` writes over while they hold changes git has not recorded.

After a migration the user reviews it with ``git diff`` and takes it back with
``git restore``; both work only if git holds the file as it was before. A file
with unstaged changes, or one git does not track, loses that: the diff mixes the
user's edits with the migration, and nothing restores the file. Staged changes
are fine (the diff against the index is the migration alone, and restoring goes
back to the index), which is also how pre-commit leaves files for its hooks.

Asked only when a file is about to be written, once per repository (one
``git status``), and never an error: without git, or outside a repository,
nothing is known to be at risk.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

from migrator.files.gitignore import find_work_tree

# Variables that would point git at another repository or index than the file's.
_LOCATING = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_COMMON_DIR",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
)
_TIMEOUT_SECONDS = 60


class UncommittedChanges:
    """Answers "does git hold this file as it is now?" for the files of one run.

    ``roots`` are the paths the run was given: each ``git status`` is limited to
    those inside its repository.
    """

    def __init__(self, roots: Sequence[Path]) -> None:
        self.roots = [os.path.realpath(root) for root in roots]
        self._top_of: dict[str, str | None] = {}  # folder -> its work tree
        self._dirty: dict[str, frozenset[str]] = {}  # work tree -> its files at risk

    def at_risk(self, path: Path) -> bool:
        """Whether ``path`` has unstaged changes or is untracked (before it is written)."""
        real = os.path.realpath(path)
        top = self._work_tree(os.path.dirname(real))
        if top is None:
            return False
        if top not in self._dirty:
            self._dirty[top] = self._status(top)
        return real in self._dirty[top]

    def _work_tree(self, folder: str) -> str | None:
        if folder not in self._top_of:
            found = find_work_tree(Path(folder))
            self._top_of[folder] = None if found is None else str(found)
        return self._top_of[folder]

    def _status(self, top: str) -> frozenset[str]:
        """The files of ``top`` that git cannot show or restore as they are now."""
        inside = os.path.join(top, "")
        if any(top == root or inside.startswith(os.path.join(root, "")) for root in self.roots):
            pathspecs: list[str] = []  # a root holds the whole work tree
        else:
            pathspecs = [root for root in self.roots if root.startswith(inside)]
        environment = {k: v for k, v in os.environ.items() if k not in _LOCATING}
        # Read-only: no index refresh that could race a git command the user runs.
        environment.update(GIT_OPTIONAL_LOCKS="0", GIT_LITERAL_PATHSPECS="1")
        command = ["git", "-C", top, "status", "--porcelain=v1", "-z", "--no-renames"]
        command += ["--untracked-files=all", "--", *pathspecs]
        try:
            completed = subprocess.run(
                command,
                capture_output=True,
                env=environment,
                timeout=_TIMEOUT_SECONDS,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):  # no git, or it hangs
            return frozenset()
        if completed.returncode != 0:  # not a repository after all, or a broken one
            return frozenset()
        # "XY path": Y is the work tree against the index, "?" for an untracked file.
        return frozenset(
            os.path.normpath(os.path.join(top, os.fsdecode(entry[3:])))
            for entry in completed.stdout.split(b"\0")
            if len(entry) > 3 and entry[1:2] != b" "
        )
