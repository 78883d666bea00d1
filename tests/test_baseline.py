"""`check --write-baseline` and `check --baseline`: CI fails only on legacy calls that are new."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from fixtures_support import notebook
from typer.testing import CliRunner

from migrator.cli.app import app
from migrator.core.config import Config

ROOT = Path(__file__).resolve().parent.parent
JSON_SCHEMA = json.loads((ROOT / "docs" / "check-output.schema.json").read_text())

HEADER = "import anthropic\n\nclient = anthropic.Anthropic()\n"
# One call on one line: four findings (TCM001, TCM002, TCM005, TCM006) on it.
ASK = (
    'answer = client.completions.create(model="claude-2", max_tokens_to_sample=10, '
    'prompt="\\n\\nHuman: {}\\n\\nAssistant:")\n'
)
FINDINGS_PER_CALL = 4


def call(words: str = "Hi") -> str:
    return ASK.format(words)


def check(*args: str):
    return CliRunner().invoke(app, ["check", "--no-progress", *args], catch_exceptions=False)


def lines_reported(stdout: str) -> list[tuple[str, int]]:
    """(path, line) of each text finding, in the order printed."""
    found = []
    for line in stdout.splitlines():
        where = line.split(" ", 1)[0].split(":")
        if len(where) == 3 and where[1].isdigit():
            found.append((where[0], int(where[1])))
    return found


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two modules with legacy calls and a clean one; the working folder is the project."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "one.py").write_text(HEADER + call("Hi") + call("Bye"))
    (tmp_path / "app" / "two.py").write_text(HEADER + call("Two"))
    (tmp_path / "app" / "clean.py").write_text("print('nothing')\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_write_baseline_records_every_finding_and_exits_0(project: Path) -> None:
    result = check("--write-baseline", "baseline.json", "app")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Recorded 12 findings in baseline.json."
    document = json.loads((project / "baseline.json").read_text())
    assert document["version"] == 1
    entries = document["findings"]
    assert len(entries) == 3 * FINDINGS_PER_CALL
    assert entries == sorted(entries, key=lambda e: (e["path"], e["rule"], e["code"]))
    assert {entry["path"] for entry in entries} == {"app/one.py", "app/two.py"}
    assert {entry["code"] for entry in entries} == {
        call(words).strip() for words in ("Hi", "Bye", "Two")
    }
    # One entry a line, for diffs that show each finding that came or went.
    text = (project / "baseline.json").read_text()
    assert text.count("\n") == len(entries) + 5 and text.endswith("}\n")


def test_the_round_trip_reports_only_new_calls_and_what_is_gone(project: Path) -> None:
    assert check("--write-baseline", "baseline.json", "app").exit_code == 0
    unchanged = check("--baseline", "baseline.json", "app")
    assert unchanged.exit_code == 0
    assert lines_reported(unchanged.stdout) == []
    assert "No new legacy Text Completions calls (3 files checked)." in unchanged.stdout
    assert "12 findings in the baseline baseline.json are not shown." in unchanged.stdout

    # A new call below the old ones, and lines added above them: only the new one is reported.
    one = project / "app" / "one.py"
    one.write_text("# a comment\n\n\n" + one.read_text() + call("New"))
    added = check("--baseline", "baseline.json", "app")
    assert added.exit_code == 1
    new_line = 3 + HEADER.count("\n") + 3
    assert lines_reported(added.stdout) == [("app/one.py", new_line)] * FINDINGS_PER_CALL
    assert "12 findings in the baseline" in added.stdout
    assert "gone" not in added.stdout

    # A baselined call migrated away: reported as gone, and the run passes.
    (project / "app" / "two.py").write_text(HEADER)
    one.write_text(HEADER + call("Hi") + call("Bye"))
    removed = check("--baseline", "baseline.json", "app")
    assert removed.exit_code == 0
    assert lines_reported(removed.stdout) == []
    assert (
        "4 baseline entries are gone (no longer found): run "
        "`migrator check --write-baseline baseline.json` to shrink the baseline." in removed.stdout
    )
    rewritten = check("--write-baseline", "baseline.json", "app")
    assert rewritten.stdout.strip() == "Recorded 8 findings in baseline.json."
    assert "gone" not in check("--baseline", "baseline.json", "app").stdout


def test_identical_lines_are_counted(project: Path) -> None:
    """Two identical entries hold two identical calls; a third identical call is new."""
    (project / "app" / "same.py").write_text(HEADER + call() + call())
    assert check("--write-baseline", "baseline.json", "app/same.py").exit_code == 0
    assert check("--baseline", "baseline.json", "app/same.py").exit_code == 0
    (project / "app" / "same.py").write_text(HEADER + call() + call() + call())
    third = check("--baseline", "baseline.json", "app/same.py")
    assert third.exit_code == 1
    assert lines_reported(third.stdout) == [("app/same.py", 6)] * FINDINGS_PER_CALL
    (project / "app" / "same.py").write_text(HEADER + call())
    fewer = check("--baseline", "baseline.json", "app/same.py")
    assert fewer.exit_code == 0
    assert f"{FINDINGS_PER_CALL} baseline entries are gone" in fewer.stdout


def test_a_notebook_finding_is_matched_by_the_line_in_its_cell(project: Path) -> None:
    book = project / "app" / "explore.ipynb"
    book.write_text(notebook(("code", HEADER), ("code", call("Hi"))))
    assert check("--write-baseline", "baseline.json", "app/explore.ipynb").exit_code == 0
    entries = json.loads((project / "baseline.json").read_text())["findings"]
    assert {entry["code"] for entry in entries} == {call("Hi").strip()}

    # A cell added above and a line above the call: other cell and line numbers, same code.
    book.write_text(
        notebook(
            ("markdown", "# Notes"),
            ("code", HEADER),
            ("code", "x = 1\n" + call("Hi") + call("New")),
        )
    )
    result = check("--baseline", "baseline.json", "app/explore.ipynb")
    assert result.exit_code == 1
    reported = [line for line in result.stdout.splitlines() if line.startswith("app/")]
    assert len(reported) == FINDINGS_PER_CALL
    assert all(line.startswith("app/explore.ipynb:cell 3:line 3:") for line in reported)


def test_paths_are_relative_to_the_baseline_so_any_working_folder_matches(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "ci").mkdir()
    assert check("--write-baseline", "ci/baseline.json", "app").exit_code == 0
    entries = json.loads((project / "ci" / "baseline.json").read_text())["findings"]
    assert {entry["path"] for entry in entries} == {"../app/one.py", "../app/two.py"}

    monkeypatch.chdir(project / "app")
    from_inside = check("--baseline", "../ci/baseline.json", ".")
    assert from_inside.exit_code == 0 and "gone" not in from_inside.stdout
    assert check("--baseline", str(project / "ci" / "baseline.json"), str(project)).exit_code == 0


def test_a_run_over_part_of_the_tree_neither_misses_nor_drops_the_rest(project: Path) -> None:
    """Entries for files or rules the run did not look at are not gone, and stay when
    the baseline is written again (pre-commit checks only the files of a commit)."""
    assert check("--write-baseline", "baseline.json", "app").exit_code == 0
    only_two = check("--baseline", "baseline.json", "app/two.py")
    assert only_two.exit_code == 0 and "gone" not in only_two.stdout
    one_rule = check("--baseline", "baseline.json", "--select", "TCM001", "app")
    assert one_rule.exit_code == 0 and "gone" not in one_rule.stdout

    (project / "app" / "two.py").write_text(HEADER)
    partial = check("--write-baseline", "baseline.json", "app/two.py")
    assert partial.stdout.strip() == (
        "Recorded 0 findings in baseline.json; kept 8 for files or rules this run did not check."
    )
    entries = json.loads((project / "baseline.json").read_text())["findings"]
    assert {entry["path"] for entry in entries} == {"app/one.py"}
    assert len(entries) == 2 * FINDINGS_PER_CALL


def test_every_format_shows_only_the_new_findings(project: Path) -> None:
    assert check("--write-baseline", "baseline.json", "app").exit_code == 0
    (project / "app" / "two.py").write_text(HEADER + call("Two") + call("New"))
    (project / "app" / "one.py").write_text(HEADER + call("Hi"))

    text = check("--baseline", "baseline.json", "app")
    assert text.exit_code == 1
    assert lines_reported(text.stdout) == [("app/two.py", 5)] * FINDINGS_PER_CALL
    assert "Found 4 findings in 1 file" in text.stdout

    as_json = check("--baseline", "baseline.json", "--format", "json", "app")
    assert as_json.exit_code == 1
    document = json.loads(as_json.stdout)
    jsonschema.validate(document, JSON_SCHEMA)
    assert {(f["path"], f["line"]) for f in document["findings"]} == {("app/two.py", 5)}
    summary = document["summary"]
    assert (summary["findings"], summary["baselined"], summary["gone"]) == (4, 8, 4)
    assert "4 baseline entries are gone" in as_json.stderr

    sarif = check("--baseline", "baseline.json", "--format", "sarif", "app")
    assert sarif.exit_code == 1
    results = json.loads(sarif.stdout)["runs"][0]["results"]
    assert len(results) == FINDINGS_PER_CALL
    assert {r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results} == {5}

    github = check("--baseline", "baseline.json", "--format", "github", "app")
    assert github.exit_code == 1
    annotations = github.stdout.splitlines()
    assert len(annotations) == FINDINGS_PER_CALL
    assert all("file=app/two.py,line=5," in line for line in annotations)
    assert "8 findings in the baseline" in github.stderr


def test_without_a_baseline_the_json_counts_are_zero(project: Path) -> None:
    document = json.loads(check("--format", "json", "app").stdout)
    assert (document["summary"]["baselined"], document["summary"]["gone"]) == (0, 0)
    assert document["summary"]["findings"] == 3 * FINDINGS_PER_CALL


def test_exit_zero_and_quiet_still_apply(project: Path) -> None:
    assert check("--write-baseline", "baseline.json", "-q", "app").stdout == ""
    (project / "app" / "two.py").write_text(HEADER + call("Two") + call("New"))
    quiet = check("--baseline", "baseline.json", "-q", "app")
    assert quiet.exit_code == 1
    assert len(quiet.stdout.splitlines()) == FINDINGS_PER_CALL
    assert check("--baseline", "baseline.json", "--exit-zero", "app").exit_code == 0


BROKEN = {
    "not JSON": ('{"version": 1, "findings": [', "not JSON (Expecting value at line 1"),
    "a list": ("[]", 'not a migrator baseline (no "version" key)'),
    "a newer version": ('{"version": 2, "findings": []}', "baseline version 2 is not supported"),
    "findings not a list": ('{"version": 1, "findings": {}}', '"findings" is not a list'),
    "an entry without code": (
        '{"version": 1, "findings": [{"path": "a.py", "rule": "TCM001"}]}',
        "finding 1 is not an object of the strings path, rule, code",
    ),
    "a line number": (
        '{"version": 1, "findings": [{"path": "a.py", "rule": "TCM001", "code": 4}]}',
        "finding 1 is not an object of the strings path, rule, code",
    ),
}


@pytest.mark.parametrize("content, problem", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_baseline_is_an_error_that_says_what_to_do(
    project: Path, content: str, problem: str
) -> None:
    (project / "baseline.json").write_text(content)
    result = check("--baseline", "baseline.json", "app")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: baseline.json: {problem}")
    assert "`migrator check --write-baseline baseline.json`" in result.stderr


def test_a_missing_baseline_is_an_error(project: Path) -> None:
    result = check("--baseline", "nowhere.json", "app")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: nowhere.json: no such baseline file; record a new one with "
        "`migrator check --write-baseline nowhere.json`\n"
    )
    folder = check("--baseline", "app", "app")
    assert folder.exit_code == 2 and "error: app: cannot read the baseline (" in folder.stderr


def test_a_broken_baseline_is_replaced_by_write_baseline(project: Path) -> None:
    (project / "baseline.json").write_text("not json")
    assert check("--write-baseline", "baseline.json", "app").exit_code == 0
    assert check("--baseline", "baseline.json", "app").exit_code == 0


def test_write_baseline_refuses_a_run_with_errors(project: Path) -> None:
    (project / "app" / "broken.py").write_text("import anthropic\nclient.completions.create(\n")
    result = check("--write-baseline", "baseline.json", "app")
    assert result.exit_code == 2
    assert "cannot parse" in result.stderr
    assert "error: baseline.json: the baseline was not written" in result.stderr
    assert not (project / "baseline.json").exists()


def test_write_baseline_into_a_missing_folder_is_an_error(project: Path) -> None:
    result = check("--write-baseline", "no/such/baseline.json", "app")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no/such/baseline.json: cannot write the baseline (")
    assert not (project / "no").exists()


@pytest.mark.parametrize(
    "args, complaint",
    [
        (
            ["check", "--baseline", "a.json", "--write-baseline", "b.json"],
            "cannot be used together",
        ),
        (["check", "--baseline", "a.json", "--no-baseline"], "cannot be used together"),
        (["migrate", "--baseline", "a.json"], "No such option"),
        (["migrate", "--write-baseline", "a.json"], "No such option"),
    ],
)
def test_options_that_make_no_sense_together_are_refused(
    project: Path, args: list[str], complaint: str
) -> None:
    result = CliRunner().invoke(app, [*args, "app"])
    assert result.exit_code == 2
    assert complaint in result.stderr
    assert (project / "app" / "one.py").read_text() == HEADER + call("Hi") + call("Bye")


def test_the_baseline_named_in_pyproject_is_read_from_its_folder(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "pyproject.toml").write_text('[tool.migrator]\nbaseline = "ci/baseline.json"\n')
    (project / "ci").mkdir()
    missing = check("app")
    assert missing.exit_code == 2
    assert f"{project / 'ci' / 'baseline.json'}: no such baseline file" in missing.stderr

    assert check("--write-baseline", "ci/baseline.json", "app").exit_code == 0
    (project / "app" / "two.py").write_text(HEADER + call("Two") + call("New"))
    monkeypatch.chdir(project / "app")
    configured = check(".")
    assert configured.exit_code == 1
    assert lines_reported(configured.stdout) == [("two.py", 5)] * FINDINGS_PER_CALL
    everything = check("--no-baseline", ".")
    assert len(lines_reported(everything.stdout)) == 4 * FINDINGS_PER_CALL


def test_the_baseline_setting_does_not_change_the_cache_key() -> None:
    """Which baseline filters the results does not change them: the cache stays warm."""
    assert Config(baseline="ci/baseline.json").fingerprint() == Config().fingerprint()
    assert Config(target_model="claude-opus-4-6").fingerprint() != Config().fingerprint()


def test_the_baseline_does_not_depend_on_the_machine(
    project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same tree elsewhere (another checkout, another machine) writes the same bytes."""
    assert check("--write-baseline", "baseline.json", "app").exit_code == 0
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    for path in (project / "app").iterdir():
        (elsewhere / "app").mkdir(exist_ok=True)
        (elsewhere / "app" / path.name).write_bytes(path.read_bytes())
    monkeypatch.chdir(elsewhere)
    assert check("--write-baseline", "baseline.json", "app").exit_code == 0
    assert (elsewhere / "baseline.json").read_bytes() == (project / "baseline.json").read_bytes()
