"""The fake API's endpoints: ``/v1/complete``, ``/v1/messages``, its ``count_tokens``, Bedrock.

Each answers as the real one does, refuses what it refuses, and records the request.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

from . import bedrock
from .contract import (
    BOTH_SAMPLINGS,
    CUMULATIVE_UNTIL,
    LIVE_MODELS,
    MAX_OUTPUT_TOKENS,
    NO_SAMPLING_VERSION,
    PREFILL_REJECTING_MODELS,
    SAMPLING_KEYS,
    ApiError,
    RecordedRequest,
    check_common,
    invalid,
    is_legacy_model,
    require_int,
    require_str,
    stop_sequences,
    takes_one_sampling,
)
from .conversation import (
    HUMAN_PROMPT,
    Conversation,
    ConversationError,
    PromptError,
    conversation_from_messages,
    input_tokens,
    parse_legacy_prompt,
    pieces,
)
from .wire import Wire, with_stream_error


class Endpoints(Wire):
    """A method for each route the handler dispatches to."""

    # ----------------------------------------------------------------- /v1/complete

    def _complete(self, record: RecordedRequest) -> None:
        body = record.body
        model = require_str(body, "model")
        prompt = require_str(body, "prompt")
        max_tokens = require_int(body, "max_tokens_to_sample")
        stops = [s for s in stop_sequences(body) if s != HUMAN_PROMPT]
        check_common(body)
        if not is_legacy_model(model):
            if model in LIVE_MODELS:
                raise invalid(
                    f'"{model}" is not supported on this API. Please use the Messages API instead.'
                )
            raise ApiError(404, "not_found_error", f"model: {model}")
        try:
            conv = parse_legacy_prompt(prompt)
        except PromptError as err:
            raise invalid(str(err)) from None
        reply = self.server.fake._answer(conv, max_tokens, stops)
        stop_reason = "max_tokens" if reply.stop_reason == "max_tokens" else "stop_sequence"
        fake = self.server.fake
        cid = f"compl_fake{next(fake._ids):08d}"
        record.status = 200
        fake._record(record)
        if not body.get("stream"):
            self._send_json(
                200,
                {
                    "type": "completion",
                    "id": cid,
                    "completion": reply.text,
                    "stop_reason": stop_reason,
                    "stop": reply.stop_sequence,
                    "model": model,
                },
            )
            return
        if record.headers.get("anthropic-version", "") < CUMULATIVE_UNTIL:
            self._send_cumulative(cid, model, reply.text, stop_reason, reply.stop_sequence)
            return
        events: list[tuple[str, dict[str, Any]]] = []
        parts = pieces(reply.text)
        middle = len(parts) // 2
        for i, part in enumerate(parts):
            if i == middle:
                events.append(("ping", {"type": "ping"}))
            events.append(
                (
                    "completion",
                    {
                        "type": "completion",
                        "id": cid,
                        "completion": part,
                        "stop_reason": None,
                        "model": model,
                    },
                )
            )
        if not parts:
            events.append(("ping", {"type": "ping"}))
        events.append(
            (
                "completion",
                {
                    "type": "completion",
                    "id": cid,
                    "completion": "",
                    "stop_reason": stop_reason,
                    "stop": reply.stop_sequence,
                    "model": model,
                },
            )
        )
        self._send_sse(with_stream_error(record, events, "completion", legacy=True))

    def _send_cumulative(
        self, cid: str, model: str, text: str, stop_reason: str, stop: str | None
    ) -> None:
        """The stream of the versions before 2023-06-01 (the pre-0.3 SDK sends 2023-01-01).

        Unnamed ``data:`` events, each with the whole text so far in
        ``completion``; the last one also has the stop reason; then
        ``data: [DONE]``. Only a ping is a named event.
        """
        lines: list[str] = []
        so_far = ""
        parts = pieces(text)
        for i, part in enumerate(parts):
            if i == len(parts) // 2:
                lines.append('event: ping\ndata: {"type": "ping"}')
            so_far += part
            event = {"completion": so_far, "stop_reason": None, "model": model, "log_id": cid}
            lines.append(f"data: {json.dumps(event, ensure_ascii=False)}")
        last = {
            "completion": so_far,
            "stop_reason": stop_reason,
            "stop": stop,
            "model": model,
            "log_id": cid,
        }
        lines.append(f"data: {json.dumps(last, ensure_ascii=False)}")
        lines.append("data: [DONE]")
        self._send_chunks([f"{line}\n\n".encode() for line in lines])

    # ----------------------------------------------------------------- /v1/messages

    def _count_tokens(self, record: RecordedRequest) -> None:
        """``/v1/messages/count_tokens``: the conversation's input tokens, as the fake counts."""
        body = record.body
        model = require_str(body, "model")
        conv = _conversation(body)
        if is_legacy_model(model) or model not in LIVE_MODELS:
            raise ApiError(404, "not_found_error", f"model: {model}")
        record.status = 200
        self.server.fake._record(record)
        self._send_json(200, {"input_tokens": input_tokens(conv)})

    def _messages(self, record: RecordedRequest) -> None:
        body = record.body
        model = require_str(body, "model")
        max_tokens = require_int(body, "max_tokens")
        conv = _conversation(body)
        stops = stop_sequences(body)
        check_common(body)
        if is_legacy_model(model) or model not in LIVE_MODELS:
            raise ApiError(404, "not_found_error", f"model: {model}")
        version = record.headers.get("anthropic-version", "")
        if "temperature" in body and "top_p" in body and takes_one_sampling(model):
            raise invalid(BOTH_SAMPLINGS)
        if version >= NO_SAMPLING_VERSION:
            present = [k for k in SAMPLING_KEYS if k in body]
            if present:
                raise invalid(
                    f"{present[0]}: is not supported with anthropic-version {version} "
                    f"(sampling parameters were removed from the Messages API)"
                )
        if max_tokens > MAX_OUTPUT_TOKENS:
            raise invalid(
                f"max_tokens: {max_tokens} > {MAX_OUTPUT_TOKENS}, "
                f"which is the maximum allowed for {model}"
            )
        prefill = conv.prefill
        if prefill is not None:
            if prefill != prefill.rstrip():
                raise invalid(
                    "messages: final assistant content cannot end with trailing whitespace"
                )
            if model in PREFILL_REJECTING_MODELS:
                raise invalid(
                    f"Prefill not supported: {model} does not support assistant message prefill. "
                    "The conversation must end with a user message."
                )
        reply = self.server.fake._answer(conv, max_tokens, stops)
        stop_reason = "end_turn" if reply.stop_reason == "end" else reply.stop_reason
        fake = self.server.fake
        mid = f"msg_fake{next(fake._ids):08d}"
        usage_in = input_tokens(conv)
        record.status = 200
        fake._record(record)
        if not body.get("stream"):
            self._send_json(
                200,
                {
                    "id": mid,
                    "type": "message",
                    "role": "assistant",
                    "model": model,
                    "content": [{"type": "text", "text": reply.text}],
                    "stop_reason": stop_reason,
                    "stop_sequence": reply.stop_sequence,
                    "usage": {
                        "input_tokens": usage_in,
                        "output_tokens": max(reply.output_tokens, 1),
                    },
                },
            )
            return
        events: list[tuple[str, dict[str, Any]]] = [
            (
                "message_start",
                {
                    "type": "message_start",
                    "message": {
                        "id": mid,
                        "type": "message",
                        "role": "assistant",
                        "model": model,
                        "content": [],
                        "stop_reason": None,
                        "stop_sequence": None,
                        "usage": {"input_tokens": usage_in, "output_tokens": 1},
                    },
                },
            ),
            (
                "content_block_start",
                {
                    "type": "content_block_start",
                    "index": 0,
                    "content_block": {"type": "text", "text": ""},
                },
            ),
            ("ping", {"type": "ping"}),
        ]
        for part in pieces(reply.text):
            events.append(
                (
                    "content_block_delta",
                    {
                        "type": "content_block_delta",
                        "index": 0,
                        "delta": {"type": "text_delta", "text": part},
                    },
                )
            )
        events += [
            ("content_block_stop", {"type": "content_block_stop", "index": 0}),
            (
                "message_delta",
                {
                    "type": "message_delta",
                    "delta": {"stop_reason": stop_reason, "stop_sequence": reply.stop_sequence},
                    "usage": {"output_tokens": max(reply.output_tokens, 1)},
                },
            ),
            ("message_stop", {"type": "message_stop"}),
        ]
        self._send_sse(with_stream_error(record, events, "content_block_delta", legacy=False))

    # ----------------------------------------------------------------- Bedrock

    def _bedrock(self, record: RecordedRequest) -> None:
        match = bedrock.PATH.match(record.path)
        assert match is not None
        model_id, streamed = unquote(match.group(1)), match.group(2) != "invoke"
        fake = self.server.fake
        try:
            if record.method != "POST":
                raise bedrock.BedrockError(
                    f"Method {record.method} not allowed", "UnknownOperationException", 404
                )
            if not record.headers.get("authorization", "").startswith("AWS4-HMAC-SHA256 "):
                raise bedrock.BedrockError(
                    "Missing Authentication Token", "UnrecognizedClientException", 403
                )
            answer, chunks = bedrock.answer(
                model_id, record.body, streamed, next(fake._ids), NO_SAMPLING_VERSION
            )
        except bedrock.BedrockError as error:
            record.status, record.error_type = error.status, error.error_type
            record.error_message = error.message
            fake._record(record)
            self._send_json(
                error.status, {"message": error.message}, {"x-amzn-ErrorType": error.error_type}
            )
            return
        record.status = 200
        fake._record(record)
        if answer is not None:
            self._send_json(200, answer)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/vnd.amazon.eventstream")
        self.send_header("X-Amzn-Bedrock-Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for chunk in chunks:
            message = bedrock.event_message(chunk)
            self.wfile.write(f"{len(message):X}\r\n".encode() + message + b"\r\n")
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


def _conversation(body: dict[str, Any]) -> Conversation:
    """The conversation of a Messages body, refused as the API refuses a malformed one."""
    if "messages" not in body:
        raise invalid("messages: Field required")
    try:
        return conversation_from_messages(body.get("system"), body["messages"])
    except ConversationError as err:
        raise invalid(str(err)) from None
