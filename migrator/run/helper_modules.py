"""The modules of runtime helpers a run writes: the one ``runtime_module`` names, and the
module a package's migrated modules share their helpers from. Written by the run's own
process, once every file is known."""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from migrator.code.sourcefile import SourceError, read_source, write_source
from migrator.core.config import Config, find_pyproject
from migrator.run.run_report import FileReport, Mode, unified_diff

if TYPE_CHECKING:
    from migrator.files.worktree import UncommittedChanges


def _runtime_target(paths: Sequence[Path], config: Config) -> Path | str:
    """Where the module named by ``runtime_module`` lives, or why it cannot be written.

    Its path is the dotted name under the project root: the folder of the
    ``pyproject.toml`` that holds the configuration, else the current folder.
    """
    assert config.runtime_module is not None
    start = paths[0] if paths and paths[0].exists() else Path(".")
    pyproject = find_pyproject(start)
    root = pyproject.parent if pyproject is not None else Path(".").resolve()
    parts = config.runtime_module.split(".")
    target = root.joinpath(*parts[:-1], parts[-1] + ".py")
    if not target.exists() and root.joinpath(*parts, "__init__.py").exists():
        target = root.joinpath(*parts, "__init__.py")
    setting = f"runtime_module = {config.runtime_module!r}"
    if not target.parent.is_dir():
        return (
            f"{setting}: the folder {target.parent} does not exist, so the runtime converter "
            "has nowhere to go; create the package or name another module. Nothing was changed."
        )
    if target.exists() and not target.is_file():
        return (
            f"{setting}: {target} is not a file, so the runtime converter cannot be written "
            "there; name another module. Nothing was changed."
        )
    if not os.access(target if target.exists() else target.parent, os.W_OK):
        return (
            f"{setting}: {target} cannot be written; make it writable or name another module. "
            "Nothing was changed."
        )
    return target


def _runtime_module(
    target: Path,
    config: Config,
    mode: Mode,
    only: Collection[str] | None = None,
    uncommitted: UncommittedChanges | None = None,
) -> FileReport | None:
    """Create the module named by ``runtime_module`` (or add the helpers it lacks).

    ``only``: the helpers wanted (a package's shared module); every one when None.
    """
    from migrator.runtime.helpers import (
        URL_HELPER,
        URL_HELPER_SOURCE,
        adapter_helper,
        module_source,
        request_helpers,
        result_adapter_helpers,
        sdk02_stream_adapter_helpers,
        stream_adapter_helper,
    )

    shown = _shown(target)
    before = ""
    if target.exists():
        try:
            before = read_source(target).text
        except SourceError as error:
            return FileReport(shown, error=error.message)
    sources = {
        **request_helpers(config),
        **dict(adapter_helper(dict_shaped) for dict_shaped in (False, True)),
        **dict(stream_adapter_helper(asynchronous) for asynchronous in (False, True)),
        **result_adapter_helpers(False),
        **result_adapter_helpers(True),
        **sdk02_stream_adapter_helpers(),
        URL_HELPER: URL_HELPER_SOURCE,
    }
    if only is not None:
        sources = {name: source for name, source in sources.items() if name in only}
    missing = [source for name, source in sources.items() if f"def {name}(" not in before]
    if not missing:
        return None
    if before.strip():
        after = before.rstrip("\n") + "\n\n\n" + "\n\n".join(missing)
    elif only is not None:
        after = _SHARED_HEADER + "\n\n".join(missing)
    else:
        after = module_source(config)
    outcome = FileReport(shown, changed=True)
    if mode is Mode.DIFF:
        outcome.diff = unified_diff(shown, before, after)
    elif mode is Mode.WRITE:
        outcome.uncommitted = uncommitted is not None and uncommitted.at_risk(target)
        try:
            _write_new(target, before, after)
        except OSError as error:
            outcome.changed = False
            outcome.error = f"{shown}: cannot write the runtime converter: {error.strerror}"
    return outcome


def _shown(path: Path) -> str:
    """A path as reports show it: from the current folder when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# The module a package's migrated modules share their helpers from.
SHARED_MODULE = "_legacy_anthropic"
_SHARED_HEADER = (
    '"""The runtime helpers of the migration from Text Completions to Messages.\n\n'
    "Written by migrator, once for the package: its migrated modules import them\n"
    "from here. Yours to keep, edit, or remove once no module imports them.\n"
    '"""\n\n\n'
)


def top_package(path: Path) -> Path | None:
    """The outermost regular package (a folder with ``__init__.py``) that holds ``path``."""
    folder = Path(os.path.abspath(path)).parent
    if not (folder / "__init__.py").is_file():
        return None
    while (folder.parent / "__init__.py").is_file() and folder.parent != folder:
        folder = folder.parent
    return folder if folder.name.isidentifier() else None


def _write_new(target: Path, before: str, after: str) -> None:
    if target.exists():
        write_source(read_source(target), after)
        return
    temporary = target.with_name(target.name + ".migrator-tmp")
    temporary.write_text(after, encoding="utf-8")
    temporary.replace(target)
