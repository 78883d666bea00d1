"""`migrate --format json|sarif|github`: what a run changed, for machines."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from migrator.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "migrate-output.schema.json").read_text())
SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())

# A helper goes in above the call (its response goes to callers the tool cannot see).
LEGACY = """import anthropic

client = anthropic.Anthropic()


def ask(question):
    return client.completions.create(
        model="claude-2",
        max_tokens_to_sample=30,
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
    )
"""
MANUAL = """import anthropic

client = anthropic.Anthropic()
client.completions.create(model="claude-2", max_tokens_to_sample=10, prompt="\\n\\nHuman: Hi")
"""
CELL = """import anthropic

client = anthropic.Anthropic()
r = client.completions.create(model="claude-2", max_tokens_to_sample=5, prompt=f"{anthropic.HUMAN_PROMPT} hi{anthropic.AI_PROMPT}")
print(r.completion)
"""
TABLE_ROW = re.compile(r"│\s*([a-z ]+?)\s*│\s*(\d+)\s*│")
# The summary table's rows, and the summary's keys that hold the same counts.
TABLE_KEYS = {
    "files checked": "files_checked",
    "files changed": "files_changed",
    "files that would change": "files_changed",
    "sites migrated": "sites_migrated",
    "findings needing review": "review",
    "sites left for manual work": "sites_manual",
}


def _notebook(source: str) -> str:
    cell = {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {},
        "outputs": [],
        "source": source.splitlines(keepends=True),
    }
    markdown = {"cell_type": "markdown", "metadata": {}, "source": ["# Demo\n"]}
    document = {"cells": [markdown, cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(document, indent=1) + "\n"


def _write_project(root: Path, broken: bool = True) -> None:
    (root / "src").mkdir(parents=True)
    (root / "src" / "legacy.py").write_text(LEGACY)
    (root / "src" / "manual.py").write_text(MANUAL)
    (root / "src" / "clean.py").write_text("print('hi')\n")
    (root / "src" / "demo.ipynb").write_text(_notebook(CELL))
    if broken:
        (root / "src" / "broken.py").write_text("import anthropic\nclient.completions.create(\n")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Legacy code with a review finding, a manual site, a notebook, a syntax error, a clean file."""
    _write_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def migrate(*args: str):
    return CliRunner().invoke(app, ["migrate", "--no-cache", *args], catch_exceptions=False)


def _sources(root: Path) -> dict[str, str]:
    return {str(path.relative_to(root)): path.read_text() for path in sorted(root.rglob("*.*"))}


@pytest.mark.parametrize("dry_run", [False, True], ids=["write", "diff"])
def test_the_json_report_matches_its_documented_schema(project: Path, dry_run: bool) -> None:
    before = _sources(project)
    result = migrate(*(["--diff"] if dry_run else []), "--format", "json", "src")
    assert result.exit_code == 2, "the file that does not parse is an error"
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    assert (document["version"], document["command"], document["dry_run"]) == (
        1,
        "migrate",
        dry_run,
    )
    files = {entry["path"]: entry for entry in document["files"]}
    assert set(files) == {
        f"src/{name}" for name in ("legacy.py", "manual.py", "demo.ipynb", "broken.py")
    }
    assert (_sources(project) == before) is dry_run
    assert files["src/legacy.py"]["changed"] and files["src/legacy.py"]["sites_migrated"] == 1
    assert {f["fix"] for f in files["src/legacy.py"]["findings"]} == {"safe", "review"}
    assert files["src/manual.py"]["sites_manual"] == 1
    assert [f["fix"] for f in files["src/manual.py"]["findings"]] == ["manual"]
    assert {f["cell"] for f in files["src/demo.ipynb"]["findings"]} == {2}
    broken = files["src/broken.py"]
    assert broken["changed"] is False and "cannot parse" in broken["error"]
    assert document["summary"]["errors"] == [broken["error"]]
    assert all(("diff" in entry) is dry_run for entry in document["files"])


def test_the_summary_holds_the_counts_of_the_table(tmp_path: Path, monkeypatch) -> None:
    """The same run, printed as text in one copy of a project and as JSON in another."""
    for name in ("text", "json"):
        _write_project(tmp_path / name)
    for args in (["--diff"], []):
        monkeypatch.chdir(tmp_path / "text")
        text = migrate(*args, "src")
        monkeypatch.chdir(tmp_path / "json")
        summary = json.loads(migrate(*args, "--format", "json", "src").stdout)["summary"]
        table = {label: int(count) for label, count in TABLE_ROW.findall(text.stderr)}
        assert len(table) == 6, text.stderr
        assert table.pop("errors") == len(summary["errors"]) == 1
        assert {TABLE_KEYS[label]: count for label, count in table.items()} == {
            key: summary[key] for key in set(TABLE_KEYS.values())
        }
        assert summary["files_changed"] == 3 and summary["review"] >= 2


def test_the_counts_of_the_files_add_up_to_the_summary(project: Path) -> None:
    document = json.loads(migrate("--format", "json", "src").stdout)
    files, summary = document["files"], document["summary"]
    findings = [finding for entry in files for finding in entry["findings"]]
    assert summary["findings"] == len(findings)
    for fix in ("safe", "review", "manual"):
        assert summary[fix] == sum(finding["fix"] == fix for finding in findings)
    assert summary["files_changed"] == sum(entry["changed"] for entry in files)
    assert summary["sites_migrated"] == sum(entry["sites_migrated"] for entry in files)
    assert summary["sites_manual"] == sum(entry["sites_manual"] for entry in files)
    assert summary["files_with_findings"] == sum(bool(entry["findings"]) for entry in files)


def test_a_dry_run_report_carries_the_diff_migrate_would_print(project: Path) -> None:
    text = migrate("--diff", "src").stdout
    document = json.loads(migrate("--diff", "--format", "json", "src").stdout)
    assert "".join(entry["diff"] for entry in document["files"]) == text
    assert all(bool(entry["diff"]) == entry["changed"] for entry in document["files"])


@pytest.mark.parametrize("output_format", ["json", "sarif", "github"])
@pytest.mark.parametrize("dry_run", [False, True], ids=["write", "diff"])
def test_stdout_holds_only_the_document_and_stderr_nothing(
    project: Path, output_format: str, dry_run: bool
) -> None:
    result = migrate(*(["--diff"] if dry_run else []), "--format", output_format, "src")
    assert result.stderr == ""
    if output_format == "github":
        assert all(line.startswith("::") for line in result.stdout.splitlines())
    else:
        json.loads(result.stdout)


@pytest.mark.parametrize("args", [[], ["--diff"], ["--exit-zero"]], ids=["write", "diff", "zero"])
def test_the_exit_status_does_not_depend_on_the_format(tmp_path: Path, monkeypatch, args) -> None:
    statuses = set()
    for output_format in ("text", "json", "sarif", "github"):
        _write_project(tmp_path / output_format, broken=False)
        monkeypatch.chdir(tmp_path / output_format)
        statuses.add(migrate(*args, "--format", output_format, "src").exit_code)
    assert statuses == {0 if args == ["--exit-zero"] else 1}


def test_sarif_holds_the_findings_left_for_a_person_where_they_are_now(project: Path) -> None:
    summary = json.loads(migrate("--diff", "--format", "json", "src").stdout)["summary"]
    log = json.loads(migrate("--format", "sarif", "src").stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    (run,) = log["runs"]
    results = run["results"]
    assert {result["properties"]["fix"] for result in results} == {"review", "manual"}
    assert run["invocations"][0]["executionSuccessful"] is False
    written = (project / "src" / "legacy.py").read_text().splitlines()
    model = next(r for r in results if r["ruleId"] == "TCM006" and "legacy.py" in str(r))
    region = model["locations"][0]["physicalLocation"]["region"]
    line = written[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 :].startswith('model="claude-sonnet-')
    assert len(results) == summary["review"] + summary["manual"]


def test_github_annotations_name_the_findings_left_for_a_person(project: Path) -> None:
    lines = migrate("--diff", "--format", "github", "src").stdout.splitlines()
    titles = [re.search(r"title=TCM\d{3} \w+ \((\w+)\)", line) for line in lines[:-1]]
    assert titles and {title.group(1) for title in titles if title} == {"review", "manual"}
    migrate("src")  # written: the annotation points where the model is now
    written = (project / "src" / "legacy.py").read_text().splitlines()
    at = next(n for n, line in enumerate(written, 1) if 'model="claude-sonnet-' in line)
    column = written[at - 1].index("model=") + 1
    assert any(
        line.startswith(f"::warning file=src/legacy.py,line={at},col={column},title=TCM006 ")
        for line in lines
    ), "the model's line in the file as it would be written"
    assert lines[-1].startswith("::error::src/broken.py:2:")


def test_the_schema_rejects_what_the_output_never_holds(project: Path) -> None:
    good = json.loads(migrate("--diff", "--format", "json", "src").stdout)
    jsonschema.validate(good, SCHEMA)
    entry = next(entry for entry in good["files"] if entry["findings"])
    for broken in (
        {**good, "extra": 1},
        {**good, "version": 2},
        {**good, "command": "check"},
        {**good, "files": [{**entry, "changed": "yes"}]},
        {**good, "files": [{key: value for key, value in entry.items() if key != "error"}]},
        {**good, "files": [{**entry, "findings": [{**entry["findings"][0], "line": 0}]}]},
        {**good, "files": [{**entry, "findings": [{**entry["findings"][0], "fix": "maybe"}]}]},
        {**good, "summary": {**good["summary"], "sites_migrated": -1}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, SCHEMA)


def test_the_text_format_is_still_the_diff_and_the_table(project: Path) -> None:
    (project / "src" / "broken.py").unlink()
    result = migrate("--diff", "src")
    assert result.stdout.startswith("--- a/src/")
    assert "Dry run: nothing written" in result.stderr
