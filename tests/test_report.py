"""The machine-readable outputs of `check`: JSON, SARIF 2.1.0 and GitHub annotations."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from migrator.cli.app import app
from migrator.cli.report import github_annotations, sarif_report, summary_line
from migrator.core.findings import Finding, Safety
from migrator.engine import registry
from migrator.run.run_report import FileReport, RunReport

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
JSON_SCHEMA = json.loads((ROOT / "docs" / "check-output.schema.json").read_text())

LEGACY = """import anthropic

client = anthropic.Anthropic()
response = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=100,
    prompt=f"{anthropic.HUMAN_PROMPT} Hello{anthropic.AI_PROMPT}",
)
print(response.completion)
"""
MANUAL = """import anthropic

client = anthropic.Anthropic()
client.completions.create(model="claude-2", max_tokens_to_sample=10, prompt="\\n\\nHuman: Hi")
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout with a legacy file, a manual site, a file that does not parse, and a clean one."""
    (tmp_path / "src" / "odd, name: 100%").mkdir(parents=True)
    (tmp_path / "src" / "legacy.py").write_text(LEGACY)
    (tmp_path / "src" / "odd, name: 100%" / "manual.py").write_text(MANUAL)
    (tmp_path / "src" / "broken.py").write_text("import anthropic\nclient.completions.create(\n")
    (tmp_path / "src" / "clean.py").write_text("print('hi')\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str):
    return CliRunner().invoke(app, ["check", *args], catch_exceptions=False)


def test_json_output_matches_its_documented_schema(project: Path) -> None:
    result = check("--format", "json", "src")
    assert result.exit_code == 2, "the file that does not parse is an error"
    document = json.loads(result.stdout)
    jsonschema.validate(document, JSON_SCHEMA)
    assert document["version"] == 1
    assert {f["fix"] for f in document["findings"]} == {"safe", "review", "manual"}
    assert document["summary"]["findings"] == len(document["findings"])
    assert document["summary"]["baselined"] == document["summary"]["gone"] == 0
    assert any(
        "broken.py" in error and "cannot parse" in error for error in document["summary"]["errors"]
    )


def test_json_gives_each_manual_finding_its_kind(project: Path) -> None:
    document = json.loads(check("--format", "json", "src").stdout)
    findings = document["findings"]
    manual = [f for f in findings if f["fix"] == "manual"]
    assert [f["kind"] for f in manual] == ["refused-prompt"]
    assert all("kind" not in f for f in findings if f["fix"] != "manual")
    document["findings"] = [{**manual[0], "kind": "no-such-kind"}]
    with pytest.raises(jsonschema.ValidationError, match="no-such-kind"):
        jsonschema.validate(document, JSON_SCHEMA)


def test_sarif_results_of_manual_findings_carry_their_kind(project: Path) -> None:
    (run,) = json.loads(check("--format", "sarif", "src").stdout)["runs"]
    kinds = {r["properties"]["fix"]: r["properties"].get("kind") for r in run["results"]}
    assert kinds == {"safe": None, "review": None, "manual": "refused-prompt"}


def test_the_text_summary_counts_manual_findings_by_kind_with_their_section(project: Path) -> None:
    lines = check("src").stdout.splitlines()
    start = lines.index("Left for a person, by kind:")
    count, kind = lines[start + 1].split(maxsplit=1)
    assert count == "1"
    assert (
        kind
        == "a prompt the legacy API refused (docs/manual-reasons.md#a-prompt-the-legacy-api-refused)"
    )
    assert lines[start + 2].startswith("Found ")
    assert "by kind" not in check("src/legacy.py").stdout, "no manual work, no count by kind"


def test_the_json_schema_rejects_what_the_output_never_holds() -> None:
    """The schema is strict enough to catch a renamed key or a wrong type."""
    good = {
        "version": 1,
        "findings": [],
        "summary": {key: 0 for key in JSON_SCHEMA["properties"]["summary"]["required"]},
    }
    good["summary"]["errors"] = []
    jsonschema.validate(good, JSON_SCHEMA)
    for broken in (
        {**good, "extra": 1},
        {**good, "version": 2},
        {
            **good,
            "findings": [
                {
                    "path": "a.py",
                    "line": 0,
                    "column": 1,
                    "rule": "TCM001",
                    "name": "x",
                    "message": "m",
                    "fix": "safe",
                }
            ],
        },
        {
            **good,
            "findings": [
                {
                    "path": "a.py",
                    "line": 1,
                    "column": 1,
                    "rule": "TCM001",
                    "name": "x",
                    "message": "m",
                    "fix": "maybe",
                }
            ],
        },
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, JSON_SCHEMA)


def test_sarif_output_is_valid_sarif_2_1_0(project: Path) -> None:
    result = check("--format", "sarif", "src")
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    assert log["version"] == "2.1.0"
    with pytest.raises(jsonschema.ValidationError):  # the schema does bite
        jsonschema.Draft4Validator(SARIF_SCHEMA).validate({**log, "version": "2.0.0"})
    (run,) = log["runs"]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert (
        "cannot parse" in run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    )


def test_sarif_meets_what_github_code_scanning_needs(project: Path) -> None:
    log = json.loads(check("--format", "sarif", "src").stdout)
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "migrator" and driver["version"]
    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == [rule.code for rule in registry.all_rules()]
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["help"]["markdown"].startswith(
            rule["fullDescription"]["text"]
        )
    assert run["results"], "the legacy files are reported"
    uris = set()
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"warning", "error"} and result["message"]["text"]
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        # Code scanning places a result in the repository by a relative URI.
        assert artifact["uriBaseId"] == "%SRCROOT%" and not artifact["uri"].startswith("/")
        assert location["physicalLocation"]["region"]["startLine"] >= 1
        uris.add(artifact["uri"])
    assert uris == {"src/legacy.py", "src/odd%2C%20name%3A%20100%25/manual.py"}
    assert {
        r["level"]
        for r in run["results"]
        if "manual.py" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    } == {"error"}


def test_sarif_rules_link_their_page_in_the_repository(project: Path) -> None:
    source = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]["Source"]
    driver = json.loads(check("--format", "sarif", "src").stdout)["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == source
    for rule in driver["rules"]:
        page = f"docs/rules/{rule['name']}.md"
        assert rule["helpUri"] == f"{source}/blob/v{driver['version']}/{page}"
        assert (ROOT / page).is_file()


def test_sarif_path_outside_the_current_folder_is_a_file_uri(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.py"
    report = RunReport(
        files=[
            FileReport(
                str(outside),
                findings=[
                    Finding(str(outside), 1, 1, "TCM001", "completions_create", "m", Safety.SAFE)
                ],
            )
        ]
    )
    log = json.loads(sarif_report(report, registry.all_rules(), "0"))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": outside.as_uri()}


def _unescape(text: str) -> str:
    return re.sub("%(25|0D|0A|3A|2C)", lambda m: bytes.fromhex(m.group(1)).decode(), text)


def test_github_annotations_escape_per_the_workflow_commands_spec() -> None:
    path = "src/odd, name: 100%/a.py"
    message = "50% of it\r\nis on: two, lines"
    report = RunReport(
        files=[
            FileReport(
                path,
                findings=[
                    Finding(path, 3, 7, "TCM002", "prompt", message, Safety.MANUAL),
                    Finding(path, 1, 1, "TCM001", "completions_create", "plain", Safety.SAFE),
                ],
            )
        ],
        problems=["x.py: cannot read: permission denied;\nfix it"],
    )
    lines = github_annotations(report)
    assert (
        lines[0]
        == "::warning file=src/odd%2C name%3A 100%25/a.py,line=1,col=1,title=TCM001 completions_create (safe)::plain"
    )
    command, _, rest = lines[1].partition(" ")
    assert command == "::error"
    properties, _, data = rest.partition("::")
    assert "\r" not in lines[1] and "\n" not in lines[1]
    assert _unescape(data) == message
    fields = dict(item.split("=", 1) for item in properties.split(","))
    assert {key: _unescape(value) for key, value in fields.items()} == {
        "file": path,
        "line": "3",
        "col": "7",
        "title": "TCM002 prompt (manual)",
    }
    assert lines[2] == "::error::x.py: cannot read: permission denied;%0Afix it"


def test_github_format_from_the_command_line(project: Path) -> None:
    result = check("--format", "github", "src")
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::warning file=src/legacy.py,line=4,col=12,title=TCM001 ")
    assert any(
        line.startswith("::error file=src/odd%2C name%3A 100%25/manual.py,") for line in lines
    )
    assert lines[-1].startswith("::error::src/broken.py:2:") and "cannot parse" in lines[-1]


def test_a_notebook_finding_names_its_cell_in_every_format(tmp_path: Path, monkeypatch) -> None:
    """A notebook's lines are its cell's: JSON gets a `cell`, SARIF and GitHub say it in the text."""
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Demo\n"]},
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": LEGACY.splitlines(keepends=True),
        },
    ]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "demo.ipynb").write_text(json.dumps(notebook, indent=1) + "\n")
    monkeypatch.chdir(tmp_path)
    document = json.loads(check("--format", "json", "demo.ipynb").stdout)
    jsonschema.validate(document, JSON_SCHEMA)
    assert {finding["cell"] for finding in document["findings"]} == {2}
    log = json.loads(check("--format", "sarif", "demo.ipynb").stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    assert results and all(r["message"]["text"].startswith("cell 2, line ") for r in results)
    assert all("region" not in r["locations"][0]["physicalLocation"] for r in results)
    annotations = check("--format", "github", "demo.ipynb").stdout.splitlines()
    assert annotations and all("line=" not in a and "::cell 2, line " in a for a in annotations)


def test_the_summary_counts_one_of_a_kind_in_the_singular() -> None:
    one = Finding("a.py", 1, 1, "TCM001", "completions_create", "m", Safety.SAFE)
    clean = RunReport(files_seen=1)
    assert summary_line(clean) == "No legacy Text Completions calls found (1 file checked)."
    found = RunReport(files=[FileReport("a.py", findings=[one])], problems=["x"], files_seen=1)
    assert summary_line(found) == (
        "Found 1 finding in 1 file; 1 safe, 0 review, 0 manual; 1 error (1 file checked)."
    )
    two = Finding("b.py", 1, 1, "TCM001", "completions_create", "m", Safety.REVIEW)
    many = RunReport(
        files=[FileReport("a.py", findings=[one]), FileReport("b.py", findings=[two])],
        problems=["x", "y"],
        files_seen=3,
    )
    assert summary_line(many) == (
        "Found 2 findings in 2 files; 1 safe, 1 review, 0 manual; 2 errors (3 files checked)."
    )
