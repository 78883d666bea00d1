"""Run every runnable fixture before (legacy SDK) and after (current SDK) migration
against the fake API and require equivalent behaviour.

A fixture is runnable when ``fixtures/**/<case>.before.py`` contains the line
``# migrator-fixture: run``; its migration is the sibling ``<case>.after.py``.
The harness itself is checked at the bottom of this module.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from differential import (  # noqa: E402
    FORKSERVER,
    REPO_ROOT,
    PairResult,
    RunResult,
    before_python_for,
    canonical_request,
    compare_runs,
    current_python,
    fork_server,
    legacy_python,
    removed_sampling_keys,
    run_pair,
    run_program,
    sdk02_python,
)
from fixtures_support import Case, notebook  # noqa: E402

from migrator.core.config import Config  # noqa: E402
from migrator.testing import FakeAnthropic, RecordedRequest  # noqa: E402

RUN_MARKER = "# migrator-fixture: run"
FIXTURES = REPO_ROOT / "fixtures"


def runnable_fixtures() -> list[Path]:
    found = []
    for before in sorted(FIXTURES.glob("**/*.before.py")):
        lines = before.read_text(encoding="utf-8").splitlines()
        if any(line.strip() == RUN_MARKER for line in lines):
            found.append(before)
    return found


def _after_of(before: Path) -> Path:
    return before.with_name(before.name[: -len(".before.py")] + ".after.py")


def _case_id(before: Path) -> str:
    return str(before.relative_to(FIXTURES))[: -len(".before.py")]


@pytest.fixture(scope="session")
def fake_api() -> Any:
    with FakeAnthropic() as api:
        yield api


@pytest.mark.parametrize("before", runnable_fixtures(), ids=_case_id)
def test_fixture_behaves_the_same_after_migration(before: Path, fake_api: FakeAnthropic) -> None:
    after = _after_of(before)
    assert after.is_file(), f"{before} is marked runnable but {after.name} does not exist"
    pair = run_pair(before, after, fake_api)
    assert pair.before.requests, (
        pair.report()
    )  # a runnable fixture that sends nothing proves nothing
    assert not pair.differences, pair.report()


NOTEBOOK_CELLS = [
    "%pip install anthropic",
    "import anthropic\n\nclient = anthropic.Anthropic()\n"
    'prompt = "".join([anthropic.HUMAN_PROMPT, " Name a river.", anthropic.AI_PROMPT])',
    "reply = client.completions.create(\n"
    '    model="claude-2", max_tokens_to_sample=20, prompt=prompt\n)\n'
    "print(reply.completion)",
]


def _cells_as_script(text: str) -> str:
    """A notebook's code cells, in order, as the script a kernel runs (IPython lines left out)."""
    cells = json.loads(text)["cells"]
    return "\n".join(
        "".join(line for line in cell["source"] if not line.lstrip().startswith(("%", "!"))) + "\n"
        for cell in cells
        if cell["cell_type"] == "code"
    )


def test_a_notebook_with_helpers_runs_the_same_cell_by_cell(
    fake_api: FakeAnthropic, tmp_path: Path
) -> None:
    """The runtime helpers go in the first plain cell before their first use; run in order,
    the cells send and print what the legacy ones did."""
    from migrator.core.config import Config
    from migrator.engine import registry
    from migrator.files.notebook import migrate_notebook

    text = notebook(*(("code", source) for source in NOTEBOOK_CELLS)) + "\n"
    result = migrate_notebook(text, "demo.ipynb", Config(), registry.all_rules())
    cells = ["".join(cell["source"]) for cell in json.loads(result.new_source)["cells"]]
    assert cells[0] == "%pip install anthropic" and "def _legacy_" in cells[1]
    before, after = tmp_path / "before.py", tmp_path / "after.py"
    before.write_text(_cells_as_script(text))
    after.write_text(_cells_as_script(result.new_source))
    pair = run_pair(before, after, fake_api)
    assert pair.before.requests and not pair.differences, pair.report()


WRITTEN_PROGRAM = (
    "%%writefile app.py\n"
    "import os\n\nimport anthropic\n\nclient = anthropic.Anthropic()\n"
    'default = anthropic.HUMAN_PROMPT + " Name a river." + anthropic.AI_PROMPT\n'
    'prompt = os.environ.get("APP_PROMPT", default)\n'
    "reply = client.completions.create(\n"
    '    model="claude-2", max_tokens_to_sample=20, prompt=prompt\n)\n'
    "print(reply.completion)\n"
)


def test_a_writefile_program_runs_the_same_after_migration(
    fake_api: FakeAnthropic, tmp_path: Path
) -> None:
    """The file a ``%%writefile app.py`` cell writes runs on its own: migrated, with the
    helpers it needs inside it, it sends and prints what the legacy one did."""
    from migrator.core.config import Config
    from migrator.engine import registry
    from migrator.files.notebook import migrate_notebook

    document = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {},
                "outputs": [],
                "source": source.splitlines(keepends=True),
            }
            for source in ["%pip install anthropic streamlit", WRITTEN_PROGRAM]
        ],
        "metadata": {"language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    text = json.dumps(document, indent=1) + "\n"
    result = migrate_notebook(text, "demo.ipynb", Config(), registry.all_rules())
    head, program = "".join(json.loads(result.new_source)["cells"][1]["source"]).split("\n", 1)
    assert head == "%%writefile app.py" and "def _legacy_prompt_to_messages" in program
    before, after = tmp_path / "before.py", tmp_path / "after.py"
    before.write_text(WRITTEN_PROGRAM.split("\n", 1)[1])
    after.write_text(program)
    pair = run_pair(before, after, fake_api)
    assert pair.before.requests and not pair.differences, pair.report()


# Fixtures whose model is chosen at run time (by `_legacy_model_to_current` or
# `_legacy_request_to_messages`), some with a model table of their own.
MODEL_AT_RUN_TIME = [
    "model/splatted_model_with_prefill",
    "model/table_honoured_for_splatted_prompt",
    "model/table_honoured_at_run_time",
    "model/prefill_decided_at_run_time",
    "model/class_attribute_at_run_time",
]


def _expected_model(config: Config, legacy: str, prefill: bool) -> str:
    """The model table's choice, or the prefill model for a prefill that choice refuses."""
    target = config.target_for(legacy)
    if target is None:
        return legacy  # not a retired name: passed through
    if prefill and not config.accepts_prefill(target):
        return config.prefill_model
    return target


@pytest.mark.parametrize("case", MODEL_AT_RUN_TIME)
def test_a_model_chosen_at_run_time_follows_the_table_and_the_prefill(
    case: str, fake_api: FakeAnthropic
) -> None:
    """The fixtures' comparison leaves the model out: here each migrated request must go to
    the configured table's model, and to the prefill model only when it ends in a prefill."""
    before = FIXTURES / f"{case}.before.py"
    rule, name = case.split("/")
    config = Config(**Case(rule, name, before).config_overrides())
    pair = run_pair(before, _after_of(before), fake_api)
    assert not pair.differences, pair.report()
    assert len(pair.after.requests) == len(pair.before.requests)
    prefilled = []
    for old, new in zip(pair.before.requests, pair.after.requests, strict=True):
        prefill = new.body["messages"][-1]["role"] == "assistant"
        prefilled.append(prefill)
        assert new.body["model"] == _expected_model(config, old.body["model"], prefill), (
            pair.report()
        )
    assert any(prefilled), "each of these fixtures sends a request that keeps a prefill"


def _req(
    path: str, body: dict[str, Any], status: int = 200, error_type: str | None = None
) -> RecordedRequest:
    return RecordedRequest(
        method="POST", path=path, headers={}, body=body, status=status, error_type=error_type
    )


def _legacy(prompt: str = "\n\nHuman: Hi\n\nAssistant:", **kw: Any) -> RecordedRequest:
    return _req(
        "/v1/complete", {"model": "claude-2", "prompt": prompt, "max_tokens_to_sample": 50, **kw}
    )


def _messages(messages: Any = None, **kw: Any) -> RecordedRequest:
    messages = messages or [{"role": "user", "content": "Hi"}]
    return _req(
        "/v1/messages", {"model": "claude-haiku-4-5", "messages": messages, "max_tokens": 50, **kw}
    )


def _run(*requests: RecordedRequest, stdout: str = "out\n", code: int = 0) -> RunResult:
    return RunResult(stdout=stdout, stderr="", returncode=code, requests=list(requests))


class TestCanonicalRequest:
    def test_same_for_both_endpoints(self) -> None:
        old = _legacy(
            "You are terse.\n\nHuman: Hi\n\nAssistant: {",
            stop_sequences=["\n\nHuman:", "END"],
            temperature=0.3,
            stream=True,
            metadata={"user_id": "u"},
        )
        new = _messages(
            [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "{"}],
            system=[{"type": "text", "text": "You are terse."}],
            stop_sequences=["END"],
            temperature=0.3,
            stream=True,
            metadata={"user_id": "u"},
            model="claude-opus-4-5",
        )
        assert (
            canonical_request(old)
            == canonical_request(new)
            == {
                "conversation": {
                    "system": "You are terse.",
                    "messages": [["user", "Hi"], ["assistant", "{"]],
                },
                "max_tokens": 50,
                "stop_sequences": ["END"],
                "temperature": 0.3,
                "top_p": None,
                "top_k": None,
                "stream": True,
                "metadata": {"user_id": "u"},
            }
        )

    def test_absent_stop_sequences_are_empty(self) -> None:
        assert canonical_request(_legacy(stop_sequences=["\n\nHuman:"]))["stop_sequences"] == []
        assert canonical_request(_messages())["stop_sequences"] == []
        assert canonical_request(_messages(stream=False))["stream"] is False

    def test_accepts_dicts(self) -> None:
        assert canonical_request(_messages().to_dict()) == canonical_request(_messages())

    def test_invalid_requests_do_not_raise(self) -> None:
        assert "invalid" in canonical_request(_legacy("no turns"))["conversation"]
        assert (
            "invalid"
            in canonical_request(_messages([{"role": "assistant", "content": "x"}]))["conversation"]
        )


class TestCompareRuns:
    def test_equivalent(self) -> None:
        assert compare_runs(_run(_legacy()), _run(_messages()), "") == []

    def test_stdout(self) -> None:
        assert any(
            "stdout" in d
            for d in compare_runs(_run(_legacy()), _run(_messages(), stdout="other\n"), "")
        )

    def test_exit_code(self) -> None:
        assert any(
            "exit code" in d for d in compare_runs(_run(_legacy()), _run(_messages(), code=1), "")
        )

    def test_request_count(self) -> None:
        assert any(
            "number of requests" in d
            for d in compare_runs(_run(_legacy(), _legacy()), _run(_messages()), "")
        )

    def test_refused_after(self) -> None:
        after = _req("/v1/messages", _messages().body, 404, "not_found_error")
        assert any("refused" in d for d in compare_runs(_run(_legacy()), _run(after), ""))

    def test_refused_identically(self) -> None:
        before = _req("/v1/complete", _legacy().body, 400, "invalid_request_error")
        same = _req("/v1/messages", _messages().body, 400, "invalid_request_error")
        other = _req("/v1/messages", _messages().body, 404, "not_found_error")
        assert compare_runs(_run(before), _run(same), "") == []
        assert compare_runs(_run(before), _run(other), "") != []

    def test_model_is_not_compared(self) -> None:
        assert compare_runs(_run(_messages(model="a")), _run(_messages(model="b")), "") == []

    def test_conversation_differs(self) -> None:
        diffs = compare_runs(_run(_legacy("Sys\n\nHuman: Hi\n\nAssistant:")), _run(_messages()), "")
        assert len(diffs) == 1 and "conversation" in diffs[0]

    @pytest.mark.parametrize("key,value", [("temperature", 0.5), ("top_p", 0.9), ("top_k", 3)])
    def test_sampling_removed_needs_a_comment(self, key: str, value: Any) -> None:
        before = _run(_legacy(**{key: value}))
        after = _run(_messages())
        assert compare_runs(before, after, "client.messages.create(...)\n") != []
        assert (
            compare_runs(before, after, f"# migrator: removed {key}={value} (not supported)\n")
            == []
        )
        # a comment about another key does not excuse this one
        other = "top_k" if key != "top_k" else "temperature"
        assert compare_runs(before, after, f"# migrator: removed {other}=1\n") != []

    def test_sampling_kept_must_be_equal(self) -> None:
        before = _run(_legacy(temperature=0.5))
        assert compare_runs(before, _run(_messages(temperature=0.5)), "") == []
        assert (
            compare_runs(
                before, _run(_messages(temperature=0.7)), "# migrator: removed temperature=0.5"
            )
            != []
        )
        assert compare_runs(_run(_legacy()), _run(_messages(temperature=0.7)), "") != []

    def test_removed_sampling_keys(self) -> None:
        source = (
            "x = 1  # migrator: removed temperature=0.2, top_p=0.9\n"
            "# migrator: removed   top_k = 5\n"
            "# top_k=1"
        )
        assert removed_sampling_keys(source) == {"temperature", "top_p", "top_k"}
        assert removed_sampling_keys("# temperature=1 removed") == set()


BEFORE_PROGRAM = """\
import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

client = anthropic.Anthropic()
resp = client.completions.create(
    model="claude-2",
    prompt=f"You are terse.{HUMAN_PROMPT} Count, then stop{AI_PROMPT}",
    max_tokens_to_sample=200,
    stop_sequences=[HUMAN_PROMPT, "STOP"],
    temperature=0.2,
)
print(resp.completion)
print(resp.stop_reason in ("stop_sequence",))
"""

AFTER_PROGRAM = """\
import anthropic

client = anthropic.Anthropic()
resp = client.messages.create(
    model="claude-sonnet-4-5",
    system="You are terse.",
    messages=[{"role": "user", "content": "Count, then stop"}],
    max_tokens=200,
    stop_sequences=["STOP"],
    # migrator: removed temperature=0.2 (not accepted by the current API)
)
print(resp.content[0].text)
print(resp.stop_reason in ("end_turn", "stop_sequence"))
"""


@pytest.fixture(scope="module")
def pair(fake_api: FakeAnthropic, tmp_path_factory: pytest.TempPathFactory) -> PairResult:
    tmp = tmp_path_factory.mktemp("pair")
    (tmp / "case.before.py").write_text(BEFORE_PROGRAM)
    (tmp / "case.after.py").write_text(AFTER_PROGRAM)
    return run_pair(tmp / "case.before.py", tmp / "case.after.py", fake_api)


class TestRunPair:
    def test_equivalent_pair(self, pair: PairResult) -> None:
        assert pair.problems() == [], pair.report()
        assert pair.before.stdout.endswith("one two three \nTrue\n")
        assert [r.path for r in pair.before.requests] == ["/v1/complete"]
        assert [r.path for r in pair.after.requests] == ["/v1/messages"]

    def test_a_wrong_migration_is_caught(
        self, pair: PairResult, fake_api: FakeAnthropic, tmp_path: Path
    ) -> None:
        wrong = tmp_path / "wrong.after.py"
        wrong.write_text(
            AFTER_PROGRAM.replace('    system="You are terse.",\n', "").replace(
                'model="claude-sonnet-4-5"', 'model="claude-2"'
            )
        )
        after = run_program(current_python(), wrong, fake_api)
        diffs = compare_runs(pair.before, after, wrong.read_text())
        assert any("refused" in d and "not_found_error" in d for d in diffs), diffs
        assert any("exit code" in d for d in diffs), diffs

    def test_a_pre_03_program_runs_under_the_pre_03_sdk(
        self, fake_api: FakeAnthropic, tmp_path: Path
    ) -> None:
        # The 0.2 SDK sends its own version header and a cumulative stream comes
        # back; reading its last delta as the whole text is a wrong migration.
        folder = FIXTURES / "client_completion"
        before = folder / "stream_keeps_last.before.py"
        assert before_python_for(before) == sdk02_python()
        assert before_python_for(folder / "../stream/reads_stop_reason.before.py") == (
            legacy_python()
        )
        after = (folder / "stream_keeps_last.after.py").read_text(encoding="utf-8")
        assert "completion_so_far += data.delta.text" in after
        wrong = tmp_path / "wrong.after.py"
        wrong.write_text(after.replace("completion_so_far +=", "completion_so_far ="))
        pair = run_pair(before, wrong, fake_api)
        assert [r.headers["anthropic-version"] for r in pair.before.requests] == ["2023-01-01"]
        assert pair.before.requests[0].headers["anthropic-sdk"] == "anthropic-python/0.2.10"
        assert any("stdout differs" in d for d in pair.differences), pair.report()
        assert not run_pair(before, folder / "stream_keeps_last.after.py", fake_api).problems()

    def test_a_program_that_sends_nothing_is_a_problem(self, pair: PairResult) -> None:
        silent = PairResult(pair.before_path, pair.after_path, _run(), _run(), [])
        assert silent.problems() and "sent no request" in silent.problems()[0]

    @pytest.mark.parametrize("marked", [False, True])
    def test_request_order_matters_unless_marked_unordered(
        self, marked: bool, fake_api: FakeAnthropic, tmp_path: Path
    ) -> None:
        program = ("# migrator-fixture: requests-unordered\n" if marked else "") + textwrap.dedent(
            """\
            import anthropic

            client = anthropic.Anthropic()
            for question in QUESTIONS:
                client.messages.create(
                    model="claude-haiku-4-5",
                    max_tokens=10,
                    messages=[{"role": "user", "content": question}],
                )
            """
        )
        before, after = tmp_path / "x.before.py", tmp_path / "x.after.py"
        before.write_text(program.replace("QUESTIONS", '["a", "b"]'))
        after.write_text(program.replace("QUESTIONS", '["b", "a"]'))
        result = run_pair(before, after, fake_api, before_python=current_python())
        if marked:
            assert result.differences == [], result.report()
        else:
            assert any("conversation differs" in d for d in result.differences), result.report()

    def test_report_shows_both_runs(self, pair: PairResult) -> None:
        report = pair.report()
        assert "before (legacy SDK) stdout" in report and "after (current SDK) stderr" in report


def test_program_environment(fake_api: FakeAnthropic, tmp_path: Path) -> None:
    """Programs see the fake, a test key, no proxy, and run in a scratch directory."""
    script = tmp_path / "env.py"
    script.write_text(
        textwrap.dedent(
            """\
            import os, json
            names = ["ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "PYTHONWARNINGS",
                     "HTTPS_PROXY", "https_proxy"]
            print(json.dumps({k: os.environ.get(k) for k in names}))
            print(os.getcwd())
            """
        )
    )
    result = run_program(sys.executable, script, fake_api)
    assert result.returncode == 0, result.stderr
    env_line, cwd = result.stdout.splitlines()
    env = json.loads(env_line)
    assert env["ANTHROPIC_API_KEY"] == "test-key"
    assert env["ANTHROPIC_BASE_URL"].startswith(fake_api.base_url + "/_run/")
    assert env["PYTHONWARNINGS"] == "ignore"
    assert env["HTTPS_PROXY"] is None and env["https_proxy"] is None
    assert Path(cwd).resolve() != Path.cwd().resolve() and Path(cwd).resolve() != tmp_path.resolve()
    assert result.requests == []


# --------------------------------------------------------------------------- the fork server

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="the platform has no os.fork")


@pytest.fixture(params=["legacy", "current"])
def sdk_python(request: pytest.FixtureRequest) -> str:
    return legacy_python() if request.param == "legacy" else current_python()


def _script(folder: Path, source: str, name: str = "program.py") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def _both_ways(
    monkeypatch: pytest.MonkeyPatch, python: str, script: Path, api: FakeAnthropic, **kw: Any
) -> tuple[RunResult, RunResult]:
    """The program run as a fresh subprocess, then in a child of the fork server."""
    with monkeypatch.context() as m:
        m.setenv("MIGRATOR_DIFF_SUBPROCESS", "1")
        plain = run_program(python, script, api, **kw)
    monkeypatch.delenv("MIGRATOR_DIFF_SUBPROCESS", raising=False)
    server = fork_server(python)
    runs = server.runs
    forked = run_program(python, script, api, **kw)
    assert server.runs == runs + 1, "the program did not run in the fork server"
    return plain, forked


def _outcome(result: RunResult) -> tuple[str, str, int, bool, list[str]]:
    return (
        result.stdout,
        result.stderr,
        result.returncode,
        result.timed_out,
        [r.path for r in result.requests],
    )


@needs_fork
class TestForkServer:
    def test_unicode_output(
        self, sdk_python: str, fake_api: FakeAnthropic, tmp_path: Path, monkeypatch: Any
    ) -> None:
        script = _script(
            tmp_path,
            """\
            import sys
            print("héllo ✓ 日本 🎉")
            print("crlf\\r\\nand cr\\rend", end="")
            print()
            sys.stdout.flush()
            sys.stdout.buffer.write(b"not utf-8: \\xff\\xfe\\n")
            sys.stdout.flush()
            print("to stderr: ünï \\udcff", file=sys.stderr)
            print(sys.stdout.encoding, sys.stdout.errors, sys.stderr.errors, sys.stdin.read() == "")
            """,
        )
        plain, forked = _both_ways(monkeypatch, sdk_python, script, fake_api)
        assert _outcome(forked) == _outcome(plain)
        assert forked.returncode == 0, forked.stderr
        assert forked.stdout.startswith(
            "héllo ✓ 日本 🎉\ncrlf\nand cr\nend\nnot utf-8: \ufffd\ufffd\n"
        )
        assert "ünï \\udcff" in forked.stderr

    def test_exit_code(
        self, sdk_python: str, fake_api: FakeAnthropic, tmp_path: Path, monkeypatch: Any
    ) -> None:
        script = _script(
            tmp_path,
            """\
            import atexit, sys
            atexit.register(print, "atexit ran")
            print("leaving")
            sys.exit(3)
            """,
        )
        plain, forked = _both_ways(monkeypatch, sdk_python, script, fake_api)
        assert _outcome(forked) == _outcome(plain)
        assert (forked.returncode, forked.stdout) == (3, "leaving\natexit ran\n")

    def test_exit_with_a_message(
        self, sdk_python: str, fake_api: FakeAnthropic, tmp_path: Path, monkeypatch: Any
    ) -> None:
        script = _script(tmp_path, 'import sys\nsys.exit("fatal: no prompt")\n')
        plain, forked = _both_ways(monkeypatch, sdk_python, script, fake_api)
        assert _outcome(forked) == _outcome(plain)
        assert (forked.returncode, forked.stderr) == (1, "fatal: no prompt\n")

    def test_uncaught_exception(
        self, sdk_python: str, fake_api: FakeAnthropic, tmp_path: Path, monkeypatch: Any
    ) -> None:
        script = _script(
            tmp_path,
            """\
            def ask(prompt):
                raise ValueError(f"bad prompt {prompt!r}")

            print("before")
            ask("Hi")
            """,
        )
        plain, forked = _both_ways(monkeypatch, sdk_python, script, fake_api)
        assert _outcome(forked) == _outcome(plain)
        assert forked.returncode == 1 and forked.stdout == "before\n"
        assert forked.stderr.startswith("Traceback (most recent call last):\n")
        assert forked.stderr.endswith("ValueError: bad prompt 'Hi'\n")
        assert "forkserver" not in forked.stderr and "runpy" not in forked.stderr

    def test_interrupted(
        self, sdk_python: str, fake_api: FakeAnthropic, tmp_path: Path, monkeypatch: Any
    ) -> None:
        script = _script(
            tmp_path,
            """\
            import os, signal
            print("before", flush=True)
            os.kill(os.getpid(), signal.SIGINT)
            print("not reached")
            """,
        )
        plain, forked = _both_ways(monkeypatch, sdk_python, script, fake_api)
        assert _outcome(forked) == _outcome(plain)
        assert (forked.returncode, forked.stdout) == (-signal.SIGINT, "before\n")
        assert forked.stderr.endswith("KeyboardInterrupt\n")

    def test_environment(
        self, sdk_python: str, fake_api: FakeAnthropic, tmp_path: Path, monkeypatch: Any
    ) -> None:
        script = _script(
            tmp_path,
            """\
            import os, sys
            print(os.environ["MIGRATOR_TEST_GREETING"])
            print(os.environ.get("MIGRATOR_DIFF_SUBPROCESS"), os.environ["ANTHROPIC_API_KEY"])
            print(os.getcwd() == os.environ["HOME"], os.listdir("."))
            print(sorted(k for k in os.environ if k not in ("ANTHROPIC_BASE_URL", "HOME")))
            print(sys.argv[1:], sys.path[0] == os.path.dirname(os.path.abspath(__file__)))
            print(__name__, sys.modules["__main__"].__file__ == __file__, __spec__)
            """,
        )
        plain, forked = _both_ways(
            monkeypatch,
            sdk_python,
            script,
            fake_api,
            args=["--flag", "välue"],
            env={"MIGRATOR_TEST_GREETING": "grüß dich"},
        )
        assert _outcome(forked) == _outcome(plain)
        assert forked.stdout.splitlines()[:3] == ["grüß dich", "None test-key", "True []"]
        assert forked.stdout.splitlines()[4:] == ["['--flag', 'välue'] True", "__main__ True None"]

    def test_timeout(self, fake_api: FakeAnthropic, tmp_path: Path, monkeypatch: Any) -> None:
        python = current_python()
        script = _script(
            tmp_path,
            """\
            import time
            print("started", flush=True)
            time.sleep(60)
            print("never")
            """,
        )
        plain, forked = _both_ways(monkeypatch, python, script, fake_api, timeout=1.0)
        assert _outcome(forked) == _outcome(plain)
        assert forked.timed_out and forked.returncode == -9 and forked.stdout == "started\n"
        assert forked.stderr.endswith("[differential] timed out after 1 s")
        # the server survives and serves the next program
        after = run_program(python, _script(tmp_path, "print('next')\n", "next.py"), fake_api)
        assert (after.returncode, after.stdout, after.timed_out) == (0, "next\n", False)

    def test_no_state_leaks_between_runs(
        self, sdk_python: str, fake_api: FakeAnthropic, tmp_path: Path, monkeypatch: Any
    ) -> None:
        _script(tmp_path, "VISITS = []\n", "visited.py")
        script = _script(
            tmp_path,
            """\
            import json, sys
            import anthropic
            import visited
            visited.VISITS.append(1)
            print(len(visited.VISITS), getattr(json, "_mark", None), getattr(anthropic, "_mark", None))
            json._mark = anthropic._mark = "left behind"
            sys.modules["leaked_module"] = json
            print("leaked_module" in sys.modules)
            """,
        )
        plain, forked = _both_ways(monkeypatch, sdk_python, script, fake_api)
        again = run_program(sdk_python, script, fake_api)
        assert _outcome(forked) == _outcome(plain) == _outcome(again)
        assert forked.stdout == "1 None None\nTrue\n", forked.stderr

    def test_a_local_module_shadowing_a_preloaded_one_runs_as_a_subprocess(
        self, fake_api: FakeAnthropic, tmp_path: Path, monkeypatch: Any
    ) -> None:
        python = current_python()
        _script(tmp_path, "def dumps(value):\n    return 'local json'\n", "json.py")
        script = _script(tmp_path, "import json\nprint(json.dumps(1))\n")
        monkeypatch.delenv("MIGRATOR_DIFF_SUBPROCESS", raising=False)
        server = fork_server(python)
        runs = server.runs
        result = run_program(python, script, fake_api)
        assert (result.returncode, result.stdout) == (0, "local json\n"), result.stderr
        assert server.runs == runs

    def test_a_dead_server_is_restarted(
        self, fake_api: FakeAnthropic, tmp_path: Path, monkeypatch: Any
    ) -> None:
        monkeypatch.delenv("MIGRATOR_DIFF_SUBPROCESS", raising=False)
        python = current_python()
        script = _script(tmp_path, "print('ok')\n")
        assert run_program(python, script, fake_api).stdout == "ok\n"
        server = fork_server(python)
        pid, starts, runs = server.pid, server.starts, server.runs
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while server.pid is not None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert server.pid is None
        assert run_program(python, script, fake_api).stdout == "ok\n"
        assert (server.starts, server.runs) == (starts + 1, runs + 1)
        assert server.pid not in (None, pid)

    def test_bad_requests_do_not_stop_the_server(self, tmp_path: Path) -> None:
        script = _script(tmp_path, "import sys\nprint('ran', sys.argv[1:])\n")
        good = {
            "script": str(script),
            "args": ["x"],
            "cwd": str(tmp_path),
            "env": {"PATH": os.environ.get("PATH", "")},
            "stdout": str(tmp_path / "out"),
            "stderr": str(tmp_path / "err"),
            "timeout": 30,
        }
        lines = [
            "not json",
            "[1, 2]",
            json.dumps({**good, "args": "x"}),
            json.dumps({**good, "cwd": str(tmp_path / "missing")}),
            json.dumps({**good, "timeout": "soon"}),
            json.dumps(good),
        ]
        proc = subprocess.run(
            [sys.executable, str(FORKSERVER)],
            input="\n".join(lines) + "\n",
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr  # EOF ends it
        replies = [json.loads(line) for line in proc.stdout.splitlines()]
        assert replies[0]["ready"] is True
        assert all("error" in r for r in replies[1:-1]), replies
        assert replies[-1] == {"returncode": 0, "timed_out": False}
        assert (tmp_path / "out").read_text() == "ran ['x']\n"
