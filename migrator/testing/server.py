"""A fake Anthropic API: legacy Text Completions and Messages, over real HTTP.

Standard library only (``http.server`` + ``threading``)::

    with FakeAnthropic() as api:
        ...  # point a client at api.base_url
        api.requests  # every request so far, refused ones included
        api.clear()

Standalone, for manual use::

    python -m migrator.testing.server --port 8765

Endpoints: ``POST /v1/complete`` and ``POST /v1/messages`` (JSON or SSE with
``"stream": true``). Both reduce the request to one canonical conversation
(``conversation.py``) and answer with a deterministic text that depends only
on the conversation, the token budget and the stop sequences. The fake refuses
what the real API refuses (see ``_complete`` and ``_messages``), with the
real error shape ``{"type": "error", "error": {"type": ..., "message": ...}}``.
A ``/v1/complete`` stream asked for with an ``anthropic-version`` before
2023-06-01 (what the pre-0.3 SDK sends) has that era's shape: unnamed events
that each carry the whole text so far, then ``data: [DONE]``.

Authentication: the legacy SDK sends ``x-api-key``; the current SDK (2.x)
sends the API key as ``Authorization: Bearer <key>``. Either is accepted;
neither is a 401.

Errors in a stream: the real API may end a stream with an ``error`` event
(an ``overloaded_error`` during high load, where a request without a stream
would get a 529). A request with the header ``x-fake-stream-error: <type>``
gets one after half of its text events, in the documented shape: on
``/v1/complete`` ``data: {"error": {"type": ..., "message": ...}}`` (the
vendor's example in ``seeds/000_63dc1022cb3f3e58.txt``), on ``/v1/messages``
``data: {"type": "error", "error": {...}}``.

Recordings: a request to ``/_run/<tag>/v1/...`` is served as ``/v1/...`` and
recorded with ``tag``, so concurrent programs can share one server and each
read back only its own requests (:meth:`FakeAnthropic.new_recording`, or
``GET /_fake/requests?tag=<tag>`` from another process).
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import re
import socket
import sys
import threading
import uuid
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from migrator.models import CURRENT_MODELS

from . import bedrock
from .conversation import (
    HUMAN_PROMPT,
    Conversation,
    ConversationError,
    PromptError,
    Reply,
    conversation_from_messages,
    count_tokens,
    generate,
    input_tokens,
    parse_legacy_prompt,
    pieces,
)

# --------------------------------------------------------------------------- models

# The models the tool migrates to are the ones the fake serves: one table.
LIVE_MODELS: tuple[str, ...] = CURRENT_MODELS

# Live models that answer a final assistant message (a prefill) with a 400.
PREFILL_REJECTING_MODELS: frozenset[str] = frozenset(
    {
        "claude-opus-5-5",
        "claude-sonnet-5-5",
        "claude-haiku-5-5",
        "claude-opus-4-6",
        "claude-sonnet-4-6",
    }
)

# The largest max_tokens the fake's live models accept on /v1/messages (the
# legacy API clamped max_tokens_to_sample instead of refusing it).
MAX_OUTPUT_TOKENS = 64000

# Before this anthropic-version a Text Completions stream carried the whole
# text so far in each event (the pre-0.3 SDK sends 2023-01-01).
CUMULATIVE_UNTIL = "2023-06-01"

# The anthropic-version from which Messages no longer takes temperature/top_p/top_k.
NO_SAMPLING_VERSION = "2026-10-21"
SAMPLING_KEYS = ("temperature", "top_p", "top_k")

_LEGACY_MODEL = re.compile(r"^claude-(1|2|v1|v2|instant)")


def is_legacy_model(model: str) -> bool:
    """Claude 1, Claude 2 and Instant, aliases and full names: served only by /v1/complete."""
    return bool(_LEGACY_MODEL.match(model))


# --------------------------------------------------------------------------- records


@dataclass
class RecordedRequest:
    method: str
    path: str  # without the /_run/<tag> prefix and without the query
    headers: dict[str, str]  # names lower-cased
    body: Any  # parsed JSON, or None if the body was empty or not JSON
    raw_body: str = ""
    query: str = ""
    status: int = 0
    error_type: str | None = None
    error_message: str | None = None
    tag: str | None = None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RecordedRequest:
        return cls(**data)


class _ApiError(Exception):
    def __init__(self, status: int, error_type: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error_type = error_type
        self.message = message


def _invalid(message: str) -> _ApiError:
    return _ApiError(400, "invalid_request_error", message)


# --------------------------------------------------------------------------- validation helpers


def _require_int(body: dict[str, Any], key: str) -> int:
    if key not in body:
        raise _invalid(f"{key}: Field required")
    value = body[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise _invalid(f"{key}: Input should be a valid integer")
    if value < 1:
        raise _invalid(f"{key}: Input should be greater than or equal to 1")
    return value


def _require_str(body: dict[str, Any], key: str) -> str:
    if key not in body:
        raise _invalid(f"{key}: Field required")
    if not isinstance(body[key], str):
        raise _invalid(f"{key}: Input should be a valid string")
    return body[key]


def _stop_sequences(body: dict[str, Any]) -> list[str]:
    value = body.get("stop_sequences")
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise _invalid("stop_sequences: Input should be a valid list of strings")
    return list(value)


def _check_common(body: dict[str, Any]) -> None:
    for key, low, high in (("temperature", 0.0, 1.0), ("top_p", 0.0, 1.0)):
        value = body.get(key)
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise _invalid(f"{key}: Input should be a valid number")
            if not low <= value <= high:
                raise _invalid(f"{key}: Input should be between {low} and {high}")
    top_k = body.get("top_k")
    if top_k is not None and (isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 0):
        raise _invalid("top_k: Input should be a non-negative integer")
    metadata = body.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise _invalid("metadata: Input should be a valid dictionary")
    stream = body.get("stream")
    if stream is not None and not isinstance(stream, bool):
        raise _invalid("stream: Input should be a valid boolean")


# --------------------------------------------------------------------------- the server


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server  # type: ignore[assignment]

    # ----------------------------------------------------------------- plumbing

    def setup(self) -> None:
        super().setup()
        # Small writes (headers, then body; one SSE event at a time) must not wait for ACKs.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        if self.server.fake.verbose:
            super().log_message(format, *args)

    def _read_body(self) -> bytes:
        if self.headers.get("transfer-encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("content-length") or 0)
        return self.rfile.read(length) if length else b""

    def _split_path(self) -> tuple[str, str, str | None]:
        parts = urlsplit(self.path)
        path = re.sub(r"/{2,}", "/", parts.path)
        tag = None
        m = re.match(r"^/_run/([^/]+)(/.*)?$", path)
        if m:
            tag, path = m.group(1), m.group(2) or "/"
        return path, parts.query, tag

    def _send(
        self, status: int, payload: bytes, content_type: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("request-id", f"req_fake_{uuid.uuid4().hex[:16]}")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(payload)
        self.wfile.flush()

    def _send_json(self, status: int, obj: Any, extra: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(obj).encode("utf-8"), "application/json", extra)

    # ----------------------------------------------------------------- dispatch

    def do_GET(self) -> None:  # noqa: N802
        path, query, _ = self._split_path()
        self._read_body()
        if path == "/_fake/requests":
            tag = parse_qs(query).get("tag", [None])[0]
            records = self.server.fake.requests_for(tag) if tag else self.server.fake.requests
            self._send_json(200, [r.to_dict() for r in records])
            return
        if path == "/_fake/health":
            self._send_json(200, {"ok": True})
            return
        self._api_call("GET")

    def do_POST(self) -> None:  # noqa: N802
        path, _, _ = self._split_path()
        if path == "/_fake/clear":
            self._read_body()
            self.server.fake.clear()
            self._send_json(200, {"ok": True})
            return
        self._api_call("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._api_call("PUT")

    def do_DELETE(self) -> None:  # noqa: N802
        self._api_call("DELETE")

    def _api_call(self, method: str) -> None:
        path, query, tag = self._split_path()
        raw = self._read_body()
        raw_text = raw.decode("utf-8", errors="replace")
        headers = {k.lower(): v for k, v in self.headers.items()}
        body: Any = None
        if raw:
            try:
                body = json.loads(raw_text)
            except ValueError:
                body = None
        record = RecordedRequest(
            method=method,
            path=path,
            headers=headers,
            body=body,
            raw_body=raw_text,
            query=query,
            tag=tag,
        )
        try:
            self._serve(record, raw)
        except _ApiError as err:
            self._refuse(record, err)
        except (BrokenPipeError, ConnectionResetError):
            pass
        except (
            Exception
        ) as exc:  # a bug in the fake: answer (500, not retried), never drop the connection
            if record.status:  # the response had already started
                raise
            self._refuse(record, _ApiError(500, "api_error", f"fake server error: {exc!r}"))

    def _refuse(self, record: RecordedRequest, err: _ApiError) -> None:
        record.status = err.status
        record.error_type = err.error_type
        record.error_message = err.message
        self.server.fake._record(record)
        try:
            self._send_json(
                err.status,
                {
                    "type": "error",
                    "error": {"type": err.error_type, "message": err.message},
                    "request_id": f"req_fake_{uuid.uuid4().hex[:16]}",
                },
                # Refusals are never worth retrying; say so explicitly so that an
                # SDK's retry loop cannot turn a refusal into a slow test.
                {"x-should-retry": "false"},
            )
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _serve(self, record: RecordedRequest, raw: bytes) -> None:
        if bedrock.PATH.match(record.path):
            self._bedrock(record)
            return
        routes = {
            "/v1/complete": self._complete,
            "/v1/messages": self._messages,
            "/v1/messages/count_tokens": self._count_tokens,
        }
        handler = routes.get(record.path)
        if handler is None:
            raise _ApiError(404, "not_found_error", f"Not found: {record.method} {record.path}")
        if record.method != "POST":
            raise _ApiError(
                405, "invalid_request_error", f"Method {record.method} not allowed on {record.path}"
            )
        h = record.headers
        bearer = h.get("authorization", "")
        if not h.get("x-api-key") and not (
            bearer.lower().startswith("bearer ") and bearer[7:].strip()
        ):
            raise _ApiError(401, "authentication_error", "x-api-key header is required")
        if not h.get("anthropic-version"):
            raise _invalid("anthropic-version: header is required")
        if not isinstance(record.body, dict):
            raise _invalid(
                "The request body is not valid JSON" if raw else "The request body is empty"
            )
        handler(record)

    # ----------------------------------------------------------------- /v1/complete

    def _complete(self, record: RecordedRequest) -> None:
        body = record.body
        model = _require_str(body, "model")
        prompt = _require_str(body, "prompt")
        max_tokens = _require_int(body, "max_tokens_to_sample")
        stops = [s for s in _stop_sequences(body) if s != HUMAN_PROMPT]
        _check_common(body)
        if not is_legacy_model(model):
            if model in LIVE_MODELS:
                raise _invalid(
                    f'"{model}" is not supported on this API. Please use the Messages API instead.'
                )
            raise _ApiError(404, "not_found_error", f"model: {model}")
        try:
            conv = parse_legacy_prompt(prompt)
        except PromptError as err:
            raise _invalid(str(err)) from None
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
        self._send_sse(_with_stream_error(record, events, "completion", legacy=True))

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
        model = _require_str(body, "model")
        if "messages" not in body:
            raise _invalid("messages: Field required")
        try:
            conv = conversation_from_messages(body.get("system"), body["messages"])
        except ConversationError as err:
            raise _invalid(str(err)) from None
        if is_legacy_model(model) or model not in LIVE_MODELS:
            raise _ApiError(404, "not_found_error", f"model: {model}")
        record.status = 200
        self.server.fake._record(record)
        self._send_json(200, {"input_tokens": input_tokens(conv)})

    def _messages(self, record: RecordedRequest) -> None:
        body = record.body
        model = _require_str(body, "model")
        max_tokens = _require_int(body, "max_tokens")
        if "messages" not in body:
            raise _invalid("messages: Field required")
        try:
            conv = conversation_from_messages(body.get("system"), body["messages"])
        except ConversationError as err:
            raise _invalid(str(err)) from None
        stops = _stop_sequences(body)
        _check_common(body)
        if is_legacy_model(model) or model not in LIVE_MODELS:
            raise _ApiError(404, "not_found_error", f"model: {model}")
        version = record.headers.get("anthropic-version", "")
        if version >= NO_SAMPLING_VERSION:
            present = [k for k in SAMPLING_KEYS if k in body]
            if present:
                raise _invalid(
                    f"{present[0]}: is not supported with anthropic-version {version} "
                    f"(sampling parameters were removed from the Messages API)"
                )
        if max_tokens > MAX_OUTPUT_TOKENS:
            raise _invalid(
                f"max_tokens: {max_tokens} > {MAX_OUTPUT_TOKENS}, "
                f"which is the maximum allowed for {model}"
            )
        prefill = conv.prefill
        if prefill is not None:
            if prefill != prefill.rstrip():
                raise _invalid(
                    "messages: final assistant content cannot end with trailing whitespace"
                )
            if model in PREFILL_REJECTING_MODELS:
                raise _invalid(
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
        self._send_sse(_with_stream_error(record, events, "content_block_delta", legacy=False))

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

    # ----------------------------------------------------------------- SSE

    def _send_sse(self, events: list[tuple[str, dict[str, Any]]]) -> None:
        self._send_chunks(
            [
                f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()
                for name, data in events
            ]
        )

    def _send_chunks(self, chunks: list[bytes]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("request-id", f"req_fake_{uuid.uuid4().hex[:16]}")
        self.end_headers()
        for chunk in chunks:
            self.wfile.write(f"{len(chunk):X}\r\n".encode() + chunk + b"\r\n")
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


_STREAM_ERROR_MESSAGES = {"overloaded_error": "Overloaded", "api_error": "Internal server error"}


def _with_stream_error(
    record: RecordedRequest,
    events: list[tuple[str, dict[str, Any]]],
    text_event: str,
    *,
    legacy: bool,
) -> list[tuple[str, dict[str, Any]]]:
    """The stream cut by an ``error`` event after half of its text, when the request asks."""
    error_type = record.headers.get("x-fake-stream-error")
    if not error_type:
        return events
    texts = [i for i, (name, _) in enumerate(events) if name == text_event]
    cut = texts[(len(texts) - 1) // 2] + 1 if texts else 0
    error = {"type": error_type, "message": _STREAM_ERROR_MESSAGES.get(error_type, "Error")}
    data: dict[str, Any] = {"error": error} if legacy else {"type": "error", "error": error}
    return [*events[:cut], ("error", data)]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    fake: FakeAnthropic


# --------------------------------------------------------------------------- public API


@dataclass
class Recording:
    """A view of the requests sent through one ``base_url`` of a shared server."""

    fake: FakeAnthropic
    tag: str
    base_url: str = field(init=False)

    def __post_init__(self) -> None:
        self.base_url = f"{self.fake.base_url}/_run/{self.tag}"

    @property
    def requests(self) -> list[RecordedRequest]:
        return self.fake.requests_for(self.tag)


class FakeAnthropic:
    """The fake API on 127.0.0.1, an ephemeral port by default, in a background thread."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, verbose: bool = False) -> None:
        self.host = host
        self.port = port
        self.verbose = verbose
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._ids = itertools.count(1)
        self._scripted: collections.deque[Reply] = collections.deque()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # lifecycle
    def start(self) -> FakeAnthropic:
        if self._server is not None:
            return self
        server = _Server((self.host, self.port), _Handler)
        server.fake = self
        self.port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fake-anthropic",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeAnthropic:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def serve_forever(self) -> None:
        """Serve in the calling thread (standalone use)."""
        self.start()
        assert self._thread is not None
        try:
            while self._thread.is_alive():
                self._thread.join(timeout=0.5)
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    # addresses
    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    # recordings
    def _record(self, record: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(record)

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request recorded so far (a copy), refused ones included."""
        with self._lock:
            return list(self._requests)

    def requests_for(self, tag: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self._requests if r.tag == tag]

    def clear(self) -> None:
        with self._lock:
            self._requests.clear()

    def reply(
        self, text: str, *, stop_reason: str = "end_turn", stop_sequence: str | None = None
    ) -> None:
        """Answer the next request that would get a reply with ``text``, whatever it asked.

        ``stop_reason`` is a Messages one (``end_turn``, ``max_tokens``,
        ``stop_sequence``); a Text Completions answer gets its legacy
        equivalent. Replies queue up, one per answered request.
        """
        reasons = {"end_turn": "end", "max_tokens": "max_tokens", "stop_sequence": "stop_sequence"}
        if stop_reason not in reasons:
            raise ValueError(f"stop_reason must be one of {sorted(reasons)}, not {stop_reason!r}")
        with self._lock:
            self._scripted.append(
                Reply(text, reasons[stop_reason], stop_sequence, count_tokens(text))
            )

    def _answer(self, conv: Conversation, max_tokens: int, stops: list[str]) -> Reply:
        with self._lock:
            if self._scripted:
                return self._scripted.popleft()
        return generate(conv, max_tokens, stops)

    def new_recording(self, tag: str | None = None) -> Recording:
        """A fresh base_url (``.../_run/<tag>``) whose requests are recorded apart."""
        return Recording(self, tag or uuid.uuid4().hex[:12])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Run the fake Anthropic API (legacy completions + messages)."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    fake = FakeAnthropic(args.host, args.port, verbose=args.verbose).start()
    print(fake.base_url, flush=True)
    print(
        f"export ANTHROPIC_BASE_URL={fake.base_url} ANTHROPIC_API_KEY=test-key",
        file=sys.stderr,
        flush=True,
    )
    fake.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
