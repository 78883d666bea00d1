"""What a new user meets first: the version, and the promises the docs make about it."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

import migrator
from migrator.registry import all_rules

ROOT = Path(__file__).resolve().parent.parent
USER_DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _distribution() -> str:
    """The distribution that installs the ``migrator`` package, whatever it is called."""
    return importlib.metadata.packages_distributions()["migrator"][0]


def test_the_package_metadata_has_the_version():
    assert importlib.metadata.version(_distribution()) == migrator.__version__


def test_version_option_prints_the_version_both_ways(tmp_path):
    fast = [sys.executable, "-m", "migrator", "--version"]
    full = [sys.executable, "-c", "from migrator.cli import main; main()", "--version"]
    for command in (fast, full):
        completed = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
        assert completed.stdout == f"migrator {migrator.__version__}\n"


def test_the_changelog_top_entry_is_the_version():
    headings = re.findall(r"^## (\S+)", (ROOT / "CHANGELOG.md").read_text(), re.MULTILINE)
    assert headings[0] == migrator.__version__


def test_every_pinned_version_in_the_docs_is_the_version():
    pins = []
    for doc in USER_DOCS:
        text = doc.read_text()
        pins += [(doc.name, pin) for pin in re.findall(r"\brev:\s*v(\S+)", text)]
        # Installs of migrator itself, not the actions/checkout@v4 of a workflow.
        pins += [
            (doc.name, pin)
            for source, pin in re.findall(r"(\S+)@v([\w.]+)", text)
            if "migrator" in source
        ]
    assert {name for name, _ in pins} >= {"README.md", "pre-commit.md", "ci.md"}
    assert [(name, pin) for name, pin in pins if pin != migrator.__version__] == []


def test_no_rule_is_newer_than_the_version():
    newer = [
        (rule.code, rule.since)
        for rule in all_rules()
        if _release(rule.since) > _release(migrator.__version__)
    ]
    assert newer == []
