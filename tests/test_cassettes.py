"""Recorded HTTP cassettes that replay Text Completions are reported; nothing else is read."""

from __future__ import annotations

from pathlib import Path

from migrator.core.config import Config
from migrator.engine.registry import selected
from migrator.files.filekinds import is_cassette, kind_of
from migrator.run.run_report import Mode
from migrator.run.runner import run

LEGACY = """\
interactions:
- request:
    body: '{"model": "claude-2", "prompt": "\\n\\nHuman: Hi\\n\\nAssistant:", "max_tokens_to_sample": 9}'
    method: POST
    uri: https://api.anthropic.com/v1/complete
  response:
    body:
      string: '{"completion": " Hello!", "stop_reason": "stop_sequence"}'
    status:
      code: 200
- request:
    method: POST
    uri: https://api.anthropic.com/v1/complete?beta=true
  response:
    status:
      code: 200
version: 1
"""


def _tree(tmp_path: Path) -> Path:
    cassettes = tmp_path / "tests" / "cassettes" / "test_svc"
    cassettes.mkdir(parents=True)
    (cassettes / "test_summary.yaml").write_text(LEGACY)
    (cassettes / "test_new.yaml").write_text(
        LEGACY.replace("/v1/complete", "/v1/messages").replace("max_tokens_to_sample", "max_tokens")
    )
    (tmp_path / "deploy.yaml").write_text("path: /v1/complete\n")  # not a cassette
    (tmp_path / "tests" / "fixtures").mkdir()
    (tmp_path / "tests" / "fixtures" / "vcr_cassettes").mkdir()
    (tmp_path / "tests" / "fixtures" / "vcr_cassettes" / "one.yml").write_text(LEGACY)
    return tmp_path


def test_a_cassette_is_yaml_below_a_cassette_folder():
    assert is_cassette("tests/cassettes/test_svc/a.yaml")
    assert is_cassette("tests/fixtures/vcr_cassettes/a.yml")
    assert kind_of("tests/cassettes/a.yaml") == "cassette"
    assert not is_cassette("deploy.yaml") and not is_cassette("tests/cassettes/notes.txt")
    assert not is_cassette("cassette.yaml")  # the folder names it, not the file


def test_each_recorded_legacy_request_is_reported_at_its_line(tmp_path: Path):
    tree = _tree(tmp_path)
    report = run([tree], Config(), selected(), Mode.CHECK, jobs=1, use_cache=False)
    found = sorted(
        (Path(f.path).relative_to(tree).as_posix(), f.line, f.column, f.rule)
        for f in report.findings
    )
    assert found == [
        ("tests/cassettes/test_svc/test_summary.yaml", 5, 5, "TCM020"),
        ("tests/cassettes/test_svc/test_summary.yaml", 13, 5, "TCM020"),
        ("tests/fixtures/vcr_cassettes/one.yml", 5, 5, "TCM020"),
        ("tests/fixtures/vcr_cassettes/one.yml", 13, 5, "TCM020"),
    ]
    assert all("record it again" in f.message for f in report.findings)
    assert report.files_seen == 3  # the cassettes, not deploy.yaml


def test_a_cassette_is_never_changed(tmp_path: Path):
    tree = _tree(tmp_path)
    run([tree], Config(), selected(), Mode.WRITE, jobs=1, use_cache=False)
    assert (tree / "tests" / "cassettes" / "test_svc" / "test_summary.yaml").read_text() == LEGACY


def test_without_the_evidence_rule_nothing_is_reported(tmp_path: Path):
    tree = _tree(tmp_path)
    report = run([tree], Config(), selected(ignore=("TCM020",)), Mode.CHECK, jobs=1)
    assert not report.findings
