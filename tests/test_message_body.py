"""A legacy completion body served by a test double becomes the Message the API answers."""

from __future__ import annotations

import ast

import libcst as cst
import pytest

from migrator.core.config import Config
from migrator.doubles.message_body import NotAMessage, message_body


def _message(source: str, config: Config | None = None) -> dict[str, object]:
    body = cst.parse_expression(source)
    assert isinstance(body, cst.Dict)
    new = message_body(body, config or Config())(body)
    return ast.literal_eval(cst.Module([]).code_for_node(new))


def test_a_natural_end_is_an_end_turn_and_the_body_a_whole_message():
    message = _message(
        '{"completion": " Hi.", "stop_reason": "stop_sequence", "model": "claude-2"}'
    )
    assert message == {
        "id": "msg_test",
        "type": "message",
        "role": "assistant",
        "model": "claude-sonnet-5-5",
        "content": [{"type": "text", "text": " Hi."}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 0, "output_tokens": 0},
    }
    # The keys the fake API answers with, in its order.
    assert list(message) == [
        "id",
        "type",
        "role",
        "model",
        "content",
        "stop_reason",
        "stop_sequence",
        "usage",
    ]


@pytest.mark.parametrize(
    ("legacy", "reason", "sequence"),
    [
        ('"stop_reason": "stop_sequence", "stop": "</answer>"', "stop_sequence", "</answer>"),
        ('"stop_reason": "stop_sequence", "stop": "\\n\\nHuman:"', "end_turn", None),
        ('"stop_reason": "stop_sequence", "stop": None', "end_turn", None),
        ('"stop_reason": "max_tokens", "stop": None', "max_tokens", None),
        ('"stop_reason": None', None, None),
        ("", "end_turn", None),
    ],
)
def test_the_stop_reason_says_what_messages_says(legacy: str, reason: str, sequence: str | None):
    message = _message('{"completion": "x"' + (", " + legacy if legacy else "") + "}")
    assert (message["stop_reason"], message["stop_sequence"]) == (reason, sequence)


def test_the_model_is_the_one_the_migration_sends():
    config = Config(target_model="claude-opus-4-6", instant_model="claude-haiku-4-5")
    assert _message('{"completion": "x", "model": "claude-instant-1.2"}', config)["model"] == (
        "claude-haiku-4-5"
    )
    assert _message('{"completion": "x"}', config)["model"] == "claude-opus-4-6"
    assert _message('{"completion": "x", "model": "claude-haiku-4-5"}')["model"] == (
        "claude-haiku-4-5"
    )


def test_its_own_id_and_quotes_are_kept():
    body = cst.parse_expression("{'id': 'compl_1', 'completion': 'x'}")
    assert isinstance(body, cst.Dict)
    code = cst.Module([]).code_for_node(message_body(body, Config())(body))
    assert code.startswith("{'id': 'compl_1', 'type': 'message', ")


def test_a_body_one_key_a_line_keeps_its_layout():
    source = '{\n    "completion": " Hi.",\n    "stop_reason": "stop_sequence",\n}'
    body = cst.parse_expression(source)
    assert isinstance(body, cst.Dict)
    code = cst.Module([]).code_for_node(message_body(body, Config())(body))
    assert code.splitlines()[:3] == ["{", '    "id": "msg_test",', '    "type": "message",']
    assert code.endswith('    "usage": {"input_tokens": 0, "output_tokens": 0},\n}')


@pytest.mark.parametrize(
    ("source", "why"),
    [
        ('{"completion": "x", "log": 1}', "`log`, which is not a completion's field"),
        ('{"text": "x"}', "`text`"),
        ('{"completion": "x", "stop_reason": "stop"}', "`stop_reason`"),
        ('{"completion": "x", "stop_reason": "stop_sequence", "stop": END}', "`stop` is not"),
        ('{"completion": "x", "type": "error"}', "`type`"),
        ('{"completion": "x", **more}', "not a plain string"),
    ],
)
def test_what_cannot_be_told_from_the_literal_is_refused(source: str, why: str):
    body = cst.parse_expression(source)
    assert isinstance(body, cst.Dict)
    with pytest.raises(NotAMessage, match=why.replace("(", r"\(")):
        message_body(body, Config())
