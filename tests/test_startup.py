"""Start-up cost: what a run imports when it has nothing to parse.

A pre-commit hook runs the tool on every commit, mostly on files with no legacy
call; those runs must not pay for libcst, for pydantic or for rich's heavy
renderers. Each case runs in a fresh interpreter and reports ``sys.modules``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

HEAVY_RICH = ("rich.markdown", "rich.syntax", "rich.table", "rich.progress", "pygments")


def _modules_after(tmp_path: Path, code: str) -> set[str]:
    program = textwrap.dedent(code) + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))\n"
    completed = subprocess.run(
        [sys.executable, "-c", program],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(completed.stdout.splitlines()[-1]))


def _cli(*args: str) -> str:
    return f"""
    import contextlib, io, runpy, sys
    sys.argv = ["migrator", *{list(args)!r}]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        runpy.run_module("migrator", run_name="__main__")
    """


def _loaded(modules: set[str], package: str) -> bool:
    return any(name == package or name.startswith(package + ".") for name in modules)


@pytest.fixture
def clean_file(tmp_path: Path) -> Path:
    path = tmp_path / "clean.py"
    path.write_text("import os\n\n\ndef main():\n    return os.getcwd()\n")
    return path


def test_a_run_over_clean_files_imports_neither_libcst_nor_pydantic(tmp_path, clean_file):
    modules = _modules_after(
        tmp_path,
        f"""
        from pathlib import Path
        from migrator.core.config import load_config
        from migrator.engine.registry import selected
        from migrator.run.run_report import Mode
        from migrator.run.runner import run
        report = run([Path({str(clean_file)!r})], load_config(None, {{}}), selected(), Mode.CHECK)
        assert report.files_seen == 1 and not report.findings and not report.errors
        """,
    )
    assert not _loaded(modules, "libcst")
    assert not _loaded(modules, "pydantic")
    assert not _loaded(modules, "migrator.rules")


def test_the_version_is_answered_without_the_command_line_and_alike(tmp_path):
    modules = _modules_after(tmp_path, _cli("--version"))
    assert "migrator.cli.app" not in modules and not _loaded(modules, "typer")
    fast = _migrator(tmp_path, "--version")
    full = subprocess.run(
        [sys.executable, "-c", "from migrator.cli.app import main; main()", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert fast.returncode == full.returncode == 0
    assert fast.stdout == full.stdout and fast.stdout.startswith("migrator ")


@pytest.mark.parametrize(
    "args",
    # --jobs: an option the fast answer for clean files leaves to the full command line.
    [("check", "--jobs", "1", "clean.py")],
    ids=["check"],
)
def test_the_command_line_on_a_clean_file_stays_light(tmp_path, clean_file, args):
    modules = _modules_after(tmp_path, _cli(*args))
    assert "migrator.cli.app" in modules
    assert not _loaded(modules, "libcst")
    assert [name for name in HEAVY_RICH if _loaded(modules, name)] == []
    assert "migrator.engine.migrate" not in modules
    # The configuration needs no pydantic when there is nothing to validate; typer
    # itself (0.2x) may import it to convert option values.
    assert not _loaded(modules, "pydantic") or "typer._adapters" in modules


def test_a_settings_table_is_validated_with_pydantic(tmp_path, clean_file):
    (tmp_path / "pyproject.toml").write_text('[tool.migrator]\nsampling = "extra_body"\n')
    modules = _modules_after(
        tmp_path,
        """
        from pathlib import Path
        from migrator.core.config import load_config
        config = load_config(Path("pyproject.toml"))
        assert config.sampling == "extra_body"
        """,
    )
    assert _loaded(modules, "pydantic")


def test_a_legacy_file_does_import_libcst(tmp_path):
    (tmp_path / "legacy.py").write_text(
        "import anthropic\n\nanthropic.Anthropic().completions.create(prompt='x', "
        "max_tokens_to_sample=5, model='claude-2')\n"
    )
    modules = _modules_after(tmp_path, _cli("check", "legacy.py"))
    assert _loaded(modules, "libcst")


def _migrator(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "migrator", *args], cwd=cwd, capture_output=True, text=True
    )


@pytest.mark.parametrize("options", [(), ("--no-progress",), ("--quiet",)])
def test_the_fast_answer_for_clean_files_is_the_full_command_lines(tmp_path, clean_file, options):
    """``check FILE...`` on clean files answers without typer, and answers the same."""
    other = tmp_path / "other.py"
    other.write_text("print('no call here')\n")
    files = [str(clean_file), str(other), str(clean_file)]  # a file named twice counts once
    fast = _migrator(tmp_path, "check", *options, *files)
    full = _migrator(tmp_path, "check", "--jobs", "1", *options, *files)  # an option it leaves
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        full.returncode,
        full.stdout,
        full.stderr,
    )
    assert fast.returncode == 0
    assert ("2 files checked" in fast.stdout) is ("--quiet" not in options)
    assert not _loaded(_modules_after(tmp_path, _cli("check", *options, *files)), "typer")


def test_the_fast_answer_leaves_out_default_excluded_files_when_forced(tmp_path, clean_file):
    """pre-commit names every staged file: with --force-exclude, the fast answer skips those
    below default-excluded folders exactly as the full command line does."""
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "gen.py").write_text("print('generated')\n")
    args = ("check", "--no-progress", "--force-exclude", "clean.py", "build/gen.py")
    fast = _migrator(tmp_path, *args)
    full = _migrator(tmp_path, *args, "--jobs", "1")
    assert (fast.returncode, fast.stdout, fast.stderr) == (full.returncode, full.stdout, "")
    assert fast.returncode == 0 and "(1 file checked)" in fast.stdout
    assert not _loaded(_modules_after(tmp_path, _cli(*args)), "typer")


def test_anything_the_fast_path_cannot_decide_goes_to_the_command_line(tmp_path, clean_file):
    legacy = tmp_path / "legacy.py"
    legacy.write_text("import anthropic\nanthropic.Anthropic().completions.create(prompt='x')\n")
    assert _migrator(tmp_path, "check", str(clean_file), str(legacy)).returncode == 1
    assert _migrator(tmp_path, "check", str(tmp_path / "missing.py")).returncode == 2
    (tmp_path / "pyproject.toml").write_text("[tool.migrator]\nno_such_key = 1\n")
    broken = _migrator(tmp_path, "check", str(clean_file))
    assert broken.returncode == 2 and "no_such_key" in broken.stderr


@pytest.mark.parametrize("options", [(), ("--no-progress",), ("--quiet",), ("--force-exclude",)])
def test_a_plain_check_of_a_tree_is_answered_without_the_command_line_and_alike(
    tmp_path, clean_file, options
):
    """CI's ``check .``: findings, errors and the summary are the command line's, to the byte,
    without importing typer or rich (a warm run is then mostly the walk)."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "legacy.py").write_text(
        "import anthropic\n\nclient = anthropic.Anthropic()\n"
        "r = client.completions.create(model='claude-2', max_tokens_to_sample=5,\n"
        "    prompt=f'{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}')\nprint(r.completion)\n"
    )
    (tmp_path / "pkg" / "broken.py").write_text("import anthropic\nanthropic.completions(\n")
    for _ in range(2):  # cold, then warm from the cache
        fast = _migrator(tmp_path, "check", *options, ".")
        full = _migrator(tmp_path, "check", "--jobs", "1", *options, ".")
        assert (fast.returncode, fast.stdout, fast.stderr) == (
            full.returncode,
            full.stdout,
            full.stderr,
        )
    assert fast.returncode == 2 and "broken.py" in fast.stderr
    assert "TCM001" in fast.stdout
    modules = _modules_after(tmp_path, _cli("check", *options, "."))
    assert not _loaded(modules, "typer") and not _loaded(modules, "rich")
    assert not _loaded(modules, "pydantic")


def test_a_forced_colour_goes_to_the_command_line(tmp_path, clean_file, monkeypatch):
    """``FORCE_COLOR`` makes rich colour a pipe: the plain answer would differ, so the command
    line answers."""
    legacy = tmp_path / "legacy.py"
    legacy.write_text(
        "import anthropic\n\nclient = anthropic.Anthropic()\n"
        "r = client.completions.create(model='claude-2', max_tokens_to_sample=5,\n"
        "    prompt=f'{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}')\nprint(r.completion)\n"
    )
    monkeypatch.setenv("FORCE_COLOR", "1")
    fast = _migrator(tmp_path, "check", "--no-progress", ".")
    full = _migrator(tmp_path, "check", "--jobs", "1", "--no-progress", ".")
    assert fast.stdout == full.stdout and "\x1b[" in fast.stdout
