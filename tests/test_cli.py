"""The command line as a user meets it: output, files on disk, exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
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
MANUAL = """import anthropic

client = anthropic.Anthropic()


def complete():
    # No final Assistant turn: the legacy API refused this prompt, so nothing can be proven.
    response = client.completions.create(model="claude-2", max_tokens_to_sample=10, prompt="\\n\\nHuman: Hi")
    print(response.completion)
"""
CLEAN = "print('nothing to see')\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "legacy.py").write_text(LEGACY)
    (tmp_path / "pkg" / "clean.py").write_text(CLEAN)
    return tmp_path


def invoke(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_check_lists_sites_and_exits_1(runner, tree):
    result = invoke(runner, "check", str(tree / "pkg"))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{tree / 'pkg' / 'legacy.py'}:4:12 TCM001 " in lines[0]
    assert any(" TCM002 " in line for line in lines)
    assert lines[-1].startswith("Found ") and "(2 files checked)" in lines[-1]


def test_check_clean_exits_0(runner, tree):
    result = invoke(runner, "check", str(tree / "pkg" / "clean.py"))
    assert result.exit_code == 0
    assert "No legacy Text Completions calls found" in result.stdout


def test_check_json_schema(runner, tree):
    result = invoke(runner, "check", "--format", "json", str(tree / "pkg"))
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert set(document) == {"version", "findings", "summary"}
    first = document["findings"][0]
    assert set(first) == {"path", "line", "column", "rule", "name", "message", "fix"}
    assert {f["fix"] for f in document["findings"]} <= {"safe", "review", "manual"}
    assert document["summary"]["findings"] == len(document["findings"])


def test_check_missing_path_exits_2(runner, tmp_path):
    result = invoke(runner, "check", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "nope" in result.stderr and "does not exist" in result.stderr


def test_bad_config_exits_2_naming_the_key(runner, tree):
    (tree / "pyproject.toml").write_text('[tool.migrator]\ntarget-modle = "claude-haiku-4-5"\n')
    result = invoke(runner, "check", str(tree / "pkg"))
    assert result.exit_code == 2
    assert "target_modle" in result.stderr and "unknown key" in result.stderr


def test_bad_model_table_exits_2(runner, tree):
    (tree / "pyproject.toml").write_text(
        '[tool.migrator.models]\n"claude-2" = "claude-instant-1"\n'
    )
    result = invoke(runner, "migrate", str(tree / "pkg"))
    assert result.exit_code == 2
    assert "retired" in result.stderr
    assert (tree / "pkg" / "legacy.py").read_text() == LEGACY


@pytest.mark.parametrize(
    ("target", "complaint"),
    [
        ("anthropic.claude-instant-v1", "retired"),
        ("claude-sonnet-4-5", "not a Bedrock Claude model id"),
    ],
)
def test_bad_bedrock_model_table_exits_2(runner, tree, target, complaint):
    (tree / "pyproject.toml").write_text(
        f'[tool.migrator.bedrock_models]\n"anthropic.claude-v2" = "{target}"\n'
    )
    result = invoke(runner, "migrate", str(tree / "pkg"))
    assert result.exit_code == 2
    assert "bedrock_models" in result.stderr and complaint in result.stderr
    assert (tree / "pkg" / "legacy.py").read_text() == LEGACY


def test_unknown_rule_exits_2(runner, tree):
    result = invoke(runner, "check", "--select", "TCM999", str(tree))
    assert result.exit_code == 2
    assert "unknown rule 'TCM999'" in result.stderr


def test_diff_writes_nothing_and_exits_1(runner, tree):
    result = invoke(runner, "migrate", "--diff", str(tree / "pkg"))
    assert result.exit_code == 1
    assert "-response = client.completions.create(" in result.stdout
    assert "+response = client.messages.create(" in result.stdout
    assert (tree / "pkg" / "legacy.py").read_text() == LEGACY


def test_diff_on_clean_exits_0(runner, tree):
    result = invoke(runner, "migrate", "--diff", str(tree / "pkg" / "clean.py"))
    assert result.exit_code == 0
    assert result.stdout == ""


def test_migrate_writes_then_second_run_changes_nothing(runner, tree):
    first = invoke(runner, "migrate", str(tree / "pkg"))
    assert first.exit_code == 0
    migrated = (tree / "pkg" / "legacy.py").read_text()
    assert "client.messages.create(" in migrated and "HUMAN_PROMPT" not in migrated
    assert "files changed" in first.stderr
    second = invoke(runner, "migrate", str(tree / "pkg"))
    assert second.exit_code == 0
    assert (tree / "pkg" / "legacy.py").read_text() == migrated
    assert invoke(runner, "check", str(tree / "pkg")).exit_code == 0


def test_migrate_with_manual_work_exits_1_and_marks_the_site(runner, tmp_path):
    target = tmp_path / "manual.py"
    target.write_text(MANUAL)
    result = invoke(runner, "migrate", str(target))
    assert result.exit_code == 1
    text = target.read_text()
    assert "# migrator: manual [TCM002]" in text
    assert invoke(runner, "migrate", str(target)).exit_code == 1
    assert target.read_text() == text, "the comment is not repeated"


def test_quiet_migrate_still_prints_manual_work(runner, tmp_path):
    """The pre-commit hook runs ``migrate --quiet``: what needs a person must still show."""
    target = tmp_path / "manual.py"
    target.write_text(MANUAL)
    result = invoke(runner, "migrate", "--quiet", str(target))
    assert result.exit_code == 1
    assert "manual.py:" in result.stderr and "TCM002 [manual]" in result.stderr
    assert "summary" not in result.stderr and "Next steps" not in result.stderr


def test_quiet_migrate_prints_nothing_when_all_is_done(runner, tree):
    result = invoke(runner, "migrate", "--quiet", str(tree / "pkg"))
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == ""


def test_migrate_counts_what_it_leaves_by_kind_with_the_section_to_read(runner, tree, tmp_path):
    (tmp_path / "manual.py").write_text(MANUAL)
    (tmp_path / "requirements.txt").write_text("anthropic==0.3.11\n")
    lines = invoke(runner, "migrate", str(tmp_path)).stderr.splitlines()
    start = lines.index("Left for a person, by kind:")
    assert [line.split(maxsplit=1) for line in lines[start + 1 : start + 3]] == [
        [
            "1",
            "a prompt the legacy API refused (docs/manual-reasons.md#a-prompt-the-legacy-api-refused)",
        ],
        ["1", "a pin keeps the old SDK (docs/manual-reasons.md#a-pin-keeps-the-old-sdk)"],
    ]
    assert lines[start + 3] == "Next steps:"
    assert "by kind" not in invoke(runner, "migrate", str(tree / "pkg")).stderr


def test_migrate_ends_with_next_steps_that_fit(runner, tree, tmp_path):
    done = invoke(runner, "migrate", str(tree / "pkg"))
    steps = done.stderr.partition("Next steps:")[2]
    assert "run your tests" in steps and "[review]" in steps
    assert "manual" not in steps and "--update-pins" not in steps
    project = tmp_path / "project"
    project.mkdir()
    (project / "manual.py").write_text(MANUAL)
    (project / "requirements.txt").write_text("anthropic==0.3.11\n")
    dry = invoke(runner, "migrate", "--diff", str(project))
    assert f"write these changes: `migrator migrate {project}`" in dry.stderr
    assert "2 sites would be left for manual work" in dry.stderr
    result = invoke(runner, "migrate", str(project))
    steps = result.stderr.partition("Next steps:")[2]
    assert "finish the 2 sites left for manual work" in steps  # the call and the pin
    assert f"`migrator check {project}` lists them" in steps
    assert f"`migrator migrate --update-pins {project}`" in steps
    assert invoke(runner, "migrate", str(tree / "pkg")).stderr.count("Next steps") == 0


def test_syntax_error_is_reported_and_the_run_goes_on(runner, tree):
    broken = tree / "pkg" / "broken.py"
    broken.write_text("import anthropic\nclient.completions.create(\n")
    result = invoke(runner, "migrate", str(tree / "pkg"))
    assert result.exit_code == 2
    assert str(broken) in result.stderr and "cannot parse" in result.stderr
    assert "messages.create" in (tree / "pkg" / "legacy.py").read_text()
    assert broken.read_text() == "import anthropic\nclient.completions.create(\n"


def test_select_limits_findings(runner, tree):
    result = invoke(runner, "check", "--select", "TCM006", "--format", "json", str(tree / "pkg"))
    rules = {finding["rule"] for finding in json.loads(result.stdout)["findings"]}
    assert rules <= {"TCM006", "TCM001"}


def test_target_model_option(runner, tree):
    result = invoke(
        runner, "migrate", "--diff", "--target-model", "claude-opus-4-6", str(tree / "pkg")
    )
    assert '+    model="claude-opus-4-6",' in result.stdout


def test_force_exclude_applies_exclude_to_files_named(runner, tree, monkeypatch):
    monkeypatch.chdir(tree)
    named = invoke(runner, "check", "--exclude", "pkg/legacy.py", "pkg/legacy.py")
    assert named.exit_code == 1, "a file named on the command line is read despite exclude"
    forced = invoke(
        runner, "check", "--force-exclude", "--exclude", "pkg/legacy.py", "pkg/legacy.py"
    )
    assert forced.exit_code == 0 and "(0 files checked)" in forced.stdout
    migrate = invoke(runner, "migrate", "--force-exclude", "--exclude", "pkg/*", "pkg/legacy.py")
    assert migrate.exit_code == 0 and (tree / "pkg" / "legacy.py").read_text() == LEGACY


def test_force_exclude_from_pyproject(runner, tree, monkeypatch):
    monkeypatch.chdir(tree)
    (tree / "pyproject.toml").write_text('[tool.migrator]\nexclude = ["pkg/legacy.py"]\n')
    assert invoke(runner, "check", "pkg/legacy.py", "pkg/clean.py").exit_code == 1
    (tree / "pyproject.toml").write_text(
        '[tool.migrator]\nexclude = ["pkg/legacy.py"]\nforce_exclude = true\n'
    )
    forced = invoke(runner, "check", "pkg/legacy.py", "pkg/clean.py")
    assert forced.exit_code == 0 and "(1 file" in forced.stdout


@pytest.mark.parametrize("command", ["check", "migrate"])
def test_a_target_model_that_is_no_claude_model_is_refused(runner, tree, command):
    result = invoke(runner, command, "--target-model", "gpt-4", str(tree / "pkg"))
    assert result.exit_code == 2
    assert "--target-model 'gpt-4' is not a Claude model name" in result.stderr
    assert "claude-sonnet-5-5" in result.stderr and "claude-haiku-4-5" in result.stderr
    assert (tree / "pkg" / "legacy.py").read_text() == LEGACY


def test_an_unknown_claude_model_needs_the_escape_hatch(runner, tree):
    typo = invoke(runner, "migrate", "--diff", "--target-model", "claude-sonet-4-6", str(tree))
    assert typo.exit_code == 2
    assert "include claude-sonnet-4-6," in typo.stderr and "--allow-unknown-model" in typo.stderr
    newer = ("--target-model", "claude-opus-9", "--allow-unknown-model", str(tree / "pkg"))
    accepted = invoke(runner, "migrate", "--diff", *newer)
    assert accepted.exit_code == 1 and '+    model="claude-opus-9",' in accepted.stdout
    other = invoke(runner, "check", "--target-model", "gpt-4", "--allow-unknown-model", str(tree))
    assert other.exit_code == 2 and "not a Claude model name" in other.stderr


def test_models_in_the_config_file_are_validated_the_same_way(runner, tree):
    pyproject = tree / "pyproject.toml"
    pyproject.write_text('[tool.migrator]\ntarget_model = "gpt-4"\n')
    result = invoke(runner, "check", str(tree / "pkg"))
    assert result.exit_code == 2
    assert "target_model: 'gpt-4' is not a Claude model name" in result.stderr
    pyproject.write_text('[tool.migrator.models]\n"claude-2" = "claude-opus-9"\n')
    result = invoke(runner, "check", str(tree / "pkg"))
    assert result.exit_code == 2 and "models.claude-2: 'claude-opus-9'" in result.stderr
    assert "allow_unknown_model = true" in result.stderr
    pyproject.write_text(
        "[tool.migrator]\nallow_unknown_model = true\n\n"
        '[tool.migrator.models]\n"claude-2" = "claude-opus-9"\n'
    )
    result = invoke(runner, "migrate", "--diff", str(tree / "pkg"))
    assert result.exit_code == 1 and '+    model="claude-opus-9",' in result.stdout


def test_config_from_pyproject(runner, tree):
    (tree / "pyproject.toml").write_text(
        '[tool.migrator]\nsampling = "extra_body"\n\n[tool.migrator.models]\n"claude-2" = "claude-opus-4-6"\n'
    )
    result = invoke(runner, "migrate", "--diff", str(tree / "pkg"))
    assert '+    model="claude-opus-4-6",' in result.stdout


def test_rules_and_explain(runner):
    listing = invoke(runner, "rules")
    assert listing.exit_code == 0
    for code in ("TCM001", "TCM002", "TCM009"):
        assert code in listing.stdout
    explained = invoke(runner, "explain", "prompt")
    assert explained.exit_code == 0
    assert "## Use instead" in explained.stdout and "TCM002" in explained.stdout
    assert invoke(runner, "explain", "nothing").exit_code == 2


def _run_in(cwd: Path, *args: str, **environment: str) -> str:
    """migrator's standard output in a fresh process: on a terminal as rich knows one
    (FORCE_COLOR), or piped."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    completed = subprocess.run(
        [sys.executable, "-m", "migrator", *args],
        cwd=cwd,
        env={**env, **environment},
        capture_output=True,
        text=True,
    )
    return completed.stdout


def test_fix_safety_is_coloured_on_a_terminal_and_never_in_a_pipe(tree):
    args = ("check", "--no-progress", "--no-cache", "pkg/legacy.py")
    terminal = _run_in(tree, *args, FORCE_COLOR="1")
    assert "TCM001 legacy Text Completions call" in terminal
    assert "\x1b[32m[safe]\x1b[0m\n" in terminal and "\x1b[33m[review]\x1b[0m\n" in terminal
    piped = _run_in(tree, *args)
    assert "\x1b" not in piped
    assert re.sub("\x1b\\[[0-9;]*m", "", terminal) == piped, "only colour is added"
    assert _run_in(tree, *args, FORCE_COLOR="1", NO_COLOR="1") == piped


def test_manual_work_is_coloured_red(tmp_path):
    (tmp_path / "manual.py").write_text(MANUAL)
    terminal = _run_in(
        tmp_path, "check", "--no-progress", "--no-cache", "manual.py", FORCE_COLOR="1"
    )
    assert "\x1b[31m[manual]\x1b[0m" in terminal


def test_explain_renders_markdown_on_a_terminal_and_prints_it_in_a_pipe(tmp_path):
    piped = _run_in(tmp_path, "explain", "TCM002")
    assert piped == (Path(__file__).parent.parent / "docs" / "rules" / "prompt.md").read_text()
    terminal = _run_in(tmp_path, "explain", "TCM002", FORCE_COLOR="1")
    assert "\x1b[" in terminal and "TCM002" in terminal and "## Example" not in terminal
    assert not any(line.startswith(("# ", "```")) for line in terminal.splitlines())


def test_findings_end_with_how_to_read_a_rule_s_documentation(runner, tree, tmp_path):
    lines = invoke(runner, "check", str(tree / "pkg")).stdout.splitlines()
    assert lines[-2] == "`migrator explain TCM006` shows a rule's documentation, with its examples."
    assert lines[-1].startswith("Found ")
    (tmp_path / "manual.py").write_text(MANUAL)
    both = invoke(runner, "check", str(tree / "pkg"), str(tmp_path / "manual.py")).stdout
    assert "`migrator explain TCM002` shows" in both, "manual work (TCM002 here) comes first"
    quiet = invoke(runner, "check", "--quiet", str(tree / "pkg")).stdout
    assert "migrator explain" not in quiet
    assert "migrator explain" not in invoke(runner, "check", str(tree / "pkg" / "clean.py")).stdout


def test_python_dash_m_and_version(tree):
    version = subprocess.run(
        [sys.executable, "-m", "migrator", "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.startswith("migrator ")
    check = subprocess.run(
        [sys.executable, "-m", "migrator", "check", str(tree / "pkg")],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 1 and "TCM001" in check.stdout


def test_migrate_keeps_crlf_bom_and_encoding(runner, tmp_path):
    crlf = tmp_path / "crlf.py"
    crlf.write_bytes(
        b"\xef\xbb\xbf"
        + LEGACY.replace("Hello", "H\xe9llo").encode("utf-8").replace(b"\n", b"\r\n")
    )
    latin = tmp_path / "latin.py"
    latin.write_bytes(
        b"# -*- coding: latin-1 -*-\n" + LEGACY.replace("Hello", "H\xe9llo").encode("latin-1")
    )
    assert invoke(runner, "migrate", str(tmp_path)).exit_code == 0
    data = crlf.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert '"content": "H\xe9llo"' in data[3:].decode("utf-8")
    text = latin.read_bytes().decode("latin-1")
    assert text.startswith("# -*- coding: latin-1 -*-\n") and '"content": "H\xe9llo"' in text


RUNTIME = """import anthropic

client = anthropic.Anthropic()


def complete(prompt):
    response = client.completions.create(model="claude-2", max_tokens_to_sample=10, prompt=prompt)
    print(response.completion)
"""


def test_runtime_module_holds_the_converter_for_every_module(runner, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.migrator]\nruntime_module = "app.compat"\n')
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    for name in ("one", "two"):
        (tmp_path / "app" / f"{name}.py").write_text(RUNTIME)
    monkeypatch.chdir(tmp_path)
    dry = invoke(runner, "migrate", "--diff", "app")
    assert dry.exit_code == 1
    assert "+++ b/app/compat.py" in dry.stdout
    assert not (tmp_path / "app" / "compat.py").exists(), "--diff writes nothing"

    assert invoke(runner, "migrate", "app").exit_code == 0
    compat = (tmp_path / "app" / "compat.py").read_text()
    namespace: dict[str, object] = {}
    exec(compile(compat, "compat.py", "exec"), namespace)
    convert = namespace["_legacy_prompt_to_messages"]
    assert convert("Be brief.\n\nHuman: Hi\n\nAssistant: {") == {  # type: ignore[operator]
        "system": "Be brief.",
        "messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "{"}],
    }
    for name in ("one", "two"):
        text = (tmp_path / "app" / f"{name}.py").read_text()
        # The prompt may end in a prefill, so the helper chooses the model with it.
        assert "from app.compat import _legacy_request_to_messages\n" in text
        assert "def _legacy_" not in text
        assert '**_legacy_request_to_messages(model="claude-2", prompt=prompt)' in text
    again = invoke(runner, "migrate", "--diff", "app")
    assert again.exit_code == 0 and again.stdout == "", "a second run changes nothing"


HELD_MODEL = """\
import anthropic


class Bot:
    def __init__(self, model):
        self.client = anthropic.Anthropic()
        self.model = model

    def reply(self, text):
        response = self.client.completions.create(
            model=self.model,
            max_tokens_to_sample=10,
            prompt=f"{anthropic.HUMAN_PROMPT} {text}{anthropic.AI_PROMPT}",
        )
        return response.completion
"""


def test_runtime_module_gains_the_model_helper(runner, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.migrator]\nruntime_module = "app.compat"\n')
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "bot.py").write_text(HELD_MODEL)
    # A converter module written before the model helper existed.
    old = "def _legacy_prompt_to_messages(prompt):\n    return {}\n"
    (tmp_path / "app" / "compat.py").write_text(old)
    monkeypatch.chdir(tmp_path)
    assert invoke(runner, "migrate", "app").exit_code == 0
    bot = (tmp_path / "app" / "bot.py").read_text()
    assert "from app.compat import _legacy_model_to_current\n" in bot
    assert "model=_legacy_model_to_current(self.model)," in bot
    compat = (tmp_path / "app" / "compat.py").read_text()
    assert compat.startswith(old) and compat.count("def _legacy_prompt_to_messages(") == 1
    namespace: dict[str, object] = {}
    exec(compile(compat, "compat.py", "exec"), namespace)
    live = namespace["_legacy_model_to_current"]
    assert live("claude-instant-1") == "claude-haiku-4-5"  # type: ignore[operator]
    assert live("claude-opus-4-6") == "claude-opus-4-6"  # type: ignore[operator]
    convert = namespace["_legacy_request_to_messages"]
    assert convert({"model": "claude-2", "max_tokens_to_sample": 30000}) == {  # type: ignore[operator]
        "model": "claude-sonnet-5-5",
        "max_tokens": 30000,
        "timeout": 600,
    }


def test_runtime_module_in_a_missing_package_is_an_error(runner, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.migrator]\nruntime_module = "nowhere.compat"\n')
    (tmp_path / "one.py").write_text(RUNTIME)
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "migrate", "one.py")
    assert result.exit_code == 2
    assert "nowhere" in result.stderr and "does not exist" in result.stderr
    assert (tmp_path / "one.py").read_text() == RUNTIME, "nothing is written"


def test_runtime_module_must_be_a_dotted_name(runner, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.migrator]\nruntime_module = "app/compat.py"\n')
    (tmp_path / "one.py").write_text(RUNTIME)
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "migrate", "one.py")
    assert result.exit_code == 2
    assert "runtime_module" in result.stderr and (tmp_path / "one.py").read_text() == RUNTIME


def test_a_bug_in_a_rule_costs_one_file_not_the_run(runner, tree, monkeypatch):
    from migrator.rules.model import Model

    def broken(self, plan):
        raise RuntimeError("boom")

    monkeypatch.setattr(Model, "apply", broken)
    other = tree / "pkg" / "other.py"
    other.write_text(LEGACY)
    result = invoke(runner, "migrate", str(tree / "pkg"))
    assert result.exit_code == 2
    assert "internal error (RuntimeError: boom)" in result.stderr
    assert str(tree / "pkg" / "legacy.py") in result.stderr and str(other) in result.stderr
    assert (tree / "pkg" / "legacy.py").read_text() == LEGACY, "left unchanged"


def test_runtime_module_that_is_not_a_file_stops_the_run_first(runner, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.migrator]\nruntime_module = "app.compat"\n')
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "compat.py").mkdir()  # a folder where the module should be
    (tmp_path / "app" / "one.py").write_text(RUNTIME)
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "migrate", "app/one.py")
    assert result.exit_code == 2
    assert "app/compat.py is not a file" in result.stderr
    assert "runtime_module = 'app.compat'" in result.stderr
    assert (tmp_path / "app" / "one.py").read_text() == RUNTIME, "nothing is written"


def test_verbose_says_what_happened_to_each_file(runner, tree):
    (tree / "pkg" / "clean.py").write_text("print('nothing to see')\n")
    result = invoke(runner, "check", "--verbose", str(tree / "pkg"))
    assert result.exit_code == 1
    assert f"{tree / 'pkg' / 'legacy.py'}: would change, 1 site migrated, " in result.stderr
    assert "ruled out by their bytes alone" in result.stderr
    assert "clean.py" not in result.stderr
    quiet = invoke(runner, "check", "--verbose", "--quiet", str(tree / "pkg"))
    assert "ruled out" not in quiet.stderr
    one = invoke(runner, "check", "--verbose", str(tree / "pkg" / "legacy.py"))
    assert "\n1 file in " in one.stderr and "(1 file checked)" in one.stdout


@pytest.mark.parametrize("args", [("check",), ("check", "--no-progress"), ("migrate", "--diff")])
def test_a_reader_that_goes_away_ends_the_run_without_a_traceback(tmp_path, args):
    """``migrator check . | head`` is a common way to look: the pipe closing early is no
    error of the tool's, and must not print one."""
    for number in range(40):
        (tmp_path / f"legacy_{number}.py").write_text(
            "import anthropic\n\nanthropic.Anthropic().completions.create(prompt='x', "
            "max_tokens_to_sample=5, model='claude-2')\n"
        )
    run = subprocess.Popen(
        [sys.executable, "-m", "migrator", *args, "."],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert run.stdout is not None and run.stderr is not None
    run.stdout.close()  # before the tool writes a line
    errors = run.stderr.read().decode()
    assert run.wait() == 1
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors
