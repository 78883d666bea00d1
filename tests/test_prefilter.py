"""The prefilter never rejects a file the rules would act on, and rejects the SDK's own code."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator import engine
from migrator.config import Config
from migrator.prefilter import may_contain_legacy
from migrator.registry import all_rules

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
    )
    for chosen in itertools.product((False, True), repeat=len(tokens)):
        present = dict(zip(tokens, chosen, strict=True))
        data = b"\n".join(token for token in tokens if present[token])
        anthropic, completions, keyword, endpoint, human, ai, completion, tokenizer = chosen
        expected = (
            (completions and (anthropic or keyword))
            or endpoint
            or keyword
            or human
            or ai
            or (anthropic and (completion or tokenizer))
        )
        assert may_contain_legacy(data) is expected, present
