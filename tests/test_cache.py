"""The result cache: hits, misses on every part of the key, and entries that cannot be trusted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrator import cache, engine
from migrator.config import Config
from migrator.registry import selected
from migrator.runner import Mode, run

LEGACY = """\
import anthropic

client = anthropic.Anthropic()
reply = client.completions.create(
    model="claude-2", max_tokens_to_sample=50, prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}"
)
print(reply.completion)
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MIGRATOR_CACHE_DIR", str(tmp_path / ".migrator_cache"))
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "app.py").write_text(LEGACY)
    (tmp_path / "src" / "clean.py").write_text("print('hello')\n")
    return tmp_path


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the engine parses, in order."""
    seen: list[str] = []
    real = engine.migrate_source

    def counting(source, path, config, rules):
        seen.append(Path(path).name)
        return real(source, path, config, rules)

    monkeypatch.setattr(engine, "migrate_source", counting)
    return seen


def _check(project: Path, config: Config | None = None, rules=None, mode=Mode.CHECK, **options):
    rules = rules if rules is not None else selected()
    return run([project / "src"], config or Config(), rules, mode, jobs=1, **options)


def _entries(project: Path) -> list[Path]:
    return sorted((project / ".migrator_cache").glob("*/*.json"))


def test_a_second_run_reads_the_result_instead_of_parsing(project, parses):
    first = _check(project)
    second = _check(project)
    assert parses == ["app.py"]  # the clean file never reaches the engine, cached or not
    assert first.findings and second.findings == first.findings
    assert len(_entries(project)) == 1


def test_a_diff_from_the_cache_is_the_diff(project, parses):
    fresh = _check(project, mode=Mode.DIFF)
    cached = _check(project, mode=Mode.DIFF)
    assert parses == ["app.py"]
    assert cached.files[0].diff == fresh.files[0].diff != ""


def test_a_write_from_the_cache_writes_the_new_text(project, parses):
    expected = _check(project, mode=Mode.DIFF)
    _check(project, mode=Mode.WRITE)
    assert parses == ["app.py"]  # the write used the result the diff stored
    assert "messages.create" in (project / "src" / "app.py").read_text()
    assert expected.files[0].changed
    after = _check(project)
    assert not after.findings and parses == ["app.py"]  # the new text fails the prefilter


@pytest.mark.parametrize(
    "change",
    ["content", "config", "rules", "tool"],
)
def test_any_change_of_the_key_is_a_miss(project, parses, monkeypatch, change):
    _check(project)
    config, rules = None, None
    if change == "content":
        (project / "src" / "app.py").write_text(LEGACY.replace("Hi", "Hello"))
    elif change == "config":
        config = Config(target_model="claude-opus-4-6")
    elif change == "rules":
        rules = selected(ignore=("model",))
    else:
        monkeypatch.setattr(cache, "tool_fingerprint", lambda: "another version")
    report = _check(project, config, rules)
    assert parses == ["app.py", "app.py"]
    assert report.findings
    assert len(_entries(project)) == 2


def test_the_path_of_a_cached_finding_is_the_files_own(project, parses):
    _check(project)
    twin = project / "src" / "twin.py"
    twin.write_text(LEGACY)
    report = _check(project)
    assert parses == ["app.py"]
    assert {Path(finding.path).name for finding in report.findings} == {"app.py", "twin.py"}


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "checksum", "other_key", "wrong_types", "empty"],
)
def test_a_damaged_entry_is_ignored_and_replaced(project, parses, damage):
    expected = _check(project).findings
    (entry,) = _entries(project)
    document = json.loads(entry.read_text())
    if damage == "garbage":
        entry.write_bytes(b"\x00\xff not json")
    elif damage == "truncated":
        entry.write_text(entry.read_text()[:40])
    elif damage == "checksum":
        document["body"]["findings"] = []  # a plausible lie: no findings
        entry.write_text(json.dumps(document))
    elif damage == "other_key":
        document["key"] = "0" * 64
        entry.write_text(json.dumps(document))
    elif damage == "wrong_types":
        document["body"]["findings"][0][0] = "one"
        document["checksum"] = cache._checksum(document["body"])
        entry.write_text(json.dumps(document))
    else:
        entry.write_text("")
    report = _check(project)
    assert parses == ["app.py", "app.py"]
    assert report.findings == expected
    third = _check(project)
    assert parses == ["app.py", "app.py"] and third.findings == expected


def test_no_cache_neither_reads_nor_writes(project, parses):
    _check(project, use_cache=False)
    _check(project, use_cache=False)
    assert parses == ["app.py", "app.py"]
    assert not (project / ".migrator_cache").exists()


def test_writes_leave_no_temporary_files_and_mark_the_folder(project):
    _check(project)
    folder = project / ".migrator_cache"
    assert not list(folder.rglob(".tmp-*"))
    assert (
        (folder / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"


def test_an_unwritable_cache_costs_only_the_speed(project, parses, monkeypatch):
    blocker = project / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("MIGRATOR_CACHE_DIR", str(blocker / ".migrator_cache"))
    first = _check(project)
    second = _check(project)
    assert first.findings and second.findings == first.findings and not second.errors
    assert parses == ["app.py", "app.py"]


def test_errors_are_not_cached(project, parses):
    (project / "src" / "broken.py").write_text("import anthropic\nanthropic.completions(\n")
    first = _check(project)
    second = _check(project)
    assert parses.count("broken.py") == 2
    assert first.errors == second.errors and len(first.errors) == 1
