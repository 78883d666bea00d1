"""Property tests: the static decomposer, the runtime converter and the fake
API's reading of a legacy prompt agree, and so does the whole engine.

Three independent readings of one generated Text Completions prompt:

* the reference, ``parse_legacy_prompt`` (migrator/testing/conversation.py);
* the runtime converter, ``_legacy_prompt_to_messages`` exec'd from
  ``migrator.runtime.helpers.prompt_helper()``;
* the static decomposer (``flatten`` / ``split`` / ``render``) on the prompt
  written as Python source in several spellings, the rendered expressions
  evaluated back.

Each is also checked against the conversation the generator meant to write
(system, turns with one marker space dropped, merged, prefill right-stripped),
so a wrong generator cannot make the three agree by accident.
"""

from __future__ import annotations

import ast
import builtins
import copy
import itertools
import re
import types
from dataclasses import dataclass, field
from typing import Any

import libcst as cst
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migrator.analysis.prompt import Hole, NotDecomposable, Style, Text
from migrator.analysis.prompt_flatten import flatten
from migrator.analysis.prompt_render import render
from migrator.analysis.prompt_split import split
from migrator.core.config import Config
from migrator.engine import registry
from migrator.engine.migrate import migrate_source
from migrator.runtime.helpers import (
    MAX_OUTPUT_TOKENS,
    NONSTREAMING_MAX_TOKENS,
    model_helper,
    prompt_helper,
    request_helper,
)
from migrator.testing.contract import PREFILL_REJECTING_MODELS
from migrator.testing.conversation import conversation_from_messages, parse_legacy_prompt

HUMAN = "\n\nHuman:"
ASSISTANT = "\n\nAssistant:"
MARKER_OF = {"user": HUMAN, "assistant": ASSISTANT}
NAME_OF = {HUMAN: "HUMAN_PROMPT", ASSISTANT: "AI_PROMPT"}
CODE_FOR = cst.Module([]).code_for_node
RULES = registry.all_rules()

# The reasons the static path gives, for the prompts generated here, when it
# leaves a prompt to the runtime converter.
TWO_ASSISTANT_TURNS = "the prompt ends with two Assistant turns in a row"
PREFILL_HOLE = "the prefill after the final Assistant marker ends with an interpolated value"


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# --------------------------------------------------------------------------- text


# Whitespace that str.strip() removes, beyond the space: prefill and system
# blankness depend on it.
WHITESPACE = " \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2028\u3000"
FRAGMENTS = [
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    '\\"',
    "\\'",
    "\\n",
    "{",
    "}",
    "{{",
    "{v0}",
    "%s",
    "\n",
    "\n\n",
    " ",
    "  ",
    "Human:",
    "Assistant:",
    "\n\nHuman",
    "\n\nAssistant",
    "\nHuman:",
    "Human: ",
    "é",
    "😀",
]
chunks = st.one_of(
    st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=4),
    st.sampled_from(FRAGMENTS),
    st.sampled_from(list(WHITESPACE)),
)


def without_markers(text: str) -> str:
    """The text with each marker broken (a space before its colon); adds none."""
    while HUMAN in text or ASSISTANT in text:
        text = text.replace(HUMAN, "\n\nHuman :").replace(ASSISTANT, "\n\nAssistant :")
    return text


# How a text ends matters to a literal's closing quotes.
ENDINGS = ["", "", "", '"', "'", "\\", '\\"', "\\'", '""', "\n"]
texts = st.tuples(st.lists(chunks, max_size=5), st.sampled_from(ENDINGS)).map(
    lambda drawn: without_markers("".join(drawn[0]) + drawn[1])
)


def drop_space(text: str) -> str:
    """What the legacy API read after a marker: one leading space dropped."""
    return text[1:] if text.startswith(" ") else text


def merge(turns: list[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: list[tuple[str, str]] = []
    for role, text in turns:
        if merged and merged[-1][0] == role:
            merged[-1] = (role, merged[-1][1] + "\n\n" + text)
        else:
            merged.append((role, text))
    return merged


# --------------------------------------------------------------------------- conversations


@dataclass
class Turn:
    role: str
    sep: str  # "" or " ", written between the marker and the text
    text: str

    @property
    def raw(self) -> str:
        return self.sep + self.text


@dataclass
class Legacy:
    """A legacy conversation as the generator meant it."""

    system: str
    turns: list[Turn]
    prefill: Turn  # after the final Assistant marker; may be blank

    @property
    def prompt(self) -> str:
        body = "".join(MARKER_OF[t.role] + t.raw for t in self.turns)
        return self.system + body + ASSISTANT + self.prefill.raw

    @property
    def prefill_text(self) -> str:
        return drop_space(self.prefill.raw).rstrip()

    def expected(self) -> tuple[str | None, list[tuple[str, str]]]:
        system = self.system if self.system.strip() else None
        turns = [(t.role, drop_space(t.raw)) for t in self.turns]
        if self.prefill_text:
            turns.append(("assistant", self.prefill_text))
        return system, merge(turns)


@st.composite
def turns_text(draw: st.DrawFn) -> tuple[str, str]:
    sep = draw(st.sampled_from([" ", " ", ""]))
    # Leading spaces matter: the legacy API dropped one after the marker.
    lead = draw(st.sampled_from(["", "", " ", "  ", "\n"]))
    text = without_markers(lead + draw(texts))
    if not drop_space(sep + text):
        text += "."
    return sep, text


@st.composite
def legacies(draw: st.DrawFn) -> Legacy:
    system = draw(st.one_of(st.just(""), st.sampled_from(list(WHITESPACE)), texts))
    count = draw(st.integers(1, 5))
    turns: list[Turn] = []
    role = "user"
    for index in range(count):
        if index:
            # Mostly alternating; sometimes the same role twice.
            if draw(st.integers(0, 4)):
                role = "assistant" if role == "user" else "user"
        sep, text = draw(turns_text())
        turns.append(Turn(role, sep, text))
    kind = draw(st.sampled_from(["none", "blank", "text", "text"]))
    if kind == "none":
        prefill = Turn("assistant", "", "")
    elif kind == "blank":
        prefill = Turn("assistant", "", draw(st.text(st.sampled_from(WHITESPACE), max_size=3)))
    else:
        sep, text = draw(turns_text())
        trailing = draw(st.text(st.sampled_from(WHITESPACE), max_size=2))
        prefill = Turn("assistant", sep, text + trailing)
    return Legacy(system, turns, prefill)


# --------------------------------------------------------------------------- spellings


def literal(value: str, quote: str = '"', triple: bool = False, fstring: bool = False) -> str:
    """A Python literal (body and quotes) for ``value``, written independently of migrator."""
    out = []
    for char in value:
        if char == "\\":
            out.append("\\\\")
        elif char == quote:
            out.append("\\" + char)
        elif char == "\n" and triple:
            out.append("\n")
        elif fstring and char in "{}":
            out.append(char * 2)
        elif char.isprintable():
            out.append(char)
        else:
            out.append(char.encode("unicode_escape").decode("ascii"))
    q = quote * (3 if triple else 1)
    return ("f" if fstring else "") + q + "".join(out) + q


def fbody(value: str, quote: str, triple: bool) -> str:
    """The text between the quotes of an f-string literal for ``value``."""
    q = quote * (3 if triple else 1)
    return literal(value, quote, triple, fstring=True)[1 + len(q) : -len(q)]


styles = st.tuples(st.sampled_from(['"', "'"]), st.booleans())


@dataclass
class Spelling:
    kind: str
    source: str  # a Python expression
    namespace: dict[str, str] = field(default_factory=dict)
    uses_names: bool = False  # reads HUMAN_PROMPT / AI_PROMPT as bare names
    prefill_hole: bool = False


def _marker_code(draw: st.DrawFn, marker: str) -> tuple[str, bool]:
    how = draw(st.sampled_from(["literal", "name", "attribute"]))
    if how == "name":
        return NAME_OF[marker], True
    if how == "attribute":
        return "anthropic." + NAME_OF[marker], False
    quote, triple = draw(styles)
    return literal(marker, quote, triple), False


LITERAL_KINDS = ("repr", "literal", "implicit", "plus")
KINDS = (*LITERAL_KINDS, "fstring")


@st.composite
def spellings(draw: st.DrawFn, legacy: Legacy, kinds: tuple[str, ...] = KINDS) -> Spelling:
    prompt = legacy.prompt
    kind = draw(st.sampled_from(kinds))
    if kind == "repr":
        return Spelling(kind, repr(prompt))
    if kind == "literal":
        return Spelling(kind, literal(prompt, *draw(styles)))
    if kind == "implicit":
        cuts = draw(st.lists(st.integers(1, max(1, len(prompt) - 1)), max_size=6, unique=True))
        bounds = [0, *sorted(c for c in cuts if 0 < c < len(prompt)), len(prompt)]
        parts = [literal(prompt[a:b], *draw(styles)) for a, b in itertools.pairwise(bounds)]
        joiner = draw(st.sampled_from([" ", "\n    "]))
        return Spelling(kind, "(" + joiner.join(parts) + ")")
    if kind == "plus":
        operands: list[str] = []
        uses_names = False
        if legacy.system:
            operands.append(literal(legacy.system, *draw(styles)))
        for marker, raw in [(MARKER_OF[t.role], t.raw) for t in legacy.turns] + [
            (ASSISTANT, legacy.prefill.raw)
        ]:
            code, named = _marker_code(draw, marker)
            uses_names |= named
            operands.append(code)
            if raw:
                operands.append(literal(raw, *draw(styles)))
        return Spelling(kind, " + ".join(operands), uses_names=uses_names)
    # An f-string: turn texts (some or all) are holes {v0}, {v1}... bound in a namespace.
    quote, triple = draw(styles)
    parts = [fbody(legacy.system, quote, triple)]
    namespace: dict[str, str] = {}
    uses_names = False
    prefill_hole = False
    every = [*legacy.turns, legacy.prefill]
    for index, turn in enumerate(every):
        marker = MARKER_OF[turn.role]
        if draw(st.booleans()):
            parts.append("{" + NAME_OF[marker] + "}")
            uses_names = True
        else:
            parts.append(fbody(marker, quote, triple))
        is_prefill = index == len(every) - 1
        if turn.raw and draw(st.integers(0, 3)) and not (is_prefill and not turn.text):
            # The separator stays literal text; the text is the hole's value.
            parts.append(turn.sep)
            name = f"v{index}"
            namespace[name] = turn.text
            parts.append("{" + name + "}")
            prefill_hole |= is_prefill
        else:
            parts.append(fbody(turn.raw, quote, triple))
    q = quote * (3 if triple else 1)
    source = "f" + q + "".join(parts) + q
    return Spelling("fstring", source, namespace, uses_names, prefill_hole)


CONSTANTS = {"HUMAN_PROMPT": HUMAN, "AI_PROMPT": ASSISTANT}


def constant(expr: cst.BaseExpression) -> str | None:
    """What the engine's analysis says of the marker constants: Name and anthropic.Name."""
    if isinstance(expr, cst.Name):
        return CONSTANTS.get(expr.value)
    if (
        isinstance(expr, cst.Attribute)
        and isinstance(expr.value, cst.Name)
        and expr.value.value == "anthropic"
    ):
        return CONSTANTS.get(expr.attr.value)
    return None


def eval_namespace(spelling: Spelling) -> dict[str, Any]:
    anthropic = types.SimpleNamespace(**CONSTANTS)
    return {**CONSTANTS, "anthropic": anthropic, **spelling.namespace}


# --------------------------------------------------------------------------- the three readings


def _exec_helpers(config: Config | None = None) -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    exec(prompt_helper(), namespace)
    if config is not None:
        exec(model_helper(config), namespace)
        exec(request_helper(config), namespace)
    return namespace


PROMPT_TO_MESSAGES = _exec_helpers()["_legacy_prompt_to_messages"]


def runtime_reading(prompt: str) -> tuple[str | None, list[tuple[str, str]]]:
    request = PROMPT_TO_MESSAGES(prompt)
    assert set(request) <= {"system", "messages"}, request
    messages = [(m["role"], m["content"]) for m in request["messages"]]
    for m in request["messages"]:
        assert set(m) == {"role", "content"}, m
    return request.get("system"), messages


def reference_reading(prompt: str) -> tuple[str | None, list[tuple[str, str]]]:
    conversation = parse_legacy_prompt(prompt)
    return conversation.system, list(conversation.messages)


def messages_form(
    reading: tuple[str | None, list[tuple[str, str]]],
) -> tuple[str | None, list[tuple[str, str]]]:
    """The legacy reading as Messages must carry it: the final assistant message
    is continued by the response, so it loses trailing whitespace (which
    Messages refuses there), and goes when nothing else is left of it."""
    system, messages = reading[0], list(reading[1])
    if messages and messages[-1][0] == "assistant":
        text = messages.pop()[1].rstrip()
        if text:
            messages.append(("assistant", text))
    return system, messages


def static_reading(spelling: Spelling) -> tuple[str | None, list[tuple[str, str]]]:
    """Decompose the spelled prompt and evaluate what ``render`` writes."""
    expr = cst.parse_expression(spelling.source)
    conversation = split(flatten(expr, constant))
    namespace = eval_namespace(spelling)

    def value(pieces: Any) -> str:
        source = render(pieces, CODE_FOR)
        ast.parse(source, mode="eval")
        result = eval(source, dict(namespace))
        assert isinstance(result, str), source
        return result

    system = value(conversation.system) if conversation.system is not None else None
    messages = [(role, value(body)) for role, body in conversation.turns]
    if conversation.prefill is not None:
        messages.append(("assistant", value(conversation.prefill)))
    return system, messages


def expected_refusal(
    legacy: Legacy, spelling: Spelling, constants_known: bool = False
) -> str | None:
    """The documented reason the static path must give for this prompt, or None.

    ``constants_known``: the holes' values are module constants the tool reads (the
    engine's programs bind them so), and a prefill that ends in one is kept when its
    text is known to end in no whitespace."""

    def unknown_end(name: str) -> bool:
        value = spelling.namespace.get(name)
        known = constants_known and value and value == value.rstrip()
        return not (known and not re.search("\n\n(Human|Assistant):", value))

    if spelling.prefill_hole and unknown_end(f"v{len(legacy.turns)}"):
        return PREFILL_HOLE
    if legacy.turns[-1].role == "assistant" and legacy.prefill_text:
        return TWO_ASSISTANT_TURNS
    last = f"v{len(legacy.turns) - 1}"
    if (
        legacy.turns[-1].role == "assistant"
        and last in spelling.namespace
        and unknown_end(last)
        and not spelling.prefill_hole
    ):
        # The last assistant turn is continued (a prefill) and ends with a value.
        return PREFILL_HOLE
    return None


@st.composite
def spelled(draw: st.DrawFn, kinds: tuple[str, ...] = KINDS) -> tuple[Legacy, Spelling]:
    legacy = draw(legacies())
    return legacy, draw(spellings(legacy, kinds))


@_settings(200)
@given(spelled(LITERAL_KINDS))
def test_static_runtime_and_reference_agree_on_literals(case: tuple[Legacy, Spelling]) -> None:
    """String literals, implicit concatenation, `+` with the marker constants."""
    check_three_readings(*case)


@_settings(200)
@given(spelled(("fstring",)))
def test_static_runtime_and_reference_agree_on_fstrings(case: tuple[Legacy, Spelling]) -> None:
    """An f-string whose turn texts (and maybe the prefill) are interpolated values."""
    check_three_readings(*case)


def check_three_readings(legacy: Legacy, spelling: Spelling) -> None:
    prompt = legacy.prompt
    # The spelling is the prompt (otherwise the generator, not migrator, is wrong).
    assert eval(spelling.source, eval_namespace(spelling)) == prompt

    expected = legacy.expected()
    reference = reference_reading(prompt)
    assert reference == expected
    runtime = runtime_reading(prompt)
    assert runtime == messages_form(reference)

    refusal = expected_refusal(legacy, spelling)
    try:
        static = static_reading(spelling)
    except NotDecomposable as error:
        assert refusal is not None, f"static path refused a decomposable prompt: {error}"
        assert str(error).startswith(refusal), str(error)
        assert error.runtime, "the runtime converter handles this prompt"
        return
    assert refusal is None, f"static path accepted a prompt it must refuse ({refusal})"
    # Static, runtime and reference all merge consecutive turns of one role:
    # compared as they are, not after merging.
    assert static == messages_form(reference)


def messages_refusal(model: str, system: Any, messages: list[dict[str, Any]]) -> str | None:
    """Why the fake Messages API (migrator/testing/endpoints.py) refuses these, or None."""
    conversation = conversation_from_messages(system, messages)
    prefill = conversation.prefill
    if prefill is not None:
        if prefill != prefill.rstrip():
            return "final assistant content cannot end with trailing whitespace"
        if model in PREFILL_REJECTING_MODELS:
            return f"Prefill not supported: {model}"
    return None


# --------------------------------------------------------------------------- the request helper

LEGACY_MODELS = ["claude-2", "claude-instant-1.2", "claude-v1.3-100k", "claude-sonnet-4-6"]
CONFIGS = [
    Config(),
    Config(sampling="extra_body"),
    Config(target_model="claude-opus-4-5", sampling="extra_body"),
    Config(models={"claude-2": "claude-opus-4-6", "claude-sonnet-4-6": "claude-opus-4-5"}),
]
REQUEST_HELPERS = [_exec_helpers(config)["_legacy_request_to_messages"] for config in CONFIGS]
SAMPLING = ("temperature", "top_p", "top_k")
LEGACY_KEYS = ("prompt", "max_tokens_to_sample")
STOPS = st.sampled_from(["\n\nHuman:", "\n\nHuman", "END", "###", "\n\nAssistant:", "Human:"])


def expected_model(config: Config, model: str, ends_with_assistant: bool) -> str:
    if model in config.models:
        mapped = config.models[model]
    elif model.startswith("claude-instant"):
        mapped = config.instant_model
    elif model in ("claude-2", "claude-v1.3-100k"):
        mapped = config.target_model
    else:
        return model  # a live model is the user's choice
    if ends_with_assistant and mapped not in config.prefill_models:
        return config.prefill_model
    return mapped


@st.composite
def requests(draw: st.DrawFn) -> dict[str, Any]:
    request: dict[str, Any] = {
        "model": draw(st.sampled_from(LEGACY_MODELS)),
        "prompt": draw(legacies()).prompt,
        "max_tokens_to_sample": draw(st.integers(1, 100_000)),
    }
    for key, values in [
        ("temperature", st.floats(0, 1)),
        ("top_p", st.floats(0, 1)),
        ("top_k", st.integers(0, 500)),
        ("stop_sequences", st.one_of(st.lists(STOPS, max_size=4), st.lists(texts, max_size=2))),
        ("metadata", st.just({"user_id": "u-1"})),
        ("extra_headers", st.just({"x-trace": "1"})),
        ("extra_body", st.just({"service_tier": "auto"})),
        ("stream", st.just(False)),
        ("timeout", st.just(30.0)),
    ]:
        if draw(st.booleans()):
            request[key] = draw(values)
    keys = list(request)
    order = draw(st.permutations(keys))
    return {key: request[key] for key in order}


@_settings(200)
@given(requests(), st.sampled_from(range(len(CONFIGS))))
def test_request_helper(request: dict[str, Any], which: int) -> None:
    config, convert = CONFIGS[which], REQUEST_HELPERS[which]
    before = copy.deepcopy(request)
    out = convert(request)
    assert request == before, "the input dict was mutated"

    parsed = parse_legacy_prompt(request["prompt"])
    system, messages = messages_form((parsed.system, list(parsed.messages)))
    assert [(m["role"], m["content"]) for m in out["messages"]] == messages
    assert out.get("system") == system
    # Text Completions clamped a value above the model's limit; the helper clamps it too.
    assert out["max_tokens"] == min(request["max_tokens_to_sample"], MAX_OUTPUT_TOKENS)
    for key in LEGACY_KEYS:
        assert key not in out
    if "stop_sequences" in request:
        # Only the exact marker goes: "\n\nHuman" without the colon is a stop of its own.
        kept = [s for s in request["stop_sequences"] if s != HUMAN]
        assert out.get("stop_sequences", []) == kept
        assert "stop_sequences" not in out or out["stop_sequences"]
    else:
        assert "stop_sequences" not in out

    sampling = {key: request[key] for key in SAMPLING if key in request}
    for key in SAMPLING:
        assert key not in out
    if config.sampling == "extra_body" and sampling:
        assert out["extra_body"] == {**request.get("extra_body", {}), **sampling}
        assert out["extra_headers"] == {
            **request.get("extra_headers", {}),
            "anthropic-version": "2023-06-01",
        }
    else:
        assert out.get("extra_body") == request.get("extra_body")
        assert out.get("extra_headers") == request.get("extra_headers")

    ends_with_assistant = messages[-1][0] == "assistant"
    assert out["model"] == expected_model(config, request["model"], ends_with_assistant)
    # Nothing else is added or lost.
    keys = set(request) - set(LEGACY_KEYS) - set(SAMPLING) - {"stop_sequences"}
    keys |= {"messages", "max_tokens"}
    if system is not None:
        keys.add("system")
    if [s for s in request.get("stop_sequences", []) if s != HUMAN]:
        keys.add("stop_sequences")
    if config.sampling == "extra_body" and sampling:
        keys |= {"extra_body", "extra_headers"}
    # The current SDK refuses a long request that does not stream unless it has a
    # timeout: it gets the legacy SDK's ten minutes, and a timeout given is kept.
    if request["max_tokens_to_sample"] > NONSTREAMING_MAX_TOKENS and "timeout" not in request:
        keys.add("timeout")
        assert out["timeout"] == 600
    assert set(out) == keys
    for key in keys - {"model", "messages", "max_tokens", "system", "stop_sequences"}:
        if key not in ("extra_body", "extra_headers") and key in request:
            assert out[key] == request[key]
    if request["model"] != "claude-sonnet-4-6":  # a live model is the user's choice
        assert messages_refusal(out["model"], out.get("system"), out["messages"]) is None

    # A call that passes `timeout=` itself must not get a second one.
    assert "timeout" not in convert(request, timeout_given=True) or "timeout" in request

    with_stream = {**request, "stream": True}
    try:
        convert(with_stream)
    except TypeError:
        pass
    else:
        raise AssertionError("a streamed request must raise TypeError")


MODEL_HELPERS = [_exec_helpers(config)["_legacy_model_to_current"] for config in CONFIGS]
MODEL_NAMES = st.one_of(
    st.sampled_from(
        [*LEGACY_MODELS, "claude-1", "claude-2.1", "claude-instant-v1", "claude-2-100k"]
        + ["claude-haiku-4-5", "claude-opus-4-6", "claude-3", "claude-2x", "Claude-2", ""]
    ),
    st.from_regex(r"claude-(instant-)?v?[0-9](\.[0-9])?(-100k)?", fullmatch=True),
    st.text(max_size=12),
)


@_settings(300)
@given(MODEL_NAMES, st.booleans(), st.sampled_from(range(len(CONFIGS))))
def test_model_helper_maps_as_the_static_table(model: str, prefill: bool, which: int) -> None:
    """The run-time mapping and the static rewrite of TCM006 choose the same model."""
    config, live_model = CONFIGS[which], MODEL_HELPERS[which]
    target = config.target_for(model)
    if target is None:
        expected = model
    elif prefill and not config.accepts_prefill(target):
        expected = config.prefill_model
    else:
        expected = target
    assert live_model(model, prefill) == expected
    assert live_model(None) is None


# --------------------------------------------------------------------------- render


# st.text() rarely draws two quotes, or a backslash next to a quote, or a
# newline: mix them in.
QUOTING = st.sampled_from(['"', "'", "\\", "\n", "\r", "{", "}", "\x00", "\u2028"])
# Triple quotes are only used for text with a newline.
multiline_text = st.tuples(
    st.text(), st.just("\n"), st.text(max_size=3), st.sampled_from(ENDINGS)
).map("".join)
any_text = st.one_of(
    st.text(),
    st.tuples(st.text(), st.text(QUOTING, max_size=4)).map("".join),
    st.tuples(st.text(), st.sampled_from(ENDINGS)).map("".join),
    multiline_text,
    st.text(st.one_of(st.characters(exclude_categories=("Cs",)), QUOTING)),
)


ALL_STYLES = [Style(quote, triple) for quote in "\"'" for triple in (False, True)]


@_settings(300)
@given(any_text)
def test_render_round_trips_text(value: str) -> None:
    for style in ALL_STYLES:
        source = render([Text(value, style)], CODE_FOR)
        assert ast.literal_eval(source) == value, (style, source)


@_settings(200)
@given(st.lists(st.tuples(st.one_of(any_text, multiline_text, st.none()), styles), max_size=6))
def test_render_round_trips_pieces_with_holes(spec: list[tuple[str | None, tuple]]) -> None:
    """Text pieces and f-string holes evaluate to their join: with the styles
    drawn, then with every piece in each one style."""
    namespace = {f"h{index}": f"<{index}{{}}\"'\\>" for index in range(len(spec))}
    for uniform in [None, *ALL_STYLES]:
        pieces: list[Text | Hole] = []
        for index, (text, drawn) in enumerate(spec):
            style = uniform or Style(*drawn)
            if text is not None:
                pieces.append(Text(text, style))
                continue
            expr = cst.Name(f"h{index}")
            pieces.append(Hole(expr, style, cst.FormattedStringExpression(expression=expr)))
        source = render(pieces, CODE_FOR)
        ast.parse(source, mode="eval")
        expected = "".join(
            p.value if isinstance(p, Text) else namespace[f"h{i}"] for i, p in enumerate(pieces)
        )
        assert eval(source, dict(namespace)) == expected, (uniform, source)


# --------------------------------------------------------------------------- the engine


def run_program(source: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Run a migrated program against a stand-in for the current SDK.

    The stand-in has no ``completions``, no ``HUMAN_PROMPT`` / ``AI_PROMPT``:
    a migrated program that still reads them fails here.
    """
    calls: list[dict[str, Any]] = []
    printed: list[str] = []

    class Messages:
        def create(self, **kwargs: Any) -> Any:
            calls.append(kwargs)
            block = types.SimpleNamespace(type="text", text="ok")
            return types.SimpleNamespace(content=[block])

    class Anthropic:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self.messages = Messages()

    sdk = types.ModuleType("anthropic")
    sdk.Anthropic = Anthropic  # type: ignore[attr-defined]

    def load(name: str, *args: Any, **kwargs: Any) -> Any:
        return sdk if name == "anthropic" else builtins.__import__(name, *args, **kwargs)

    def show(*args: Any, **kwargs: Any) -> None:
        printed.append(" ".join(str(a) for a in args))

    own = {**vars(builtins), "__import__": load, "print": show}
    exec(compile(source, "t.py", "exec"), {"__builtins__": own, "__name__": "t"})
    return calls, printed


def program(spelling: Spelling) -> str:
    lines = ["import anthropic"]
    if spelling.uses_names:
        lines.append("from anthropic import AI_PROMPT, HUMAN_PROMPT")
    lines.append("client = anthropic.Anthropic()")
    lines += [f"{name} = {value!r}" for name, value in spelling.namespace.items()]
    lines.append(
        'r = client.completions.create(model="claude-2", max_tokens_to_sample=5, '
        f"prompt={spelling.source})"
    )
    lines.append("print(r.completion)")
    return "\n".join(lines) + "\n"


def create_call(module: cst.Module) -> cst.Call:
    found: list[cst.Call] = []

    class Finder(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            func = node.func
            if isinstance(func, cst.Attribute) and func.attr.value == "create":
                found.append(node)

    module.visit(Finder())
    assert len(found) == 1, [module.code_for_node(c) for c in found]
    return found[0]


@_settings(120)
@given(spelled())
def test_engine_migrates_generated_programs(case: tuple[Legacy, Spelling]) -> None:
    legacy, spelling = case
    source = program(spelling)
    config = Config()
    result = migrate_source(source, "t.py", config, RULES)
    assert result.error is None, result.error
    new = result.new_source
    assert new != source
    ast.parse(new)
    again = migrate_source(new, "t.py", config, RULES)
    assert again.error is None, again.error
    assert again.new_source == new, "a second run must change nothing"

    call = create_call(cst.parse_module(new))
    keywords = {arg.keyword.value: arg for arg in call.args if arg.keyword is not None}
    splatted = [arg for arg in call.args if arg.star == "**"]
    assert "prompt" not in keywords and "max_tokens_to_sample" not in keywords
    refusal = expected_refusal(legacy, spelling, constants_known=True)
    if refusal is None:
        # Decomposed statically: a literal list of messages at the call.
        assert "messages" in keywords and not splatted, new
        written = keywords["messages"].value
        assert isinstance(written, cst.List), new
        # The list as written, evaluated with the program's values.
        listed = eval(CODE_FOR(written), {**spelling.namespace})
        assert [(m["role"], m["content"]) for m in listed] == messages_form(legacy.expected())[1]
    else:
        assert "messages" not in keywords, new
        assert len(splatted) == 1, new

    calls, printed = run_program(new)
    assert printed == ["ok"]
    (kwargs,) = calls
    messages = [(m["role"], m["content"]) for m in kwargs["messages"]]
    system, expected = messages_form(legacy.expected())
    assert (kwargs.get("system"), messages) == (system, expected)
    assert kwargs["max_tokens"] == 5
    if expected[-1][0] != "assistant" and refusal is None:
        assert kwargs["model"] == config.target_model
    # What worked on Text Completions must not be refused by Messages.
    refused = messages_refusal(kwargs["model"], kwargs.get("system"), kwargs["messages"])
    assert refused is None, (refused, new)
