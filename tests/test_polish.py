"""What a new user meets first: the version, and the promises the docs make about it."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

import pytest

import migrator
from migrator import models
from migrator.config import ConfigError, load_config
from migrator.registry import all_rules

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

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


def test_the_docs_name_the_repository_that_pyproject_names():
    source = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]["Source"]
    named = [
        (doc.name, url)
        for doc in USER_DOCS
        for url in re.findall(r"https://github\.com/[\w.-]+/[\w.-]+", doc.read_text())
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
