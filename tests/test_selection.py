"""Choosing rules (`--select` / `--ignore`, by code or name, on the command line or in
`[tool.migrator]`) and `--exit-zero`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrator.cli.app import app
from migrator.code.wrapping import unwrapped

LEGACY = """import anthropic

client = anthropic.Anthropic()
response = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=100,
    prompt=f"{anthropic.HUMAN_PROMPT} Hello{anthropic.AI_PROMPT}",
)
print(response.completion)
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "app.py").write_text(LEGACY)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def rules_found(*args: str) -> set[str]:
    result = invoke("check", "--format", "json", *args, "app.py")
    return {finding["rule"] for finding in json.loads(result.stdout)["findings"]}


@pytest.mark.parametrize("spelling", ["TCM006", "tcm006", "model"])
def test_ignore_by_code_or_name(project: Path, spelling: str) -> None:
    everything = rules_found()
    assert "TCM006" in everything
    assert rules_found("--ignore", spelling) == everything - {"TCM006"}


@pytest.mark.parametrize("key", ["ignore", "select"])
def test_selection_in_the_configuration_by_name(project: Path, key: str) -> None:
    (project / "pyproject.toml").write_text(f'[tool.migrator]\n{key} = ["model"]\n')
    found = rules_found()
    if key == "ignore":
        assert "TCM006" not in found and "TCM002" in found
    else:
        # Only the model rule runs: the call cannot be finished, so it is reported untouched.
        assert "TCM006" not in found and found == {"TCM001"}
        assert invoke("migrate", "app.py").exit_code == 1
        assert (project / "app.py").read_text().count("completions.create(") == 1


def test_an_unknown_rule_in_the_configuration_names_the_file_and_the_key(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.migrator]\nignore = ["modle"]\n')
    result = invoke("migrate", "app.py")
    assert result.exit_code == 2
    assert "pyproject.toml" in result.stderr and "ignore" in result.stderr
    assert "unknown rule 'modle'" in result.stderr
    assert (project / "app.py").read_text() == LEGACY, "nothing touched"


def test_an_unknown_rule_on_the_command_line_names_the_option(project: Path) -> None:
    result = invoke("check", "--ignore", "modle", "app.py")
    assert result.exit_code == 2
    assert "--ignore modle: unknown rule 'modle'" in result.stderr


def test_ignoring_the_response_rule_leaves_the_call_untouched(project: Path) -> None:
    """Migrating the call but not `response.completion` would break the program."""
    result = invoke("migrate", "--ignore", "completion", "app.py")
    assert result.exit_code == 1
    text = (project / "app.py").read_text()
    assert "completions.create(" in text and "messages.create(" not in text
    assert "the reads of its response unconverted" in unwrapped(text)


def test_exit_zero(project: Path) -> None:
    assert invoke("check", "app.py").exit_code == 1
    assert invoke("check", "--exit-zero", "app.py").exit_code == 0
    assert invoke("migrate", "--diff", "--exit-zero", "app.py").exit_code == 0
    assert (project / "app.py").read_text() == LEGACY


def test_exit_zero_keeps_errors_at_2(project: Path) -> None:
    (project / "broken.py").write_text("import anthropic\nclient.completions.create(\n")
    assert invoke("check", "--exit-zero", ".").exit_code == 2
    assert invoke("migrate", "--exit-zero", ".").exit_code == 2
    assert "messages.create(" in (project / "app.py").read_text(), "the good file is migrated"
