"""Which paths the excludes leave out: the default folders and the user's globs.

The walk below a folder applies them to every entry it meets. ``--force-exclude``
applies them to the paths given on the command line as well (pre-commit names every
staged file, so without it ``exclude`` would never apply to a hook's run). Kept apart
from :mod:`migrator.files.discover` so that the fast answer for clean files
(:mod:`migrator.cli.entry`) can ask without importing the walker.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Sequence

# Folder names never entered below a given folder. A folder holding a pyvenv.cfg (a virtual
# environment, whatever its name, "env" included) is skipped as well.
DEFAULT_EXCLUDES: tuple[str, ...] = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    "__pycache__",
    "node_modules",
    "build",
    "dist",
    ".tox",
    ".nox",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".migrator_cache",
    "site-packages",
    "*.egg-info",
)

VENV_MARKER = "pyvenv.cfg"

DEFAULT_EXCLUDED = re.compile("|".join(fnmatch.translate(name) for name in DEFAULT_EXCLUDES))


def compile_globs(globs: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern for the user's globs, matched against a relative path or a name."""
    # Accept "legacy/" for a folder and the platform's separator for the relative paths.
    cleaned = [g.replace(os.sep, "/").rstrip("/") for g in globs]
    translated = [fnmatch.translate(g) for g in cleaned if g]
    return re.compile("|".join(translated)) if translated else None


def user_excluded(excluded: re.Pattern[str] | None, rel: str, name: str) -> bool:
    return excluded is not None and (
        excluded.fullmatch(rel) is not None or excluded.fullmatch(name) is not None
    )


def given_path_excluded(path: str | os.PathLike[str], excluded: re.Pattern[str] | None) -> bool:
    """Would a walk of the current folder leave ``path`` out (``--force-exclude``)?

    The path is taken from the current folder (from the top of the file system when
    it is elsewhere), so ``exclude`` globs mean what they mean for ``migrator check .``:
    each folder on the way is tested like a folder the walk meets (default names,
    virtual environments, the globs), and the last part like a file, or like a folder
    when it is one. ``.gitignore`` is not consulted: a file given by name is tracked
    or wanted.
    """
    absolute = os.path.abspath(path)
    here = os.getcwd()
    if absolute == here:
        return False
    if absolute.startswith(os.path.join(here, "")):
        base, rest = here, absolute[len(here) :].lstrip(os.sep)
    else:
        drive, tail = os.path.splitdrive(absolute)
        base, rest = drive + os.sep, tail.lstrip(os.sep)
    parts = rest.split(os.sep)
    rel, folder = "", base
    for position, name in enumerate(parts):
        rel = f"{rel}/{name}" if rel else name
        folder = os.path.join(folder, name)
        if user_excluded(excluded, rel, name):
            return True
        is_folder = position < len(parts) - 1 or os.path.isdir(folder)
        if is_folder and (
            DEFAULT_EXCLUDED.fullmatch(name) is not None
            or os.path.isfile(os.path.join(folder, VENV_MARKER))
        ):
            return True
    return False
