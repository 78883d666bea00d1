"""The bundled examples/: migrated by the real command line, then run before and after.

Each program runs under the last SDK with Text Completions and, migrated,
under the current SDK, both against the fake API; what they print and send
must match. This is the README's promise, checked end to end.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from differential import REPO_ROOT, run_pair

from migrator.testing import FakeAnthropic

EXAMPLES = REPO_ROOT / "examples"
PROGRAMS = sorted(path.name for path in EXAMPLES.glob("*.py"))


def migrator(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "migrator", *args, "--no-progress"], capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("examples")
    before, after = root / "before", root / "after"
    shutil.copytree(EXAMPLES, before)
    shutil.copytree(EXAMPLES, after)
    diff = migrator("migrate", "--diff", str(after))
    assert diff.returncode == 1, diff.stderr
    assert [p.name for p in after.glob("*.py")] and all(
        (after / name).read_text() == (EXAMPLES / name).read_text() for name in PROGRAMS
    ), "--diff wrote to disk"
    migrated = migrator("migrate", str(after))
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    return before, after


def test_examples_are_legacy_before(project):
    before, _ = project
    assert migrator("check", str(before)).returncode == 1


def test_check_is_clean_after_migration(project):
    _, after = project
    result = migrator("check", str(after))
    assert result.returncode == 0, result.stdout
    assert migrator("migrate", "--diff", str(after)).returncode == 0, (
        "a second run would change things"
    )


@pytest.mark.parametrize("name", PROGRAMS)
def test_example_behaves_the_same(project, name):
    before, after = project
    with FakeAnthropic() as api:
        pair = run_pair(before / name, after / name, api)
    assert not pair.problems(), pair.report()
