"""Every count the tool reports equals what it wrote: sites migrated, sites left manual."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_support import Case, cases
from typer.testing import CliRunner

from migrator.cli.app import app
from migrator.code.wrapping import CONTINUATION
from migrator.core.config import Config
from migrator.engine import registry
from migrator.files.filekinds import kind_of, migrate_text

MANUAL_MARK = "# migrator: manual ["

# A pre-0.3 client call, a Bedrock body and a raw HTTP post: three requests, three sites.
THREE_SURFACES = """import json
import os

import anthropic
import boto3
import requests

old = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])


def pre03(text):
    return old.completion(
        prompt=f"{anthropic.HUMAN_PROMPT} {text}{anthropic.AI_PROMPT}",
        model="claude-v1",
        max_tokens_to_sample=5,
    )["completion"]


bedrock = boto3.client("bedrock-runtime")


def on_bedrock(text):
    body = json.dumps({"prompt": f"\\n\\nHuman: {text}\\n\\nAssistant:", "max_tokens_to_sample": 100})
    response = bedrock.invoke_model(body=body, modelId="anthropic.claude-v2")
    return json.loads(response["body"].read())["completion"]


def over_http(text):
    r = requests.post(
        "https://api.anthropic.com/v1/complete",
        headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"},
        json={"model": "claude-2.1", "prompt": f"\\n\\nHuman: {text}\\n\\nAssistant:", "max_tokens_to_sample": 50},
    )
    return r.json()["completion"]
"""


def marked_statements(text: str) -> int:
    """Runs of consecutive manual comments: each sits above one statement left for a person.

    A long comment goes on over lines of its own (``#   ...``): they belong to its run.
    """
    runs, previous = 0, False
    for line in text.splitlines():
        marked = line.lstrip().startswith(MANUAL_MARK)
        carried_on = previous and line.lstrip().startswith(CONTINUATION)
        runs += marked and not previous
        previous = marked or carried_on
    return runs


PYTHON_CASES = [case for case in cases() if case.suffix == ".py"]


@pytest.mark.parametrize("case", PYTHON_CASES, ids=[case.id for case in PYTHON_CASES])
def test_sites_left_manual_are_the_statements_marked_for_a_person(case: Case) -> None:
    source = case.source.read_text(encoding="utf-8")
    config = Config(**case.config_overrides())
    result = migrate_text(
        kind_of(case.filename), source, case.filename, config, registry.all_rules()
    )
    # A call a partial ``# migrator: ignore`` keeps is reported once, with no comment.
    unmarked = sum("silences part of this call" in finding.message for finding in result.findings)
    assert result.manual_sites == marked_statements(result.new_source) + unmarked


def test_every_surface_counts_its_sites() -> None:
    result = migrate_text("python", THREE_SURFACES, "mixed.py", Config(), registry.all_rules())
    assert result.changed and MANUAL_MARK not in result.new_source
    assert (result.migrated_sites, result.manual_sites) == (3, 0)


def test_the_summary_counts_what_was_written(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "mixed.py").write_text(THREE_SURFACES)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["migrate", "--diff", "--no-cache", "."])
    assert "sites migrated             │ 3" in result.stderr


def test_a_file_that_cannot_be_written_counts_nothing_as_done(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "mixed.py"
    target.write_text(THREE_SURFACES)
    target.chmod(0o444)  # read-only for root too: the tool honours the mode bits
    result = CliRunner().invoke(app, ["check", "--format", "json", "--no-cache", "."])
    assert json.loads(result.stdout)["summary"]["sites_migrated"] == 3  # what migrate would do
    result = CliRunner().invoke(app, ["migrate", "--no-cache", "."])
    assert result.exit_code == 2
    assert target.read_text() == THREE_SURFACES
    assert "mixed.py" in result.stderr and "read-only" in result.stderr
    assert "sites migrated             │ 0" in result.stderr
    assert "[review]" not in result.stderr, "nothing was done: nothing to review"
