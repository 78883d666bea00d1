"""``migrate --interactive``: the questions, as a user answers them on a real terminal.

The end-to-end tests run ``python -m migrator migrate -i`` on a pseudo-terminal in a
temporary folder, read until each prompt, and type the answers; the unit tests drive
:class:`migrator.cli.interactive.Review` with in-memory streams.
"""

from __future__ import annotations

import io
import json
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrator.cli.app import app
from migrator.cli.interactive import PROMPT, Review
from migrator.contract.result import FileResult
from migrator.core.config import Config
from migrator.engine import registry
from migrator.files import filekinds
from migrator.run.run_report import Mode
from migrator.run.runner import run

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ONE = """import anthropic

client = anthropic.Anthropic()
response = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=100,
    prompt=f"{anthropic.HUMAN_PROMPT} Hello{anthropic.AI_PROMPT}",
)
print(response.completion)
"""
TWO = """import anthropic

client = anthropic.Anthropic()


def greet():
    response = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=100,
        prompt=f"{anthropic.HUMAN_PROMPT} Hello{anthropic.AI_PROMPT}",
    )
    return response.completion


def part():
    response = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=10,
        prompt=f"{anthropic.HUMAN_PROMPT} Goodbye{anthropic.AI_PROMPT}",
    )
    return response.completion
"""
GREET = TWO[TWO.index("def greet") : TWO.index("def part")]
PART = TWO[TWO.index("def part") :]
# The model is held in a constant: its literal is rewritten only when its call migrates.
HELD = """import anthropic

client = anthropic.Anthropic()
MODEL = "claude-2"


def greet():
    response = client.completions.create(
        model=MODEL,
        max_tokens_to_sample=100,
        prompt=f"{anthropic.HUMAN_PROMPT} Hello{anthropic.AI_PROMPT}",
    )
    return response.completion
"""
# Calls of the pre-0.3 SDK on one client: migrated together or not at all.
LINKED = """import anthropic

client = anthropic.Client("my-key")
first = client.completion(
    prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
    model="claude-v1",
    max_tokens_to_sample=100,
)
print(first["completion"])
second = client.completion(
    prompt=f"{anthropic.HUMAN_PROMPT} Bye{anthropic.AI_PROMPT}",
    model="claude-v1",
    max_tokens_to_sample=100,
)
print(second["completion"])
"""
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Terminal:
    """``migrator migrate -i`` running on a pseudo-terminal, read and typed into."""

    def __init__(self, folder: Path, *args: str, env: dict[str, str] | None = None) -> None:
        master, slave = os.openpty()
        self.master = master
        self.raw = ""  # everything the program wrote, escape codes and all
        self._unread = ""
        self.process = subprocess.Popen(
            [sys.executable, "-m", "migrator", "migrate", "-i", "--no-cache", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=folder,
            env={**os.environ, "COLUMNS": "200", **(env or {})},
            start_new_session=True,
        )
        os.close(slave)

    def _read(self, deadline: float) -> bool:
        """Read what is there (False at the end of the output)."""
        ready, _, _ = select.select([self.master], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise TimeoutError(f"no prompt within the time; the terminal shows:\n{self.raw}")
        try:
            chunk = os.read(self.master, 65536).decode("utf-8", "replace")
        except OSError:  # Linux: the other side closed
            return False
        self.raw += chunk
        self._unread += ANSI.sub("", chunk)
        return bool(chunk)

    def question(self, timeout: float = 60) -> str:
        """Everything shown up to the next prompt (without colours)."""
        deadline = time.monotonic() + timeout
        while PROMPT not in self._unread:
            if not self._read(deadline):
                raise EOFError(f"the program ended without asking; it showed:\n{self.raw}")
        shown, self._unread = self._unread.split(PROMPT, 1)
        return shown

    def answer(self, key: str) -> None:
        os.write(self.master, f"{key}\n".encode())

    def finish(self, timeout: float = 60) -> tuple[int, str]:
        """The exit status, and what was shown after the last prompt."""
        deadline = time.monotonic() + timeout
        while self._read(deadline):
            pass
        status = self.process.wait(timeout=timeout)
        self.close()
        return status, self._unread

    def close(self) -> None:
        """End the program if it still runs, and let go of the terminal."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.master >= 0:
            os.close(self.master)
            self.master = -1


@pytest.fixture
def terminals():
    started: list[Terminal] = []

    def start(folder: Path, *args: str, **options) -> Terminal:
        terminal = Terminal(folder, *args, **options)
        started.append(terminal)
        return terminal

    yield start
    for terminal in started:
        terminal.close()


def test_accepting_a_change_writes_it_and_the_hunk_is_coloured(tmp_path, terminals):
    (tmp_path / "app.py").write_text(ONE)
    terminal = terminals(tmp_path, "app.py")
    shown = terminal.question()
    assert "app.py: the call at line 4 (1/" in shown
    assert "-response = client.completions.create(" in shown
    assert "+response = client.messages.create(" in shown
    assert "TCM001 [safe]" in shown and "TCM006 [review] retired model 'claude-2'" in shown
    assert "\x1b[32m+response = client.messages.create(" in terminal.raw, "added lines in green"
    terminal.answer("y")
    status, after = terminal.finish()
    assert status == 0, after
    assert "messages.create(" in (tmp_path / "app.py").read_text()
    assert "interactive review: 1 change migrated, 0 skipped" in after


def test_a_skipped_change_stays_as_written_without_comment_or_finding(tmp_path, terminals):
    (tmp_path / "app.py").write_text(TWO)
    terminal = terminals(tmp_path, "app.py", env={"NO_COLOR": "1"})
    assert "the call at line 7 (1/" in terminal.question()
    terminal.answer("n")
    shown = terminal.question()
    assert "the call at line 16 (2/" in shown
    assert "\x1b[" not in terminal.raw, "NO_COLOR: no colours"
    terminal.answer("y")
    status, after = terminal.finish()
    written = (tmp_path / "app.py").read_text()
    assert GREET in written, "the skipped call is byte for byte as it was"
    assert "# migrator" not in written
    assert written.count("messages.create(") == 1
    assert ":7:" not in after, "no finding for the skipped call"
    assert "1 change migrated, 1 skipped" in after
    assert status == 1, "legacy code is left"


def test_help_then_accepting_the_rest_of_a_file_asks_nothing_more_about_it(tmp_path, terminals):
    (tmp_path / "a.py").write_text(TWO)
    (tmp_path / "b.py").write_text(ONE)
    terminal = terminals(tmp_path, ".")
    assert "a.py: the call at line 7 (1/" in terminal.question()
    terminal.answer("?")
    assert "a - migrate this change and every later change of this file" in terminal.question()
    terminal.answer("a")
    assert "b.py: the call at line 4 (1/" in terminal.question(), "straight to the next file"
    terminal.answer("n")
    status, _ = terminal.finish()
    assert (tmp_path / "a.py").read_text().count("messages.create(") == 2
    assert (tmp_path / "b.py").read_text() == ONE
    assert status == 1


def test_quit_writes_what_was_accepted_and_nothing_else(tmp_path, terminals):
    (tmp_path / "a.py").write_text(TWO)
    (tmp_path / "b.py").write_text(ONE)
    terminal = terminals(tmp_path, ".")
    assert "a.py: the call at line 7" in terminal.question()
    terminal.answer("y")
    assert "a.py: the call at line 16" in terminal.question()
    terminal.answer("q")
    status, after = terminal.finish()
    written = (tmp_path / "a.py").read_text()
    assert written.startswith(TWO[: TWO.index("def greet")]) and written.endswith(PART)
    assert "messages.create(" in written[: written.index("def part")]
    assert (tmp_path / "b.py").read_text() == ONE, "files after the quit are untouched"
    assert "quit before the rest" in after and "b.py" not in after
    assert status == 1


def test_linked_calls_are_one_question(tmp_path, terminals):
    (tmp_path / "old_sdk.py").write_text(LINKED)
    terminal = terminals(tmp_path, ".")
    shown = terminal.question()
    assert "old_sdk.py: 2 linked calls at line 4, migrated together or not at all" in shown
    assert "+first = client.messages.create(" in shown
    assert "+second = client.messages.create(" in shown
    terminal.answer("n")
    # Their client, left to the old calls, can still take its key by keyword: a change alone.
    assert '+client = anthropic.Client(api_key="my-key")' in terminal.question()
    terminal.answer("n")
    status, _ = terminal.finish()
    assert (tmp_path / "old_sdk.py").read_text() == LINKED
    assert status == 1


def test_a_notebook_shows_the_code_of_its_cells(tmp_path, terminals):
    notebook = tmp_path / "summaries.ipynb"
    before = (FIXTURES / "_notebook" / "cells.before.ipynb").read_text()
    notebook.write_text(before)
    terminal = terminals(tmp_path, ".")
    shown = terminal.question()
    assert "--- a/summaries.ipynb:cell 4" in shown
    assert "+response = client.messages.create(" in shown
    assert '"source"' not in shown and '"cell_type"' not in shown, "code, not JSON"
    assert "summaries.ipynb:cell 4:line 4:col 12 TCM001 [safe]" in shown
    terminal.answer("y")
    assert "--- a/summaries.ipynb:cell 6" in terminal.question()
    terminal.answer("n")
    status, _ = terminal.finish()
    cells = ["".join(cell["source"]) for cell in json.loads(notebook.read_text())["cells"]]
    assert "client.messages.create(" in cells[3]
    assert cells[5] == "".join(json.loads(before)["cells"][5]["source"]), "cell 6 as it was"
    assert status == 1


def test_without_a_terminal_it_refuses_to_start(tmp_path):
    (tmp_path / "app.py").write_text(ONE)
    done = subprocess.run(
        [sys.executable, "-m", "migrator", "migrate", "-i", "."],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "--interactive asks its questions on a terminal" in done.stderr
    assert (tmp_path / "app.py").read_text() == ONE


def test_interactive_with_diff_is_refused(tmp_path):
    (tmp_path / "app.py").write_text(ONE)
    result = CliRunner().invoke(app, ["migrate", "-i", "--diff", str(tmp_path)])
    assert result.exit_code == 2
    assert "--interactive and --diff do not go together" in result.stderr
    assert (tmp_path / "app.py").read_text() == ONE


def review(
    source: str, answers: str, path: str = "app.py", config: Config | None = None
) -> tuple[FileResult, str, Review]:
    """What a review of ``source`` with these answers writes, and what it shows."""
    shown = io.StringIO()
    asked = Review(io.StringIO(answers), shown)
    kind = filekinds.kind_of(path)

    def migrate(leave_out):
        return filekinds.migrate_text(
            kind, source, path, config or Config(), registry.all_rules(), leave_out=leave_out
        )

    result = asked.file(path, migrate)
    assert result is not None
    return result, shown.getvalue(), asked


def test_each_hunk_follows_the_answers_before_it():
    source = (FIXTURES / "model" / "constant_for_two_calls.before.py").read_text()
    # The first call alone cannot have the constant rewritten: its model is mapped at run
    # time; once the second migrates too, the constant is, and the mapping goes.
    written, shown, _ = review(source, "y\ny\n")
    first, second = shown.split(PROMPT)[:2]
    assert "+        model=_legacy_model_to_current(MODEL)," in first
    assert '+MODEL = "claude-haiku-4-5"' in second
    assert "-        model=_legacy_model_to_current(MODEL)," in second
    assert 'MODEL = "claude-haiku-4-5"' in written.new_source
    assert "_legacy_model_to_current" not in written.new_source
    # The first skipped: the second's model is mapped at run time, the constant kept.
    written, shown, asked = review(source, "n\ny\n")
    second = shown.split(PROMPT)[1]
    assert "+        model=_legacy_model_to_current(MODEL)," in second
    assert 'MODEL = "claude-instant-1.2"' in written.new_source and asked.skipped == 1


def test_edits_that_follow_a_call_come_with_it():
    written, shown, asked = review(HELD, "n\n")
    assert shown.count(PROMPT) == 1, "the constant's rewrite is no question of its own"
    assert written.new_source == HELD and asked.skipped == 1
    written, shown, _ = review(HELD, "y\n")
    assert '+MODEL = "claude-sonnet-5-5"' in shown
    assert 'MODEL = "claude-sonnet-5-5"' in written.new_source


def test_the_end_of_the_answers_is_a_quit():
    written, shown, asked = review(TWO, "y\n")
    assert asked.stopped and asked.accepted == 1
    assert written.new_source.endswith(PART)


def test_an_unknown_answer_shows_the_help_and_asks_again():
    _, shown, asked = review(ONE, "maybe\ny\n")
    assert shown.count(PROMPT) == 2 and "n - skip it" in shown
    assert asked.accepted == 1


ASKS_AT_RUN_TIME = """import anthropic

client = anthropic.Anthropic()


def ask(prompt):
    response = client.completions.create(model="claude-2", max_tokens_to_sample=10, prompt=prompt)
    return response.completion
"""


@pytest.mark.parametrize(("answers", "importers"), [("n\nn\n", 0), ("y\nn\n", 1)])
def test_a_package_gets_its_shared_helpers_only_for_the_changes_accepted(
    tmp_path, answers, importers
):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name in ("one", "two"):  # each needs the runtime converter: they would share it
        (package / f"{name}.py").write_text(ASKS_AT_RUN_TIME)
    asked = Review(io.StringIO(answers), io.StringIO())
    report = run(
        [package], Config(), registry.all_rules(), Mode.WRITE, use_cache=False, review=asked.file
    )
    shared = package / "_legacy_anthropic.py"
    assert shared.exists() == bool(importers)
    assert [count for _, count in report.shared_helpers] == ([importers] if importers else [])
    assert (package / "two.py").read_text() == ASKS_AT_RUN_TIME


def test_after_a_quit_the_files_left_are_neither_asked_about_nor_parsed(tmp_path, monkeypatch):
    from migrator.run import held_run, workers

    for name in ("a", "b", "c", "d"):
        (tmp_path / f"{name}.py").write_text(ONE)
    parsed: list[str] = []
    migrate = workers._migrate

    def counted(source, *args):
        parsed.append(source.path.name)
        return migrate(source, *args)

    monkeypatch.setattr(workers, "_migrate", counted)
    monkeypatch.setattr(held_run, "_migrate", counted)
    shown = io.StringIO()
    asked = Review(io.StringIO("q\n"), shown)
    report = run([tmp_path], Config(), registry.all_rules(), Mode.WRITE, review=asked.file)
    assert shown.getvalue().count(PROMPT) == 1
    assert parsed == ["a.py", "b.py"], "b is parsed before it is known that nothing is wanted"
    assert report.files_changed == 0
    assert all((tmp_path / f"{name}.py").read_text() == ONE for name in "abcd")


@pytest.mark.parametrize(("answer", "widened"), [("y", True), ("n", False)])
def test_a_file_that_names_no_changes_is_one_question(answer: str, widened: bool):
    pins = "anthropic==0.34.2\nrequests\n"
    config = Config(update_pins=True)
    written, shown, _ = review(pins, f"{answer}\n", "requirements.txt", config)
    assert "requirements.txt: the whole file" in shown
    assert "-anthropic==0.34.2" in shown and "+anthropic>=1.0,<3" in shown
    assert (written.new_source == "anthropic>=1.0,<3\nrequests\n") == widened
    assert bool(written.findings) == widened, "a skipped change leaves no finding"


IMPORTED = """import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

client = anthropic.Anthropic()
response = client.completions.create(
    model="claude-2", max_tokens_to_sample=10, prompt=f"{HUMAN_PROMPT} Hi{AI_PROMPT}"
)
print(response.completion)
"""


def test_a_rules_own_edits_outside_the_calls_are_asked_about_after_them():
    written, shown, asked = review(IMPORTED, "y\nn\n")
    call, constants = shown.split(PROMPT)[:2]
    assert "app.py: the call at line 5" in call
    assert "app.py: the edits of TCM010 (prompt_constants) outside the call sites" in constants
    assert "-from anthropic import AI_PROMPT, HUMAN_PROMPT" in constants
    assert "from anthropic import AI_PROMPT, HUMAN_PROMPT\n" in written.new_source
    assert "client.messages.create(" in written.new_source
    assert not any(finding.rule in ("TCM010", "TCM020") for finding in written.findings)
    assert (asked.accepted, asked.skipped) == (1, 1)


@pytest.mark.parametrize("output_format", ["json", "sarif", "github"])
def test_interactive_with_a_document_on_stdout_is_refused(tmp_path, output_format):
    """The questions and a machine-readable document cannot share standard output."""
    (tmp_path / "app.py").write_text(ONE)
    result = CliRunner().invoke(app, ["migrate", "-i", "--format", output_format, str(tmp_path)])
    assert result.exit_code == 2
    assert (
        f"--interactive asks its questions on standard output, where --format {output_format}"
        in (result.stderr)
    )
    assert (tmp_path / "app.py").read_text() == ONE
