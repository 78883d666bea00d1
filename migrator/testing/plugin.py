"""The pytest plugin: a strict fake Anthropic API for proving a migration with your own tests.

Installed with migrator and registered under the ``pytest11`` entry point
``migrator``, so any project that installs migrator has the fixture
``fake_anthropic`` without importing anything::

    def test_summary(fake_anthropic):
        fake_anthropic.reply("A short summary.")
        assert summarize("a long text") == "A short summary."
        (request,) = fake_anthropic.requests
        assert request["path"] == "/v1/messages"
        assert request["body"]["max_tokens"] == 300

The fake runs on 127.0.0.1 for the test; ``ANTHROPIC_BASE_URL`` and
``ANTHROPIC_API_KEY`` point the SDK's clients at it (restored after the
test). It speaks Messages (JSON, SSE streams, ``count_tokens``) and Text
Completions, and refuses what the real API refuses, with the real API's error
bodies, so the SDK raises the same exception classes: retired and alias model
names (404), prefill on a model that rejects it, trailing whitespace in a
prefill, sampling parameters under the newest ``anthropic-version``, a missing
``max_tokens``, a conversation that does not start with a user turn (400).
Its replies are deterministic; ``reply()`` sets the next ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from migrator.testing.server import FakeAnthropic


class FakeAnthropicAPI:
    """What a test sees of the fake: its address, what it received, its next replies."""

    def __init__(self, server: FakeAnthropic) -> None:
        self.server = server

    @property
    def base_url(self) -> str:
        return self.server.base_url

    @property
    def requests(self) -> list[dict[str, Any]]:
        """Every request received so far, refused ones included, oldest first.

        Each is a dict with ``method``, ``path``, ``headers`` (lower-case names),
        ``body`` (the parsed JSON, or None), ``status`` (the fake's answer) and,
        for a refused one, ``error_type`` and ``error_message``.
        """
        return [request.to_dict() for request in self.server.requests]

    def reply(
        self, text: str, *, stop_reason: str = "end_turn", stop_sequence: str | None = None
    ) -> None:
        """Answer the next request with ``text`` (see :meth:`FakeAnthropic.reply`)."""
        self.server.reply(text, stop_reason=stop_reason, stop_sequence=stop_sequence)

    def clear(self) -> None:
        """Forget the requests received so far."""
        self.server.clear()


@pytest.fixture
def fake_anthropic(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeAnthropicAPI]:
    """A strict fake Anthropic API on 127.0.0.1, with the SDK's environment pointed at it."""
    with FakeAnthropic() as server:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", server.base_url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
        yield FakeAnthropicAPI(server)
