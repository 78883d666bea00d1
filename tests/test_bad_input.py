"""Bad input in a tree of good files: the good files are migrated, the bad one is reported with
its path and what to do, the run exits 2, and nothing is left half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrator.cli.app import app

LEGACY = """import anthropic

client = anthropic.Anthropic()
response = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=100,
    prompt=f"{anthropic.HUMAN_PROMPT} Hello{anthropic.AI_PROMPT}",
)
print(response.completion)
"""
LEGACY_LINE = (
    'r = anthropic.Anthropic().completions.create(model="claude-2", max_tokens_to_sample=1, '
    'prompt="\\n\\nHuman: Hi\\n\\nAssistant:")\n'
)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two good legacy files, one of them in a sub-folder, and a clean one."""
    (tmp_path / "src" / "sub").mkdir(parents=True)
    (tmp_path / "src" / "good.py").write_text(LEGACY)
    (tmp_path / "src" / "sub" / "good2.py").write_text(LEGACY)
    (tmp_path / "src" / "clean.py").write_text("print('clean')\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def migrate(*args: str):
    return CliRunner().invoke(app, ["migrate", *args], catch_exceptions=False)


def assert_good_files_migrated(tree: Path) -> None:
    for good in (tree / "src" / "good.py", tree / "src" / "sub" / "good2.py"):
        text = good.read_text()
        assert "client.messages.create(" in text and "completions" not in text, good
    assert (tree / "src" / "clean.py").read_text() == "print('clean')\n"
    leftovers = [p for p in tree.rglob("*") if p.name.startswith(".migrator-")]
    assert leftovers == [], "no temporary file is left behind"


def assert_reported(result, path: str, *fragments: str) -> None:
    assert result.exit_code == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    mine = [line for line in lines if path in line]
    assert len(mine) == 1, lines
    for fragment in fragments:
        assert fragment in mine[0], mine[0]


# Each case: what to write at src/bad.py, the message fragments that say what is wrong and what
# to do.
CONTENT_CASES: dict[str, tuple[bytes, tuple[str, ...]]] = {
    # Where CPython says the mistake is, in its words, not libcst's list of expected tokens.
    "syntax_error": (
        b"import anthropic\nclient.completions.create(\n",
        (
            "src/bad.py:2:26: SyntaxError: '(' was never closed. migrator cannot parse the "
            "file: fix the syntax error (or exclude it); it was left unchanged.",
        ),
    ),
    "character_not_allowed_in_names": (
        "import anthropic\n\U00013460 = 1\n".encode() + LEGACY_LINE.encode(),
        (
            "src/bad.py:2:1: SyntaxError: invalid non-printable character U+13460",
            "fix the syntax error",
        ),
    ),
    "python2": (
        b'import anthropic\nprint "starting"\n' + LEGACY_LINE.encode(),
        (
            "src/bad.py:2:1: SyntaxError: Missing parentheses in call to 'print'. Did you mean "
            "print(...)? It looks like Python 2 code, which migrator cannot parse",
            "port the file to Python 3 first",
        ),
    ),
    "indentation": (
        b"import anthropic\nif True:\nx = anthropic.HUMAN_PROMPT\n",
        (
            "src/bad.py:3:1: IndentationError: expected an indented block after 'if' "
            "statement on line 2. migrator cannot parse the file",
        ),
    ),
    # Backticks in a Markdown string are not Python 2's repr: the line CPython names decides.
    "indentation_beside_markdown": (
        b'import anthropic\nFENCE = "```python"\ndef f():\nx = anthropic.HUMAN_PROMPT\n',
        (
            "src/bad.py:4:1: IndentationError: expected an indented block after function "
            "definition on line 3. migrator cannot parse the file: fix the syntax error",
        ),
    ),
    "invalid_utf8_without_cookie": (
        b"import anthropic\n# caf\xe9\n" + LEGACY_LINE.encode(),
        ("not valid utf-8: byte(s) e9 at line 2, column 6", "declare it with a PEP 263"),
    ),
    "nul_byte": (
        b"import anthropic\nx = 1\0\n" + LEGACY_LINE.encode(),
        ("contains a NUL byte at line 2, column 6", "not Python source text; exclude it"),
    ),
    "binary_png": (
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10" + bytes(range(256)),
        ("contains a NUL byte", "exclude it from the run"),
    ),
    "binary_without_nul": (
        bytes(range(0x80, 0x100)) * 4,
        ("not valid utf-8", "re-encode the file as UTF-8"),
    ),
    "unknown_cookie": (
        b"# -*- coding: klingon -*-\n" + LEGACY_LINE.encode(),
        ("unknown encoding 'klingon'", "fix the cookie on line 1 or 2"),
    ),
}


@pytest.mark.parametrize("case", sorted(CONTENT_CASES))
def test_bad_content(tree: Path, case: str) -> None:
    data, fragments = CONTENT_CASES[case]
    bad = tree / "src" / "bad.py"
    bad.write_bytes(data)
    result = migrate("src")
    assert_reported(result, "src/bad.py", *fragments)
    assert bad.read_bytes() == data
    assert_good_files_migrated(tree)


def test_code_that_does_not_parse_still_has_its_legacy_lines_named(tree: Path) -> None:
    """The error says why nothing was migrated; each legacy line is named as manual work."""
    bad = tree / "src" / "bad.py"
    bad.write_text("import anthropic\n" + LEGACY_LINE + "client.completions.create(\n")
    result = CliRunner().invoke(app, ["check", "src"], catch_exceptions=False)
    assert_reported(result, "src/bad.py", "cannot parse", "fix the syntax error")
    named = [
        line for line in result.stdout.splitlines() if line.startswith(str(Path("src", "bad.py")))
    ]
    assert len(named) == 1, result.stdout
    assert ":2:" in named[0] and "TCM020" in named[0]
    assert "`max_tokens_to_sample` is used here, but the code does not parse" in named[0]


def test_code_python_reads_but_libcst_does_not_is_reported_in_libcst_s_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No syntax error to name: the message says which parser gave up, where, and why."""
    import libcst

    from migrator.core.config import Config
    from migrator.engine.migrate import migrate_source
    from migrator.engine.registry import all_rules

    def refuse(source: str, *args: object, **kwargs: object) -> libcst.Module:
        lines = source.splitlines(keepends=True)
        raise libcst.ParserSyntaxError(
            "a construct it lacks", lines=lines, raw_line=4, raw_column=9
        )

    monkeypatch.setattr(libcst, "parse_module", refuse)
    result = migrate_source(LEGACY, "new.py", Config(), all_rules())
    assert result.error == (
        "new.py:4:10: cannot parse: a construct it lacks. Python itself reads this code, but "
        "libcst, which migrator rewrites code with, does not: exclude the file, and please "
        "report the construct; it was left unchanged."
    )
    assert result.new_source == LEGACY


def test_code_for_a_newer_python_than_the_running_one_is_migrated(tree: Path) -> None:
    """A ``type`` statement (3.12) parses with libcst even where Python's own parser is older."""
    newer = tree / "src" / "newer.py"
    newer.write_text("type Alias = int\n" + LEGACY)
    result = migrate("src")
    assert result.exit_code == 0, result.stderr
    assert newer.read_text().startswith("type Alias = int\nimport anthropic\n")
    assert "client.messages.create(" in newer.read_text()
    assert_good_files_migrated(tree)


def test_empty_file_is_fine(tree: Path) -> None:
    (tree / "src" / "empty.py").write_bytes(b"")
    result = migrate("src")
    assert result.exit_code == 0, result.stderr
    assert (tree / "src" / "empty.py").read_bytes() == b""
    assert_good_files_migrated(tree)


def test_unreadable_file(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tree / "src" / "secret.py"
    bad.write_text(LEGACY)
    real_open = os.open

    def refuse(path, flags, *args, **kwargs):  # root reads anything: refuse like a mode would
        if str(path).endswith("secret.py"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr("migrator.code.sourcefile.os.open", refuse)
    result = migrate("src")
    assert_reported(result, "src/secret.py", "cannot read: permission denied", "chmod u+r")
    assert bad.read_text() == LEGACY
    assert_good_files_migrated(tree)


def test_read_only_file(tree: Path) -> None:
    bad = tree / "src" / "locked.py"
    bad.write_text(LEGACY)
    bad.chmod(0o444)
    result = migrate("src")
    assert_reported(
        result, "src/locked.py", "the file is read-only; it was not changed", "chmod u+w"
    )
    assert bad.read_text() == LEGACY and (bad.stat().st_mode & 0o777) == 0o444
    assert_good_files_migrated(tree)


def test_read_only_folder(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tree / "src" / "locked").mkdir()
    bad = tree / "src" / "locked" / "inside.py"
    bad.write_text(LEGACY)
    real_mkstemp = tempfile.mkstemp

    def refuse(*args, dir=None, **kwargs):  # root writes anywhere: refuse like a mode would
        if dir is not None and Path(dir).name == "locked":
            raise PermissionError(13, "Permission denied", str(dir))
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr("migrator.code.sourcefile.tempfile.mkstemp", refuse)
    result = migrate("src")
    assert_reported(
        result, "src/locked/inside.py", "cannot create a temporary file", "Make the folder writable"
    )
    assert bad.read_text() == LEGACY
    assert_good_files_migrated(tree)


def test_missing_path(tree: Path) -> None:
    result = migrate("src", "nowhere.py")
    assert_reported(result, "nowhere.py", "path does not exist; check the spelling")
    assert_good_files_migrated(tree)


@pytest.mark.parametrize("given", [False, True], ids=["inside_folder", "given"])
def test_dangling_symlink(tree: Path, given: bool) -> None:
    (tree / "src" / "gone.py").symlink_to("deleted.py")
    result = migrate("src", *(["src/gone.py"] if given else []))
    assert_reported(
        result, "src/gone.py", "dangling symbolic link (to deleted.py)", "fix or remove"
    )
    assert_good_files_migrated(tree)


@pytest.mark.parametrize("given", [False, True], ids=["inside_folder", "given"])
def test_symlink_loop(tree: Path, given: bool) -> None:
    (tree / "src" / "loop.py").symlink_to("loop.py")
    result = migrate("src", *(["src/loop.py"] if given else []))
    assert_reported(result, "src/loop.py", "symbolic link loop; fix the link")
    assert_good_files_migrated(tree)


def test_folder_given_twice_and_nested_migrates_each_file_once(tree: Path) -> None:
    result = migrate("src", "src", "src/sub", "./src/sub/good2.py")
    assert result.exit_code == 0, result.stderr
    assert "error" not in result.stderr.replace("errors", "")
    assert_good_files_migrated(tree)
    assert "files checked              │ 3" in result.stderr


def test_file_changed_between_read_and_write(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import migrator.engine.migrate

    bad = tree / "src" / "busy.py"
    bad.write_text(LEGACY)
    theirs = LEGACY + "print('added by an editor meanwhile')\n"
    real = migrator.engine.migrate.migrate_source

    def edited_meanwhile(source, path, *args, **kwargs):
        result = real(source, path, *args, **kwargs)
        if path.endswith("busy.py"):
            bad.write_text(theirs)  # someone saves the file while it is being migrated
        return result

    monkeypatch.setattr(migrator.engine.migrate, "migrate_source", edited_meanwhile)
    result = migrate("src")
    assert_reported(result, "src/busy.py", "changed on disk after it was read", "not overwritten")
    assert bad.read_text() == theirs, "their edit is kept"
    assert_good_files_migrated(tree)


def test_huge_generated_file_without_legacy_calls_is_cheap(tree: Path) -> None:
    huge = tree / "src" / "generated_table.py"
    row = "    (12345, 'some generated value', 3.14159),\n"
    huge.write_text("TABLE = [\n" + row * (30_000_000 // len(row)) + "]\n")
    assert huge.stat().st_size > 29_000_000
    result = migrate("src")
    assert result.exit_code == 0, result.stderr
    assert_good_files_migrated(tree)


def test_huge_file_with_a_legacy_call_is_reported_not_parsed(tree: Path) -> None:
    huge = tree / "src" / "generated_client.py"
    data = ("import anthropic\n" + LEGACY_LINE + "x = 1\n" * 600_000).encode()
    huge.write_bytes(data)
    result = migrate("src")
    assert_reported(
        result, "src/generated_client.py", "more than the 2 MB migrator parses", "Exclude it"
    )
    assert huge.read_bytes() == data
    assert_good_files_migrated(tree)


CONFIG_CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "unknown_key": ('target_modle = "claude-haiku-4-5"', ("target_modle", "unknown key")),
    "wrong_type": ('exclude = "vendored/*"', ("exclude", "tuple")),
    "wrong_type_bool": ('respect_gitignore = "sometimes"', ("respect_gitignore", "boolean")),
    "unknown_rule_code": ('select = ["TCM999"]', ("select", "unknown rule 'TCM999'")),
    "unknown_rule_name": ('ignore = ["modle"]', ("ignore", "unknown rule 'modle'")),
    "bad_model_table": (
        '[tool.migrator.models]\n"claude-2" = "claude-instant-1"',
        ("models", "'claude-2'", "retired"),
    ),
    "model_table_not_a_table": ('models = "claude-opus-4-6"', ("models", "dictionary")),
    "not_toml": ("target_model = ", ("not valid TOML",)),
}


@pytest.mark.parametrize("case", sorted(CONFIG_CASES))
def test_broken_configuration_stops_before_any_file_is_touched(tree: Path, case: str) -> None:
    setting, fragments = CONFIG_CASES[case]
    header = "" if setting.startswith("[") else "[tool.migrator]\n"
    (tree / "pyproject.toml").write_text(header + setting + "\n")
    before = {p: p.read_bytes() for p in tree.rglob("*.py")}
    result = migrate("src")
    assert result.exit_code == 2
    assert "pyproject.toml" in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
    assert {p: p.read_bytes() for p in tree.rglob("*.py")} == before


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGINT"])
def test_an_interrupted_run_leaves_every_file_old_or_new(tmp_path: Path, signame: str) -> None:
    import signal
    import subprocess
    import sys
    import time

    files = [tmp_path / f"module_{index:03}.py" for index in range(300)]
    for path in files:
        path.write_text(LEGACY)
    process = subprocess.Popen(
        # One process: files are parsed and written one after the other, so the signal
        # lands in the middle of the run (the writes are the same with a pool).
        [
            sys.executable,
            "-m",
            "migrator",
            "migrate",
            "--no-progress",
            "--jobs",
            "1",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    # Files are written as their results come, in an order the pool decides.
    while all(path.read_text() == LEGACY for path in files) and process.poll() is None:
        assert time.monotonic() < deadline, "the run never started writing"
        time.sleep(0.01)
    process.send_signal(getattr(signal, signame))
    _, stderr = process.communicate(timeout=120)
    contents = {path.read_text() for path in files}
    migrated = contents - {LEGACY}
    assert len(migrated) == 1, "every file is the old or the one new version, never a mix"
    assert "client.messages.create(" in migrated.pop()
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".migrator-")] == []
    # The signal came right after the first of 300 files was written: the run was still going.
    assert process.returncode == 128 + getattr(signal, signame), stderr
    assert "interrupted: every file is either as it was or completely migrated" in stderr
    assert LEGACY in contents, "files after the interruption were not touched"


@pytest.mark.parametrize(
    "expression",
    ["[" * 2000 + "]" * 2000, "+".join(["1"] * 20_000)],
    ids=["brackets_2000_deep", "chain_of_20000"],
)
def test_code_nested_deeper_than_python_parses_is_reported_not_a_crash(
    tree: Path, expression: str
) -> None:
    """libcst's parser crashes the process on such input: it must never get it."""
    import subprocess
    import sys

    deep = tree / "src" / "deep.py"
    deep.write_text(LEGACY + f"x = {expression}\n")
    # In a child process, so that a crash fails this test instead of killing the test run.
    done = subprocess.run(
        [sys.executable, "-m", "migrator", "migrate", "--no-progress", "src"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2, done.stderr
    assert "error: src/deep.py: cannot parse: the code nests deeper than Python itself" in (
        done.stderr
    )
    assert deep.read_text() == LEGACY + f"x = {expression}\n"
    assert_good_files_migrated(tree)


def test_code_as_deep_as_python_allows_is_migrated(tree: Path) -> None:
    deep = tree / "src" / "deep.py"
    deep.write_text(LEGACY + "x = " + "[" * 199 + "]" * 199 + "\ny = " + "+".join(["1"] * 2900))
    result = migrate("src")
    assert result.exit_code == 0, result.stderr
    assert "client.messages.create(" in deep.read_text()
    assert_good_files_migrated(tree)


@pytest.mark.parametrize("terms", [800, 2000])
def test_a_deep_module_the_prefilter_reads_costs_no_other_file(tree: Path, terms: int) -> None:
    """Its bytes name the API and CPython parses it, but it is too deep for a plain walk.

    The second tier of the prefilter reads it with ``ast``; a run must go on, and the
    module is judged like any other (here: nothing to do, since nothing calls the API).
    """
    deep = tree / "src" / "deep.py"
    text = "import anthropic\n# completions\nx = " + " + ".join(["a"] * terms) + "\n"
    deep.write_text(text)
    result = migrate("src")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert deep.read_text() == text
    assert_good_files_migrated(tree)


def test_a_deep_module_with_a_legacy_call_is_judged_not_an_internal_error(tree: Path) -> None:
    deep = tree / "src" / "deep.py"
    deep.write_text(LEGACY + "x = " + " + ".join(["a"] * 800) + "\n")
    result = migrate("src")
    assert result.exit_code == 0, result.stderr
    assert "internal error" not in result.stderr
    assert "client.messages.create(" in deep.read_text()
