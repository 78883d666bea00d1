"""What a new user meets first: the version, and the promises the docs make about it."""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import migrator
from migrator.core import models
from migrator.core.config import ConfigError, load_config
from migrator.engine.registry import all_rules

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
USER_DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# What users install, which is not the import package's name.
DISTRIBUTION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["name"]


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _distribution() -> str:
    """The distribution that installs the ``migrator`` package, whatever it is called."""
    return importlib.metadata.packages_distributions()["migrator"][0]


def test_the_package_metadata_has_the_version():
    assert importlib.metadata.version(_distribution()) == migrator.__version__


def test_version_option_prints_the_version_both_ways(tmp_path):
    fast = [sys.executable, "-m", "migrator", "--version"]
    full = [sys.executable, "-c", "from migrator.cli.app import main; main()", "--version"]
    for command in (fast, full):
        completed = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
        assert completed.stdout == f"migrator {migrator.__version__}\n"


def _changelog(text: str) -> list[tuple[str, str]]:
    """(version, state) of each entry, newest first; a released entry's state is its date."""
    return re.findall(r"^## (\S+) \(([^)]*)\)$", text, re.MULTILINE)


def _current_release(entries: list[tuple[str, str]], version: str) -> str:
    """The version users are told to install: the newest released entry of the CHANGELOG.

    Between releases the code is the next version, whose tag does not exist yet, so the docs
    keep naming the last tag; before the first release they name the one being prepared.
    """
    released = [entry for entry, state in entries if state != "unreleased"]
    return released[0] if released else version


def test_the_changelog_top_entry_is_the_version():
    text = (ROOT / "CHANGELOG.md").read_text()
    entries = _changelog(text)
    assert entries[0][0] == migrator.__version__
    headings = re.findall(r"^## .*", text, re.MULTILINE)
    assert len(headings) == len(entries), "every entry is `## X.Y.Z (unreleased|YYYY-MM-DD)`"
    dates = [state for _, state in entries if state != "unreleased"]
    assert [date for date in dates if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date)] == []
    versions = [_release(version) for version, _ in entries]
    assert versions == sorted(set(versions), reverse=True), "newest first, one entry each"


def _pins(text: str) -> list[str]:
    """The versions of migrator that a document tells users to install or run.

    A version starts with a digit: ``vX.Y.Z`` in the release steps is a placeholder.
    """
    pins = re.findall(r"\brev:\s*v(\d\S*)", text)
    # Installs of migrator itself, not the actions/checkout@v4 of a workflow.
    pins += [pin for source, pin in re.findall(r"(\S+)@v(\d[\w.]*)", text) if "migrator" in source]
    pins += re.findall(rf"{re.escape(DISTRIBUTION)}\s*==\s*(\d[\w.]*)", text)
    return pins


def test_every_pinned_version_in_the_docs_is_the_current_release():
    current = _current_release(
        _changelog((ROOT / "CHANGELOG.md").read_text()), migrator.__version__
    )
    pins = [(doc.name, pin) for doc in USER_DOCS for pin in _pins(doc.read_text())]
    assert {name for name, _ in pins} >= {"README.md", "pre-commit.md", "ci.md"}
    assert [(name, pin) for name, pin in pins if pin != current] == []


def test_between_releases_the_docs_name_the_last_tag():
    after_a_release = (
        "## 9.0.0 (unreleased)\n\n- x\n\n## 8.1.0 (2030-01-02)\n\n## 8.0.0 (2029-05-06)\n"
    )
    assert _current_release(_changelog(after_a_release), "9.0.0") == "8.1.0"
    assert _current_release(_changelog("## 0.2.0 (unreleased)\n"), "0.2.0") == "0.2.0"
    pinned = f"rev: v8.1.0\nuses: OWNER/migrator@v8.1.0\npip install '{DISTRIBUTION}==8.1.0'"
    assert _pins(pinned) == ["8.1.0", "8.1.0", "8.1.0"]
    assert _pins("rev: vX.Y.Z, `uses: OWNER/migrator@vX.Y.Z`") == []


def test_the_docs_name_the_repository_that_pyproject_names():
    source = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]["Source"]
    named = [
        (doc.name, url)
        for doc in USER_DOCS
        for url in re.findall(r"https://github\.com/[\w.-]+/[\w.-]+", doc.read_text())
    ]
    # A workflow names the repository as the action it uses: `uses: owner/name@ref`.
    named += [
        (doc.name, f"https://github.com/{action}")
        for doc in USER_DOCS
        for action in re.findall(r"\buses:\s*([\w.-]+/[\w.-]+)@", doc.read_text())
        if not action.startswith(("actions/", "github/"))
    ]
    assert {name for name, _ in named} >= {"README.md", "pre-commit.md", "ci.md"}
    assert [(name, url) for name, url in named if url != source] == []


def test_no_rule_is_newer_than_the_version():
    newer = [
        (rule.code, rule.since)
        for rule in all_rules()
        if _release(rule.since) > _release(migrator.__version__)
    ]
    assert newer == []


# --- live model names --------------------------------------------------------------------------


def test_every_default_model_is_a_current_one():
    defaults = {models.DEFAULT_TARGET, models.DEFAULT_INSTANT_TARGET, models.DEFAULT_PREFILL_TARGET}
    assert defaults | set(models.DEFAULT_PREFILL_MODELS) <= set(models.CURRENT_MODELS)


def _sdk(root: Path, version: str, names: list[str]) -> None:
    """An ``anthropic`` package laid out as the SDK's is, with its model list."""
    package = root / "anthropic"
    (package / "types").mkdir(parents=True)
    (package / "__init__.py").write_text("raise ImportError('the list is read, not imported')\n")
    (package / "_version.py").write_text(f'__title__ = "anthropic"\n__version__ = "{version}"\n')
    listed = ", ".join(f'"{name}"' for name in names)
    (package / "types" / "model.py").write_text(
        "from typing import Union\nfrom typing_extensions import Literal, TypeAlias\n\n"
        f"Model: TypeAlias = Union[Literal[{listed}], str]\n"
    )


@pytest.fixture
def installed_sdk(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    models.sdk_models.cache_clear()
    yield tmp_path
    models.sdk_models.cache_clear()


def test_a_model_the_installed_sdk_lists_is_accepted(installed_sdk):
    with pytest.raises(ConfigError, match="claude-nova-7"):
        load_config(None, {"target_model": "claude-nova-7"})
    _sdk(installed_sdk, "2.30.0", ["claude-nova-7", "claude-opus-4-6"])
    models.sdk_models.cache_clear()
    assert load_config(None, {"target_model": "claude-nova-7"}).target_model == "claude-nova-7"


def test_the_list_of_an_sdk_below_1_0_is_not_taken(installed_sdk):
    _sdk(installed_sdk, "0.125.0", ["claude-3-opus-20240229", "claude-2.1"])
    assert models.sdk_models() == frozenset()
    with pytest.raises(ConfigError, match="claude-3-opus-20240229"):
        load_config(None, {"target_model": "claude-3-opus-20240229"})


# --- migrate over changes git does not hold ----------------------------------------------------

LEGACY = """import anthropic

client = anthropic.Anthropic()
response = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=100,
    prompt=f"{anthropic.HUMAN_PROMPT} Hello{anthropic.AI_PROMPT}",
)
print(response.completion)
"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding legacy files in every state: committed as they are, changed and
    not staged, changed and staged, untracked; and a clean file."""
    for name, value in {
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }.items():
        monkeypatch.setenv(name, value)
    root = tmp_path / "repo"
    (root / "pkg").mkdir(parents=True)
    _git(root, "init", "-q")
    for name in ("committed", "changed", "staged"):
        (root / "pkg" / f"{name}.py").write_text(LEGACY)
    (root / "pkg" / "clean.py").write_text("print('nothing to see')\n")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "legacy")
    for name in ("changed", "staged"):
        (root / "pkg" / f"{name}.py").write_text("# my edit\n" + LEGACY)
    _git(root, "add", "pkg/staged.py")
    (root / "pkg" / "untracked.py").write_text(LEGACY)
    monkeypatch.chdir(root)
    return root


def _migrate(*args: str):
    from typer.testing import CliRunner

    from migrator.cli.app import app

    return CliRunner().invoke(app, ["migrate", "--no-cache", *args], catch_exceptions=False)


def _git_calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    from migrator.files import worktree

    calls: list[list[str]] = []
    real = worktree.subprocess.run

    def counted(command, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(command)
        return real(command, *args, **kwargs)

    monkeypatch.setattr(worktree.subprocess, "run", counted)
    return calls


def test_migrate_warns_about_the_files_git_cannot_show_or_restore(repo, monkeypatch):
    calls = _git_calls(monkeypatch)
    result = _migrate("pkg")
    assert result.exit_code == 0
    (warning,) = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warning.startswith("warning: 2 files had changes that git does not hold")
    assert "pkg/changed.py" in warning and "pkg/untracked.py" in warning
    assert "staged.py" not in warning and "committed.py" not in warning
    assert "`git diff`" in warning and "--allow-dirty" in warning
    assert "messages.create" in (repo / "pkg" / "changed.py").read_text(), "a warning, not a stop"
    assert len(calls) == 1, "one git status for the repository"


def test_allow_dirty_and_a_dry_run_do_not_warn(repo, monkeypatch):
    calls = _git_calls(monkeypatch)
    assert "warning:" not in _migrate("--diff", "pkg").stderr
    assert "warning:" not in _migrate("--allow-dirty", "pkg").stderr
    assert calls == []


def test_git_is_asked_only_when_a_file_is_written(repo, monkeypatch):
    calls = _git_calls(monkeypatch)
    result = _migrate("pkg/clean.py")
    assert result.exit_code == 0 and "warning:" not in result.stderr
    assert calls == []


def test_a_clean_work_tree_gets_no_warning(repo):
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "everything")
    result = _migrate(".")
    assert result.exit_code == 0 and "warning:" not in result.stderr


def test_no_warning_and_no_failure_without_git_or_outside_a_repository(repo, tmp_path, monkeypatch):
    elsewhere = tmp_path / "plain"
    elsewhere.mkdir()
    (elsewhere / "legacy.py").write_text(LEGACY)
    result = _migrate(str(elsewhere))
    assert result.exit_code == 0 and "warning:" not in result.stderr
    (elsewhere / ".git").mkdir()  # looks like a repository, is none
    (elsewhere / "legacy.py").write_text(LEGACY)
    result = _migrate(str(elsewhere))
    assert result.exit_code == 0 and "warning:" not in result.stderr
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = _migrate("pkg")
    assert result.exit_code == 0 and "warning:" not in result.stderr
    assert "messages.create" in (repo / "pkg" / "untracked.py").read_text()
