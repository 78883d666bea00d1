"""Test doubles of a client the run migrated: what a test asserts of the request follows it.

The fixtures cover doubles on ``anthropic.resources``; these cover the doubles
on another module's client, which only a run that migrated that module can
move (``known_clients``, found by :mod:`migrator.analysis.doubled`), and what that run
learns of the module (``FileResult.exact_clients``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from migrator.code.wrapping import unwrapped
from migrator.core.config import Config
from migrator.core.findings import Safety
from migrator.engine import registry
from migrator.engine.migrate import migrate_source
from migrator.run.run_report import Mode
from migrator.run.runner import run

RULES = registry.all_rules()

MODULE = """\
import anthropic

client = anthropic.Anthropic()


def summarize(text, limit=300):
    response = client.completions.create(
        model="claude-2", max_tokens_to_sample={limit}, prompt={prompt}
    )
    return response.completion
"""

TEST = """\
from unittest import mock

import anthropic

import svc


def test_request():
    with mock.patch.object(svc.client.completions, "create") as create:
        create.return_value = mock.Mock(completion="Short.")
        svc.summarize("A long text.")
    create.assert_called_once_with(
        model="claude-2",
        max_tokens_to_sample=300,
        prompt={prompt},
    )
"""

PLAIN = 'f"{anthropic.HUMAN_PROMPT} Summarize: {text}{anthropic.AI_PROMPT}"'


def _test(prompt: str, exact: bool) -> str:
    source = TEST.format(prompt=prompt)
    result = migrate_source(
        source, "test_svc.py", Config(), RULES, known_clients={"svc.client": exact}
    )
    assert result.error is None
    ast.parse(result.new_source)
    return result.new_source


def test_an_exact_assertion_expects_the_converted_request():
    new = _test('f"{anthropic.HUMAN_PROMPT} Summarize: A long text.{anthropic.AI_PROMPT}"', True)
    assert (
        "    create.assert_called_once_with(\n"
        '        model="claude-sonnet-5-5",\n'
        "        max_tokens=300,\n"
        '        messages=[{"role": "user", "content": "Summarize: A long text."}],\n'
        "    )\n"
    ) in new


def test_a_system_prompt_and_a_prefill_are_expected_where_the_call_puts_them():
    prompt = '"You are terse.\\n\\nHuman: Summarize: A long text.\\n\\nAssistant: {"'
    new = _test(prompt, True)
    # A prefill goes to a model that takes one, as TCM006 chooses for the call.
    assert 'model="claude-haiku-4-5"' in new
    assert '        system="You are terse.",\n' in new
    assert (
        "        messages=[\n"
        '            {"role": "user", "content": "Summarize: A long text."},\n'
        '            {"role": "assistant", "content": "{"},\n'
        "        ],\n"
    ) in new


def test_an_assertion_stays_when_the_calls_send_more():
    new = _test('f"{anthropic.HUMAN_PROMPT} Summarize: A long text.{anthropic.AI_PROMPT}"', False)
    assert "max_tokens_to_sample=300" in new
    assert "the migrated calls on `svc.client` send more than that (`timeout=`" in unwrapped(new)
    assert "svc.client.messages" in new  # the double itself still moves


def test_a_prompt_that_does_not_convert_stays_with_its_reason():
    new = _test('"Summarize: A long text."', True)
    assert "max_tokens_to_sample=300" in new
    assert "the prompt it expects cannot be converted here" in new


def _module(limit: str) -> tuple[str, ...]:
    source = MODULE.format(limit=limit, prompt=PLAIN)
    result = migrate_source(source, "svc.py", Config(), RULES)
    assert result.clients == ("client",)
    return result.exact_clients


def test_a_client_whose_calls_send_the_same_request_is_exact():
    assert _module("300") == ("client",)


def test_a_client_whose_call_gets_a_timeout_is_not():
    # A limit the tool cannot bound (a parameter): the migrated call gets `timeout=600`.
    assert _module("limit") == ()


FAKE_IN_A_MOCK = """\
from types import SimpleNamespace
from unittest import mock

import svc


def fake(*, prompt, **kw):
    return SimpleNamespace(completion=" Hi." if "text" in prompt else " No.")


def test_mock_with_fake(monkeypatch):
    monkeypatch.setattr(svc.client.completions, "create", mock.Mock(side_effect=fake))
    assert svc.summarize("text") == "Hi."
"""


def test_a_fake_handed_to_a_mock_as_its_side_effect_moves_with_it():
    result = migrate_source(
        FAKE_IN_A_MOCK, "test_svc.py", Config(), RULES, known_clients={"svc.client": True}
    )
    assert 'monkeypatch.setattr(svc.client.messages, "create", mock.Mock(side_effect=fake))' in (
        result.new_source
    )
    assert "def fake(*, messages, **kw):" in result.new_source


CHECKED = """\
from unittest import mock

import anthropic

import svc


def test_request():
    with mock.patch.object(svc.client.completions, "create") as create:
        create.return_value = mock.Mock(completion="Short.")
        svc.summarize("A long text.")
    {check}
"""

PROMPT = 'f"{anthropic.HUMAN_PROMPT} Summarize: A long text.{anthropic.AI_PROMPT}"'
CONVERTED = (
    'model="claude-sonnet-5-5", max_tokens=300, '
    'messages=[{"role": "user", "content": "Summarize: A long text."}]'
)


def _checked(check: str, config: Config | None = None) -> str:
    source = CHECKED.format(check=check)
    result = migrate_source(
        source, "test_svc.py", config or Config(), RULES, known_clients={"svc.client": True}
    )
    assert result.error is None
    ast.parse(result.new_source)
    return result.new_source


def test_any_stays_any_where_the_request_changes_shape():
    new = _checked(
        "create.assert_called_once_with("
        f"model=mock.ANY, max_tokens_to_sample=mock.ANY, prompt={PROMPT})"
    )
    assert (
        "create.assert_called_once_with(model=mock.ANY, max_tokens=mock.ANY, "
        'messages=[{"role": "user", "content": "Summarize: A long text."}])'
    ) in new


def test_any_prompt_stays_with_its_reason():
    new = _checked(
        'create.assert_called_once_with(model="claude-2", max_tokens_to_sample=300, '
        "prompt=mock.ANY)"
    )
    assert "max_tokens_to_sample=300, prompt=mock.ANY" in new
    assert "it expects any prompt (`ANY`)" in new


def test_a_sampling_parameter_is_expected_no_more_where_the_call_drops_it():
    check = (
        'create.assert_called_with(model="claude-2", max_tokens_to_sample=300, '
        f"temperature=0.2, prompt={PROMPT})"
    )
    assert f"create.assert_called_with({CONVERTED})" in _checked(check)
    kept = _checked(check, Config(sampling="extra_body"))
    assert "temperature=0.2" in kept
    assert "which the migrated call sends in `extra_body`" in kept


def test_stop_sequences_are_expected_as_they_are_without_the_guard():
    check = (
        'create.assert_called_with(model="claude-2", max_tokens_to_sample=300, '
        f"stop_sequences=STOPS, prompt={PROMPT})"
    )
    new = _checked(check.replace("STOPS", '["END"]'))
    assert 'max_tokens=300, stop_sequences=["END"], messages=' in new
    guarded = _checked(check.replace("STOPS", '[anthropic.HUMAN_PROMPT, "END"]'))
    assert "max_tokens_to_sample=300" in guarded
    assert "holding the `\\n\\nHuman:` guard" in guarded


def test_each_call_of_a_list_of_calls_is_converted():
    expected = f'mock.call(model="claude-2", max_tokens_to_sample=300, prompt={PROMPT})'
    assert f"create.assert_has_calls([mock.call({CONVERTED})])" in _checked(
        f"create.assert_has_calls([{expected}])"
    )
    assert f"assert create.mock_calls == [mock.call({CONVERTED})]" in _checked(
        f"assert create.mock_calls == [{expected}]"
    )
    assert f"assert mock.call({CONVERTED}) == create.call_args" in _checked(
        f"assert {expected} == create.call_args"
    )


def test_a_count_of_calls_is_left_alone():
    new = _checked("assert len(create.call_args_list) == 1")
    assert "assert len(create.call_args_list) == 1\n" in new
    assert "migrator: manual" not in new


def test_a_call_list_holding_other_records_stays_with_its_reason():
    new = _checked("assert create.mock_calls == [mock.call().completion.strip()]")
    assert "create.mock_calls == [mock.call().completion.strip()]" in new
    assert "which is not a `call(...)` of the double itself" in unwrapped(new)


# --- which modules a test can import (doubled._importable) ----------------------------------


def _importable_by_relative_to(test: Path, clients: dict) -> dict:
    """The rule as ``Path.relative_to`` states it: the reference the fast form must match."""
    import os

    folder = Path(os.path.abspath(test)).parent
    roots = [folder, *folder.parents]
    roots += [root / "src" for root in roots]
    found: dict = {}
    for path, names in clients.items():
        if not names.clients:
            continue
        absolute = Path(os.path.abspath(path))
        for root in roots:
            try:
                relative = absolute.relative_to(root)
            except ValueError:
                continue
            parts = list(relative.with_suffix("").parts)
            if parts and parts[-1] == "__init__":
                parts.pop()
            if parts and all(part.isidentifier() for part in parts):
                found.setdefault(".".join(parts), names)
    return found


def test_the_modules_a_test_can_import_are_found_by_their_path_parts(tmp_path: Path):
    from migrator.analysis.doubled import _importable
    from migrator.run.cache import CachedResult

    with_clients = CachedResult(clients=("client",))
    paths = [
        "src/pkg/__init__.py",
        "src/pkg/svc.py",
        "app/svc.py",
        "app/sub/deep.py",
        "app/not-a-name/svc.py",
        "app/v1.2.py",
        "app/.hidden",
        "app/trailing.",
        "other/svc.py",
    ]
    clients = {tmp_path / path: with_clients for path in paths}
    clients[tmp_path / "app" / "none.py"] = CachedResult()
    for test in ("app/tests/test_svc.py", "tests/test_it.py", "src/pkg/test_in.py"):
        expected = _importable_by_relative_to(tmp_path / test, clients)
        assert expected  # the case finds something
        assert _importable(tmp_path / test, clients) == expected


# --- a mocked client whose ``completions.create`` the test configures (migrator.doubles.chained) ---

ASKS = """\
import anthropic

client = anthropic.Anthropic()


def ask(q):
    reply = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=300,
        prompt=f"{anthropic.HUMAN_PROMPT} {q}{anthropic.AI_PROMPT}",
    )
    return reply.completion
"""

# How a test replaces the whole client, the name its mock is reached by, and the mock class
# its text block is built with (spelled as the patch's library is).
CLIENT_PATCHES = {
    "patch_object": ('    with mock.patch.object(main, "client") as client:\n', "client", "mock"),
    "patch_path": ('    with mock.patch("main.client") as client:\n', "client", "mock"),
    "mocker": (
        '    client = mocker.patch.object(main, "client")\n    if True:\n',
        "client",
        "mocker",
    ),
    "monkeypatch": (
        "    fake = mock.MagicMock()\n"
        '    monkeypatch.setattr(main, "client", fake)\n'
        "    if True:\n",
        "fake",
        "mock",
    ),
}

MOCKED_CLIENT_TEST = """\
from unittest import mock

import main


def test_model(mocker, monkeypatch):
{patch}\
        {name}.completions.create.return_value.completion = "hi"
        assert main.ask("q") == "hi"
        {name}.completions.create.assert_called_once()
        assert {name}.completions.create.call_args.kwargs["max_tokens_to_sample"] == 300
"""


def _project(tmp_path: Path, test: str) -> Path:
    (tmp_path / "main.py").write_text(ASKS)
    (tmp_path / "test_main.py").write_text(test)
    return tmp_path / "test_main.py"


@pytest.mark.parametrize("form", sorted(CLIENT_PATCHES))
def test_a_mocked_client_is_configured_where_the_migrated_code_calls(form: str, tmp_path: Path):
    patch, name, library = CLIENT_PATCHES[form]
    test = _project(tmp_path, MOCKED_CLIENT_TEST.format(patch=patch, name=name))
    report = run([tmp_path], Config(), RULES, Mode.WRITE, jobs=1, use_cache=False)
    new = test.read_text()
    content = f'[{library}.Mock(type="text", text="hi")]'
    assert f"{name}.messages.create.return_value.content = {content}" in new
    assert f"{name}.messages.create.assert_called_once()" in new
    assert f'{name}.messages.create.call_args.kwargs["max_tokens"] == 300' in new
    assert "completions" not in new
    assert not [f for f in report.findings if f.fix is Safety.MANUAL]


def test_a_mocked_client_checked_alone_stays_with_its_finding(tmp_path: Path):
    patch, name, _ = CLIENT_PATCHES["patch_object"]
    source = MOCKED_CLIENT_TEST.format(patch=patch, name=name)
    test = _project(tmp_path, source)
    report = run([test], Config(), RULES, Mode.WRITE, jobs=1, use_cache=False)
    assert "client.completions.create.return_value.completion = " in test.read_text()
    assert any(
        "a test double replaces `client.completions.create` and answers a legacy completion"
        in f.message
        for f in report.findings
    )


UNFOLLOWED = {
    "an_attribute_of_its_own": (
        '        client.api_key = "k"\n',
        "`client` is used otherwise than through `client.completions.create`",
    ),
    "acreate": (
        '        client.completions.acreate.return_value.completion = "hi"\n',
        "the test configures `client.completions.acreate`, not a method of the SDK",
    ),
}


@pytest.mark.parametrize("case", sorted(UNFOLLOWED))
def test_a_mocked_client_used_otherwise_stays_with_its_reason(case: str):
    line, why = UNFOLLOWED[case]
    source = (
        "from unittest import mock\n\nimport main\n\n\ndef test_model():\n"
        '    with mock.patch.object(main, "client") as client:\n'
        '        client.completions.create.return_value.completion = "hi"\n'
        f"{line}"
        '        assert main.ask("q") == "hi"\n'
    )
    result = migrate_source(
        source, "test_main.py", Config(), RULES, known_clients={"main.client": True}
    )
    assert result.new_source is not None
    assert "client.completions.create.return_value.completion" in result.new_source
    manual = [f for f in result.findings if f.fix is Safety.MANUAL]
    assert manual and manual[0].line == 8
    assert all(why in f.message for f in manual)


# --- a double on a client another module builds, with no legacy field of its own ----------

# A test that names neither the SDK nor a completion, as it puts its double: only the module
# it imports says whose ``completions`` it patches. Left as written, once that module is
# migrated it would patch what the current SDK no longer has.
UNSHAPED_TESTS = {
    "patch_object": (
        "import main\n\n\n"
        "def test_ask(mocker):\n"
        '    create = mocker.patch.object(main.client.completions, "create")\n'
        '    main.ask("hi")\n'
        "    assert create.call_count == 1\n",
        'mocker.patch.object(main.client.messages, "create")',
    ),
    "dotted_path": (
        "from unittest import mock\n\nimport main\n\n\n"
        '@mock.patch("main.client.completions.create")\n'
        "def test_ask(create):\n"
        '    main.ask("hi")\n'
        "    assert create.call_count == 1\n",
        '@mock.patch("main.client.messages.create")',
    ),
}


def _run_with(tmp_path: Path, main: str, test: str):  # type: ignore[no-untyped-def]
    (tmp_path / "main.py").write_text(main)
    (tmp_path / "test_main.py").write_text(test)
    report = run([tmp_path], Config(), RULES, Mode.WRITE, jobs=1, use_cache=False)
    return report, (tmp_path / "test_main.py").read_text()


@pytest.mark.parametrize("form", UNSHAPED_TESTS)
def test_a_double_with_no_legacy_field_moves_with_the_client_it_stands_in_for(
    form: str, tmp_path: Path
) -> None:
    test, moved = UNSHAPED_TESTS[form]
    _report, after = _run_with(tmp_path, ASKS, test)
    assert moved in after


@pytest.mark.parametrize("form", UNSHAPED_TESTS)
def test_a_double_on_another_vendors_client_stays(form: str, tmp_path: Path) -> None:
    test, _moved = UNSHAPED_TESTS[form]
    report, after = _run_with(tmp_path, "import openai\n\nclient = openai.OpenAI()\n", test)
    assert after == test and not report.findings
