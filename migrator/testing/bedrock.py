"""AWS Bedrock's runtime, as the fake serves it: ``POST /model/{id}/invoke[-with-response-stream]``.

Bedrock takes Anthropic's two body formats on the same endpoint and tells
them apart by their keys: a Text Completions body (``prompt``,
``max_tokens_to_sample``) for the Claude 1, 2 and Instant ids, and a Messages
body (``anthropic_version: "bedrock-2023-05-31"`` or a dated API version,
the one the current SDK's ``AnthropicBedrock`` sends, ``messages``,
``max_tokens``) for every Claude id; from the version that removed them, the
sampling keys are refused, as on the first-party API. The model is the path's, never the
body's: a ``model`` key is an extraneous key, which Bedrock refuses, like any
key it does not know. Errors are Bedrock's: HTTP 400 with
``{"message": ...}`` and an ``x-amzn-ErrorType`` header.

Streams use AWS's event-stream framing (``application/vnd.amazon.eventstream``):
each message has ``:event-type: chunk`` and a JSON payload
``{"bytes": <base64 of one chunk>}``; a chunk is the same JSON the first-party
API sends in one SSE event (a legacy ``completion`` or a Messages event), and
the last one carries ``amazon-bedrock-invocationMetrics``.

Standard library only, like the rest of the fake.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import struct
from typing import Any

from .contract import BOTH_SAMPLINGS, takes_one_sampling
from .conversation import (
    HUMAN_PROMPT,
    ConversationError,
    PromptError,
    conversation_from_messages,
    generate,
    input_tokens,
    parse_legacy_prompt,
    pieces,
)

PATH = re.compile(r"^/model/([^/]+)/(invoke|invoke-with-response-stream)$")
BEDROCK_VERSION = "bedrock-2023-05-31"
_DATED = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Ids that took the Text Completions body (an optional region prefix: ``us.``).
LEGACY_IDS = re.compile(r"^([a-z]{2,}\.)?anthropic\.claude-(v1|v2|instant-v1)(:\d+)?$")
_LEGACY_KEYS = {
    "prompt",
    "max_tokens_to_sample",
    "stop_sequences",
    "temperature",
    "top_p",
    "top_k",
    "anthropic_version",
}
_MESSAGES_KEYS = {
    "anthropic_version",
    "messages",
    "system",
    "max_tokens",
    "stop_sequences",
    "temperature",
    "top_p",
    "top_k",
    "metadata",
}


class BedrockError(Exception):
    """A refusal, answered the way Bedrock answers it."""

    def __init__(self, message: str, error_type: str = "ValidationException", status: int = 400):
        super().__init__(message)
        self.message = message
        self.error_type = error_type
        self.status = status


def _integer(body: dict[str, Any], key: str) -> int:
    value = body.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise BedrockError(f"#: required key [{key}] not found or not a positive integer")
    return value


def _stops(body: dict[str, Any]) -> list[str]:
    value = body.get("stop_sequences", [])
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise BedrockError("#/stop_sequences: expected type: JSONArray of strings")
    return value


def _check_keys(body: dict[str, Any], allowed: set[str]) -> None:
    extra = sorted(set(body) - allowed)
    if extra:
        raise BedrockError(f"#: extraneous key [{extra[0]}] is not permitted")


def answer(
    model_id: str, body: Any, streamed: bool, next_id: int, no_sampling_version: str
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The JSON answer (None for a stream) and the stream's chunks, or a :class:`BedrockError`."""
    if "anthropic." not in model_id:
        raise BedrockError(f"The provided model identifier is invalid: {model_id}")
    if not isinstance(body, dict):
        raise BedrockError("Malformed input request: the body is not a JSON object")
    if "prompt" in body:
        return _legacy(model_id, body, streamed)
    return _messages(model_id, body, streamed, next_id, no_sampling_version)


def _legacy(
    model_id: str, body: dict[str, Any], streamed: bool
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    _check_keys(body, _LEGACY_KEYS)
    if not LEGACY_IDS.match(model_id):
        raise BedrockError(
            f"{model_id} does not support the Text Completions format; use the Messages format"
        )
    prompt = body["prompt"]
    if not isinstance(prompt, str):
        raise BedrockError("#/prompt: expected type: String")
    max_tokens = _integer(body, "max_tokens_to_sample")
    stops = [s for s in _stops(body) if s != HUMAN_PROMPT]
    try:
        conversation = parse_legacy_prompt(prompt)
    except PromptError as error:
        raise BedrockError(str(error)) from None
    reply = generate(conversation, max_tokens, stops)
    stop_reason = "max_tokens" if reply.stop_reason == "max_tokens" else "stop_sequence"
    if not streamed:
        return {
            "completion": reply.text,
            "stop_reason": stop_reason,
            "stop": reply.stop_sequence,
        }, []
    chunks: list[dict[str, Any]] = [
        {"completion": part, "stop_reason": None, "stop": None} for part in pieces(reply.text)
    ]
    chunks.append(
        {
            "completion": "",
            "stop_reason": stop_reason,
            "stop": reply.stop_sequence,
            "amazon-bedrock-invocationMetrics": _metrics(conversation, reply.output_tokens),
        }
    )
    return None, chunks


def _messages(
    model_id: str, body: dict[str, Any], streamed: bool, next_id: int, no_sampling_version: str
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    _check_keys(body, _MESSAGES_KEYS)
    version = body.get("anthropic_version")
    # The first Messages version, or a dated one (what the current SDK's Bedrock client sends).
    if version != BEDROCK_VERSION and not (isinstance(version, str) and _DATED.match(version)):
        raise BedrockError(f"#: required key [anthropic_version] {BEDROCK_VERSION!r} not found")
    if version != BEDROCK_VERSION and version >= no_sampling_version:
        present = [key for key in ("temperature", "top_p", "top_k") if key in body]
        if present:
            raise BedrockError(f"#: extraneous key [{present[0]}] is not permitted")
    if "temperature" in body and "top_p" in body and takes_one_sampling(model_id):
        raise BedrockError(BOTH_SAMPLINGS)
    max_tokens = _integer(body, "max_tokens")
    if "messages" not in body:
        raise BedrockError("#: required key [messages] not found")
    try:
        conversation = conversation_from_messages(body.get("system"), body["messages"])
    except ConversationError as error:
        raise BedrockError(str(error)) from None
    prefill = conversation.prefill
    if prefill is not None and prefill != prefill.rstrip():
        raise BedrockError("messages: final assistant content cannot end with trailing whitespace")
    reply = generate(conversation, max_tokens, _stops(body))
    stop_reason = "end_turn" if reply.stop_reason == "end" else reply.stop_reason
    message_id = f"msg_bdrk_fake{next_id:08d}"
    usage = {
        "input_tokens": input_tokens(conversation),
        "output_tokens": max(reply.output_tokens, 1),
    }
    if not streamed:
        return {
            "id": message_id,
            "type": "message",
            "role": "assistant",
            "model": model_id,
            "content": [{"type": "text", "text": reply.text}],
            "stop_reason": stop_reason,
            "stop_sequence": reply.stop_sequence,
            "usage": usage,
        }, []
    start = {
        "id": message_id,
        "type": "message",
        "role": "assistant",
        "model": model_id,
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
        "usage": {"input_tokens": usage["input_tokens"], "output_tokens": 1},
    }
    chunks: list[dict[str, Any]] = [
        {"type": "message_start", "message": start},
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
    ]
    chunks += [
        {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": part}}
        for part in pieces(reply.text)
    ]
    chunks += [
        {"type": "content_block_stop", "index": 0},
        {
            "type": "message_delta",
            "delta": {"stop_reason": stop_reason, "stop_sequence": reply.stop_sequence},
            "usage": {"output_tokens": usage["output_tokens"]},
        },
        {
            "type": "message_stop",
            "amazon-bedrock-invocationMetrics": _metrics(conversation, reply.output_tokens),
        },
    ]
    return None, chunks


def _metrics(conversation: Any, output_tokens: int) -> dict[str, int]:
    return {
        "inputTokenCount": input_tokens(conversation),
        "outputTokenCount": max(output_tokens, 1),
        "invocationLatency": 1,
        "firstByteLatency": 1,
    }


# --------------------------------------------------------------------------- event-stream framing


def _header(name: str, value: str) -> bytes:
    raw_name, raw_value = name.encode(), value.encode()
    # 7: a string value, with a two-byte length.
    return (
        struct.pack("!B", len(raw_name))
        + raw_name
        + struct.pack("!BH", 7, len(raw_value))
        + raw_value
    )


def event_message(chunk: dict[str, Any]) -> bytes:
    """One ``chunk`` event of AWS's event-stream encoding."""
    headers = (
        _header(":event-type", "chunk")
        + _header(":content-type", "application/json")
        + _header(":message-type", "event")
    )
    payload = json.dumps({"bytes": base64.b64encode(json.dumps(chunk).encode()).decode()}).encode()
    total = 12 + len(headers) + len(payload) + 4
    prelude = struct.pack("!II", total, len(headers))
    prelude += struct.pack("!I", binascii.crc32(prelude) & 0xFFFFFFFF)
    message = prelude + headers + payload
    return message + struct.pack("!I", binascii.crc32(message) & 0xFFFFFFFF)
