"""A response handed to code the tool does not follow: which other uses the legacy-shaped
adapter answers (the request is wrapped in it, a review) and which keep the call manual."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from migrator.contract.result import FileResult
from migrator.core.config import Config
from migrator.core.findings import Safety
from migrator.engine import registry
from migrator.engine.migrate import migrate_source
from migrator.runtime import helpers as runtime

OBJECT = """\
import json

import anthropic
from reports import store

client = anthropic.Anthropic()
reply = client.completions.create(model="claude-2", max_tokens_to_sample=9, prompt=PROMPT)
{use}
"""

DICT = """\
import json

import anthropic
from reports import store

client = anthropic.Client("key")
reply = client.completion(model="claude-v1", max_tokens_to_sample=9, prompt=PROMPT)
{use}
"""


def _migrate(template: str, use: str) -> FileResult:
    prompt = 'PROMPT = "\\n\\nHuman: Hi\\n\\nAssistant:"\n'
    return migrate_source(
        prompt + template.format(use=use), "example.py", Config(), registry.all_rules()
    )


def _adapted(result: FileResult, adapter: str) -> bool:
    return f"reply = {adapter}(" in result.new_source and result.manual_sites == 0


@pytest.mark.parametrize(
    "use",
    [
        "store(reply)\nprint(reply.completion, reply.stop_reason, reply.stop)",
        "store(reply)\nprint(reply.model, reply.id, reply.type)",
        "store([reply])",
        "store(data={'answer': reply})",
        "results = []\nresults.append(reply)",
        "pair = (reply.completion, reply)",
    ],
)
def test_object_uses_the_adapter_answers(use: str) -> None:
    result = _migrate(OBJECT, use)
    assert _adapted(result, "_legacy_completion"), result.new_source
    review = [f for f in result.findings if f.rule == "TCM009" and f.fix is Safety.REVIEW]
    assert any("`_legacy_completion(...)`" in f.message for f in review)


@pytest.mark.parametrize(
    ("use", "reason"),
    [
        ("store(reply)\nprint(reply.usage)", "`.usage` is read"),
        ('store(reply)\nprint(reply.model_dump()["completion"])', "dumped to a dict"),
        ("store(reply)\nisinstance(reply, dict)", "type-checked"),
        ("store(reply)\nprint(reply)", "passed to `print` whole"),
        ("store(str(reply))", "passed to another call"),
        ("store(json.dumps(reply))", "passed to another call"),
        ("logger.info([reply])", "stored in a container"),
        ("store({reply})", "stored in a container"),
    ],
)
def test_object_uses_the_adapter_does_not_answer(use: str, reason: str) -> None:
    _left_for_a_person(_migrate(OBJECT, use), "_legacy_completion", reason)


@pytest.mark.parametrize(
    "use",
    [
        'store(reply)\nprint(reply["completion"], reply["stop_reason"], reply["stop"])',
        'store(reply)\nprint(reply.get("model"), reply["log_id"])',
        "history = [reply]",
    ],
)
def test_dict_uses_the_adapter_answers(use: str) -> None:
    assert _adapted(_migrate(DICT, use), "_legacy_completion_dict")


@pytest.mark.parametrize(
    ("use", "reason"),
    [
        ('store(reply)\nprint(reply["truncated"])', '`["truncated"]` is read'),
        ("store(reply)\nprint(json.dumps(reply))", "passed to another call"),
        ("store(reply)\nprint(list(reply.keys()))", "used in a way the tool does not follow"),
    ],
)
def test_dict_uses_the_adapter_does_not_answer(use: str, reason: str) -> None:
    _left_for_a_person(_migrate(DICT, use), "_legacy_completion_dict", reason)


def _left_for_a_person(result, adapter: str, reason: str) -> None:
    """The call is left as it was, not wrapped in ``adapter``, with ``reason`` said."""
    assert result.manual_sites == 1 and f"reply = {adapter}(" not in result.new_source
    manual = [f.message for f in result.findings if f.fix is Safety.MANUAL]
    assert any(reason in message for message in manual), manual


def test_untraced_read_beside_a_handed_on_response_names_the_adapter() -> None:
    """Code the response is handed to reads the legacy shape: `.content` would be wrong."""
    result = _migrate(OBJECT, "store(reply)\n\n\ndef show(answer):\n    return answer.completion")
    untraced = [f.message for f in result.findings if "cannot trace" in f.message]
    assert len(untraced) == 1 and "`_legacy_completion(...)`" in untraced[0]


@pytest.mark.parametrize("dict_shaped", [False, True], ids=["object", "dict"])
def test_what_the_adapter_answers_is_what_its_source_gives(dict_shaped: bool) -> None:
    """The rule's list of the uses an adapter answers is what the adapter written into the
    code gives: its attributes, or its dict's keys."""
    name, source = runtime.adapter_helper(dict_shaped)
    space: dict[str, object] = {}
    exec(source, space)  # noqa: S102 - the helper the tool writes, run as written
    block = SimpleNamespace(type="text", text="Hi")
    message = SimpleNamespace(
        id="msg_1", content=[block], stop_reason="end_turn", stop_sequence=None, model="m"
    )
    legacy = space[name](message)  # type: ignore[operator]
    given = set(legacy) if dict_shaped else set(vars(legacy))
    assert given == (runtime.ADAPTED_KEYS if dict_shaped else runtime.ADAPTED_ATTRIBUTES)
