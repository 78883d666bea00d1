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


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    source: Path  # .before.py or .noop.py

    @property
    def noop(self) -> bool:
        return self.source.name.endswith(".noop.py")

    @property
    def expected(self) -> Path:
        return self.source if self.noop else self.source.with_name(f"{self.name}.after.py")

    @property
    def runnable(self) -> bool:
        return RUN_MARK in self.source.read_text(encoding="utf-8")

    @property
    def id(self) -> str:
        return f"{self.rule}/{self.name}"

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
    for path in sorted(FIXTURES.glob("*/*.py")):
        rule = path.parent.name
        for suffix in (".before.py", ".noop.py"):
            if path.name.endswith(suffix):
                found.append(Case(rule, path.name[: -len(suffix)], path))
    return found
