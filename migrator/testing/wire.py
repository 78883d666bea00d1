"""The fake API's HTTP plumbing: the threaded server, a request read, JSON or a stream sent back.

The endpoints and the dispatch build on :class:`Wire`; a stream asked to fail (the
``x-fake-stream-error`` header) is cut here, as the real API cuts it.
"""

from __future__ import annotations

import json
import re
import socket
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import urlsplit

from .contract import RecordedRequest
from .conversation import Conversation, Reply


class Wire(BaseHTTPRequestHandler):
    """Reading a request and sending an answer: what every route of the fake shares."""

    protocol_version = "HTTP/1.1"
    server: Server  # type: ignore[assignment]

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


def with_stream_error(
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


class Fake(Protocol):
    """What the routes use of the fake that serves them (``server.FakeAnthropic``, which
    starts the server and imports the routes: described here, not imported)."""

    verbose: bool
    _ids: Iterator[int]

    @property
    def requests(self) -> list[RecordedRequest]: ...

    def requests_for(self, tag: str) -> list[RecordedRequest]: ...

    def clear(self) -> None: ...

    def _record(self, record: RecordedRequest) -> None: ...

    def _answer(self, conv: Conversation, max_tokens: int, stops: list[str]) -> Reply: ...


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    fake: Fake
