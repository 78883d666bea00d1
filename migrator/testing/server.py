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
what the real API refuses (see ``endpoints.py``), with the
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
import sys
import threading
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from . import bedrock
from .contract import ApiError, RecordedRequest, invalid
from .conversation import Conversation, Reply, count_tokens, generate
from .endpoints import Endpoints
from .wire import Server


class _Handler(Endpoints):
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
        except ApiError as err:
            self._refuse(record, err)
        except (BrokenPipeError, ConnectionResetError):
            pass
        except (
            Exception
        ) as exc:  # a bug in the fake: answer (500, not retried), never drop the connection
            if record.status:  # the response had already started
                raise
            self._refuse(record, ApiError(500, "api_error", f"fake server error: {exc!r}"))

    def _refuse(self, record: RecordedRequest, err: ApiError) -> None:
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
            raise ApiError(404, "not_found_error", f"Not found: {record.method} {record.path}")
        if record.method != "POST":
            raise ApiError(
                405, "invalid_request_error", f"Method {record.method} not allowed on {record.path}"
            )
        h = record.headers
        bearer = h.get("authorization", "")
        if not h.get("x-api-key") and not (
            bearer.lower().startswith("bearer ") and bearer[7:].strip()
        ):
            raise ApiError(401, "authentication_error", "x-api-key header is required")
        if not h.get("anthropic-version"):
            raise invalid("anthropic-version: header is required")
        if not isinstance(record.body, dict):
            raise invalid(
                "The request body is not valid JSON" if raw else "The request body is empty"
            )
        handler(record)


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
        self._server: Server | None = None
        self._thread: threading.Thread | None = None

    # lifecycle
    def start(self) -> FakeAnthropic:
        if self._server is not None:
            return self
        server = Server((self.host, self.port), _Handler)
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
