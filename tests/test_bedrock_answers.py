"""The answer of Bedrock's ``invoke_model`` read for ``completion`` is legacy evidence.

A module that sends a Text Completions body it imports from elsewhere holds no
other sign of it: the read must be reported (rule TCM020), unless the module
shows the answer is another vendor's. Each negative case has a twin that differs
only where it names Claude, and is reported, so that no test passes for nothing.
"""

from __future__ import annotations

import ast
import textwrap

import pytest

from migrator.analysis.bedrock_answers import answer_reads, may_read_answers
from migrator.analysis.evidence import scan_tree
from migrator.code.trees import python_tree
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


def _reads(body: str) -> list[str]:
    """Each read found in a module ``HEAD + body``, as written."""
    tree = ast.parse(HEAD + textwrap.dedent(body))
    return [ast.unparse(read.node) for read in answer_reads(tree)]


SENDER = """\
from config import GENERATION_CONFIG


def _create_body(prompt):
    parameter = GENERATION_CONFIG
    parameter["prompt"] = prompt
    return json.dumps(parameter)


def _extract(response):
    output = json.loads(response.get("body").read())
    return output["completion"]


def invoke(prompt):
    response = bedrock.invoke_model(body=_create_body(prompt), modelId=MODEL)
    return _extract(response)
"""


def test_a_sender_whose_body_is_imported_is_reported_at_its_read():
    source = HEAD + SENDER
    assert may_read_answers(source.encode())
    result = migrate_source(source, "bedrock.py", Config(), RULES)
    assert result.new_source != source  # the comment over the read
    [finding] = result.findings
    assert (finding.rule, finding.fix, finding.line) == ("TCM020", Safety.MANUAL, 18)
    assert finding.message.startswith(
        '`["completion"]` is read from the answer of `invoke_model`: the text of Bedrock\'s '
        "Claude Text Completions answer"
    )
    assert '`["content"][0]["text"]`' in finding.message


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # inline, and through one name
            """\
            r = bedrock.invoke_model(body=b, modelId=m)
            print(json.loads(r["body"].read())["completion"])
            text = json.loads(r.get("body").read().decode("utf-8"))
            print(text.get("completion", ""))
            """,
            ["json.loads(r['body'].read())['completion']", "text.get('completion', '')"],
        ),
        (  # a stream, its chunks parsed in the loop
            """\
            r = bedrock.invoke_model_with_response_stream(body=b, modelId=m)
            for event in r["body"]:
                chunk = event.get("chunk")
                print(json.loads(chunk["bytes"])["completion"])
            """,
            ["json.loads(chunk['bytes'])['completion']"],
        ),
        (  # the chunks' bytes yielded by a generator of the module, on ``self``
            """\
            class Chat:
                def _chunks(self, stream):
                    for event in stream:
                        yield event["chunk"]["bytes"]

                def ask(self):
                    r = self.client.invoke_model_with_response_stream(body=b, modelId=m)
                    for raw in self._chunks(r.get("body")):
                        yield json.loads(raw)["completion"]
            """,
            ["json.loads(raw)['completion']"],
        ),
        (  # a method's answer returned to its caller
            """\
            async def send(client):
                return await client.invoke_model(body=b, modelId=m)


            async def ask(client):
                answer = await send(client)
                return json.loads(answer["body"].read())["completion"]
            """,
            ["json.loads(answer['body'].read())['completion']"],
        ),
    ],
)
def test_the_answer_is_followed_the_way_code_reads_it(body: str, expected: list[str]):
    assert _reads(body) == expected


CLAUDE_ID = "anthropic.claude-v2"


@pytest.mark.parametrize(
    "body",
    [
        # a model id the module spells, inline, in a constant, returned by a function
        """\
        r = bedrock.invoke_model(body=b, modelId="{model}")
        print(json.loads(r["body"].read())["completion"])
        """,
        """\
        MODEL = "{model}"
        r = bedrock.invoke_model(body=b, modelId=MODEL)
        print(json.loads(r["body"].read())["completion"])
        """,
        """\
        def model_id(name):
            if name == "fast":
                return "cohere.command-light-text-v14"
            return "{model}"


        def ask(b, name):
            r = bedrock.invoke_model(body=b, modelId=model_id(name))
            return json.loads(r["body"].read()).get("completion")
        """,
        """\
        r = bedrock.invoke_model_with_response_stream(body=b, modelId="{model}")
        for event in r["body"]:
            print(json.loads(event["chunk"]["bytes"])["completion"])
        """,
    ],
)
def test_another_vendors_model_id_is_silent_and_claudes_is_reported(body: str):
    other = textwrap.dedent(body).replace("{model}", "ai21.j2-ultra-v1")
    claude = textwrap.dedent(body).replace("{model}", CLAUDE_ID)
    assert _reads(other) == []
    assert len(_reads(claude)) == 1


@pytest.mark.parametrize(
    ("body", "legacy_body"),
    [
        (
            'json.dumps({"inputText": text})',
            'json.dumps({"prompt": text, "max_tokens_to_sample": 9})',
        ),
        ('json.dumps({"prompt": text}).encode()', 'json.dumps({"prompt": text, **extra}).encode()'),
    ],
)
def test_a_body_no_claude_request_lacks_is_another_vendors(body: str, legacy_body: str):
    """``json.dumps`` of a dict literal without ``max_tokens_to_sample`` (or ``**``):
    whatever the model id, the answer is not Claude's Text Completions answer."""
    read = """\
    def ask(text, model_id):
        payload = {body}
        r = bedrock.invoke_model(body=payload, modelId=model_id)
        return json.loads(r["body"].read())["completion"]
    """
    assert _reads(read.replace("{body}", body)) == []
    assert len(_reads(read.replace("{body}", legacy_body))) == 1


def test_a_read_of_something_else_is_not_the_answers():
    """OpenAI's answer, a read of another key, a dict parsed from a file: not evidence."""
    body = """\
    import openai

    r = openai.Completion.create(model="gpt-3.5-turbo-instruct", prompt=p)
    print(r["choices"][0]["text"], json.loads(r.to_json())["completion"])
    answer = bedrock.invoke_model(body=b, modelId=m)
    print(json.loads(answer["body"].read())["generation"])
    print(json.loads(open("saved.json").read())["completion"])
    """
    assert _reads(body) == []


def test_the_answer_of_a_request_left_for_a_person_is_reported_with_it():
    """TCM016 leaves a body it cannot read with a finding on the call: the read of its
    answer goes with that call, reported once, not a second time by the net."""
    source = HEAD + textwrap.dedent(
        """\
        def ask(body):
            response = bedrock.invoke_model(body=json.dumps(body), modelId="anthropic.claude-v2")
            return json.loads(response["body"].read())["completion"]
        """
    )
    tree = python_tree(source)
    assert [item.what for item in scan_tree(tree)] == [
        "`anthropic.claude-v2` is sent to `invoke_model`",
        '`["completion"]` is read from the answer of `invoke_model`',
    ]
    result = migrate_source(source, "bedrock.py", Config(), RULES)
    assert [finding.rule for finding in result.findings] == ["TCM016"]


def test_code_that_reads_either_format_is_not_reported():
    """``if "completion" in body:`` before the read, beside a read of ``content``: the code
    already takes a Messages answer (langchain-aws's adapter); the same read unguarded is
    reported."""
    guarded = """\
    def text(response):
        body = json.loads(response.get("body").read())
        if "completion" in body:
            return body.get("completion")
        return body["content"][0]["text"]


    text(bedrock.invoke_model(body=b, modelId=m))
    """
    assert _reads(guarded) == []
    unguarded = guarded.replace('if "completion" in body:', "if body:")
    assert _reads(unguarded) == ["body.get('completion')"]


def test_a_name_reused_for_two_calls_answers_each_read_with_the_nearest():
    """``response`` bound to a call TCM016 leaves for a person, then to another: the read
    between them is the first call's answer only, reported with that call's finding."""
    source = HEAD + textwrap.dedent(
        """\
        def ask(body, other, model_id):
            response = bedrock.invoke_model(body=json.dumps(body), modelId="anthropic.claude-v2")
            answer = response["body"].read()
            answer = json.loads(answer)["completion"]
            response = bedrock.invoke_model(body=other, modelId=model_id)
            return answer, json.loads(response["body"].read())["generation"]
        """
    )
    [read] = answer_reads(python_tree(source))
    assert [statement.lineno for statement in read.sent_by] == [8]
    result = migrate_source(source, "bedrock.py", Config(), RULES)
    assert [finding.rule for finding in result.findings] == ["TCM016"]


def test_an_answer_read_through_expressions_as_deep_as_the_parser_allows():
    """The trace follows expressions recursively; the scan gives it room to."""
    deep = 'json.loads(r["body"].read())' + '["a"]' * 2000
    source = HEAD + (
        f"r = bedrock.invoke_model(body=b, modelId=m)\nx = {deep}\n"
        'print(json.loads(r["body"].read())["completion"])\n'
    )
    assert [item.what for item in scan_tree(python_tree(source))] == [
        '`["completion"]` is read from the answer of `invoke_model`'
    ]
