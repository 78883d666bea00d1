"""TCM016 on Bedrock code that builds one body per vendor in a chain on the model id.

The Anthropic body and the reads of its answer move together only when the
tool can prove that the reads it rewrites see that body's answer and the reads
it leaves see another vendor's; the guard tests themselves are checked here too.
"""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from migrator.analysis.guards import Guard, Standing, guard_of, standing, steady
from migrator.analysis.names_walk import analyse
from migrator.core.config import Config
from migrator.core.findings import Safety
from migrator.engine import registry
from migrator.engine.migrate import migrate_source

RULES = list(registry.all_rules())

HEAD = """\
import json

import boto3

bedrock = boto3.client("bedrock-runtime")

"""
ANTHROPIC = (
    'json.dumps({"prompt": f"\\n\\nHuman: {text}\\n\\nAssistant:", "max_tokens_to_sample": 300})'
)
TITAN = 'json.dumps({"inputText": text})'


def _function(body: str) -> str:
    return HEAD + "def generate(model_id, text):\n" + textwrap.indent(textwrap.dedent(body), "    ")


def _migrate(source: str):  # type: ignore[no-untyped-def]
    return migrate_source(source, "app.py", Config(), RULES)


def _manual(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{f.rule} {f.message}" for f in result.findings if f.fix is Safety.MANUAL]


def _guard(test: str) -> Guard:
    found = guard_of(cst.parse_expression(test))
    assert found is not None
    return found


# --- guards -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "exclusive"),
    [
        ('m.startswith("amazon")', 'm.startswith("anthropic")', True),
        ('m.startswith("anthropic")', 'm.startswith("anthropic.claude")', False),
        ('m == "meta"', '"anthropic" == m', True),
        ('m == "anthropic"', 'm == "anthropic"', False),
        ('m == "amazon.titan"', 'm.startswith("anthropic")', True),
        ('m == "anthropic.claude-v2"', 'm.startswith("anthropic")', False),
        ('m == "amazon.titan"', '"claude" in m', True),
        ('"titan" in m', '"claude" in m', False),  # "titan-claude" passes both
        ('m.startswith("amazon")', '"claude" in m', False),
        ('self.model_id.startswith("amazon")', 'model_id.startswith("anthropic")', False),
    ],
)
def test_two_guards_exclude_one_another_only_when_no_string_passes_both(
    first: str, second: str, exclusive: bool
) -> None:
    assert _guard(first).excludes(_guard(second)) is exclusive
    assert _guard(second).excludes(_guard(first)) is exclusive


@pytest.mark.parametrize(
    "test",
    ["m.startswith(prefix)", "is_claude(m)", 'm.lower().startswith("a")', 'm != "a"', "m"],
)
def test_a_test_the_tool_cannot_read_is_no_guard(test: str) -> None:
    assert guard_of(cst.parse_expression(test)) is None


def test_a_node_stands_under_the_same_test_after_it_or_in_an_excluding_branch() -> None:
    source = textwrap.dedent(
        """\
        if m.startswith("anthropic"):
            a = 1
        elif m.startswith("meta"):
            b = 1
        if m.startswith("cohere"):
            c = 1
        if "x" in m:
            d = 1
        e = 1
        """
    )
    module = cst.parse_module(source)
    analysis = analyse(module)
    guard = _guard('m.startswith("anthropic")')
    where = {
        node.targets[0].target.value: standing(analysis, node, guard)  # type: ignore[attr-defined]
        for node in analysis.scope_of
        if isinstance(node, cst.Assign)
    }
    assert where == {
        "a": Standing.UNDER,
        "b": Standing.EXCLUDED,
        "c": Standing.EXCLUDED,
        "d": None,
        "e": None,
    }


@pytest.mark.parametrize(
    ("body", "is_steady"),
    [
        ("provider = m.split('.')[0]\nif provider == 'a':\n    pass\n", True),
        ("provider = 1\nprovider = 2\nif provider == 'a':\n    pass\n", False),
        ("if self.model_id == 'a':\n    pass\n", True),
        ("if self.model_id == 'a':\n    self.model_id = 'b'\n", False),
    ],
)
def test_a_subject_is_steady_when_nothing_in_the_function_rebinds_it(
    body: str, is_steady: bool
) -> None:
    source = "def f(self, m):\n" + textwrap.indent(body, "    ")
    module = cst.parse_module(source)
    analysis = analyse(module)
    test = next(node.test for node in analysis.scope_of if isinstance(node, cst.If))
    found = guard_of(test)
    assert found is not None
    assert steady(analysis, found, module.body[0]) is is_steady


# --- the rule ---------------------------------------------------------------------


def test_the_anthropic_branch_and_its_read_move_and_the_others_stay() -> None:
    source = _function(
        f"""\
        if model_id.startswith("anthropic"):
            body = {ANTHROPIC}
        else:
            body = {TITAN}
        response = bedrock.invoke_model(body=body, modelId=model_id)
        if model_id.startswith("anthropic"):
            return json.loads(response["body"].read())["completion"]
        else:
            return json.loads(response["body"].read())["results"][0]["outputText"]
        """
    )
    result = _migrate(source)
    assert _manual(result) == []
    assert '"anthropic_version": "bedrock-2023-05-31"' in result.new_source
    assert 'block["text"]' in result.new_source
    assert '["completion"]' not in result.new_source
    assert f"body = {TITAN}" in result.new_source
    assert 'return json.loads(response["body"].read())["results"][0]["outputText"]' in (
        result.new_source
    )
    assert any("inference profiles" in f.message for f in result.findings if f.fix is Safety.REVIEW)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (
            f"""\
            body = None
            if model_id.startswith("anthropic"):
                body = {ANTHROPIC}
            response = bedrock.invoke_model(body=body, modelId=model_id)
            if model_id.startswith("anthropic"):
                return json.loads(response["body"].read())["completion"]
            """,
            'the body `body` is also bound where `model_id.startswith("anthropic")` may hold',
        ),
        (
            f"""\
            if model_id.startswith("anthropic"):
                body = {ANTHROPIC}
            else:
                body = {TITAN}
            print(body)
            response = bedrock.invoke_model(body=body, modelId=model_id)
            if model_id.startswith("anthropic"):
                return json.loads(response["body"].read())["completion"]
            """,
            "the body `body` is passed to `print`",
        ),
        (
            f"""\
            if is_claude(model_id):
                body = {ANTHROPIC}
            else:
                body = {TITAN}
            response = bedrock.invoke_model(body=body, modelId=model_id)
            return json.loads(response["body"].read())["completion"]
            """,
            "the body `body` is built for Text Completions under `is_claude(model_id)`, which "
            "the tool cannot read as a test of one value against a string",
        ),
        (
            f"""\
            if model_id.startswith("anthropic"):
                body = {ANTHROPIC}
            else:
                body = {TITAN}
            response = bedrock.invoke_model(body=body, modelId=model_id)
            return json.loads(response["body"].read())["completion"]
            """,
            'the answer is read where `model_id.startswith("anthropic")` may not hold, so the '
            "tool cannot tell which vendor's answer it reads",
        ),
    ],
    ids=["bound-before", "body-used-elsewhere", "unread-test", "read-unguarded"],
)
def test_what_cannot_be_proven_stays_with_a_reason(body: str, reason: str) -> None:
    source = _function(body)
    result = _migrate(source)
    assert _manual(result) == [f"TCM016 {reason}"]
    assert "max_tokens_to_sample" in result.new_source
    assert "# migrator: manual [TCM016]" in result.new_source


def test_a_subject_set_in_the_function_blocks_the_site() -> None:
    source = HEAD + textwrap.dedent(
        f"""\
        class Provider:
            def generate(self, text):
                if self.model_id.startswith("anthropic"):
                    body = {ANTHROPIC}
                else:
                    body = {TITAN}
                    self.model_id = "amazon.titan-text-express-v1"
                response = bedrock.invoke_model(body=body, modelId=self.model_id)
                if self.model_id.startswith("anthropic"):
                    return json.loads(response["body"].read())["completion"]
        """
    )
    result = _migrate(source)
    assert _manual(result) == [
        "TCM016 `self.model_id` may change between the test "
        '`self.model_id.startswith("anthropic")` and the reading of the answer'
    ]
