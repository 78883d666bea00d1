"""Reading the fixture folders: cases, their config line, and whether they run."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
RUN_MARK = "# migrator-fixture: run"
_CONFIG = re.compile(r"^# migrator-fixture: config (.+)$", re.M)


# Fixtures of files that are not Python modules, and the file name each stands for (the
# name decides how a file is read).
STANDS_FOR = {
    ".txt": "requirements.txt",
    ".toml": "pyproject.toml",
    ".cfg": "setup.cfg",
    ".ipynb": "notebook.ipynb",
}
SUFFIXES = (".py", *STANDS_FOR)


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    source: Path  # <case>.before.<ext> or <case>.noop.<ext>

    @property
    def suffix(self) -> str:
        return self.source.suffix

    @property
    def noop(self) -> bool:
        return self.source.name.endswith(f".noop{self.suffix}")

    @property
    def expected(self) -> Path:
        if self.noop:
            return self.source
        return self.source.with_name(f"{self.name}.after{self.suffix}")

    @property
    def filename(self) -> str:
        """The path the case is migrated as: its own, or the name its kind of file needs."""
        if self.suffix == ".py":
            return str(self.source)
        return str(self.source.with_name(STANDS_FOR[self.suffix]))

    @property
    def runnable(self) -> bool:
        return self.suffix == ".py" and RUN_MARK in self.source.read_text(encoding="utf-8")

    @property
    def id(self) -> str:
        return f"{self.rule}/{self.name}" + ("" if self.suffix == ".py" else self.suffix)

    def config_overrides(self) -> dict[str, object]:
        """``key=value`` pairs; a value that starts with ``{`` is JSON (a table, no spaces)."""
        text = self.source.read_text(encoding="utf-8")
        overrides: dict[str, object] = {}
        for line in _CONFIG.findall(text):
            for pair in line.split():
                key, _, value = pair.partition("=")
                overrides[key] = json.loads(value) if value.startswith("{") else value
        return overrides


def cases() -> list[Case]:
    found = []
    for path in sorted(FIXTURES.glob("*/*")):
        rule = path.parent.name
        for suffix in SUFFIXES:
            for kind in (".before", ".noop"):
                if path.name.endswith(kind + suffix):
                    found.append(Case(rule, path.name[: -len(kind + suffix)], path))
    return found


def notebook(*cells: tuple[str, str]) -> str:
    """A notebook's JSON (nbformat 4, Jupyter's layout) holding ``(kind, source)`` cells."""
    return json.dumps(
        {
            "cells": [
                {"cell_type": kind, "metadata": {}, "source": source.splitlines(keepends=True)}
                | ({"execution_count": None, "outputs": []} if kind == "code" else {})
                for kind, source in cells
            ],
            "metadata": {"language_info": {"name": "python"}},
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
    )
