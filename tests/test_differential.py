"""Run every runnable fixture before (legacy SDK) and after (current SDK) migration
against the fake API and require equivalent behaviour.

A fixture is runnable when ``fixtures/**/<case>.before.py`` contains the line
``# migrator-fixture: run``; its migration is the sibling ``<case>.after.py``.
The harness itself is checked at the bottom of this module.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from differential import (  # noqa: E402
    REPO_ROOT,
    PairResult,
    RunResult,
    canonical_request,
    compare_runs,
    current_python,
    removed_sampling_keys,
    run_pair,
    run_program,
)
from fakeapi import FakeAnthropic, RecordedRequest  # noqa: E402

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


# --------------------------------------------------------------------------- the harness itself


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

    def test_a_program_that_sends_nothing_is_a_problem(self, pair: PairResult) -> None:
        silent = PairResult(pair.before_path, pair.after_path, _run(), _run(), [])
        assert silent.problems() and "sent no request" in silent.problems()[0]

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
