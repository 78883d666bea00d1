"""The kinds of file a run reads, and which pipeline each goes through.

Python modules go through the engine; notebooks through the engine a cell
at a time (``notebook.py``); dependency files through the requirement reader
(``dependencies.py``); recorded HTTP cassettes are only reported
(``cassettes.py``). Each kind has a byte prefilter, so a file with nothing
to migrate is never parsed, and nothing here imports libcst.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from pathlib import PurePath
from types import MappingProxyType
from typing import Literal

from migrator.analysis import project
from migrator.analysis.doubled import Endpoints
from migrator.analysis.gate import needs_rules
from migrator.analysis.prefilter import may_contain_legacy
from migrator.contract.result import FileResult
from migrator.contract.rule import Rule
from migrator.contract.selection import NOTHING, LeaveOut
from migrator.core.config import Config

Kind = Literal["python", "notebook", "requirements", "pyproject", "setup_cfg", "cassette"]

EXTENSIONS = (".py", ".ipynb")
# Dependency files found in the folders walked, by name.
DEPENDENCY_FILES = re.compile(
    r"requirements[\w.-]*\.(?:txt|in)|[\w.-]*[-_]requirements\.txt|constraints[\w.-]*\.txt"
    r"|pyproject\.toml|setup\.cfg",
    re.IGNORECASE,
)
_ANTHROPIC = re.compile(rb"anthropic", re.IGNORECASE)


def is_cassette(path: PurePath | str) -> bool:
    """A recorded HTTP exchange (vcrpy, pytest-recording): YAML in a ``*cassette*`` folder."""
    text = os.fspath(path)
    if not text.endswith((".yaml", ".yml")):
        return False
    folders = os.path.dirname(text).replace("\\", "/").lower().split("/")
    return any("cassette" in folder for folder in folders)


def kind_of(path: PurePath | str) -> Kind:
    if os.fspath(path).endswith(".py"):
        return "python"  # asked of every file of a run: no other kind's name ends so
    if is_cassette(path):
        return "cassette"
    name = os.path.basename(path)
    if name.endswith(".ipynb"):
        return "notebook"
    if name.lower() == "pyproject.toml":
        return "pyproject"
    if name.lower() == "setup.cfg":
        return "setup_cfg"
    if DEPENDENCY_FILES.fullmatch(name):
        return "requirements"
    return "python"


def may_need_work(kind: Kind, raw: bytes) -> bool:
    """The prefilter: False when the bytes cannot hold anything a rule acts on.

    A module is decided by its bytes, then by its ``ast`` (:mod:`migrator.analysis.gate`):
    only one both pass is parsed with libcst.
    """
    if kind == "python":
        return may_contain_legacy(raw) and needs_rules(raw)
    if kind == "notebook":  # also a `%pip install anthropic==0.x` line
        return may_contain_legacy(raw) or (b"install" in raw and _ANTHROPIC.search(raw) is not None)
    if kind == "cassette":
        return b"/v1/complete" in raw
    return _ANTHROPIC.search(raw) is not None


def migrate_text(
    kind: Kind,
    text: str,
    path: str,
    config: Config,
    rules: Sequence[type[Rule]],
    known_clients: Mapping[str, bool] = MappingProxyType({}),
    leave_out: LeaveOut = NOTHING,
    endpoints: Endpoints | None = None,
) -> FileResult:
    """``leave_out`` applies to modules and notebooks; the other kinds name no changes.
    ``endpoints``: the run's legacy endpoints, None when this file is the whole run.
    The modules of the project that the file imports may be read (:mod:`migrator.analysis.project`)."""
    with project.reading(path):
        return _migrate_text(kind, text, path, config, rules, known_clients, leave_out, endpoints)


def _migrate_text(
    kind: Kind,
    text: str,
    path: str,
    config: Config,
    rules: Sequence[type[Rule]],
    known_clients: Mapping[str, bool],
    leave_out: LeaveOut,
    endpoints: Endpoints | None,
) -> FileResult:
    if kind == "notebook":
        from migrator.files.notebook import migrate_notebook

        return migrate_notebook(text, path, config, rules, leave_out)
    if kind == "python":
        from migrator.engine.migrate import migrate_source  # libcst only for files that need it

        return migrate_source(
            text,
            path,
            config,
            rules,
            known_clients=known_clients,
            leave_out=leave_out,
            known_endpoints=endpoints,
        )
    if kind == "cassette":
        from migrator.files.cassettes import report_cassette

        return report_cassette(text, path, rules)
    from migrator.files.dependencies import migrate_dependencies

    return migrate_dependencies(text, path, kind, config, rules)
