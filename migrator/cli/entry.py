"""The console script: a fast answer for the commonest runs, the full command line otherwise.

A pre-commit hook runs ``migrator check --no-progress FILE...`` on every commit,
and almost always on files that cannot hold a legacy call; CI runs ``migrator check
--no-progress .`` over a tree it mostly checked before. Importing the command line
(typer, rich) costs more than deciding either, so a check with no option but
``--no-progress``, ``--quiet`` and ``--force-exclude``, no ``[tool.migrator]``
settings to validate, and plain text output (no colour, no progress bar) is answered
here: files all ruled out by their bytes with a summary alone, anything else by the
same runner and the same text the command line prints. Every other run goes to
:mod:`migrator.cli.app`. ``--version`` alone is answered here too.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

# Options that keep a check plain: --quiet only drops the summary.
_NO_PROGRESS = "--no-progress"
_QUIET = {"--quiet", "-q"}
# With no settings to read, it leaves out the given files below default-excluded folders.
_FORCE_EXCLUDE = "--force-exclude"


def main() -> None:
    try:
        _main()
    except BrokenPipeError:
        # The reader went away (``migrator check . | head``): what is left is not wanted,
        # and the interpreter must not complain when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)


def _main() -> None:
    if sys.argv[1:] == ["--version"]:
        from migrator import __version__

        print(f"migrator {__version__}")
        sys.exit(0)
    check = _plain_check(sys.argv[1:])
    if check is not None:
        count = _all_clean(check.paths, check.force_exclude)
        if count is not None:
            if not check.quiet:
                from migrator.core.wording import clean_summary

                print(clean_summary(count))
            sys.exit(0)
        if check.plain_output:
            sys.exit(_answer(check))
    from migrator.cli.app import main as full

    full()


@dataclass
class _Check:
    paths: list[Path]
    quiet: bool = False
    force_exclude: bool = False
    progress: bool = True

    @property
    def plain_output(self) -> bool:
        """No colour and no progress bar: what the command line would print is plain text.

        rich colours a pipe too when ``FORCE_COLOR`` is set.
        """
        if os.environ.get("FORCE_COLOR") or sys.stdout.isatty():
            return False
        return not (self.progress and sys.stderr.isatty())


def _plain_check(argv: list[str]) -> _Check | None:
    """The check ``argv`` asks for, when this module can answer it as the command line would."""
    if not argv or argv[0] != "check":
        return None
    check = _Check([])
    for arg in argv[1:]:
        if arg in _QUIET:
            check.quiet = True
        elif arg == _FORCE_EXCLUDE:
            check.force_exclude = True
        elif arg == _NO_PROGRESS:
            check.progress = False
        elif arg.startswith("-"):
            return None
        else:
            check.paths.append(Path(arg))
    check.paths = check.paths or [Path(".")]
    if _has_settings(check.paths[0]):
        return None
    return check


def _answer(check: _Check) -> int:
    """Print what ``migrator check`` prints in text, and return its exit status."""
    from migrator.cli import report as formats
    from migrator.core.config import Config
    from migrator.engine.registry import selected
    from migrator.run.run_report import Mode
    from migrator.run.runner import run

    config = Config(force_exclude=check.force_exclude)  # the defaults: nothing to validate
    report = run(check.paths, config, selected(), Mode.CHECK)
    lines = formats.text_findings(report)
    if lines:
        print("\n".join(lines))
    sys.stdout.flush()
    for message in report.errors:
        print(f"error: {message}", file=sys.stderr)
    if not check.quiet:
        print("\n".join(formats.text_tail(report)))
    if report.errors:
        return 2
    return 1 if report.findings else 0


def _all_clean(given: list[Path], force_exclude: bool) -> int | None:
    """The number of files, when ``given`` are files none of which can need work."""
    paths = list(given)
    if force_exclude:
        from migrator.files.excludes import given_path_excluded

        paths = [path for path in paths if not given_path_excluded(path, None)]
    from migrator.files import filekinds

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
    return len(seen)


def _has_settings(first: Path) -> bool:
    """Does the ``pyproject.toml`` the run would read have a ``[tool.migrator]`` table?

    Its settings are validated (a broken table is an error) by the full command line.
    """
    from migrator.core.config import find_pyproject

    pyproject = find_pyproject(first if first.exists() else Path("."))
    if pyproject is None:
        return False
    try:
        text = pyproject.read_bytes()
    except OSError:
        return True
    return b"migrator" in text
