"""A copy of this checkout, as a user or a runner gets it, for tests that build or install it.

Building or pip-installing a source tree writes into it (``*.egg-info``, ``build/``), and
``build/`` can carry files of an earlier build into the next wheel. Tests that package the
project therefore work on a fresh copy of the files git knows, tracked or new, as they are in
the working tree now: what a clone of this revision, or a runner's checkout of the action,
would hold.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def distribution_name() -> str:
    """The name users install, as ``[project] name`` in pyproject.toml spells it."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["name"]


def copy_checkout(target: Path) -> Path:
    """Copy the working tree's files that git does not ignore into ``target``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if not source.is_file() or source.is_symlink():  # deleted, or the shared .venvs link
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name)
    return target


def clean_environment(**extra: str) -> dict[str, str]:
    """This process's environment without what would let a child see this checkout or venv."""
    leaks = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in leaks and not name.startswith("PYTEST_")
    }
    return {**environment, **extra}
