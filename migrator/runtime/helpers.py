"""The runtime converter: helper functions written into migrated code.

Some prompts are only known at run time: built in a loop, kept across turns,
passed in by a caller, or splatted with the whole request from a dict. The
tool does not guess at their markers; it writes a small helper into the
module that splits the prompt exactly as the Text Completions API did (the
same rules as the static decomposer in :mod:`migrator.analysis.prompt`), and calls it
at the site:

    client.messages.create(model=..., max_tokens=..., **_legacy_prompt_to_messages(prompt))
    client.messages.create(**_legacy_request_to_messages(kwargs))
    client.messages.create(model=_legacy_model_to_current(model), ...)

A prompt that may end in a prefill decides the model with it, so both go to the
request converter, which splits the prompt first:

    client.messages.create(**_legacy_request_to_messages(model="claude-2", prompt=prompt), ...)
    client.messages.create(**_legacy_request_to_messages(kwargs, prompt=prompt), ...)

The helpers use nothing but the standard library and Python 3.7 syntax, so
they run wherever the migrated code runs. Their source is generated from the
configuration (model table, sampling policy) and is the same for every module
of one run, so a second run recognises them by name and adds nothing.
"""

from __future__ import annotations

import json

from migrator.core import models
from migrator.core.config import Config

PROMPT_HELPER = "_legacy_prompt_to_messages"
REQUEST_HELPER = "_legacy_request_to_messages"
MODEL_HELPER = "_legacy_model_to_current"
SAMPLING = ("temperature", "top_p", "top_k")
PINNED_VERSION = "2023-06-01"
# The current SDK raises "Streaming is required for operations that may take
# longer than 10 minutes" for a ``messages.create`` that does not stream when
# ``3600 * max_tokens / 128_000 > 600`` (``_calculate_nonstreaming_timeout``),
# unless the call passes ``timeout=`` or the client has a timeout of its own.
NONSTREAMING_MAX_TOKENS = 21_333
# The timeout the legacy SDK gave every ``completions.create`` on a client with
# the default timeout (``timeout = 600`` in ``resources/completions.py``).
LEGACY_TIMEOUT = 600

_PROMPT_SOURCE = """\
def _legacy_prompt_to_messages(prompt):
    # Written by migrator: splits a Text Completions prompt that is only known
    # at run time the way that API did, into the `system` (when there is one)
    # and `messages` arguments of `messages.create`.
    human, assistant = "\\n\\nHuman:", "\\n\\nAssistant:"
    start = prompt.find(human)
    if start < 0 or assistant in prompt[:start] or assistant not in prompt[prompt.rfind(human):]:
        raise ValueError(
            "a Text Completions prompt must start with a \\"\\\\n\\\\nHuman:\\" turn "
            "and end with a \\"\\\\n\\\\nAssistant:\\" turn: %r" % prompt[-200:]
        )
    turns = []
    rest = prompt[start:]
    while rest:
        role, marker = ("user", human) if rest.startswith(human) else ("assistant", assistant)
        rest = rest[len(marker):]
        ends = [end for end in (rest.find(human), rest.find(assistant)) if end >= 0]
        end = min(ends) if ends else len(rest)
        text, rest = rest[:end], rest[end:]
        turns.append((role, text[1:] if text.startswith(" ") else text))
    messages = []
    for role, text in turns:
        if messages and messages[-1]["role"] == role:
            messages[-1]["content"] += "\\n\\n" + text
        else:
            messages.append({"role": role, "content": text})
    # The response continues the final assistant message (a prefill): Messages
    # rejects trailing whitespace there, and whitespace alone means no prefill.
    messages[-1]["content"] = messages[-1]["content"].rstrip()
    if not messages[-1]["content"]:
        messages.pop()
    request = {"messages": messages}
    if prompt[:start].strip():
        request["system"] = prompt[:start]
    return request
"""


def prompt_helper() -> str:
    """Source of the function that converts one prompt string."""
    return _PROMPT_SOURCE


# The output limit of the default target models: Text Completions clamped a larger
# max_tokens_to_sample to the model's limit, Messages refuses it.
MAX_OUTPUT_TOKENS = 64_000


def request_helper(config: Config) -> str:
    """Source of the function that converts a whole request dict (``create(**kwargs)``)."""
    lines = [
        f"def {REQUEST_HELPER}(",
        "    request=None, timeout_given=False, streams=False, prefill=False, **given",
        "):",
        "    # Written by migrator: turns the keyword arguments of a Text Completions",
        "    # request built at run time into those of `messages.create`. `given`: legacy",
        "    # arguments of the call that are converted together with it (a prompt that",
        "    # may end in a prefill, and the model that must accept it). `streams`: the",
        "    # call's result is read as a stream or as a response, whichever it is.",
        "    # `prefill`: the call's own `messages=` end in an assistant message.",
        "    request = dict(request or {}, **given)",
        '    if request.get("stream") and not streams:',
        "        raise TypeError(",
        '            "migrator converted this request for a response that is not streamed; "',
        '            "migrate the stream handling of this call by hand"',
        "        )",
        '    if "prompt" in request:',
        f'        request.update({PROMPT_HELPER}(request.pop("prompt")))',
        '    if "max_tokens_to_sample" in request:',
        "        # Text Completions clamped a value above the model's limit; Messages refuses it.",
        "        # A `max_tokens` beside it was written for Messages: it wins.",
        f'        limit = min(request.pop("max_tokens_to_sample"), {MAX_OUTPUT_TOKENS})',
        '        request.setdefault("max_tokens", limit)',
        '    if "stop_sequences" in request:',
        '        stops = request.pop("stop_sequences")',
        '        stops = [stop for stop in stops if stop != "\\n\\nHuman:"]',
        "        if stops:",
        '            request["stop_sequences"] = stops',
    ]
    sampling = ", ".join(f'"{name}"' for name in SAMPLING)
    if config.sampling == "extra_body":
        lines += [
            f"    sampling = {{key: request.pop(key) for key in ({sampling}) if key in request}}",
            "    if sampling:",
            "        # The current SDK has no keyword for these; they stay on the wire,",
            "        # with the API version that still accepts them.",
            '        request["extra_body"] = dict(request.get("extra_body") or {}, **sampling)',
            '        headers = dict(request.get("extra_headers") or {})',
            f'        headers["anthropic-version"] = "{PINNED_VERSION}"',
            '        request["extra_headers"] = headers',
        ]
    else:
        lines += [
            "    # The current API rejects sampling parameters: they are dropped.",
            f"    for key in ({sampling}):",
            "        request.pop(key, None)",
        ]
    lines += [
        '    if "model" in request:',
        '        messages = request.get("messages") or [{}]',
        '        prefill = prefill or messages[-1].get("role") == "assistant"',
        f'        request["model"] = {MODEL_HELPER}(request["model"], prefill)',
        "    # The current SDK refuses a request that does not stream and may run over",
        "    # ten minutes unless it is given a timeout; the legacy SDK sent every",
        "    # request with a timeout of ten minutes. `timeout_given`: the call passes",
        "    # `timeout=` itself.",
        '    max_tokens = request.get("max_tokens")',
        '    if timeout_given or "timeout" in request or not isinstance(max_tokens, int):',
        "        return request",
        f"    if max_tokens > {NONSTREAMING_MAX_TOKENS}:",
        f'        request["timeout"] = {LEGACY_TIMEOUT}',
        "    return request",
    ]
    return "\n".join(lines) + "\n"


def request_helpers(config: Config) -> dict[str, str]:
    """The request converter and the two helpers it calls, by name: their sources."""
    return {
        PROMPT_HELPER: prompt_helper(),
        MODEL_HELPER: model_helper(config),
        REQUEST_HELPER: request_helper(config),
    }


def model_helper(config: Config) -> str:
    """Source of the function that maps a model name known only at run time.

    The same mapping as the static model table (:meth:`Config.target_for`, then
    the prefill rule of TCM006), written out from the run's configuration: a
    retired Text Completions name becomes its live model, any other value is
    returned as it is.
    """
    table = {legacy: target for legacy, target in sorted(config.models.items())}
    entries = ", ".join(
        f"{json.dumps(legacy)}: {json.dumps(target)}" for legacy, target in table.items()
    )
    accepting = "".join(f"        {json.dumps(name)},\n" for name in config.prefill_models)
    # The project's own table, when it has one, before the retired names' patterns.
    first = (
        f"    table = {{{entries}}}\n"
        "    if model in table:\n"
        "        live = table[model]\n"
        f'    elif re.match(r"{models.INSTANT_PATTERN}", model):\n'
        if table
        else f'    if re.match(r"{models.INSTANT_PATTERN}", model):\n'
    )
    return (
        f"def {MODEL_HELPER}(model, prefill=False):\n"
        "    # Written by migrator: the live model for a retired Text Completions model\n"
        "    # name, chosen as the migrator's model table chooses it; any other value is\n"
        "    # returned as it is. `prefill`: the request ends in an assistant message,\n"
        "    # which not every current model accepts.\n"
        "    import re\n"
        "\n"
        "    if not isinstance(model, str):\n"
        "        return model\n"
        f"{first}"
        f"        live = {json.dumps(config.instant_model)}\n"
        f'    elif re.match(r"{models.LEGACY_PATTERN}", model):\n'
        f"        live = {json.dumps(config.target_model)}\n"
        "    else:\n"
        "        return model\n"
        "    accepts_prefill = (\n"
        f"{accepting}"
        "    )\n"
        "    if prefill and live not in accepts_prefill:\n"
        f"        live = {json.dumps(config.prefill_model)}\n"
        "    return live\n"
    )


ADAPTER = "_legacy_completion"
DICT_ADAPTER = "_legacy_completion_dict"

_ADAPTER_SOURCE = """\
def _legacy_completion(message):
    # Written by migrator: a Messages response in the shape of a Text Completions
    # one, for callers the tool cannot see. A natural end is "stop_sequence" here,
    # as the legacy API said; move the callers to `.content` and drop this.
    import types

    text = "".join(block.text for block in message.content if block.type == "text")
    reason = "stop_sequence" if message.stop_reason == "end_turn" else message.stop_reason
    return types.SimpleNamespace(
        id=message.id,
        type="completion",
        completion=text,
        stop_reason=reason,
        stop=message.stop_sequence,
        model=message.model,
    )
"""

_DICT_ADAPTER_SOURCE = """\
def _legacy_completion_dict(message):
    # Written by migrator: a Messages response as the dict the pre-0.3 SDK returned,
    # for callers the tool cannot see. A natural end is "stop_sequence" here, as
    # the legacy API said; move the callers to `.content` and drop this.
    text = "".join(block.text for block in message.content if block.type == "text")
    reason = "stop_sequence" if message.stop_reason == "end_turn" else message.stop_reason
    return {
        "completion": text,
        "stop_reason": reason,
        "stop": message.stop_sequence,
        "model": message.model,
        "log_id": message.id,
    }
"""


# What the adapters above give: `_legacy_completion`'s attributes, `_legacy_completion_dict`'s
# keys (``tests/test_handed_on.py`` holds them to the adapters' sources).
ADAPTED_ATTRIBUTES = frozenset({"completion", "stop_reason", "stop", "model", "id", "type"})
ADAPTED_KEYS = frozenset({"completion", "stop_reason", "stop", "model", "log_id"})


STREAM_ADAPTER = "_legacy_completion_events"
ASYNC_STREAM_ADAPTER = "_legacy_completion_events_async"

_STREAM_ADAPTER_SOURCE = """\
def _legacy_completion_events(stream):
    # Written by migrator: the events of a Messages stream in the shape of Text
    # Completions ones, for callers the tool cannot follow: one per piece of text,
    # then one with no text that carries the stop reason (a natural end is
    # "stop_sequence" here, as the legacy API said). Move the callers to
    # `messages.stream(...).text_stream` and drop this.
    import types

    for event in stream:
        if event.type == "content_block_delta" and event.delta.type == "text_delta":
            yield types.SimpleNamespace(
                type="completion", completion=event.delta.text, stop_reason=None, stop=None
            )
        elif event.type == "message_delta":
            reason = event.delta.stop_reason
            yield types.SimpleNamespace(
                type="completion",
                completion="",
                stop_reason="stop_sequence" if reason == "end_turn" else reason,
                stop=event.delta.stop_sequence,
            )
"""


RESULT_ADAPTER = "_legacy_completion_or_events"
ASYNC_RESULT_ADAPTER = "_legacy_completion_or_events_async"

_RESULT_ADAPTER_SOURCE = """\
def _legacy_completion_or_events(result):
    # Written by migrator: `stream=` is only known at run time, so the result is a
    # Messages response or a stream of Messages events; either comes back in the
    # shape of Text Completions, as the code reads it. Choose `messages.create(...)`
    # or `messages.stream(...)` by hand and drop this.
    if hasattr(result, "content"):
        return _legacy_completion(result)
    return _legacy_completion_events(result)
"""


def result_adapter_helpers(asynchronous: bool) -> dict[str, str]:
    """The adapter of a result that is a response or a stream, and the helpers it calls."""
    name, source = ADAPTER, _ADAPTER_SOURCE
    events, events_source = stream_adapter_helper(asynchronous)
    adapter = _RESULT_ADAPTER_SOURCE
    if asynchronous:
        adapter = adapter.replace(RESULT_ADAPTER, ASYNC_RESULT_ADAPTER, 1).replace(
            STREAM_ADAPTER + "(", ASYNC_STREAM_ADAPTER + "("
        )
    wrapper = ASYNC_RESULT_ADAPTER if asynchronous else RESULT_ADAPTER
    return {name: source, events: events_source, wrapper: adapter}


def stream_adapter_helper(asynchronous: bool) -> tuple[str, str]:
    """The name and source of the adapter that gives a stream's events the legacy shape."""
    if not asynchronous:
        return STREAM_ADAPTER, _STREAM_ADAPTER_SOURCE
    source = (
        _STREAM_ADAPTER_SOURCE.replace(STREAM_ADAPTER, ASYNC_STREAM_ADAPTER, 1)
        .replace("def ", "async def ", 1)
        .replace("    for event in stream:", "    async for event in stream:", 1)
    )
    return ASYNC_STREAM_ADAPTER, source


AWAITED_STREAM_ADAPTER = "_legacy_completion_events_awaited"

_AWAITED_STREAM_ADAPTER_SOURCE = """\
async def _legacy_completion_events_awaited(request):
    # Written by migrator: a stream requested here and awaited by callers the tool
    # cannot follow, as the legacy one was; awaited, this gives them its events in
    # the legacy shape (see `_legacy_completion_events_async`).
    return _legacy_completion_events_async(await request)
"""


def awaited_stream_adapter_helpers() -> dict[str, str]:
    """The adapter of an async stream's request that callers await, and what it calls."""
    events, events_source = stream_adapter_helper(True)
    return {events: events_source, AWAITED_STREAM_ADAPTER: _AWAITED_STREAM_ADAPTER_SOURCE}


SDK02_STREAM_ADAPTER = "_legacy_completion_stream_dicts"

_SDK02_STREAM_ADAPTER_SOURCE = """\
def _legacy_completion_stream_dicts(result):
    # Written by migrator: `stream=` of the pre-0.3 SDK's `completion_stream` is only
    # known at run time. That stream gave dicts holding the whole text so far, one per
    # piece and a last one with the stop reason, or a single dict when the request did
    # not stream; so does this, from a Messages stream or response (a natural end is
    # "stop_sequence" here, as the legacy API said). Choose `messages.stream(...)` or
    # `messages.create(...)` by hand and drop this.
    if hasattr(result, "content"):
        yield _legacy_completion_dict(result)
        return
    text = ""
    for event in result:
        if event.type == "content_block_delta" and event.delta.type == "text_delta":
            text += event.delta.text
            yield {"completion": text, "stop_reason": None, "stop": None}
        elif event.type == "message_delta":
            reason = event.delta.stop_reason
            yield {
                "completion": text,
                "stop_reason": "stop_sequence" if reason == "end_turn" else reason,
                "stop": event.delta.stop_sequence,
            }
"""


def sdk02_stream_adapter_helpers() -> dict[str, str]:
    """The adapter of a pre-0.3 ``completion_stream`` whose ``stream=`` is known at run
    time, and the helper it calls."""
    return {DICT_ADAPTER: _DICT_ADAPTER_SOURCE, SDK02_STREAM_ADAPTER: _SDK02_STREAM_ADAPTER_SOURCE}


URL_HELPER = "_legacy_api_url_base"
URL_HELPER_SOURCE = """\
def _legacy_api_url_base(api_url):
    # Written by migrator: the pre-0.3 SDK sent to urljoin(api_url, "v1/complete");
    # the current one appends "v1/messages" to base_url, so this is the base that
    # reaches the same place.
    import urllib.parse

    return urllib.parse.urljoin(api_url, ".")
"""


def adapter_helper(dict_shaped: bool) -> tuple[str, str]:
    """The name and source of the adapter that returns a response in the legacy shape."""
    return (DICT_ADAPTER, _DICT_ADAPTER_SOURCE) if dict_shaped else (ADAPTER, _ADAPTER_SOURCE)


def module_source(config: Config) -> str:
    """The module named by ``runtime_module``: every helper, for every migrated module."""
    return (
        '"""The runtime converter for prompts and requests of the legacy Text Completions API.\n\n'
        "Written by migrator; migrated modules import these functions.\n"
        '"""\n\n\n'
        + prompt_helper()
        + "\n\n"
        + model_helper(config)
        + "\n\n"
        + request_helper(config)
        + "\n\n"
        + _ADAPTER_SOURCE
        + "\n\n"
        + _DICT_ADAPTER_SOURCE
        + "\n\n"
        + _STREAM_ADAPTER_SOURCE
        + "\n\n"
        + stream_adapter_helper(True)[1]
        + "\n\n"
        + result_adapter_helpers(False)[RESULT_ADAPTER]
        + "\n\n"
        + result_adapter_helpers(True)[ASYNC_RESULT_ADAPTER]
        + "\n\n"
        + _SDK02_STREAM_ADAPTER_SOURCE
        + "\n\n"
        + URL_HELPER_SOURCE
    )
