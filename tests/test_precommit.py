"""The hooks in .pre-commit-hooks.yaml, installed and run by the real pre-commit tool.

``pre-commit try-repo`` builds the hooks' environment the way a user's pre-commit does
(``language: python``: a virtual environment with this project pip-installed into it), so
this needs pip to reach the package index, as CI does. The checkout is copied into a
repository of its own and committed once, so that every run below uses one revision and the
environment is built once.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LEGACY = """import anthropic

client = anthropic.Anthropic()
response = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=100,
    prompt=f"{anthropic.HUMAN_PROMPT} Hello{anthropic.AI_PROMPT}",
)
print(response.completion)
"""

if importlib.util.find_spec("pre_commit") is None or shutil.which("git") is None:
    if os.environ.get("CI") == "true":
        raise RuntimeError("pre-commit and git are needed (scripts/setup.sh installs pre-commit)")
    pytest.skip("pre-commit or git is not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, environment: dict[str, str]) -> Path:
    """This checkout's working tree (what the tests test) as a committed repository."""
    target = tmp_path_factory.mktemp("hooks") / "migrator"
    shutil.copytree(
        ROOT,
        target,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", ".venvs", "__pycache__", "*.egg-info", "build", "dist", ".*_cache"
        ),
    )
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "hooks under test")):
        subprocess.run(["git", *args], cwd=target, check=True, capture_output=True, env=environment)
    return target


def try_repo(hook_repo: Path, project: Path, hook: str, env: dict[str, str]):
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), hook],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def test_check_fails_on_a_legacy_file_and_passes_after_migrate(
    tmp_path: Path, hook_repo: Path, environment: dict[str, str]
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=project, check=True, env=environment)
    (project / "app.py").write_text(LEGACY)
    (project / "clean.py").write_text("print('nothing to see')\n")
    subprocess.run(["git", "add", "-A"], cwd=project, check=True, env=environment)

    check = try_repo(hook_repo, project, "migrator-check", environment)
    assert check.returncode == 1, check.stdout + check.stderr
    assert "Failed" in check.stdout and "app.py:4:12 TCM001" in check.stdout

    migrate = try_repo(hook_repo, project, "migrator-migrate", environment)
    # pre-commit fails a hook that rewrote files, so the user can review and stage them.
    assert migrate.returncode == 1, migrate.stdout + migrate.stderr
    assert "files were modified by this hook" in migrate.stdout
    migrated = (project / "app.py").read_text()
    assert "client.messages.create(" in migrated and "completions" not in migrated
    assert (project / "clean.py").read_text() == "print('nothing to see')\n"

    subprocess.run(["git", "add", "-A"], cwd=project, check=True, env=environment)
    again = try_repo(hook_repo, project, "migrator-check", environment)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Passed" in again.stdout


def test_the_hooks_honour_exclude_for_the_files_pre_commit_names(
    tmp_path: Path, hook_repo: Path, environment: dict[str, str]
) -> None:
    project = tmp_path / "project"
    (project / "vendored").mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=project, check=True, env=environment)
    (project / "pyproject.toml").write_text('[tool.migrator]\nexclude = ["vendored/*"]\n')
    (project / "vendored" / "old.py").write_text(LEGACY)
    (project / "app.py").write_text("print('nothing to see')\n")
    subprocess.run(["git", "add", "-A"], cwd=project, check=True, env=environment)

    check = try_repo(hook_repo, project, "migrator-check", environment)
    assert check.returncode == 0, check.stdout + check.stderr
    migrate = try_repo(hook_repo, project, "migrator-migrate", environment)
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr
    assert (project / "vendored" / "old.py").read_text() == LEGACY


def test_one_run_and_one_summary_for_all_the_files_pre_commit_names(
    tmp_path: Path, hook_repo: Path, environment: dict[str, str]
) -> None:
    """pre-commit splits the files among parallel runs (4 or more files each, one run per
    core) unless the hook asks to be serial."""
    project = tmp_path / "project"
    project.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=project, check=True, env=environment)
    for name in "abcdefgh":
        (project / f"{name}.py").write_text(LEGACY)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True, env=environment)

    check = try_repo(hook_repo, project, "migrator-check", environment)
    assert check.returncode == 1, check.stdout + check.stderr
    summaries = [line for line in check.stdout.splitlines() if line.startswith("Found ")]
    assert len(summaries) == 1, check.stdout
    assert "in 8 files" in summaries[0] and "(8 files checked)" in summaries[0]
