"""Dependency pins (TCM018): found in every format, reported, rewritten only when asked."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrator.cli.app import app
from migrator.core.config import Config
from migrator.engine import registry
from migrator.files.dependencies import migrate_dependencies, read_requirements
from migrator.files.filekinds import kind_of
from migrator.files.pyproject_requirements import poetry_alternatives
from migrator.rules.anthropic_pin import below_one

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

RULES = registry.all_rules()


def pep440(constraint: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    requirement = next(read_requirements(f"anthropic{constraint}\n", "requirements"))
    return requirement.alternatives


@pytest.mark.parametrize(
    "constraint",
    ["<1", "<1.0", "<1.0.0", "<1.0rc1", "<0.50", "==0.34.2", "==0.*", "===0.3", "~=0.34",
     "~=0.34.1", "<=0.49", "<=1.0rc1", ">=0.3,<1", ">=0.20, <1.0", "==1.0.dev0"],
)  # fmt: skip
def test_constraints_below_one(constraint: str) -> None:
    assert below_one(pep440(constraint)), constraint


@pytest.mark.parametrize(
    "constraint",
    ["", ">=0.40", "<2", "<1.0.1", "<1.0.post1", "!=0.5", "~=1.0", "==1.*", "==2.12.0",
     "<=1.0", ">0.3", "==1!0.5"],
)  # fmt: skip
def test_constraints_that_allow_one_and_later(constraint: str) -> None:
    assert not below_one(pep440(constraint)), constraint


@pytest.mark.parametrize(
    ("poetry", "pinned"),
    [("^0.25", True), ("^0", True), ("^0.0.3", True), ("~0.25", True), ("0.25.0", True),
     ("=0.25", True), ("0.*", True), (">=0.3,<1", True), (">=0.3 <1", True), ("^1.2", False),
     ("~1", False), ("*", False), (">=0.40", False), ("^0.25 || ^2.0", False),
     ("^0.25 || ~0.30", True)],
)  # fmt: skip
def test_poetry_constraints(poetry: str, pinned: bool) -> None:
    assert below_one(poetry_alternatives(poetry)) is pinned


def run(text: str, filename: str, **config: object):
    return migrate_dependencies(text, filename, kind_of(filename), Config(**config), RULES)  # type: ignore[arg-type]


def test_reported_as_manual_without_update_pins() -> None:
    text = "requests\nanthropic[bedrock]==0.34.2  # pinned\n"
    result = run(text, "requirements.txt")
    assert result.new_source == text
    [finding] = result.findings
    assert (finding.line, finding.column, finding.rule, finding.name) == (
        2,
        1,
        "TCM018",
        "anthropic_pin",
    )
    assert finding.fix.value == "manual" and "--update-pins" in finding.message
    assert "`anthropic[bedrock]==0.34.2`" in finding.message
    assert result.manual_sites == 1


def test_rewritten_and_reviewed_with_update_pins() -> None:
    result = run("anthropic<1\n", "requirements-dev.txt", update_pins=True)
    assert result.new_source == "anthropic>=1.0,<3\n"
    [finding] = result.findings
    assert finding.fix.value == "review" and "lock file" in finding.message
    assert result.migrated_sites == 1 and result.manual_sites == 0
    assert run(result.new_source, "requirements-dev.txt", update_pins=True).findings == []


def test_a_hash_pinned_requirement_stays_manual_even_with_update_pins() -> None:
    text = "anthropic==0.34.2 --hash=sha256:00ff\n"
    result = run(text, "requirements.txt", update_pins=True)
    assert result.new_source == text
    assert [f.fix.value for f in result.findings] == ["manual"]
    assert "--hash" in result.findings[0].message


def test_other_packages_are_never_reported() -> None:
    text = "anthropic-bedrock<1\nanthropic_bedrock==0.8\nopenai<1\nanthropic>=0.40\n"
    result = run(text, "requirements.txt", update_pins=True)
    assert result.new_source == text and result.findings == []


def test_pyproject_positions_and_only_the_string_changes() -> None:
    text = (
        '[project]\nname = "x"\ndependencies = [\n  "requests",\n  "anthropic~=0.34",  # sdk\n]\n'
        '\n[tool.poetry.dependencies]\nanthropic = {version = "^0.25", extras = ["bedrock"]}\n'
    )
    result = run(text, "pyproject.toml", update_pins=True)
    assert [(f.line, f.column) for f in result.findings] == [(5, 4), (9, 25)]
    document = tomllib.loads(result.new_source)
    assert document["project"]["dependencies"] == ["requests", "anthropic>=1.0,<3"]
    assert document["tool"]["poetry"]["dependencies"]["anthropic"] == {
        "version": ">=1.0,<3",
        "extras": ["bedrock"],
    }
    assert result.new_source == text.replace("~=0.34", ">=1.0,<3").replace("^0.25", ">=1.0,<3")


def test_requirement_strings_with_escapes_or_keys_elsewhere_are_not_requirements() -> None:
    text = (
        '[tool.other]\ndependencies = ["anthropic<1"]\n'
        '[project]\ndescription = "anthropic<1"\ndependencies = ["anthropic\\u003c1"]\n'
    )
    assert run(text, "pyproject.toml", update_pins=True).findings == []


def test_invalid_toml_is_an_error_naming_the_file() -> None:
    result = run('[project]\ndependencies = ["anthropic<1"\n', "pyproject.toml")
    assert result.error is not None and result.error.startswith("pyproject.toml: ")
    assert not result.changed


def test_setup_cfg_positions() -> None:
    text = "[options]\ninstall_requires =\n    requests\n    anthropic<1\n"
    result = run(text, "setup.cfg")
    assert [(f.line, f.column) for f in result.findings] == [(4, 5)]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("requirements.txt", "requirements"),
        ("requirements-dev.txt", "requirements"),
        ("requirements.in", "requirements"),
        ("dev-requirements.txt", "requirements"),
        ("constraints.txt", "requirements"),
        ("pyproject.toml", "pyproject"),
        ("setup.cfg", "setup_cfg"),
        ("notes.txt", "python"),  # not read: discovery does not list it
    ],
)
def test_file_names(name: str, kind: str) -> None:
    assert kind_of(name) == kind


# --- through the command line ----------------------------------------------------------------

LEGACY = """import anthropic

client = anthropic.Anthropic()
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=10,
    prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
)
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(LEGACY)
    (tmp_path / "requirements.txt").write_text("anthropic==0.34.2\n")
    (tmp_path / "setup.cfg").write_text("[options]\ninstall_requires =\n    anthropic<1\n")
    (tmp_path / "pyproject.toml").write_text('[project]\ndependencies = ["anthropic<=0.49"]\n')
    (tmp_path / "ignored").mkdir()
    (tmp_path / "ignored" / "requirements.txt").write_text("anthropic<1\n")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "requirements.txt").write_text("anthropic<1\n")
    (tmp_path / ".gitignore").write_text("ignored/\n")
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_check_finds_pins_in_the_folders_walked(project: Path) -> None:
    result = invoke("check", "--format", "json", str(project))
    assert result.exit_code == 1
    pins = sorted(
        (Path(f["path"]).name, f["line"], f["fix"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "TCM018"
    )
    assert pins == [
        ("pyproject.toml", 2, "manual"),
        ("requirements.txt", 1, "manual"),
        ("setup.cfg", 3, "manual"),
    ]


def test_migrate_reports_pins_and_leaves_them_without_the_flag(project: Path) -> None:
    result = invoke("migrate", str(project))
    assert result.exit_code == 1, "the pins are manual work left"
    assert "messages.create" in (project / "app.py").read_text()
    assert (project / "requirements.txt").read_text() == "anthropic==0.34.2\n"
    assert "TCM018 [manual]" in result.stderr


def test_migrate_update_pins_rewrites_them(project: Path) -> None:
    result = invoke("migrate", "--update-pins", str(project))
    assert result.exit_code == 0, result.output
    assert (project / "requirements.txt").read_text() == "anthropic>=1.0,<3\n"
    assert (project / "setup.cfg").read_text().endswith("    anthropic>=1.0,<3\n")
    assert '"anthropic>=1.0,<3"' in (project / "pyproject.toml").read_text()
    assert (project / "ignored" / "requirements.txt").read_text() == "anthropic<1\n"
    assert (project / ".venv" / "requirements.txt").read_text() == "anthropic<1\n"
    assert invoke("check", str(project)).exit_code == 0


def test_update_pins_from_the_configuration(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\ndependencies = ["anthropic<=0.49"]\n\n[tool.migrator]\nupdate_pins = true\n'
    )
    dry = invoke("migrate", "--diff", str(project))
    assert dry.exit_code == 1
    assert '-dependencies = ["anthropic<=0.49"]' in dry.stdout
    assert '+dependencies = ["anthropic>=1.0,<3"]' in dry.stdout
    assert "+anthropic>=1.0,<3" in dry.stdout
    assert (project / "requirements.txt").read_text() == "anthropic==0.34.2\n", "a dry run"


def test_select_and_ignore_apply_to_pins(project: Path) -> None:
    ignored = invoke("check", "--ignore", "anthropic_pin", "--format", "json", str(project))
    assert all(f["rule"] != "TCM018" for f in json.loads(ignored.stdout)["findings"])
    only = invoke("check", "--select", "TCM018", "--format", "json", str(project))
    rules = {f["rule"] for f in json.loads(only.stdout)["findings"]}
    assert "TCM018" in rules and rules <= {"TCM018", "TCM001"}  # TCM001: calls left unmigrated


def test_tables_inside_arrays_of_tables_are_read_as_tomllib_reads_them() -> None:
    text = (
        '[[tool.poetry.source]]\nname = "a"\n[tool.poetry.source.extra]\nkey = "v"\n'
        '[[tool.poetry.source]]\nname = "b"\n[[tool.poetry.source.mirror]]\nurl = "u"\n'
        '[tool.poetry.dependencies]\nanthropic = "^0.3"\n'
    )
    result = run(text, "pyproject.toml")
    assert result.error is None
    assert [(f.line, f.rule) for f in result.findings] == [(10, "TCM018")]
