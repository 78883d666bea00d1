"""What `migrate` reports points into the file as written; what `check` reports, into the file as it is."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrator.cli.app import app
from migrator.core.findings import Finding, Safety
from migrator.run.remap import as_written, lines_of, mover

# `ask` returns its response to callers the tool cannot see: a helper goes in above it.
HELPER_ABOVE = """import anthropic

client = anthropic.Anthropic()


def ask(question):
    return client.completions.create(
        model="claude-2",
        max_tokens_to_sample=30,
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
    )
"""
# The first call is left for manual work, with a comment above it.
COMMENT_ABOVE = """import anthropic

client = anthropic.Anthropic()


def first():
    response = client.completions.create(model="claude-2", max_tokens_to_sample=10, prompt="\\n\\nHuman: Hi")
    return response.completion


def second():
    other = anthropic.Anthropic()
    response = other.completions.create(
        model="claude-2",
        max_tokens_to_sample=10,
        prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
    )
    return response.completion
"""
# What each finding points at in the file as written (TCM010's constants are gone).
POINTS_AT = {
    "TCM001": re.compile(r"(client|other)\.messages\.create\("),
    "TCM002": re.compile(r"messages=\[|prompt=\"\\n\\nHuman"),
    "TCM005": re.compile(r"max_tokens=\d"),
    "TCM006": re.compile(r'model="claude-sonnet-'),
    "TCM009": re.compile(r"return _legacy_completion\(|response\.content "),
}
LOCATION = re.compile(r"^(?P<path>\S+?):(?P<line>\d+):(?P<column>\d+) (?P<rule>TCM\d{3}) ")


def migrate(*args: str):
    return CliRunner().invoke(app, ["migrate", "--no-cache", *args], catch_exceptions=False)


def text_at(text: str, line: int, column: int) -> str:
    return lines_of(text)[line - 1][column - 1 :]


def printed(stderr: str) -> list[tuple[int, int, str]]:
    """(line, column, rule) of each finding the summary of `migrate` names."""
    return [
        (int(match["line"]), int(match["column"]), match["rule"])
        for match in map(LOCATION.match, stderr.splitlines())
        if match
    ]


def assert_each_points_at_its_code(text: str, findings: list[tuple[int, int, str]]) -> None:
    assert findings
    for line, column, rule in findings:
        if rule != "TCM010":
            assert POINTS_AT[rule].match(text_at(text, line, column)), (line, column, rule)


@pytest.mark.parametrize("source", [HELPER_ABOVE, COMMENT_ABOVE], ids=["helper", "comment"])
def test_migrate_and_its_dry_run_print_positions_in_the_file_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("app.py").write_text(source)
    dry_run = migrate("--diff", "app.py")
    assert Path("app.py").read_text() == source
    written = migrate("app.py")
    after = Path("app.py").read_text()
    assert len(lines_of(after)) > len(lines_of(source)), "lines came in above the findings"
    assert_each_points_at_its_code(after, printed(written.stderr))
    # --diff: the file as it would be, the `+` side of its diff.
    assert printed(dry_run.stderr) == printed(written.stderr)


def test_check_still_points_into_the_file_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Also when its result comes from the cache a dry run of `migrate` filled."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MIGRATOR_CACHE_DIR", str(tmp_path / "cache"))
    Path("app.py").write_text(HELPER_ABOVE)
    invoke = CliRunner().invoke
    invoke(app, ["migrate", "--diff", "app.py"], catch_exceptions=False)
    for args in (["--no-cache"], []):
        lines = invoke(app, ["check", *args, "app.py"], catch_exceptions=False).stdout
        model = next(line for line in lines.splitlines() if " TCM006 " in line)
        line, column = map(int, LOCATION.match(model).group("line", "column"))  # type: ignore[union-attr]
        assert text_at(HELPER_ABOVE, line, column).startswith('model="claude-2"')


def notebook(*cells: tuple[str, str]) -> str:
    document = {
        "cells": [
            {"cell_type": kind, "metadata": {}, "source": source.splitlines(keepends=True)}
            | ({"execution_count": None, "outputs": []} if kind == "code" else {})
            for kind, source in cells
        ],
        "metadata": {"language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(document, indent=1) + "\n"


def test_a_notebook_finding_points_into_its_cell_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The helper goes in after the imports of the cell that holds the call, above the call."""
    monkeypatch.chdir(tmp_path)
    Path("demo.ipynb").write_text(notebook(("markdown", "# Demo\n"), ("code", HELPER_ABOVE)))
    dry_run = migrate("--diff", "demo.ipynb")
    written = migrate("demo.ipynb")
    source = "".join(json.loads(Path("demo.ipynb").read_text())["cells"][1]["source"])
    pattern = re.compile(r"^demo\.ipynb:cell 2:line (\d+):col (\d+) (TCM\d{3}) ", re.M)
    found = [
        (int(line), int(column), rule) for line, column, rule in pattern.findall(written.stderr)
    ]
    assert_each_points_at_its_code(source, found)
    assert pattern.findall(dry_run.stderr) == pattern.findall(written.stderr)


@pytest.mark.parametrize("source", [HELPER_ABOVE, COMMENT_ABOVE], ids=["helper", "comment"])
def test_every_finding_of_the_json_report_points_at_its_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("app.py").write_text(source)
    document = json.loads(migrate("--format", "json", "app.py").stdout)
    findings = [(f["line"], f["column"], f["rule"]) for f in document["files"][0]["findings"]]
    assert {rule for _, _, rule in findings} >= {"TCM001", "TCM006"}
    assert_each_points_at_its_code(Path("app.py").read_text(), findings)


def test_the_json_report_of_a_notebook_points_into_each_cell_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each cell as written: the one that got the helper, and one whose call was rewritten."""
    monkeypatch.chdir(tmp_path)
    again = 'r = client.completions.create(model="claude-2", max_tokens_to_sample=5, prompt=f"{anthropic.HUMAN_PROMPT} hi{anthropic.AI_PROMPT}")\n'
    Path("demo.ipynb").write_text(
        notebook(("markdown", "# Demo\n"), ("code", HELPER_ABOVE), ("code", again))
    )
    dry_run = json.loads(migrate("--diff", "--format", "json", "demo.ipynb").stdout)
    written = json.loads(migrate("--format", "json", "demo.ipynb").stdout)
    cells = json.loads(Path("demo.ipynb").read_text())["cells"]
    findings = written["files"][0]["findings"]
    assert {finding["cell"] for finding in findings} == {2, 3}
    for finding in findings:
        source = "".join(cells[finding["cell"] - 1]["source"])
        where = text_at(source, finding["line"], finding["column"])
        assert finding["rule"] == "TCM010" or POINTS_AT[finding["rule"]].match(where), finding
    assert dry_run["files"][0]["findings"] == findings


# --- the alignment itself ----------------------------------------------------------------------


def test_kept_lines_move_exactly_and_rewritten_ones_by_their_tokens() -> None:
    before = "import a\nx = f(model='m', prompt=p)\ny = x.completion\n"
    after = "import a\n\n\ndef helper():\n    pass\n\n\nx = f(\n    model='n',\n    messages=p,\n)\ny = x.completion\n"
    move = mover(before, after)
    assert move(1, 1) == (1, 1)
    assert move(3, 5) == (12, 5)  # kept: same column
    assert text_at(after, *move(2, 7)).startswith("model='n'")
    assert text_at(after, *move(2, 18)).startswith("messages=p")
    assert text_at(after, *move(2, 5)).startswith("f(")


def test_line_ends_are_those_python_counts() -> None:
    """A form feed is not a line end for Python, nor for the positions the engine gives."""
    before = "a = 1\r\n\x0cb = 2\rc = 3\n"
    after = "# new\r\na = 1\r\n\x0cb = 2\rc = 3\n"
    assert lines_of(before) == ["a = 1\r\n", "\x0cb = 2\r", "c = 3\n"]
    move = mover(before, after)
    assert [move(line, 1) for line in (1, 2, 3)] == [(2, 1), (3, 1), (4, 1)]


def test_removed_lines_and_positions_past_the_end_stay_in_the_file() -> None:
    move = mover("a\nb\nc\n", "a\nc\n")
    assert move(2, 3) == (2, 1)  # b is gone: the line that now follows where it was
    assert move(5, 1) == (4, 1)
    assert mover("a\nb\n", "a\n")(2, 1) == (1, 1)
    assert mover("", "x\n")(1, 1) == (2, 1)


def test_a_finding_whose_code_is_gone_lands_on_the_code_that_follows() -> None:
    before = "import x\nfrom a import B\n\n\ndef f():\n    g(\n        a=1,\n        b=2,\n    )\n"
    after = "import x\n\n\ndef f():\n    g(\n        a=1,\n    )\n"
    move = mover(before, after)
    assert move(2, 1) == (4, 1)  # past the blank lines, on `def`
    assert move(8, 9) == (7, 5)  # on the `)` that closes the call


def test_unchanged_text_keeps_every_finding_as_it_is() -> None:
    finding = Finding("a.py", 3, 4, "TCM001", "completions_create", "m", Safety.SAFE)
    assert as_written([finding], "same\n", "same\n") == [finding]
    assert as_written([finding], "x\n", "y\nx\n")[0].line == 4
