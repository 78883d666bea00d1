"""Requirements in dependency files, found with their exact place in the text.

``requirements*.txt`` (pip's format), ``pyproject.toml`` (``[project]``
dependencies and optional dependencies, ``[dependency-groups]``, uv and PDM
development lists, Poetry's dependency tables) and ``setup.cfg``
(``install_requires``, ``extras_require``). Each requirement goes to the rules'
``apply_dependency``; an edit replaces the requirement's version constraint and
nothing else, so every other byte of the file (comments, layout, TOML quoting)
stays as it was. TOML is never re-serialised: a small scanner finds the
strings and their offsets, and every string it reads is checked against
``tomllib``'s reading of the same document before anything is edited.

Imports no libcst: a run over dependency files parses no Python.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from migrator.contract.requirements import (
    DependencyPlan,
    Kind,
    Requirement,
    requirements_txt,
    setup_cfg_requirements,
)
from migrator.contract.result import FileResult
from migrator.core.config import Config
from migrator.core.findings import Finding
from migrator.files.pyproject_requirements import ScanMismatch, pyproject_requirements

if TYPE_CHECKING:
    from migrator.contract.rule import Rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


def migrate_dependencies(
    text: str, path: str, kind: Kind, config: Config, rules: Sequence[type[Rule]]
) -> FileResult:
    """Run the rules over every requirement of one dependency file."""
    try:
        requirements = list(read_requirements(text, kind))
    except (tomllib.TOMLDecodeError, ScanMismatch) as error:
        return FileResult(path, text, text, error=f"{path}: {error}; the file was left unchanged.")
    findings: list[Finding] = []
    edits: list[tuple[int, int, str]] = []
    migrated = manual = 0
    for plan in apply_rules(requirements, path, config, rules):
        requirement = plan.requirement
        findings.extend(plan.findings)
        if plan.new_constraint is not None:
            edits.append((requirement.start, requirement.end, plan.new_constraint))
            migrated += 1
        elif plan.manual:
            manual += 1
    new_text = text
    for start, end, replacement in sorted(edits, reverse=True):
        new_text = new_text[:start] + replacement + new_text[end:]
    return FileResult(
        path, text, new_text, sorted(findings), migrated_sites=migrated, manual_sites=manual
    )


def apply_rules(
    requirements: Sequence[Requirement], path: str, config: Config, rules: Sequence[type[Rule]]
) -> list[DependencyPlan]:
    instances = [rule() for rule in rules]
    plans = []
    for requirement in requirements:
        plan = DependencyPlan(requirement, config, path)
        for rule in instances:
            rule.apply_dependency(plan)
        plans.append(plan)
    return plans


def read_requirements(text: str, kind: Kind) -> Iterator[Requirement]:
    if kind == "requirements":
        return requirements_txt(text)
    if kind == "setup_cfg":
        return setup_cfg_requirements(text)
    return pyproject_requirements(text)
