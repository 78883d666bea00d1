"""What TCM006 says about a model held in a name, and TCM005 about a long non-streaming call."""

from __future__ import annotations

from migrator.core.config import Config
from migrator.core.findings import Finding
from migrator.engine import registry
from migrator.engine.migrate import migrate_source
from migrator.runtime.helpers import request_helpers

RULES = registry.all_rules()

CALL = """\
import anthropic

{setup}
client = anthropic.Anthropic({client})
r = client.completions.create(
    model={model},
    max_tokens_to_sample={tokens},
    prompt=f"{{anthropic.HUMAN_PROMPT}} Hi{{anthropic.AI_PROMPT}}",{extra}
)
print(r.completion)
"""


def _migrate(config: Config | None = None, **parts: str) -> tuple[str, list[Finding]]:
    values = {"setup": "", "client": "", "model": '"claude-2"', "tokens": "20", "extra": ""}
    values.update(parts)
    result = migrate_source(CALL.format(**values), "call.py", config or Config(), RULES)
    assert result.error is None
    return result.new_source, result.findings


def _messages(findings: list[Finding], code: str) -> list[tuple[str, str]]:
    return [(f.fix.value, f.message) for f in findings if f.rule == code]


def test_a_constant_read_only_as_the_model_is_rewritten_where_it_is_written() -> None:
    text, findings = _migrate(setup='MODEL = "claude-2"', model="MODEL")
    assert 'MODEL = "claude-sonnet-5-5"' in text and "model=MODEL," in text
    assert "_legacy_model_to_current" not in text
    [(fix, message)] = _messages(findings, "TCM006")
    assert fix == "review" and "`MODEL` holds it" in message


def test_a_constant_read_elsewhere_is_mapped_at_run_time_and_says_why() -> None:
    text, findings = _migrate(setup='MODEL = "claude-2"\nprint(MODEL)', model="MODEL")
    assert 'MODEL = "claude-2"' in text
    assert "model=_legacy_model_to_current(MODEL)," in text
    assert "def _legacy_model_to_current(model, prefill=False):" in text
    [(fix, message)] = _messages(findings, "TCM006")
    assert fix == "review"
    assert "converted at run time by `_legacy_model_to_current`" in message
    assert "`MODEL` is also read elsewhere than as the model of a migrated call" in message


def test_a_model_known_only_at_run_time_names_its_expression() -> None:
    setup = "import os"
    text, findings = _migrate(setup=setup, model='os.environ.get("M", "claude-instant-1")')
    assert 'model=_legacy_model_to_current(os.environ.get("M", "claude-instant-1")),' in text
    [(_, message)] = _messages(findings, "TCM006")
    assert '`os.environ.get("M", "claude-instant-1")` is known only at run time' in message


def test_a_name_assigned_twice_is_mapped_at_run_time() -> None:
    setup = 'MODEL = "claude-2"\nif input():\n    MODEL = "claude-instant-1"'
    text, findings = _migrate(setup=setup, model="MODEL")
    assert "model=_legacy_model_to_current(MODEL)," in text
    assert "`MODEL` is bound more than once" in _messages(findings, "TCM006")[0][1]


def test_a_global_rebinding_keeps_the_literal() -> None:
    setup = 'MODEL = "claude-2"\ndef pick():\n    global MODEL\n    MODEL = "claude-instant-1"'
    text, _ = _migrate(setup=setup, model="MODEL")
    assert 'MODEL = "claude-2"' in text and "model=_legacy_model_to_current(MODEL)," in text


def test_the_helper_follows_the_model_table_of_the_run() -> None:
    config = Config(models={"claude-2": "claude-opus-4-6"}, instant_model="claude-haiku-4-5")
    text, _ = _migrate(config, model="MODELS[0]", setup='MODELS = ["claude-2"]')
    namespace: dict[str, object] = {}
    helper = text[text.index("def _legacy_model_to_current") : text.index("\n\n\nMODELS")]
    exec(helper, namespace)
    live = namespace["_legacy_model_to_current"]
    assert live("claude-2") == "claude-opus-4-6"  # type: ignore[operator]
    assert live("claude-instant-1.2") == "claude-haiku-4-5"  # type: ignore[operator]
    assert live("claude-opus-4-6", prefill=True) == "claude-opus-4-6"  # type: ignore[operator]
    assert live("claude-2", prefill=True) == "claude-haiku-4-5"  # type: ignore[operator]


def test_a_cloud_client_maps_a_constant_it_alone_reads_and_leaves_an_unknown_model() -> None:
    code = CALL.replace("anthropic.Anthropic(", "anthropic.AnthropicBedrock(")
    source = code.format(
        setup='MODEL = "anthropic.claude-v2"', client="", model="MODEL", tokens="20", extra=""
    )
    result = migrate_source(source, "call.py", Config(), RULES)
    assert 'MODEL = "global.anthropic.claude-sonnet-4-6"' in result.new_source
    assert "_legacy_model_to_current" not in result.new_source
    source = code.format(
        setup="import os", client="", model='os.environ["MODEL"]', tokens="20", extra=""
    )
    result = migrate_source(source, "call.py", Config(), RULES)
    assert "# migrator: manual [TCM006] the model is held in `os.environ" in result.new_source
    assert "_legacy_model_to_current" not in result.new_source


def test_a_literal_above_the_streaming_threshold_gets_the_legacy_timeout() -> None:
    text, findings = _migrate(tokens="30000")
    assert "max_tokens=30000,\n    timeout=600,\n" in text
    [(fix, message)] = _messages(findings, "TCM005")
    assert fix == "review" and "Streaming is required" in message and "600-second" in message


def test_values_at_or_below_the_threshold_get_no_timeout() -> None:
    for tokens, setup in (("21333", ""), ("LIMIT", "LIMIT = 4000"), ("min(4000, n)", "n = 1")):
        text, findings = _migrate(tokens=tokens, setup=setup)
        assert "timeout" not in text, tokens
        assert _messages(findings, "TCM005")[0][0] == "safe"


def test_a_value_the_tool_cannot_bound_gets_the_legacy_timeout() -> None:
    text, findings = _migrate(tokens="int(input())")
    assert "timeout=600," in text
    assert "the tool cannot bound `int(input())`" in _messages(findings, "TCM005")[0][1]


def test_no_timeout_when_the_call_or_the_client_has_one() -> None:
    text, _ = _migrate(tokens="30000", extra="\n    timeout=30,")
    assert text.count("timeout") == 1
    text, _ = _migrate(tokens="30000", client="timeout=120.0")
    assert text.count("timeout") == 1


def test_a_stream_gets_no_timeout() -> None:
    source = CALL.format(
        setup="", client="", model='"claude-2"', tokens="30000", extra="\n    stream=True,"
    ).replace("print(r.completion)", "for event in r:\n    print(event.completion)")
    result = migrate_source(source, "call.py", Config(), RULES)
    assert "stream=True" in result.new_source and "timeout" not in result.new_source


def test_a_huge_literal_is_reviewed_for_the_output_limit_too() -> None:
    _, findings = _migrate(tokens="1_000_000")
    [(fix, message)] = _messages(findings, "TCM005")
    assert fix == "review" and "timeout=600" in message and "output limit" in message


def test_a_client_the_tool_cannot_see_is_said_to_lose_its_own_timeout() -> None:
    source = """\
import anthropic


def ask(client, question):
    response = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=30000,
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
    )
    return response.completion
"""
    result = migrate_source(source, "call.py", Config(), RULES)
    assert "timeout=600," in result.new_source
    [(_, message)] = _messages(result.findings, "TCM005")
    assert "a timeout set there is replaced by this one" in message


def test_an_imported_model_is_mapped_at_run_time() -> None:
    text, findings = _migrate(setup="from settings import MODEL", model="MODEL")
    assert "model=_legacy_model_to_current(MODEL)," in text
    assert "`MODEL` is not assigned here (it is imported" in _messages(findings, "TCM006")[0][1]


ASK = """\
import anthropic

client = anthropic.Anthropic()


def ask(prompt):
    return client.completions.create(model="claude-2", max_tokens_to_sample=20, prompt=prompt).completion
"""


def test_a_prompt_converted_at_run_time_chooses_its_model_at_run_time() -> None:
    # The configured table is honoured unless the prompt ends in a prefill, which
    # the table's model rejects: only then does the prefill model answer.
    config = Config(models={"claude-2": "claude-opus-4-6"})
    result = migrate_source(ASK, "ask.py", config, RULES)
    text = result.new_source
    assert '**_legacy_request_to_messages(model="claude-2", prompt=prompt)' in text
    namespace: dict[str, object] = {}
    exec(text[text.index("def _legacy") : text.index("\n\n\nclient =")], namespace)
    convert = namespace["_legacy_request_to_messages"]
    plain = convert(model="claude-2", prompt="\n\nHuman: Hi\n\nAssistant:")  # type: ignore[operator]
    prefilled = convert(model="claude-2", prompt="\n\nHuman: Hi\n\nAssistant: {")  # type: ignore[operator]
    assert plain["model"] == "claude-opus-4-6"
    assert prefilled["model"] == "claude-haiku-4-5"
    assert prefilled["messages"][-1] == {"role": "assistant", "content": "{"}
    reasons = _messages(result.findings, "TCM006")
    assert reasons and "chosen at run time by `_legacy_request_to_messages`" in reasons[0][1]


SPLATTED = """\
import anthropic

client = anthropic.Anthropic()


def ask(question, options):
    return client.completions.create(
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}<end>",
        max_tokens_to_sample=20,
        **options,
    ).completion
"""


def _splatted_converter(end: str, config: Config) -> tuple[str, list[Finding], object]:
    """The migrated call, its findings, and its `_legacy_request_to_messages`, run."""
    result = migrate_source(SPLATTED.replace("<end>", end), "ask.py", config, RULES)
    text = result.new_source
    namespace: dict[str, object] = {}
    exec(text[text.index("def _legacy") : text.index("\n\n\nclient =")], namespace)
    return text, result.findings, namespace["_legacy_request_to_messages"]


def test_a_prefill_written_out_beside_a_splatted_model_chooses_a_model_that_takes_it() -> None:
    # The converter sees only `options`: the call tells it that its messages end
    # in an assistant message, so the model must accept a prefill.
    config = Config(models={"claude-2": "claude-opus-4-6"})
    text, findings, convert = _splatted_converter(" {{", config)  # an f-string: the prefill is "{"
    assert "**_legacy_request_to_messages(options, prefill=True)," in text
    assert convert({"model": "claude-2"}, prefill=True)["model"] == "claude-haiku-4-5"  # type: ignore[operator]
    assert convert({"model": "claude-opus-4-5"}, prefill=True)["model"] == "claude-opus-4-5"  # type: ignore[operator]
    [(fix, message)] = _messages(findings, "TCM006")
    assert fix == "review" and "splatted from `**options`" in message
    assert "keeps a prefill" in message and "'claude-haiku-4-5'" in message


def test_a_splatted_model_without_a_prefill_keeps_the_model_table() -> None:
    config = Config(models={"claude-2": "claude-opus-4-6"})
    text, findings, convert = _splatted_converter("", config)
    assert "**_legacy_request_to_messages(options)," in text
    assert convert({"model": "claude-2"})["model"] == "claude-opus-4-6"  # type: ignore[operator]
    assert not _messages(findings, "TCM006")


def test_a_table_model_that_accepts_a_prefill_is_written_as_it_is() -> None:
    config = Config(models={"claude-2": "claude-opus-4-5"})
    text = migrate_source(ASK, "ask.py", config, RULES).new_source
    assert 'model="claude-opus-4-5"' in text
    assert "**_legacy_prompt_to_messages(prompt)" in text
    assert "_legacy_request_to_messages" not in text


def test_a_retired_bedrock_id_gets_a_global_profile_by_default() -> None:
    config = Config()
    sonnet = "global.anthropic.claude-sonnet-4-6"
    haiku = "global.anthropic.claude-haiku-4-5-20251001-v1:0"
    assert config.bedrock_target_for("anthropic.claude-v2", False)[0] == sonnet  # type: ignore[index]
    assert config.bedrock_target_for("anthropic.claude-v2:1:200k", False)[0] == sonnet  # type: ignore[index]
    assert config.bedrock_target_for("anthropic.claude-instant-v1", False)[0] == haiku  # type: ignore[index]
    # A prefill (kept, or possible at run time) needs a model that takes one.
    assert config.bedrock_target_for("anthropic.claude-v2", True)[0] == haiku  # type: ignore[index]
    assert config.bedrock_target_for("anthropic.claude-v2", None)[0] == haiku  # type: ignore[index]
    target, why = config.bedrock_target_for("anthropic.claude-v2", False)  # type: ignore[misc]
    assert "data residency" in why
    assert config.bedrock_target_for("anthropic.claude-3-haiku-20240307-v1:0", False) is None
    table = Config(bedrock_models={"anthropic.claude-v2": "eu.anthropic.claude-sonnet-4-6"})
    assert table.bedrock_target_for("anthropic.claude-v2", True) == (
        "eu.anthropic.claude-sonnet-4-6",
        "",
    )


COMMENTED = """\
import anthropic

client = anthropic.Anthropic()
r = client.completions.create(
    model="claude-2",  # claude-2 is our default
    max_tokens_to_sample=20,  # keep max_tokens_to_sample small
    prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
)
"""


def test_a_comment_that_names_the_old_model_or_parameter_is_flagged() -> None:
    findings = migrate_source(COMMENTED, "c.py", Config(), RULES).findings
    stale = [f for f in findings if "still names" in f.message]
    assert [(f.rule, f.line) for f in stale] == [("TCM006", 5), ("TCM005", 6)]
    assert all(f.fix.value == "review" for f in stale)
    plain = COMMENTED.replace("  # claude-2 is our default", "").replace(
        "  # keep max_tokens_to_sample small", "  # a short answer"
    )
    assert not [
        f
        for f in migrate_source(plain, "c.py", Config(), RULES).findings
        if "still names" in f.message
    ]


def test_a_max_tokens_written_beside_the_legacy_key_wins_at_run_time() -> None:
    """The advice on a `max_tokens_to_sample` the tool cannot follow is to send it as
    `max_tokens`: done on a dict that still holds the legacy key elsewhere, the new one
    counts, as the person meant (Text Completions never took both)."""
    namespace: dict[str, object] = {}
    for source in request_helpers(Config()).values():
        exec(source, namespace)
    convert = namespace["_legacy_request_to_messages"]
    request = {"model": "claude-2", "prompt": "\n\nHuman: Hi\n\nAssistant:"}
    both = convert({**request, "max_tokens_to_sample": 200, "max_tokens": 3})  # type: ignore[operator]
    assert both["max_tokens"] == 3
    legacy = convert({**request, "max_tokens_to_sample": 200})  # type: ignore[operator]
    assert legacy["max_tokens"] == 200
    assert "max_tokens_to_sample" not in both and "max_tokens_to_sample" not in legacy
