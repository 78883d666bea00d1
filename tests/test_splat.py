"""A request dict literal splatted into one call: converted where it is written, or left to
the runtime converter when the tool cannot follow it whole."""

from __future__ import annotations

import pytest

from migrator.core.config import Config
from migrator.engine import registry
from migrator.engine.migrate import migrate_source

CALL = 'r = client.completions.create(prompt="\\n\\nHuman: Hi\\n\\nAssistant:", **{name})\n'


def migrate(body: str) -> str:
    source = "import anthropic\n\nclient = anthropic.Anthropic()\n" + body
    result = migrate_source(source, "example.py", Config(), registry.all_rules())
    assert result.error is None and result.changed
    return result.new_source


def test_a_literal_read_only_by_the_call_becomes_a_messages_request() -> None:
    out = migrate(
        '_params = {"model": "claude-2", "max_tokens_to_sample": 9}\n' + CALL.format(name="_params")
    )
    assert '_params = {"model": "claude-sonnet-5-5", "max_tokens": 9}' in out
    assert "messages.create(" in out and "**_params)" in out
    assert "_legacy_request_to_messages" not in out


@pytest.mark.parametrize(
    "body",
    [
        # read by two calls: one literal would have to fit both
        'p = {"model": "claude-2", "max_tokens_to_sample": 9}\n'
        + CALL.format(name="p")
        + CALL.format(name="p"),
        # read elsewhere
        'p = {"model": "claude-2", "max_tokens_to_sample": 9}\nprint(p)\n' + CALL.format(name="p"),
        # changed after it is built
        'p = {"model": "claude-2"}\np["max_tokens_to_sample"] = 9\n' + CALL.format(name="p"),
        # a value the tool would have to look up, changed before the call
        'N = 9\np = {"model": "claude-2", "max_tokens_to_sample": N}\nN = 10\n'
        + CALL.format(name="p"),
        # a list held in a name, which a call in between could change in place
        'S = ["END"]\np = {"model": "claude-2", "max_tokens_to_sample": 9, "stop_sequences": S}\n'
        + CALL.format(name="p"),
    ],
)
def test_anything_the_tool_cannot_follow_whole_is_converted_at_run_time(body: str) -> None:
    out = migrate(body)
    assert "**_legacy_request_to_messages(p)" in out
    assert '"max_tokens_to_sample"' in out


@pytest.mark.parametrize(
    ("body", "converted"),
    [
        # a name the dict reads, unchanged until the call in the same scope
        (
            'N = 9\np = {"model": "claude-2", "max_tokens_to_sample": N}\n',
            'p = {"model": "claude-sonnet-5-5", "max_tokens": N}',
        ),
        # a flag Messages takes as it is
        (
            'p = {"model": "claude-2", "max_tokens_to_sample": 9, "stream": False}\n',
            'p = {"model": "claude-sonnet-5-5", "max_tokens": 9, "stream": False}',
        ),
    ],
)
def test_a_dict_written_in_the_scope_that_sends_it_is_converted_where_it_is(
    body: str, converted: str
) -> None:
    out = migrate(body + CALL.format(name="p"))
    assert converted in out
    assert "_legacy_request_to_messages" not in out


def test_a_limit_over_the_non_streaming_one_is_clamped_with_its_timeout_at_the_call() -> None:
    # The dict is read whole: it holds no timeout, so the call can be given one.
    out = migrate(
        'p = {"model": "claude-2", "max_tokens_to_sample": 100000}\n' + CALL.format(name="p")
    )
    assert 'p = {"model": "claude-sonnet-5-5", "max_tokens": 64000}' in out
    assert "timeout=600, **p)" in out


def test_findings_point_at_the_entries_and_a_public_module_dict_is_flagged() -> None:
    source = (
        "import anthropic\n\nclient = anthropic.Anthropic()\n"
        'DEFAULTS = {"model": "claude-2", "max_tokens_to_sample": 9}\n'
        + CALL.format(name="DEFAULTS")
    )
    result = migrate_source(source, "example.py", Config(), registry.all_rules())
    where = {(f.rule, f.line, f.column) for f in result.findings}
    assert ("TCM006", 4, 13) in where and ("TCM005", 4, 34) in where
    flagged = [f for f in result.findings if "now holds a Messages request" in f.message]
    assert [(f.line, f.fix.value) for f in flagged] == [(4, "review")]


def test_a_dict_local_to_a_function_is_not_flagged() -> None:
    out = migrate_source(
        "import anthropic\n\nclient = anthropic.Anthropic()\n\n\ndef f():\n"
        '    p = {"model": "claude-2", "max_tokens_to_sample": 9}\n'
        '    return client.completions.create(prompt="\\n\\nHuman: Hi\\n\\nAssistant:", **p)\n',
        "example.py",
        Config(),
        registry.all_rules(),
    )
    assert not [f for f in out.findings if "now holds a Messages request" in f.message]
    assert 'p = {"model": "claude-sonnet-5-5", "max_tokens": 9}' in out.new_source
