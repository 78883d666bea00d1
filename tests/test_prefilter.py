"""The prefilter never rejects a file the rules would act on, and rejects the SDK's own code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from migrator.analysis.gate import needs_rules
from migrator.analysis.prefilter import may_contain_legacy
from migrator.core.config import Config
from migrator.engine import migrate as engine
from migrator.engine.registry import all_rules

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "fixtures").glob("*/*.py")) + sorted((ROOT / "examples").glob("*.py"))

SNIPPETS = {
    "current_sdk_counting": (
        "import anthropic\n\nclient = anthropic.Anthropic()\n"
        "n = client.messages.count_tokens(model='m', messages=[]).input_tokens\n"
    ),
    "client_held_by_messages": (
        "import anthropic\n\nmessages = anthropic.Anthropic()\nprint(messages.count_tokens('x'))\n"
    ),
    "client_on_self_messages": (
        "import anthropic\n\n\nclass A:\n    def __init__(self):\n"
        "        self.messages = anthropic.Anthropic()\n\n"
        "    def n(self, text):\n        return self.messages.count_tokens(text)\n"
    ),
    "longer_identifiers": (
        "from anthropic.types import message_count_tokens_params\n\n"
        "def count_tokens_params():\n    return message_count_tokens_params\n"
    ),
    "old_tokenizer": "import anthropic\n\nprint(anthropic.Anthropic().count_tokens('x'))\n",
    "module_function": "from anthropic import count_tokens\n\nprint(count_tokens('x'))\n",
    "sdk_method_and_route": (
        "import anthropic\n\n\nclass Messages:\n    def count_tokens(self, **body):\n"
        "        return self._post('/v1/messages/count_tokens', body)\n"
    ),
    "longer_receiver": (
        "import anthropic\n\nclient = anthropic.Anthropic()\n"
        "raw = client.messages.with_raw_response.count_tokens(model='m', messages=[])\n"
    ),
    "dotted_name_in_a_string": (
        "import anthropic\n\nSPAN = {'tokens': \"anthropic.message.count_tokens.input_tokens\"}\n"
        "KEY = 'client.count_tokens'\n"
    ),
    "string_then_call": (
        "import anthropic\n\nclient = anthropic.Anthropic()\nprint('n:', client.count_tokens('x'))\n"
    ),
    "call_receiver": "import anthropic\n\nprint(anthropic.Anthropic().count_tokens('x'))\n",
    "parenthesized_import": (
        "from anthropic import (\n    Anthropic,\n    count_tokens,\n)\n\nprint(count_tokens('x'))\n"
    ),
    "client_on_self": (
        "import anthropic\n\n\nclass A:\n    def __init__(self):\n"
        "        self.client = anthropic.Anthropic()\n\n"
        "    def n(self, text):\n        return self.client.count_tokens(text)\n"
    ),
    "tokenizer_on_the_next_line": (
        "import anthropic\n\nclient = anthropic.Anthropic()\nprint(client.\\\n    count_tokens('x'))\n"
    ),
}


def _acted_on(text: str, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Whether the rules report or change anything, with the prefilter out of the way."""
    monkeypatch.setattr(engine, "may_contain_legacy", lambda _data: True)
    result = engine.migrate_source(text, "case.py", Config(), all_rules())
    return bool(result.findings) or result.changed


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_file_the_rules_act_on_is_rejected(path: Path, monkeypatch: pytest.MonkeyPatch):
    data = path.read_bytes()
    if not may_contain_legacy(data):
        assert not _acted_on(data.decode("utf-8"), monkeypatch)


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_snippets_agree_with_the_rules(name: str, monkeypatch: pytest.MonkeyPatch):
    text = SNIPPETS[name]
    assert may_contain_legacy(text.encode()) or not _acted_on(text, monkeypatch)


def test_every_legacy_example_passes():
    before = [path for path in SOURCES if path.name.endswith(".before.py")]
    assert before and all(may_contain_legacy(path.read_bytes()) for path in before)


@pytest.mark.parametrize(
    ("name", "passes"),
    [
        ("current_sdk_counting", False),
        ("client_held_by_messages", False),
        ("client_on_self_messages", False),
        ("longer_identifiers", False),
        ("sdk_method_and_route", False),
        ("longer_receiver", False),
        ("dotted_name_in_a_string", False),
        ("string_then_call", True),
        ("old_tokenizer", True),
        ("call_receiver", True),
        ("parenthesized_import", True),
        ("client_on_self", True),
        ("module_function", True),
        ("tokenizer_on_the_next_line", True),
    ],
)
def test_the_current_sdks_token_counting_is_not_legacy(name: str, passes: bool):
    assert may_contain_legacy(SNIPPETS[name].encode()) is passes


def test_decided_from_bytes_that_are_not_utf8():
    legacy = b"# -*- coding: latin-1 -*-\n# caf\xe9\nimport anthropic\nc.completions.create()\n"
    assert may_contain_legacy(legacy)
    assert not may_contain_legacy(b"# caf\xe9\nimport os\nprint(os.sep)\n")


def test_the_order_of_the_scans_changes_no_verdict():
    """Every combination of the tokens, against the rule written out in full."""
    import itertools

    tokens = (
        b"anthropic",
        b"completions",
        b"max_tokens_to_sample",
        b"/v1/complete",
        b"HUMAN_PROMPT",
        b"AI_PROMPT",
        b"Completion",
        b"client.count_tokens",
        b"completion_stream",
        b"# migrator: ignore",
    )
    for chosen in itertools.product((False, True), repeat=len(tokens)):
        present = dict(zip(tokens, chosen, strict=True))
        data = b"\n".join(token for token in tokens if present[token])
        anthropic, completions, keyword, endpoint, human, ai, completion, tokenizer = chosen[:8]
        stream, directive = chosen[8:]
        expected = (
            (completions and (anthropic or keyword))
            or endpoint
            or keyword
            or human
            or ai
            or (anthropic and (completion or tokenizer))
            or (stream and not anthropic)
            or directive
        )
        assert may_contain_legacy(data) is expected, present


# --- the second tier, on CPython's ast (migrator.analysis.gate) ---------------------------------------

GATED = {
    "router": (
        "import anthropic\nimport openai\n\nclaude = anthropic.Anthropic()\n"
        "gpt = openai.OpenAI()\n\n\ndef ask(p):\n"
        "    old = gpt.completions.create(model='gpt-3.5-turbo-instruct', prompt=p)\n"
        "    chat = openai.chat.completions.create(model='gpt-4o', messages=[])\n"
        "    return claude.messages.create(model='claude-sonnet-4-6', max_tokens=9, messages=[])\n"
    ),
    "words_in_strings_and_comments": (
        '"""Completions for anthropic users."""\n# anthropic completions\n'
        "HELP = 'anthropic: completions, Completion'\n"
    ),
    "litellm": (
        "import litellm\n\nr = litellm.completion(model='anthropic/claude-haiku-4-5', messages=[])\n"
    ),
    "client_built_here": (
        "import anthropic\n\nclient = anthropic.Anthropic()\n"
        "r = client.completions.create(model='claude-2', prompt=p, max_tokens=5)\n"
    ),
    "client_splat": (
        "from anthropic import Anthropic\n\nc = Anthropic()\nr = c.completions.create(**params)\n"
    ),
    "rebound_to_anthropic": (
        "import anthropic\nimport openai\n\nc = openai.OpenAI()\nc = anthropic.Anthropic()\n"
        "r = c.completions.create(**params)\n"
    ),
    "patch_target": (
        "from unittest import mock\n\n"
        "@mock.patch('anthropic.resources.completions.Completions.create')\ndef test(m):\n    pass\n"
    ),
    "removed_type": "from anthropic.types import Completion\n\nx: Completion | None = None\n",
    "pre03_method": (
        "import anthropic\n\nc = anthropic.Client(api_key=k)\nr = c.completion(prompt=p)\n"
    ),
    "directive": "import anthropic\n# migrator: ignore[TCM001]\nx = 1\n",
    "does_not_parse": "import anthropic\ndef (:\n    client.completions.create(\n",
}


@pytest.mark.parametrize(
    ("name", "passes"),
    [
        ("router", False),
        ("words_in_strings_and_comments", False),
        ("litellm", False),
        ("client_built_here", True),
        ("client_splat", True),
        ("rebound_to_anthropic", True),
        ("patch_target", True),
        ("removed_type", True),
        ("pre03_method", True),
        ("directive", True),
        ("does_not_parse", True),
    ],
)
def test_the_ast_tier_rejects_other_vendors_and_keeps_what_may_be_legacy(name: str, passes: bool):
    assert needs_rules(GATED[name].encode()) is passes


@pytest.mark.parametrize("name", sorted(GATED))
def test_the_ast_tier_agrees_with_the_rules(name: str, monkeypatch: pytest.MonkeyPatch):
    text = GATED[name]
    assert needs_rules(text.encode()) or not _acted_on(text, monkeypatch)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_ast_tier_rejects_no_file_the_rules_act_on(path: Path, monkeypatch: pytest.MonkeyPatch):
    data = path.read_bytes()
    if not needs_rules(data):
        assert not _acted_on(data.decode("utf-8-sig"), monkeypatch)


def test_the_ast_tier_keeps_every_legacy_example():
    before = [path for path in SOURCES if path.name.endswith(".before.py")]
    assert all(needs_rules(path.read_bytes()) for path in before)


def test_the_benchmarks_llm_tree_passes_neither_tier_or_only_the_first(tmp_path: Path):
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import llm_tree
    finally:
        sys.path.remove(str(ROOT / "bench"))
    written = llm_tree.write(tmp_path)
    passing_bytes = [path for path in written if may_contain_legacy(path.read_bytes())]
    assert passing_bytes  # the tree is there to test the second tier
    assert not [path for path in passing_bytes if needs_rules(path.read_bytes())]


@pytest.mark.parametrize(
    "header",
    ["import anthropic\n", "import anthropic as ant\n", "from anthropic import Anthropic\n"],
)
def test_a_double_on_completions_in_a_module_that_imports_anthropic_is_evidence(header: str):
    """However the module imports the SDK, a double on ``completions.create`` is its: the
    import alone says so, with no completion's field in sight."""
    from migrator.analysis.evidence import scan_tree
    from migrator.code.trees import python_tree

    source = header + (
        "from unittest import mock\n\n\ndef test_it():\n"
        '    with mock.patch.object(svc.client.completions, "create"):\n        pass\n'
    )
    found = scan_tree(python_tree(source))
    assert [item.what for item in found] == [
        "a test double replaces `svc.client.completions.create`"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "import os\n\nimport anthropic\n\nclient = anthropic.Client(os.environ['KEY'])\n",
        "from anthropic import Client as C\n\nlibrary.use(C(key))\n",
        "import anthropic as ant\n\n\nclass A:\n    def __init__(self, key):\n"
        "        self.client = ant.Anthropic(key)\n",
    ],
)
def test_a_client_given_its_key_by_position_alone_reaches_the_rules(text: str):
    """The pre-0.3 ``Client(key)`` may be all the legacy code of a module (a client handed
    to a library): rule TCM017 passes its key as ``api_key=``, so both tiers keep it."""
    assert may_contain_legacy(text.encode()) and needs_rules(text.encode())


@pytest.mark.parametrize(
    "text",
    [
        "import anthropic\nfrom cohere import Client\n\nco = Client(key)\n",
        "import anthropic\nimport cohere\n\nco = cohere.Client(key)\n",
        "import anthropic\n\nclient = anthropic.Client(api_key=key)\n",
        "import anthropic\n\nclient = anthropic.Anthropic(**options)\n",
        "import anthropic\nimport httpx\n\nclient = httpx.Client(transport)\n",
    ],
)
def test_another_client_or_a_key_by_keyword_is_not_evidence(text: str):
    assert not needs_rules(text.encode())


def test_the_sdks_own_client_class_is_not_a_call_to_it():
    text = b"import anthropic\n\n\nclass Anthropic(SyncAPIClient):\n    pass\n"
    assert not may_contain_legacy(text)


# --- the ast tier's byte shortcuts (evidence.may_hold, gate's import and patch-target tests) ---


def _every_walk(raw: bytes) -> bool:
    """The ast tier's verdict with both walks taken whatever the bytes say."""
    from migrator.analysis import gate
    from migrator.analysis.evidence import scan_tree

    if b"migrator:" in raw:
        return True
    try:
        tree = ast.parse(raw)
    except (SyntaxError, ValueError):
        return True
    return gate._walked(tree) or bool(scan_tree(tree))


EVIDENCE = {
    "keyword": "import x\nx.f(max_tokens_to_sample=5)\n",
    "constant_imported": "try:\n    from somewhere import HUMAN_PROMPT\nexcept ImportError:\n    pass\n",
    "constant_read": "print(lib.AI_PROMPT)\n",
    "endpoint_in_an_fstring": 'url = f"{base}/v1/complete"\n',
    "sdk02_stream": "import anthropic\nc.completion_stream(prompt=p)\n",
    "marker_prompt": 'c.completions.create(model=m, prompt="\\n\\nHuman: hi\\n\\nAssistant:")\n',
    "positional_key": "import anthropic\nc = anthropic . Client(key)\n",
    "old_api_module": "import anthropic\nprint(anthropic.api)\n",
    "api_imported_over_lines": (
        "try:\n    from anthropic import (\n        api,\n    )\nexcept ImportError:\n    pass\n"
    ),
    "relative_import_with_a_comment": (
        "try:\n    from .anthropic import (  # the old SDK.\n        count_tokens,\n    )\n"
        "except ImportError:\n    pass\n"
    ),
    "splat_key": "import anthropic\nc = anthropic.Client(\n    *args)\n",
    "positional_key_imported": "from anthropic import Client as Legacy\nc = Legacy(key)\n",
    "positional_key_on_an_alias": "import anthropic as ant\nc = ant.Anthropic(\\\n    key)\n",
    "sdk02_marker_prompt": 'c.completion(prompt=f"\\n\\nHuman: {q}\\n\\nAssistant:")\n',
    "tokenizer_imported": ("if True:\n    from anthropic import get_tokenizer\n"),
    "aliased_module": "import os, \\\n    anthropic as ant\nant.count_tokens('x')\n",
    "removed_type": "import anthropic\nx: anthropic.types.Completion\n",
    "api_exception": "import anthropic\ntry:\n    pass\nexcept anthropic.ApiException:\n    pass\n",
    "responses_answer": (
        "import responses\n\n\ndef test():\n"
        '    responses.add(responses.POST, svc.URL, json={"completion": "hi"})\n'
    ),
    "mock_transport": (
        "import anthropic\nimport httpx\n\n"
        't = httpx.MockTransport(lambda r: httpx.Response(200, json={"completion": "x"}))\n'
    ),
    "double_with_shape": (
        "from unittest import mock\n\n\ndef test(svc):\n"
        '    with mock.patch.object(svc.client.completions, "create") as create:\n'
        '        create.return_value.completion = "hi"\n'
    ),
    "double_on_a_mocked_client": (
        'def test(client):\n    client.completions.create.return_value = Mock(completion="hi")\n'
    ),
    "double_on_a_mocked_client_stop_reason": (
        "def test(client):\n"
        '    client.completions.acreate.return_value.stop_reason = "max_tokens"\n'
    ),
    "double_in_a_module_importing_the_sdk": (
        "from anthropic import Anthropic\nfrom unittest import mock\n\n\ndef test(svc):\n"
        '    with mock.patch.object(svc.client.completions, "create"):\n        pass\n'
    ),
    "bedrock_answer_read": (
        "import json\n\nr = client.invoke_model(body=json.dumps(BODY), modelId=MODEL)\n"
        "print(json.loads(r['body'].read())['completion'])\n"
    ),
    "bedrock_stream_chunk_read": (
        "import json\n\nr = rt.invoke_model_with_response_stream(body=b, modelId=m)\n"
        'for e in r["body"]:\n    print(json.loads(e["chunk"]["bytes"]).get("completion"))\n'
    ),
}


@pytest.mark.parametrize("name", sorted(EVIDENCE))
def test_each_kind_of_evidence_has_the_bytes_the_tier_looks_for(name: str):
    from migrator.analysis.evidence import scan_tree
    from migrator.analysis.evidence_bytes import may_hold
    from migrator.code.trees import python_tree

    text = EVIDENCE[name]
    assert scan_tree(python_tree(text)), "the snippet is evidence"
    assert may_hold(text.encode())
    assert needs_rules(text.encode())


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_byte_shortcuts_change_no_verdict_of_the_ast_tier(path: Path):
    data = path.read_bytes()
    if may_contain_legacy(data):
        assert needs_rules(data) is _every_walk(data)


@pytest.mark.parametrize("name", sorted({**SNIPPETS, **GATED, **EVIDENCE}))
def test_the_byte_shortcuts_change_no_verdict_on_the_snippets(name: str):
    """On what passes the byte test: the tier is given nothing else."""
    data = {**SNIPPETS, **GATED, **EVIDENCE}[name].encode()
    if may_contain_legacy(data):
        assert needs_rules(data) is _every_walk(data)


@pytest.mark.parametrize(
    "text",
    [
        '"""Chat for a feature: OpenAI and, behind a flag, anthropic."""\n\nimport openai\n\n'
        "r = openai.chat.completions.create(model='gpt-4o', messages=[])\n",
        "import boto3\n\nrt = boto3.client('bedrock-runtime')\n"
        "r = rt.invoke_model(modelId='global.anthropic.claude-sonnet-4-6', body=b)\n"
        "c = openai_client.completions.create(model='gpt-3.5-turbo-instruct', prompt=p)\n",
    ],
)
def test_a_module_without_the_bytes_of_any_evidence_is_not_walked(
    text: str, monkeypatch: pytest.MonkeyPatch
):
    """OpenAI's calls and Bedrock bodies beside ``anthropic`` in a docstring or a model id:
    decided by the parse and the bytes, with no walk of the tree."""
    from migrator.analysis import gate

    def walked(*_args: object, **_kwargs: object) -> bool:
        raise AssertionError("walked the tree")

    monkeypatch.setattr(gate, "scan_tree", walked)
    monkeypatch.setattr(gate, "_walked", walked)
    assert may_contain_legacy(text.encode())
    assert needs_rules(text.encode()) is False


def test_the_current_sdks_counting_is_not_traced_to_a_client(monkeypatch: pytest.MonkeyPatch):
    """``messages.count_tokens`` all over the SDK and code that uses it: the bytes say the
    old tokenizer is not used, and its receivers are not traced through every scope."""
    from migrator.analysis import gate

    def traced(_tree: object) -> bool:
        raise AssertionError("traced the receivers of count_tokens")

    monkeypatch.setattr(gate, "_tokenizer_on_a_client", traced)
    for name in ("current_sdk_counting", "longer_receiver", "client_on_self_messages"):
        text = SNIPPETS[name] + "r = client.beta.completions_like.create()\n"
        assert may_contain_legacy(text.encode())
        assert needs_rules(text.encode()) is False


@pytest.mark.parametrize("name", ["longer_receiver", "client_on_self_messages"])
def test_a_receiver_the_tokenizer_rule_does_not_resolve_is_not_acted_on(
    name: str, monkeypatch: pytest.MonkeyPatch
):
    """The byte test's account of the receivers the rule resolves decides the ast tier
    too, in a module that passes the byte test for another reason."""
    text = SNIPPETS[name] + "r = client.beta.completions_like.create()\n"
    assert not _acted_on(text, monkeypatch)


@pytest.mark.parametrize(
    "text",
    [
        '"""OpenAI only; anthropic behind the router."""\nimport openai\n\n'
        "r = openai.completions.create(model='gpt-3.5-turbo-instruct', prompt=p)\n",
        '"""anthropic elsewhere."""\nprint "completions"\n',  # Python 2: it does not parse
    ],
)
def test_a_module_the_bytes_settle_is_not_parsed(text: str, monkeypatch: pytest.MonkeyPatch):
    """Nothing in it is a rule's, whatever its syntax: the parse is saved too."""
    from migrator.analysis import gate

    def parse(*_args: object, **_kwargs: object) -> ast.Module:
        raise AssertionError("parsed")

    monkeypatch.setattr(gate.ast, "parse", parse)
    assert may_contain_legacy(text.encode())
    assert needs_rules(text.encode()) is False


# --- the net's byte test (migrator.rewrite.net: the output is scanned only where it may hold evidence)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_output_of_every_fixture_is_scanned_where_it_holds_evidence(path: Path):
    """Whatever the migration left, with its doubles retargeted or not."""
    from migrator.analysis.evidence import scan_tree
    from migrator.analysis.evidence_bytes import may_hold
    from migrator.code.trees import python_tree

    text = path.read_text(encoding="utf-8-sig")
    result = engine.migrate_source(text, path.name, Config(), all_rules())
    for output in {text, result.new_source}:
        try:
            tree = python_tree(output)
        except SyntaxError:
            continue
        if scan_tree(tree, lambda: True):
            assert may_hold(output.encode(), retargeted=True)


def test_an_output_without_the_bytes_of_any_evidence_is_not_scanned(
    monkeypatch: pytest.MonkeyPatch,
):
    from migrator.contract.result import FileResult
    from migrator.rewrite import net
    from rules.legacy_evidence import LegacyEvidence

    def scanned(*_args: object) -> list[object]:
        raise AssertionError("scanned")

    monkeypatch.setattr(net, "scan_tree", scanned)
    clean = "import anthropic\n\nr = anthropic.Anthropic().messages.create(max_tokens=5)\n"
    result = FileResult("m.py", clean, clean)
    assert net.report_leftovers(result, LegacyEvidence) is result


@pytest.mark.parametrize("model", ["MODEL", '"anthropic.claude-v2"'])
def test_a_bedrock_sender_whose_body_is_imported_passes_both_tiers(model: str):
    """The module holds no key and no marker, only the read of its answer's ``completion``
    (``anthropic`` named in its model id, or not at all): both tiers keep it. A retired
    Claude id sent to Bedrock is evidence of its own, whatever the answer is read for."""
    text = (
        "import json\n\nfrom config import GENERATION_CONFIG\n\n\ndef invoke(client, prompt):\n"
        "    parameter = GENERATION_CONFIG\n    parameter['prompt'] = prompt\n"
        f"    response = client.invoke_model(body=json.dumps(parameter), modelId={model})\n"
        "    output = json.loads(response.get('body').read())\n    return output['completion']\n"
    ).encode()
    assert may_contain_legacy(text)
    assert needs_rules(text)
    generation = text.replace(b"'completion'", b"'generation'")
    assert needs_rules(generation) is (model != "MODEL")
