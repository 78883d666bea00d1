"""The result cache: hits, misses on every part of the key, and entries that cannot be trusted."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from migrator.core.config import Config
from migrator.engine.registry import selected
from migrator.run import cache, held_run, helper_modules, one_file, shared_grants, workers
from migrator.run.run_report import Mode
from migrator.run.runner import run

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


def _check(project: Path, config: Config | None = None, rules=None, mode=Mode.CHECK, **options):
    rules = rules if rules is not None else selected()
    return run([project / "src"], config or Config(), rules, mode, jobs=1, **options)


def _caches(project: Path) -> list[Path]:
    """The cache files: one per set of settings."""
    return sorted((project / ".migrator_cache").glob("results-*.json"))


def _stored(project: Path) -> dict[str, dict]:
    """The entries of the one cache file, by file name."""
    (only,) = _caches(project)
    entries = json.loads(only.read_text().partition("\n")[2])
    return {Path(path).name: entry for path, entry in entries.items()}


def _age(*paths: Path) -> None:
    """Date the files a minute back, past the window where metadata cannot be trusted."""
    for path in paths:
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - 60_000_000_000))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the run reads, in order."""
    seen: list[str] = []
    real, real_if_wanted = one_file.read_source, workers.read_if_wanted

    def counting(path):
        seen.append(Path(path).name)
        return real(path)

    def counting_if_wanted(path, wanted):
        seen.append(Path(path).name)
        return real_if_wanted(path, wanted)

    for reader in (one_file, held_run, shared_grants, helper_modules):
        monkeypatch.setattr(reader, "read_source", counting)
    monkeypatch.setattr(workers, "read_if_wanted", counting_if_wanted)
    return seen


def test_a_second_run_reads_the_result_instead_of_parsing(project, parses):
    first = _check(project)
    second = _check(project)
    assert parses == ["app.py"]  # the clean file never reaches the engine, cached or not
    assert first.findings and second.findings == first.findings
    stored = _stored(project)
    assert set(stored) == {"app.py", "clean.py"}
    assert stored["clean.py"]["result"] is None and stored["app.py"]["result"]["findings"]


def test_a_file_known_by_its_metadata_is_not_read(project, parses, reads):
    _age(project / "src" / "app.py", project / "src" / "clean.py")
    first = _check(project)
    second = _check(project)
    assert parses == ["app.py"]
    assert sorted(reads) == ["app.py", "clean.py"]  # the first run's reads only
    assert second.findings == first.findings


def test_a_module_held_for_what_it_binds_is_not_read_when_nothing_wants_it(project, parses, reads):
    """A module that binds a request dict at its top is held until every module is known
    (another one may send it, migrator.analysis.shared); when none does, the cache answers for it
    as for any other file."""
    settings = project / "src" / "settings.py"
    settings.write_text('PARAMS = {"model": "claude-2", "max_tokens_to_sample": 300}\n')
    _age(settings, project / "src" / "app.py", project / "src" / "clean.py")
    first = _check(project)
    second = _check(project)
    assert sorted(reads) == ["app.py", "clean.py", "settings.py"]  # the first run's only
    assert second.findings == first.findings and first.findings


def test_a_tree_checked_from_inside_is_known_by_its_metadata(project, parses, reads, monkeypatch):
    """``check .``: the walk names files ``./app.py``, the cache ``app.py``; one key for both."""
    _age(project / "src" / "app.py", project / "src" / "clean.py")
    monkeypatch.chdir(project / "src")
    first = run([Path(".")], Config(), selected(), Mode.CHECK, jobs=1)
    second = run([Path(".")], Config(), selected(), Mode.CHECK, jobs=1)
    assert sorted(reads) == ["app.py", "clean.py"]  # the first run's reads only
    assert second.findings == first.findings and first.findings[0].path == "app.py"


def test_a_touched_file_is_read_but_not_parsed(project, parses, reads):
    app = project / "src" / "app.py"
    _age(app, project / "src" / "clean.py")
    first = _check(project)
    os.utime(app)  # a checkout or `touch`: new metadata, the same bytes
    second = _check(project)
    assert parses == ["app.py"] and reads.count("app.py") == 2 and reads.count("clean.py") == 1
    assert second.findings == first.findings


def test_a_file_changed_moments_ago_is_not_trusted_by_its_metadata(project, parses, reads):
    _check(project)  # the fixture wrote the files just now
    assert _stored(project)["app.py"]["stat"] is None
    _check(project)
    assert reads.count("app.py") == 2 and parses == ["app.py"]


def test_a_file_changed_with_the_same_size_and_time_is_seen_by_its_inode_or_ctime(project, parses):
    app = project / "src" / "app.py"
    _age(app)
    _check(project)
    stat = app.stat()
    replacement = project / "src" / "new.tmp"
    replacement.write_text(LEGACY.replace("Hi", "Yo"))  # same size
    os.utime(replacement, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    replacement.replace(app)
    report = _check(project)
    assert parses == ["app.py", "app.py"] and report.findings


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
    assert len(_caches(project)) == (1 if change == "content" else 2)


def test_the_path_of_a_cached_finding_is_the_files_own(project, parses):
    _check(project)
    twin = project / "src" / "twin.py"
    twin.write_text(LEGACY)
    report = _check(project)
    assert parses == ["app.py"]
    assert {Path(finding.path).name for finding in report.findings} == {"app.py", "twin.py"}


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "checksum", "other_settings", "wrong_types", "endpoints", "empty"],
)
def test_a_damaged_cache_is_ignored_and_replaced(project, parses, damage):
    expected = _check(project).findings
    (cache_file,) = _caches(project)
    header_text, _, body = cache_file.read_text().partition("\n")
    header, entries = json.loads(header_text), json.loads(body)
    app = next(key for key in entries if key.endswith("app.py"))

    def rewrite(header: dict, entries: dict, fix_checksum: bool) -> None:
        text = json.dumps(entries, separators=(",", ":"))
        if fix_checksum:
            header["checksum"] = hashlib.sha256(text.encode()).hexdigest()
        cache_file.write_text(json.dumps(header) + "\n" + text)

    if damage == "garbage":
        cache_file.write_bytes(b"\x00\xff not json")
    elif damage == "truncated":
        cache_file.write_text(cache_file.read_text()[:-40])
    elif damage == "checksum":
        entries[app]["result"]["findings"] = []  # a plausible lie: no findings
        rewrite(header, entries, fix_checksum=False)
    elif damage == "other_settings":
        header["settings"] = "another tool"
        entries[app]["result"]["findings"] = []
        rewrite(header, entries, fix_checksum=True)
    elif damage == "wrong_types":
        entries[app]["result"]["findings"][0][0] = "one"
        rewrite(header, entries, fix_checksum=True)
    elif damage == "endpoints":
        entries[app]["result"]["endpoints_left"] = "https://api.anthropic.com/v1/complete"
        rewrite(header, entries, fix_checksum=True)
    else:
        cache_file.write_text("")
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
    assert len(list(folder.iterdir())) == 3  # the one cache file, the tag and .gitignore
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


def test_what_a_module_tells_the_run_is_kept():
    """A test module's ``responses`` registrations move with what the run learned of the
    other modules' endpoints: a module known from the cache tells it too."""
    result = cache.CachedResult(
        new_source="x = 1\n",
        endpoints_migrated=("https://api.anthropic.com/v1/complete",),
        endpoints_left=("*/v1/complete",),
        served_endpoints=(("https://api.anthropic.com/v1/complete", "requests"),),
    )
    assert cache._decode(json.loads(json.dumps(cache._encode(result))), "a.py") == result


SERVICE = """\
import anthropic

client = anthropic.Anthropic()


def summarize(text):
    response = client.completions.create(
        model="claude-2", max_tokens_to_sample=300, prompt=f"{anthropic.HUMAN_PROMPT} {text}{anthropic.AI_PROMPT}"
    )
    return response.completion
"""

SERVICE_TEST = """\
from unittest import mock

import svc


def test_summary():
    with mock.patch.object(svc.client.completions, "create") as create:
        create.return_value = mock.Mock(completion="Short.")
        assert svc.summarize("A long text.") == "Short."
"""


def test_a_held_test_finished_with_the_same_facts_of_the_run_is_not_parsed_again(project, parses):
    """A test held back for its doubles is migrated again once every module is known; its
    finished result is kept with those facts (here: the client of ``svc`` was migrated),
    and a warm run whose facts are the same reads it instead of parsing the test."""
    (project / "src" / "svc.py").write_text(SERVICE)
    (project / "src" / "test_svc.py").write_text(SERVICE_TEST)
    first = _check(project, mode=Mode.DIFF)
    assert parses.count("test_svc.py") == 2  # once alone, once with what the run learned
    parses.clear()
    second = _check(project, mode=Mode.DIFF)
    assert parses == []
    assert [f.diff for f in second.files] == [f.diff for f in first.files]
    assert 'svc.client.messages, "create"' in next(
        f.diff for f in second.files if f.path.endswith("test_svc.py")
    )
    # The service's call is left for a person (it prints the whole response): the
    # test's doubles stay, since the facts of the run changed.
    (project / "src" / "svc.py").write_text(
        SERVICE.replace("    return response", "    print(response)\n    return response")
    )
    third = _check(project, mode=Mode.DIFF)
    assert (
        next(f for f in third.files if f.path.endswith("test_svc.py")).diff
        != next(f for f in first.files if f.path.endswith("test_svc.py")).diff
    )


def test_the_tool_fingerprint_covers_every_source_file():
    """A rule split into a package, a module in a stage's folder: editing any of them
    makes the cache miss."""
    root = Path(cache.__file__).resolve().parent
    while root.name != "migrator":
        root = root.parent
    expected = {
        str(path)
        for folder in (root, root.parent / "rules")
        for path in folder.rglob("*.py")
        if "__pycache__" not in path.parts
    }
    seen = [path for path, _ in cache.tool_sources()]
    assert len(seen) == len(set(seen))
    assert {str(Path(path).resolve()) for path in seen} == expected
    assert any(Path(path).parent.name == "invoke_model" for path in seen)
