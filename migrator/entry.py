"""The console script: a fast answer for the commonest run, the full command line otherwise.

A pre-commit hook runs ``migrator check --no-progress FILE...`` on every commit,
and almost always on files that cannot hold a legacy call. Importing the command
line (typer, rich) costs several times what deciding that does, so when the
arguments are only files, every one of them is ruled out by its bytes, and no
``[tool.migrator]`` settings could change the answer, the answer is printed here.
Anything else (a folder, another option, a file that may need work or cannot be
read, settings to validate) goes to :mod:`migrator.cli`, which gives the same
answer the same way. ``--version`` alone is answered here too.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Options that change nothing when no file needs work; --quiet only drops the summary.
_HARMLESS = {"--no-progress"}
_QUIET = {"--quiet", "-q"}
# With no settings to read, it leaves out the given files below default-excluded folders.
_FORCE_EXCLUDE = "--force-exclude"


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from migrator import __version__

        print(f"migrator {__version__}")
        sys.exit(0)
    files_checked = _all_clean(sys.argv[1:])
    if files_checked is None:
        from migrator.cli import main as full

        full()
        return
    count, quiet = files_checked
    if not quiet:
        from migrator.wording import clean_summary

        print(clean_summary(count))
    sys.exit(0)


def _all_clean(argv: list[str]) -> tuple[int, bool] | None:
    """(files, quiet) when ``argv`` is a check of files none of which can need work."""
    if not argv or argv[0] != "check":
        return None
    quiet = force_exclude = False
    paths: list[Path] = []
    for arg in argv[1:]:
        if arg in _QUIET:
            quiet = True
        elif arg == _FORCE_EXCLUDE:
            force_exclude = True
        elif arg in _HARMLESS:
            continue
        elif arg.startswith("-"):
            return None
        else:
            paths.append(Path(arg))
    if not paths or _has_settings(paths[0]):
        return None
    if force_exclude:
        from migrator.excludes import given_path_excluded

        paths = [path for path in paths if not given_path_excluded(path, None)]
    from migrator import filekinds

    seen = set()
    for path in paths:
        try:
            if not path.is_file() or path.is_symlink():
                return None
            raw = path.read_bytes()
            seen.add(path.resolve())
        except OSError:
            return None
        if filekinds.may_need_work(filekinds.kind_of(path), raw):
            return None
    return len(seen), quiet


def _has_settings(first: Path) -> bool:
    """Does the ``pyproject.toml`` the run would read have a ``[tool.migrator]`` table?

    Its settings are validated (a broken table is an error) by the full command line.
    """
    from migrator.config import find_pyproject

    pyproject = find_pyproject(first if first.exists() else Path("."))
    if pyproject is None:
        return False
    try:
        text = pyproject.read_bytes()
    except OSError:
        return True
    return b"migrator" in text
