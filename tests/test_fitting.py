"""Rewritten statements that outgrow the file's width, and calls whose bracket moved.

The layouts expected here are what ``ruff format`` writes for the same statement at
the same width; statements the tool must not re-lay are checked to stay as they are.
"""

from __future__ import annotations

import libcst as cst
import pytest

from migrator.code.fitting import fitted, realigned

READ = '"".join(block.text for block in reply.content if block.type == "text")'


def fit(statement: str, width: int) -> str:
    updated = cst.parse_statement(statement + "\n")
    assert isinstance(updated, cst.SimpleStatementLine)
    return cst.Module([fitted(updated, 0, "    ", width)]).code


@pytest.mark.parametrize(
    ("statement", "width", "expected"),
    [
        # The trailer stays after the closing bracket.
        (
            f"answer = {READ}.strip()",
            80,
            'answer = "".join(\n'
            '    block.text for block in reply.content if block.type == "text"\n'
            ").strip()\n",
        ),
        # A sole generator that does not fit its own line breaks before `for` and `if`.
        (
            f"long_answer_name = {READ.replace('reply.content', 'json.loads(body)[0]')}",
            60,
            'long_answer_name = "".join(\n'
            "    block.text\n"
            "    for block in json.loads(body)[0]\n"
            '    if block.type == "text"\n'
            ")\n",
        ),
        # A dict that does not fit goes one key a line, its closing brace back in.
        (
            'body = json.dumps({**_legacy(prompt), "max_tokens": 500, "top_p": 0.9})',
            50,
            "body = json.dumps(\n"
            "    {\n"
            "        **_legacy(prompt),\n"
            '        "max_tokens": 500,\n'
            '        "top_p": 0.9,\n'
            "    }\n"
            ")\n",
        ),
        # An unbracketed tuple of values gets brackets, one value a line.
        (
            f"first, stop = {READ}, reply.stop_reason",
            84,
            f"first, stop = (\n    {READ},\n    reply.stop_reason,\n)\n",
        ),
        # One operator: split in the brackets of the last operand.
        (
            f'return "{{" + {READ}',
            72,
            'return "{" + "".join(\n'
            '    block.text for block in reply.content if block.type == "text"\n'
            ")\n",
        ),
        # A chain that reads two attributes of calls is bracketed whole.
        (
            f"answer_text = {READ}.strip().upper()",
            95,
            f"answer_text = (\n    {READ}.strip().upper()\n)\n",
        ),
    ],
)
def test_a_statement_too_long_is_broken_as_ruff_format_breaks_it(
    statement: str, width: int, expected: str
) -> None:
    assert fit(statement, width) == expected


@pytest.mark.parametrize(
    ("statement", "width"),
    [
        (f"answer = {READ}  # the text", 40),  # a comment at its end would have nowhere to go
        (f"answer = {READ}", 200),  # fits
    ],
)
def test_a_statement_that_fits_or_ends_in_a_comment_stays(statement: str, width: int) -> None:
    assert fit(statement, width) == statement + "\n"


def test_a_statement_written_over_lines_keeps_its_layout() -> None:
    statement = f"answer = f(\n    {READ})"
    assert fit(statement, width=40) == statement + "\n"


def realign(source: str, old_func: str) -> str:
    module = cst.parse_module(source)
    statement = module.body[0]
    assert isinstance(statement, cst.SimpleStatementLine)
    assign = statement.body[0]
    assert isinstance(assign, cst.Assign) and isinstance(assign.value, cst.Call)
    old = cst.parse_expression(old_func)
    column = len("response = ")
    moved = realigned(assign.value, old, "", column)
    return module.with_changes(body=[statement.deep_replace(assign.value, moved)]).code


def test_lines_aligned_with_the_bracket_follow_it_when_the_name_shrinks() -> None:
    source = (
        "response = client.messages.create(a=1,\n"
        "                                     # a comment\n"
        "                                     b={'k': 1,\n"
        "                                        },\n"
        "    c=2)\n"
    )
    assert realign(source, "client.completions.create") == (
        "response = client.messages.create(a=1,\n"
        "                                  # a comment\n"
        "                                  b={'k': 1,\n"
        "                                     },\n"
        "    c=2)\n"
    )


def test_lines_aligned_with_the_bracket_follow_it_when_the_name_grows() -> None:
    source = "response = client.messages.create(a=1,\n                             b=2)\n"
    assert realign(source, "client.completion") == (
        "response = client.messages.create(a=1,\n                                  b=2)\n"
    )
