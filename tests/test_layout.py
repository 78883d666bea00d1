"""Lines a migration wrote wider than the file's style are broken as black would."""

from __future__ import annotations

import ast

import pytest

from migrator.code import layout
from migrator.code.layout import shorten

JOIN = '"".join(block.text for block in response.content if block.type == "text")'
BEFORE = "x = 1\n"  # a file of short lines: its width is 100 columns


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        pytest.param(
            f"def f(response):\n    return {JOIN}, response.stop_reason == 'max_tokens'\n",
            f"def f(response):\n    return (\n        {JOIN},\n"
            "        response.stop_reason == 'max_tokens',\n    )\n",
            id="a returned tuple goes into brackets, one item a line",
        ),
        pytest.param(
            f"def f(response):\n    a, b, c = {JOIN}, response.stop_reason, response.model\n",
            f"def f(response):\n    a, b, c = (\n        {JOIN},\n        response.stop_reason,\n"
            "        response.model,\n    )\n",
            id="an assigned tuple too",
        ),
        pytest.param(
            "d = {\n" + " " * 20 + f'"the_text_of_it": {JOIN},\n' + "}\n",
            "d = {\n"
            + " " * 20
            + '"the_text_of_it": "".join(\n'
            + " " * 24
            + 'block.text for block in response.content if block.type == "text"\n'
            + " " * 20
            + "),\n}\n",
            id="an item breaks at its last brackets",
        ),
        pytest.param(
            "r = c.messages.create(\n    model=model, max_tokens=max_tokens, timeout=600,"
            " messages=[{'role': 'user', 'content': question}]\n)\n",
            "r = c.messages.create(\n    model=model,\n    max_tokens=max_tokens,\n    timeout=600,\n"
            "    messages=[{'role': 'user', 'content': question}],\n)\n",
            id="arguments that share a line go one a line",
        ),
        pytest.param(
            "m = [\n    {\n        'role': 'user',\n        'content': f\"Rate the sentiment of"
            " this product review as positive, negative or neutral.\\n<review>{review}</review>"
            '\\nPut the label in tags.",\n    }\n]\n',
            "m = [\n    {\n        'role': 'user',\n        'content': (\n"
            '            "Rate the sentiment of this product review as positive, negative or'
            ' neutral.\\n"\n'
            '            f"<review>{review}</review>\\n"\n'
            '            "Put the label in tags."\n        ),\n    }\n]\n',
            id="a long text splits after its line breaks, in brackets of its own",
        ),
        pytest.param(
            "r = c.messages.create(\n    stop_sequences=[sequence for sequence in list(config.stop)"
            ' + config.extra_stops + [END_TAG] if sequence != "\\n\\nHuman:"],\n)\n',
            "r = c.messages.create(\n    stop_sequences=[\n        sequence\n"
            "        for sequence in list(config.stop) + config.extra_stops + [END_TAG]\n"
            '        if sequence != "\\n\\nHuman:"\n    ],\n)\n',
            id="a comprehension goes one clause a line",
        ),
        pytest.param(
            "r = c.messages.create(\n    **_legacy_request_to_messages(\n"
            '        prompt="%s Summarise in %d words (%.1f%%): %s%s" % (HUMAN, words, 12.5, text, AI, last, end),\n'
            "    ),\n)\n",
            "r = c.messages.create(\n    **_legacy_request_to_messages(\n"
            '        prompt="%s Summarise in %d words (%.1f%%): %s%s"\n'
            "        % (HUMAN, words, 12.5, text, AI, last, end),\n    ),\n)\n",
            id="an argument splits before its operator",
        ),
        pytest.param(
            f"def f(response, other):\n    return {JOIN} + ' / ' + {JOIN.replace('response', 'other')}\n",
            f"def f(response, other):\n    return (\n        {JOIN}\n        + ' / '\n"
            f"        + {JOIN.replace('response', 'other')}\n    )\n",
            id="a sum goes into brackets, split before its operators",
        ),
        pytest.param(
            f"text = {JOIN}.strip().lower().removeprefix('A')\n",
            'text = "".join(\n    block.text for block in response.content if block.type == "text"\n'
            ").strip().lower().removeprefix('A')\n",
            id="the last brackets that hold something, methods after them",
        ),
        pytest.param(
            "r = c.messages.create(\n    **_legacy_request_to_messages(model='claude-2', prompt='%s Summarise"
            " in %d words (%.1f%%): %s%s' % (HUMAN, words, 12.5, text, AI, last, end)),\n)\n",
            "r = c.messages.create(\n    **_legacy_request_to_messages(\n        model='claude-2',\n"
            "        prompt='%s Summarise in %d words (%.1f%%): %s%s'\n"
            "        % (HUMAN, words, 12.5, text, AI, last, end),\n    ),\n)\n",
            id="a break inside a break",
        ),
        pytest.param(
            "r = adapt(\n    c.messages.create(\n        model=model,\n        **_legacy_request_to_messages"
            "(self.model_settings, prompt=f'{HUMAN_PROMPT} {prompt} {AI_PROMPT}'))\n)\n",
            "r = adapt(\n    c.messages.create(\n        model=model,\n"
            "        **_legacy_request_to_messages(\n"
            "            self.model_settings, prompt=f'{HUMAN_PROMPT} {prompt} {AI_PROMPT}'\n        ))\n)\n",
            id="brackets opened above close after the break",
        ),
    ],
)
def test_broken_as_black_would(after: str, expected: str) -> None:
    assert shorten(BEFORE, after) == expected
    assert ast.dump(ast.parse(expected)) == ast.dump(ast.parse(after))
    assert shorten(BEFORE, expected) == expected  # a second run leaves it


@pytest.mark.parametrize(
    "after",
    [
        pytest.param(
            f"text = {JOIN}  # the answer, read from the content blocks\n", id="a comment"
        ),
        pytest.param(f"value = table[{JOIN}, response.stop_reason]\n", id="an index"),
        pytest.param(
            f"def f(response):\n    got = yield {JOIN}, response.stop_reason, response.model\n",
            id="a tuple a yield takes: brackets would read as its first item",
        ),
        pytest.param(f'text = """{JOIN}\n{JOIN}"""\n', id="a string over lines"),
        pytest.param(f"a = {JOIN}; b = {JOIN}\n", id="statements that share a line"),
        pytest.param(
            f"pieces = [\n    piece\n    for piece in {JOIN.replace('block', 'b')}, {JOIN}\n]\n",
            id="a generator's clause",
        ),
    ],
)
def test_left_as_written(after: str) -> None:
    assert shorten(BEFORE, after) == after


def test_a_line_the_original_holds_is_its_style() -> None:
    kept = f"def f(response):\n    return {JOIN}, response.stop_reason\n"
    longer = JOIN.replace("response", "the_response")
    written = f"def g(the_response):\n    return {longer}, the_response.stop_reason\n"
    broken = (
        f"def g(the_response):\n    return (\n        {longer},\n"
        "        the_response.stop_reason,\n    )\n"
    )
    assert shorten(kept, kept + written) == kept + broken


def test_a_file_of_long_lines_keeps_its_width() -> None:
    wide = "# " + "-" * 140 + "\n"
    after = wide + f"def f(response):\n    return {JOIN}, response.stop_reason\n"
    assert shorten(wide, after) == after  # 104 columns, within the file's own 142


def test_line_endings_and_indentation_unit_are_kept() -> None:
    after = f"def f(response):\r\n\treturn {JOIN}, response.stop_reason, response.model\r\n"
    assert shorten(BEFORE, after, "\t") == (
        f"def f(response):\r\n\treturn (\r\n\t\t{JOIN},\r\n\t\tresponse.stop_reason,\r\n"
        "\t\tresponse.model,\r\n\t)\r\n"
    )


def test_a_break_that_would_change_the_code_is_left_out_alone(monkeypatch):
    """All breaks are proven with one parse; when that fails, each is tried on its own,
    and only those that keep the module's `ast` are written."""
    first = f"def f(response):\n    return {JOIN}, response.stop_reason\n"
    second = f"def g(response):\n    return {JOIN}, response.stop_sequence\n"
    real = layout._broken

    def broken(index, lines, rows, style):
        if "stop_reason" in lines[index]:
            return ["    return None"]  # a "break" that is other code
        return real(index, lines, rows, style)

    monkeypatch.setattr(layout, "_broken", broken)
    assert shorten(BEFORE, first + second) == first + (
        f"def g(response):\n    return (\n        {JOIN},\n        response.stop_sequence,\n    )\n"
    )
