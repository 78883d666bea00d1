"""A request returned by a function of the same module: converted where the function writes
it, or converted at run time when the tool cannot follow it whole; found on a client the tool
cannot trace, and its legacy keys not reported once they reach the runtime converter."""

from __future__ import annotations

import pytest

from migrator.contract.result import FileResult
from migrator.core.config import Config
from migrator.engine import registry
from migrator.engine.migrate import migrate_source

HEAD = "import anthropic\n\nclient = anthropic.Anthropic()\n\n\n"
PROMPT = '"\\n\\nHuman: Hi\\n\\nAssistant:"'


def migrate(body: str) -> FileResult:
    result = migrate_source(HEAD + body, "example.py", Config(), registry.all_rules())
    assert result.error is None
    return result


def test_a_private_method_s_dict_becomes_a_messages_request() -> None:
    out = migrate(
        "class Bot:\n"
        "    model = 'claude-2'\n\n"
        "    def ask(self, question):\n"
        "        response = client.completions.create(**self._params(question))\n"
        "        return response.completion\n\n"
        "    def _params(self, question):\n"
        "        return {\n"
        '            "prompt": f"\\n\\nHuman: {question}\\n\\nAssistant:",\n'
        '            "model": self.model,\n'
        '            "max_tokens_to_sample": 9,\n'
        "        }\n"
    ).new_source
    assert "response = client.messages.create(**self._params(question))" in out
    assert '"messages": [{"role": "user", "content": f"{question}"}],' in out
    # the class binds the retired name once, and only the request reads it
    assert "    model = 'claude-sonnet-5-5'" in out and '"model": self.model,' in out
    assert '"max_tokens": 9,' in out
    assert "_legacy_request_to_messages" not in out


def test_an_unbounded_limit_gets_its_timeout_at_the_call() -> None:
    out = migrate(
        "def _request(limit):\n"
        f'    return {{"model": "claude-2", "prompt": {PROMPT}, "max_tokens_to_sample": limit}}\n\n\n'
        "def ask(limit):\n"
        "    return client.completions.create(**_request(limit))\n"
    ).new_source
    assert "client.messages.create(timeout=600, **_request(limit))" in out
    assert '"max_tokens": limit,\n' in out  # the last key of a dict laid out over lines


BUILDER = (
    "def _request(prompt):\n"
    '    return {"model": "claude-2", "prompt": prompt, "max_tokens_to_sample": 9}\n\n\n'
)


@pytest.mark.parametrize(
    "body",
    [
        # two callers, one of which the tool cannot plan the dict for: both keep it as it is
        BUILDER
        + "def a(prompt):\n    return client.completions.create(**_request(prompt))\n\n\n"
        + "def b(text):\n    return client.completions.create(**_request(text + '!'))\n",
        # read as a value elsewhere
        BUILDER
        + "HANDLERS = [_request]\n\n\n"
        + "def a(prompt):\n    return client.completions.create(**_request(prompt))\n",
        # the caller's name of that spelling is its own variable: the rules would follow it
        BUILDER
        + "def a(question):\n"
        + '    prompt = f"\\n\\nHuman: {question}\\n\\nAssistant:"\n'
        + "    return client.completions.create(**_request(prompt))\n",
        # given an expression: the parameter means something else in the builder
        BUILDER + "def a(text):\n    return client.completions.create(**_request(text))\n",
        # a public builder: the interface of the module
        BUILDER.replace("_request", "request")
        + "def a(prompt):\n    return client.completions.create(**request(prompt))\n",
        # a local of the builder whose spelling the call sees too: the rules would follow it
        "def _request(question):\n"
        f"    prompt = {PROMPT}\n"
        '    return {"model": "claude-2", "prompt": prompt, "max_tokens_to_sample": 9}\n\n\n'
        "def a(question, prompt):\n    return client.completions.create(**_request(question))\n",
        # a module name the caller shadows
        f"PROMPT = {PROMPT}\n\n\n"
        "def _request():\n"
        '    return {"model": "claude-2", "prompt": PROMPT, "max_tokens_to_sample": 9}\n\n\n'
        "def a(PROMPT):\n    return client.completions.create(**_request())\n",
        # a key the call gives too
        BUILDER
        + "def a(prompt):\n"
        + "    return client.completions.create(max_tokens_to_sample=5, **_request(prompt))\n",
        # decorated: the decorator decides what a call returns
        "import functools\n\n\n@functools.cache\n"
        + BUILDER
        + "def a(prompt):\n    return client.completions.create(**_request(prompt))\n",
    ],
)
def test_a_builder_the_tool_cannot_follow_whole_is_converted_at_run_time(body: str) -> None:
    out = migrate(body).new_source
    assert '"max_tokens_to_sample": 9}' in out  # the builder as it is written
    assert "**_legacy_request_to_messages(" in out


def test_a_builder_s_legacy_key_marks_a_call_on_a_client_the_tool_cannot_trace() -> None:
    result = migrate(
        BUILDER
        + "def a(anything, prompt):\n    return anything.completions.create(**_request(prompt))\n"
    )
    assert "anything.messages.create(**_request(prompt))" in result.new_source
    assert result.migrated_sites == 1


def test_a_dict_a_builder_fills_item_by_item_marks_a_call_the_tool_cannot_trace() -> None:
    result = migrate(
        "def _collect(options):\n"
        "    args = dict(options)\n"
        '    args["max_tokens_to_sample"] = args.pop("max_tokens")\n'
        "    return args\n\n\n"
        "def a(anything, options):\n"
        "    args = _collect(options)\n"
        f"    return anything.completions.create(prompt={PROMPT}, **args)\n"
    )
    assert "anything.messages.create(" in result.new_source
    assert "**_legacy_request_to_messages(args" in result.new_source
    assert not [f for f in result.findings if f.rule == "TCM020"]


def test_a_builder_without_a_legacy_key_is_not_anthropic_s() -> None:
    source = (
        "def _request(prompt):\n"
        '    return {"model": "gpt-3.5-turbo-instruct", "prompt": prompt, "max_tokens": 9}\n\n\n'
        "def a(anything, prompt):\n    return anything.completions.create(**_request(prompt))\n"
    )
    result = migrate_source(source, "example.py", Config(), registry.all_rules())
    assert not result.changed and not result.findings


def test_calls_that_make_the_same_of_one_builder_share_its_conversion() -> None:
    out = migrate(
        BUILDER
        + "def a(prompt):\n    return client.completions.create(**_request(prompt)).completion\n\n\n"
        + "def b(prompt):\n"
        + "    for event in client.completions.create(**_request(prompt), stream=True):\n"
        + "        print(event.completion)\n"
    ).new_source
    assert '**_legacy_request_to_messages(model="claude-2", prompt=prompt), "max_tokens": 9}' in out
    assert "client.messages.create(**_request(prompt))" in out
    assert "client.messages.create(stream=True, **_request(prompt))" in out


def test_a_builder_s_own_variable_the_call_cannot_see_stays_as_written() -> None:
    out = migrate(
        "def _request(question):\n"
        f"    prompt = {PROMPT}\n"
        '    return {"model": "claude-2", "prompt": prompt, "max_tokens_to_sample": limit()}\n\n\n'
        "def a(question):\n"
        "    return client.completions.create(**_request(question)).completion\n"
    ).new_source
    assert f"    prompt = {PROMPT}\n" in out
    assert '"max_tokens": limit(),\n' in out
    assert "client.messages.create(timeout=600, **_request(question))" in out


def test_a_key_that_reaches_the_runtime_converter_through_a_return_is_not_reported() -> None:
    body = (
        "def _request(question):\n"
        "    prompt = question()\n"
        '    return {"model": "claude-2", "prompt": prompt, "max_tokens_to_sample": 9}\n\n\n'
        "def a(question, prompt):\n    return client.completions.create(**_request(question))\n"
    )
    result = migrate(body)
    assert "**_legacy_request_to_messages(_request(question))" in result.new_source
    assert not [f for f in result.findings if f.rule == "TCM020"]


def test_a_builder_whose_body_is_only_printed_is_still_reported() -> None:
    result = migrate(
        "def _request():\n"
        '    return {"model": "claude-2", "prompt": "x", "max_tokens_to_sample": 9}\n\n\n'
        "print(_request())\n"
    )
    assert [f.rule for f in result.findings] == ["TCM020"]
