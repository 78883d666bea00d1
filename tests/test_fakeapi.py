"""The fake Anthropic API: its conversation parser, its wire formats (checked with
both real SDKs), its refusals and its deterministic answers.

One server per module; each SDK runs once, in one subprocess that performs every
check and prints the outcomes as JSON, so the module stays fast.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from differential import current_python, legacy_python, run_program  # noqa: E402

from migrator.testing import FakeAnthropic  # noqa: E402
from migrator.testing.conversation import (  # noqa: E402
    AI_PROMPT,
    HUMAN_PROMPT,
    Conversation,
    ConversationError,
    PromptError,
    check_legacy_prompt,
    conversation_from_messages,
    generate,
    parse_legacy_prompt,
    pieces,
)

H, A = HUMAN_PROMPT, AI_PROMPT

# --------------------------------------------------------------------------- conversation.py


class TestLegacyPromptParsing:
    def test_single_turn_drops_one_space_after_markers(self) -> None:
        conv = parse_legacy_prompt(f"{H} Hello there{A}")
        assert conv == Conversation(system=None, messages=[("user", "Hello there")])

    def test_only_one_space_is_dropped(self) -> None:
        conv = parse_legacy_prompt(f"{H}  two spaces{A}")
        assert conv.messages == [("user", " two spaces")]

    def test_no_space_after_marker(self) -> None:
        assert parse_legacy_prompt(f"{H}Hi{A}").messages == [("user", "Hi")]

    def test_system_prompt_is_kept_verbatim(self) -> None:
        conv = parse_legacy_prompt(f"  You are a pirate.  {H} Hi{A}")
        assert conv.system == "  You are a pirate.  "

    @pytest.mark.parametrize("pre", ["", " ", "\n", " \n\t "])
    def test_blank_system_is_none(self, pre: str) -> None:
        assert parse_legacy_prompt(f"{pre}{H} Hi{A}").system is None

    def test_multi_turn(self) -> None:
        conv = parse_legacy_prompt(f"{H} Q1{A} R1{H} Q2{A}")
        assert conv.messages == [("user", "Q1"), ("assistant", "R1"), ("user", "Q2")]

    def test_consecutive_same_role_turns_are_merged(self) -> None:
        conv = parse_legacy_prompt(f"{H} a{H} b{A} c{A} d{H} e{A}")
        assert conv.messages == [("user", "a\n\nb"), ("assistant", "c\n\nd"), ("user", "e")]

    def test_prefill(self) -> None:
        conv = parse_legacy_prompt(f"{H} Give JSON{A} {{")
        assert conv.messages == [("user", "Give JSON"), ("assistant", "{")]
        assert conv.prefill == "{"

    @pytest.mark.parametrize("tail", ["", " ", "  ", "\n", " \n "])
    def test_whitespace_after_final_assistant_is_no_prefill(self, tail: str) -> None:
        conv = parse_legacy_prompt(f"{H} Hi{A}{tail}")
        assert conv.messages == [("user", "Hi")]
        assert conv.prefill is None

    def test_prefill_trailing_whitespace_is_removed(self) -> None:
        assert parse_legacy_prompt(f"{H} Hi{A} The answer is \n").prefill == "The answer is"

    def test_inner_turn_text_is_verbatim(self) -> None:
        conv = parse_legacy_prompt(f"{H} line one\nline two \n{A}")
        assert conv.messages == [("user", "line one\nline two \n")]

    @pytest.mark.parametrize(
        "prompt",
        [
            "Hello",
            "Human: Hi\n\nAssistant:",  # markers need the blank line
            f"{H} Hi",  # no Assistant turn
            f"{H} Hi{A} ok{H} again",  # no Assistant after the last Human turn
            f"{A} first{H} Hi{A}",  # Assistant before the first Human turn
        ],
    )
    def test_refused_prompts(self, prompt: str) -> None:
        assert check_legacy_prompt(prompt) is not None
        with pytest.raises(PromptError):
            parse_legacy_prompt(prompt)


class TestMessagesConversation:
    def test_plain(self) -> None:
        conv = conversation_from_messages("sys", [{"role": "user", "content": "Hi"}])
        assert conv == Conversation("sys", [("user", "Hi")])

    def test_text_blocks_and_system_blocks_are_joined(self) -> None:
        conv = conversation_from_messages(
            [
                {"type": "text", "text": "a"},
                {"type": "text", "text": "b", "cache_control": {"type": "ephemeral"}},
            ],
            [
                {
                    "role": "user",
                    "content": [{"type": "text", "text": "x"}, {"type": "text", "text": "y"}],
                }
            ],
        )
        assert conv == Conversation("a\n\nb", [("user", "x\n\ny")])

    def test_same_roles_merged_like_the_legacy_parser(self) -> None:
        conv = conversation_from_messages(
            None,
            [
                {"role": "user", "content": "a"},
                {"role": "user", "content": "b"},
                {"role": "assistant", "content": "c"},
                {"role": "assistant", "content": "d"},
                {"role": "user", "content": "e"},
            ],
        )
        assert conv == parse_legacy_prompt(f"{H} a{H} b{A} c{A} d{H} e{A}")

    @pytest.mark.parametrize("system", [None, "", "  \n"])
    def test_blank_system_is_none(self, system: Any) -> None:
        assert (
            conversation_from_messages(system, [{"role": "user", "content": "Hi"}]).system is None
        )

    @pytest.mark.parametrize(
        "messages",
        [
            [],
            [{"role": "assistant", "content": "Hi"}],
            [{"role": "human", "content": "Hi"}],
            [{"role": "user", "content": 3}],
            [{"role": "user", "content": [{"type": "image", "source": {}}]}],
            [{"role": "user"}],
            "Hi",
        ],
    )
    def test_invalid(self, messages: Any) -> None:
        with pytest.raises(ConversationError):
            conversation_from_messages(None, messages)


class TestGenerator:
    conv = Conversation("sys", [("user", "Please count, then stop")])

    def test_pieces_roundtrip(self) -> None:
        for text in ["", " a", "a b  c ", "x\n\ny"]:
            assert "".join(pieces(text)) == text

    def test_independent_of_anything_but_its_arguments(self) -> None:
        assert generate(self.conv, 100) == generate(
            Conversation("sys", [("user", "Please count, then stop")]), 100
        )

    def test_natural_end(self) -> None:
        reply = generate(self.conv, 100)
        assert reply.stop_reason == "end" and reply.stop_sequence is None
        assert reply.text.startswith('Answer to "Please count, then stop" (1 turns, system: yes).')
        assert "STOP" in reply.text

    def test_max_tokens(self) -> None:
        reply = generate(self.conv, 3)
        assert reply.text == 'Answer to "Please'
        assert reply.stop_reason == "max_tokens"

    def test_stop_sequence(self) -> None:
        reply = generate(self.conv, 100, ["STOP", "nothing like this"])
        assert reply.stop_reason == "stop_sequence" and reply.stop_sequence == "STOP"
        assert reply.text.endswith("one two three ")

    def test_max_tokens_before_stop_sequence(self) -> None:
        assert generate(self.conv, 2, ["STOP"]).stop_reason == "max_tokens"

    @pytest.mark.parametrize(
        "prefill",
        [
            "{",
            '{"answer":',
            '{"answer": "',
            '{"a": 1,',
            '{"a": 1',
            "[",
            "[1,",
            '{"items": [',
            '{"ke',
        ],
    )
    def test_json_prefill_is_completed(self, prefill: str) -> None:
        conv = Conversation(None, [("user", "Give JSON"), ("assistant", prefill)])
        json.loads(prefill + generate(conv, 1000).text)

    def test_other_prefill_is_continued(self) -> None:
        conv = Conversation(None, [("user", "Hi"), ("assistant", "Sure, here it is:")])
        assert generate(conv, 1000).text.startswith(' [continuing "Sure, here it is:"]')


# --------------------------------------------------------------------------- raw HTTP

KEY = {"x-api-key": "test-key"}
V2023 = {"anthropic-version": "2023-06-01"}
V2026 = {"anthropic-version": "2026-10-21"}
LIVE = "claude-haiku-4-5"


@pytest.fixture(scope="module")
def api() -> Any:
    with FakeAnthropic() as server:
        yield server


def post(
    api: FakeAnthropic, path: str, body: Any, headers: dict[str, str] | None = None
) -> tuple[int, Any, str]:
    """POST JSON; returns (status, parsed JSON or None, raw text)."""
    hdrs = {"content-type": "application/json", **KEY, **V2023, **(headers or {})}
    hdrs = {k: v for k, v in hdrs.items() if v is not None}
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    req = urllib.request.Request(api.base_url + path, data=data, headers=hdrs, method="POST")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(req, timeout=10) as resp:
            status, raw = resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        status, raw = err.code, err.read().decode()
    try:
        parsed = json.loads(raw)
    except ValueError:
        parsed = None
    return status, parsed, raw


def sse(raw: str) -> list[tuple[str, Any]]:
    events = []
    for block in raw.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.split("\n"))
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def error_of(parsed: Any) -> str:
    assert parsed["type"] == "error"
    assert set(parsed["error"]) >= {"type", "message"}
    return parsed["error"]["type"]


def complete_body(prompt: str, **kw: Any) -> dict[str, Any]:
    return {"model": "claude-2", "prompt": prompt, "max_tokens_to_sample": 300, **kw}


def messages_body(messages: list[dict[str, Any]], **kw: Any) -> dict[str, Any]:
    return {"model": LIVE, "messages": messages, "max_tokens": 300, **kw}


USER_HI = [{"role": "user", "content": "Hi"}]


class TestRawLegacy:
    def test_json_shape(self, api: FakeAnthropic) -> None:
        status, body, _ = post(api, "/v1/complete", complete_body(f"{H} Hello{A}"))
        assert status == 200
        assert set(body) == {"type", "id", "completion", "stop_reason", "stop", "model"}
        assert body["type"] == "completion" and body["id"].startswith("compl_")
        assert body["stop_reason"] == "stop_sequence" and body["stop"] is None
        assert body["model"] == "claude-2"

    def test_sse_format_matches_the_documented_stream(self, api: FakeAnthropic) -> None:
        status, _, raw = post(
            api, "/v1/complete", complete_body(f"{H} Olá, mundo!{A}", stream=True)
        )
        assert status == 200
        events = sse(raw)
        names = [name for name, _ in events]
        assert names.count("ping") == 1 and names[0] == "completion" and names[-1] == "completion"
        assert 0 < names.index("ping") < len(names) - 1
        for name, data in events:
            assert data["type"] == name
        *middle, last = [d for n, d in events if n == "completion"]
        assert all(d["stop_reason"] is None and d["model"] == "claude-2" for d in middle)
        assert last["completion"] == "" and last["stop_reason"] == "stop_sequence"
        text = "".join(d["completion"] for d in middle)
        _, plain, _ = post(api, "/v1/complete", complete_body(f"{H} Olá, mundo!{A}"))
        assert text == plain["completion"]
        assert all(d["completion"].strip() for d in middle[1:])  # word pieces
        assert middle[1]["completion"].startswith(" ")

    def test_stream_before_2023_06_01_is_cumulative(self, api: FakeAnthropic) -> None:
        # What the pre-0.3 SDK (anthropic-version 2023-01-01) reads: unnamed
        # events with the whole text so far, a named ping, then [DONE].
        body = complete_body(f"{H} Count to five{A}", stream=True)
        status, _, raw = post(api, "/v1/complete", body, {"anthropic-version": "2023-01-01"})
        assert status == 200
        blocks = raw.strip().split("\n\n")
        assert blocks[-1] == "data: [DONE]"
        assert sum(block.startswith("event: ping\n") for block in blocks) == 1
        data = [json.loads(b[len("data: ") :]) for b in blocks[:-1] if b.startswith("data: ")]
        texts = [d["completion"] for d in data]
        _, plain, _ = post(api, "/v1/complete", complete_body(f"{H} Count to five{A}"))
        assert len(texts) > 2 and texts[-1] == texts[-2] == plain["completion"]
        assert all(
            b.startswith(a) and len(b) > len(a)
            for a, b in zip(texts[:-2], texts[1:-1], strict=True)
        )
        assert [d["stop_reason"] for d in data] == [None] * (len(data) - 1) + ["stop_sequence"]

    def test_stream_error_event_matches_the_documented_example(self, api: FakeAnthropic) -> None:
        status, _, raw = post(
            api,
            "/v1/complete",
            complete_body(f"{H} Olá, mundo!{A}", stream=True),
            {"x-fake-stream-error": "overloaded_error"},
        )
        assert status == 200
        events = sse(raw)
        assert [n for n, _ in events[:-1]].count("completion") >= 1
        assert events[-1] == (
            "error",
            {"error": {"type": "overloaded_error", "message": "Overloaded"}},
        )
        assert all(d["stop_reason"] is None for n, d in events if n == "completion")

    def test_human_stop_sequence_is_ignored(self, api: FakeAnthropic) -> None:
        prompt = f"{H} Count, then stop{A}"
        _, a, _ = post(api, "/v1/complete", complete_body(prompt))
        _, b, _ = post(api, "/v1/complete", complete_body(prompt, stop_sequences=[H]))
        assert a == {**b, "id": a["id"]}

    def test_custom_stop_sequence(self, api: FakeAnthropic) -> None:
        _, body, _ = post(
            api,
            "/v1/complete",
            complete_body(f"{H} Count, then stop{A}", stop_sequences=[H, "STOP"]),
        )
        assert body["stop_reason"] == "stop_sequence" and body["stop"] == "STOP"
        assert "STOP" not in body["completion"]

    @pytest.mark.parametrize(
        "prompt", ["Hello", f"{H} no assistant turn", f"{H} a{A} b{H} c", "Human: Hi\n\nAssistant:"]
    )
    def test_invalid_prompt_is_refused(self, api: FakeAnthropic, prompt: str) -> None:
        status, body, _ = post(api, "/v1/complete", complete_body(prompt))
        assert status == 400 and error_of(body) == "invalid_request_error"

    @pytest.mark.parametrize(
        "model", ["claude-1", "claude-2.1", "claude-v1.3", "claude-instant-1", "claude-instant-v1"]
    )
    def test_legacy_models_accepted(self, api: FakeAnthropic, model: str) -> None:
        status, _, _ = post(api, "/v1/complete", complete_body(f"{H} Hi{A}", model=model))
        assert status == 200

    def test_non_legacy_model(self, api: FakeAnthropic) -> None:
        status, body, _ = post(api, "/v1/complete", complete_body(f"{H} Hi{A}", model=LIVE))
        assert status == 400 and error_of(body) == "invalid_request_error"
        status, body, _ = post(api, "/v1/complete", complete_body(f"{H} Hi{A}", model="gpt-4"))
        assert status == 404 and error_of(body) == "not_found_error"

    def test_max_tokens_to_sample_required(self, api: FakeAnthropic) -> None:
        body = complete_body(f"{H} Hi{A}")
        del body["max_tokens_to_sample"]
        status, parsed, _ = post(api, "/v1/complete", body)
        assert status == 400 and error_of(parsed) == "invalid_request_error"


class TestRawMessages:
    def test_json_shape(self, api: FakeAnthropic) -> None:
        status, body, _ = post(api, "/v1/messages", messages_body(USER_HI))
        assert status == 200
        assert (
            body["type"] == "message"
            and body["role"] == "assistant"
            and body["id"].startswith("msg_")
        )
        assert body["content"] == [
            {"type": "text", "text": 'Answer to "Hi" (1 turns, system: no).'}
        ]
        assert body["stop_reason"] == "end_turn" and body["stop_sequence"] is None
        assert body["model"] == LIVE and set(body["usage"]) == {"input_tokens", "output_tokens"}

    def test_sse_event_order(self, api: FakeAnthropic) -> None:
        status, _, raw = post(api, "/v1/messages", messages_body(USER_HI, stream=True))
        assert status == 200
        events = sse(raw)
        names = [n for n, _ in events]
        deltas = names.count("content_block_delta")
        assert deltas >= 2
        assert names == [
            "message_start",
            "content_block_start",
            "ping",
            *["content_block_delta"] * deltas,
            "content_block_stop",
            "message_delta",
            "message_stop",
        ]
        for name, data in events:
            assert data["type"] == name
        text = "".join(d["delta"]["text"] for n, d in events if n == "content_block_delta")
        assert text == 'Answer to "Hi" (1 turns, system: no).'
        assert events[-2][1]["delta"] == {"stop_reason": "end_turn", "stop_sequence": None}

    def test_stream_error_event(self, api: FakeAnthropic) -> None:
        status, _, raw = post(
            api,
            "/v1/messages",
            messages_body(USER_HI, stream=True),
            {"x-fake-stream-error": "overloaded_error"},
        )
        assert status == 200
        events = sse(raw)
        names = [n for n, _ in events]
        assert names[:3] == ["message_start", "content_block_start", "ping"]
        assert "content_block_delta" in names and "message_delta" not in names
        assert events[-1] == (
            "error",
            {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}},
        )

    def test_consecutive_roles_are_merged(self, api: FakeAnthropic) -> None:
        _, a, _ = post(
            api,
            "/v1/messages",
            messages_body([{"role": "user", "content": "a"}, {"role": "user", "content": "b"}]),
        )
        _, b, _ = post(api, "/v1/messages", messages_body([{"role": "user", "content": "a\n\nb"}]))
        assert a["content"] == b["content"]

    @pytest.mark.parametrize(
        "model", ["claude-2", "claude-2.1", "claude-instant-1.2", "claude-v1", "claude-1.3"]
    )
    def test_legacy_model_not_found(self, api: FakeAnthropic, model: str) -> None:
        status, body, _ = post(api, "/v1/messages", messages_body(USER_HI, model=model))
        assert status == 404 and error_of(body) == "not_found_error"

    def test_unknown_model_not_found(self, api: FakeAnthropic) -> None:
        status, body, _ = post(
            api, "/v1/messages", messages_body(USER_HI, model="claude-3-opus-20240229")
        )
        assert status == 404 and error_of(body) == "not_found_error"

    def test_sampling_keys_depend_on_the_version(self, api: FakeAnthropic) -> None:
        for key, value in (("temperature", 0.2), ("top_p", 0.9), ("top_k", 5)):
            status, body, _ = post(
                api, "/v1/messages", messages_body(USER_HI, **{key: value}), V2026
            )
            assert status == 400 and error_of(body) == "invalid_request_error", key
            status, _, _ = post(api, "/v1/messages", messages_body(USER_HI, **{key: value}), V2023)
            assert status == 200, key

    def test_temperature_with_top_p_only_where_the_model_takes_both(
        self, api: FakeAnthropic
    ) -> None:
        both = {"temperature": 0.5, "top_p": 0.9}
        status, body, _ = post(api, "/v1/messages", messages_body(USER_HI, **both), V2023)
        assert status == 400 and "cannot both be specified" in body["error"]["message"]
        older = messages_body(USER_HI, model="claude-3-5-haiku-20241022", **both)
        status, _, _ = post(api, "/v1/messages", older, V2023)
        assert status != 400  # retired here (404), but not for taking both

    @pytest.mark.parametrize(
        "change",
        [
            {"max_tokens": None},
            {"max_tokens": 0},
            {"max_tokens": "10"},
            {"max_tokens": 10**6},
            {"messages": []},
            {"messages": [{"role": "assistant", "content": "Hi"}]},
            {"messages": [{"role": "user", "content": {"text": "Hi"}}]},
            {"messages": [{"role": "user", "content": [{"type": "image", "source": {}}]}]},
            {"messages": None},
            {"stop_sequences": "STOP"},
        ],
    )
    def test_invalid_body(self, api: FakeAnthropic, change: dict[str, Any]) -> None:
        body = messages_body(USER_HI)
        for k, v in change.items():
            if v is None:
                del body[k]
            else:
                body[k] = v
        status, parsed, _ = post(api, "/v1/messages", body)
        assert status == 400 and error_of(parsed) == "invalid_request_error"

    def test_prefill_trailing_whitespace(self, api: FakeAnthropic) -> None:
        msgs = [*USER_HI, {"role": "assistant", "content": "Sure "}]
        status, body, _ = post(api, "/v1/messages", messages_body(msgs))
        assert status == 400 and "whitespace" in body["error"]["message"]

    def test_prefill_rejected_by_newer_models(self, api: FakeAnthropic) -> None:
        msgs = [*USER_HI, {"role": "assistant", "content": "{"}]
        status, body, _ = post(api, "/v1/messages", messages_body(msgs, model="claude-sonnet-5-5"))
        assert status == 400 and "Prefill not supported" in body["error"]["message"]
        status, body, _ = post(api, "/v1/messages", messages_body(msgs, model="claude-opus-4-5"))
        assert status == 200
        json.loads("{" + body["content"][0]["text"])


class TestRawCommon:
    @pytest.mark.parametrize("path", ["/v1/complete", "/v1/messages"])
    def test_missing_key(self, api: FakeAnthropic, path: str) -> None:
        body = complete_body(f"{H} Hi{A}") if "complete" in path else messages_body(USER_HI)
        status, parsed, _ = post(api, path, body, {"x-api-key": None})
        assert status == 401 and error_of(parsed) == "authentication_error"

    def test_bearer_key_accepted(self, api: FakeAnthropic) -> None:
        status, _, _ = post(
            api,
            "/v1/messages",
            messages_body(USER_HI),
            {"x-api-key": None, "authorization": "Bearer k"},
        )
        assert status == 200

    def test_missing_version(self, api: FakeAnthropic) -> None:
        status, parsed, _ = post(
            api, "/v1/messages", messages_body(USER_HI), {"anthropic-version": None}
        )
        assert status == 400 and error_of(parsed) == "invalid_request_error"

    def test_not_json(self, api: FakeAnthropic) -> None:
        status, parsed, _ = post(api, "/v1/messages", b"{nope")
        assert status == 400 and error_of(parsed) == "invalid_request_error"

    def test_unknown_path(self, api: FakeAnthropic) -> None:
        status, parsed, _ = post(api, "/v1/nothing", {})
        assert status == 404 and error_of(parsed) == "not_found_error"

    def test_refusals_say_do_not_retry(self, api: FakeAnthropic) -> None:
        req = urllib.request.Request(
            api.base_url + "/v1/messages", data=b"{}", headers=KEY | V2023, method="POST"
        )
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.build_opener(urllib.request.ProxyHandler({})).open(req, timeout=10)
        assert info.value.headers["x-should-retry"] == "false"

    def test_recording(self, api: FakeAnthropic) -> None:
        rec = api.new_recording()
        base = rec.base_url[len(api.base_url) :]
        post(
            api,
            base + "/v1/messages",
            messages_body(USER_HI, metadata={"user_id": "u"}),
            {"X-Custom": "Yes"},
        )
        post(api, base + "/v1/messages", messages_body(USER_HI, model="claude-2"))
        first, second = rec.requests
        assert (first.method, first.path, first.status, first.error_type) == (
            "POST",
            "/v1/messages",
            200,
            None,
        )
        assert first.headers["x-custom"] == "Yes" and first.body["metadata"] == {"user_id": "u"}
        assert (second.status, second.error_type) == (404, "not_found_error")
        assert first in api.requests and second in api.requests

    def test_clear(self) -> None:
        with FakeAnthropic() as own:
            post(own, "/v1/messages", messages_body(USER_HI))
            assert len(own.requests) == 1
            own.clear()
            assert own.requests == []

    def test_standalone(self) -> None:
        proc = subprocess.Popen(
            [sys.executable, "-m", "migrator.testing.server", "--port", "0"],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            url = proc.stdout.readline().strip()  # type: ignore[union-attr]
            assert url.startswith("http://127.0.0.1:")
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            with opener.open(url + "/_fake/health", timeout=5) as resp:
                assert json.load(resp) == {"ok": True}
        finally:
            proc.terminate()
            proc.wait(timeout=5)
            proc.stdout.close()  # type: ignore[union-attr]


# --------------------------------------------------------------------------- the real SDKs

_PRELUDE = """
import json, time, anthropic

client = anthropic.Anthropic()
out = {}

def attempt(name, fn):
    t0 = time.monotonic()
    try:
        out[name] = {"ok": True, "value": fn()}
    except anthropic.APIStatusError as e:
        body = e.body if isinstance(e.body, dict) else {}
        err = body.get("error", body) if isinstance(body.get("error", body), dict) else {}
        out[name] = {"ok": False, "status": e.status_code, "type": err.get("type"),
                     "message": err.get("message"), "cls": type(e).__name__}
    out[name]["seconds"] = time.monotonic() - t0
"""

LEGACY_SCRIPT = (
    _PRELUDE
    + r"""
from anthropic import HUMAN_PROMPT, AI_PROMPT

def c(**kw):
    r = client.completions.create(**{"model": "claude-2", "max_tokens_to_sample": 300, **kw})
    return {"completion": r.completion, "stop_reason": r.stop_reason, "model": r.model,
            "type": r.type, "id": r.id, "stop": getattr(r, "stop", None)}

def stream(**kw):
    pieces, reasons = [], []
    kw = {"model": "claude-2", "max_tokens_to_sample": 300, "stream": True, **kw}
    for ev in client.completions.create(**kw):
        pieces.append(ev.completion)
        reasons.append(ev.stop_reason)
    return {"pieces": pieces, "reasons": reasons}

SAME = f"You are a pirate.{HUMAN_PROMPT} Give me JSON{AI_PROMPT} {{"
JOKE = f"{HUMAN_PROMPT} Tell me a joke{AI_PROMPT}"
COUNT = f"{HUMAN_PROMPT} Count, then stop{AI_PROMPT}"
attempt("json", lambda: c(prompt=JOKE))
attempt("stream", lambda: stream(prompt=JOKE))
attempt("same", lambda: c(prompt=SAME))
attempt("same_stream", lambda: stream(prompt=SAME))
attempt("max_tokens", lambda: c(prompt=JOKE, max_tokens_to_sample=3))
attempt("stop", lambda: c(prompt=COUNT, stop_sequences=[HUMAN_PROMPT, "STOP"]))
attempt("stop_stream", lambda: stream(prompt=COUNT, stop_sequences=["STOP"]))
attempt("bad_prompt", lambda: c(prompt="Tell me a joke"))
attempt("sampling_2023", lambda: client.messages.create(
    model="claude-haiku-4-5", max_tokens=10, temperature=0.5,
    messages=[{"role": "user", "content": "Hi"}]).content[0].text)
print(json.dumps(out))
"""
)

CURRENT_SCRIPT = (
    _PRELUDE
    + r"""
def m(**kw):
    r = client.messages.create(**{"model": "claude-haiku-4-5", "max_tokens": 300, **kw})
    return {"text": r.content[0].text, "stop_reason": r.stop_reason,
            "stop_sequence": r.stop_sequence, "model": r.model, "type": r.type, "role": r.role,
            "usage": r.usage.output_tokens}

def helper(**kw):
    with client.messages.stream(**{"model": "claude-haiku-4-5", "max_tokens": 300, **kw}) as s:
        pieces = list(s.text_stream)
        final = s.get_final_message()
    return {"pieces": pieces, "text": final.content[0].text, "stop_reason": final.stop_reason,
            "stop_sequence": final.stop_sequence}

def events(**kw):
    types, pieces, reason = [], [], None
    kw = {"model": "claude-haiku-4-5", "max_tokens": 300, "stream": True, **kw}
    for ev in client.messages.create(**kw):
        types.append(ev.type)
        if ev.type == "content_block_delta" and ev.delta.type == "text_delta":
            pieces.append(ev.delta.text)
        if ev.type == "message_delta":
            reason = ev.delta.stop_reason
    return {"types": types, "pieces": pieces, "stop_reason": reason}

JOKE = [{"role": "user", "content": "Tell me a joke"}]
SAME = dict(system="You are a pirate.", messages=[{"role": "user", "content": "Give me JSON"},
                                                  {"role": "assistant", "content": "{"}])
COUNT = [{"role": "user", "content": "Count, then stop"}]
attempt("json", lambda: m(messages=JOKE))
attempt("text_stream", lambda: helper(messages=JOKE))
attempt("events", lambda: events(messages=JOKE))
attempt("same", lambda: m(**SAME))
attempt("same_stream", lambda: helper(**SAME))
attempt("max_tokens", lambda: m(messages=JOKE, max_tokens=3))
attempt("stop", lambda: m(messages=COUNT, stop_sequences=["STOP"]))
attempt("stop_stream", lambda: events(messages=COUNT, stop_sequences=["STOP"]))
attempt("alias_model", lambda: m(messages=JOKE, model="claude-2"))
attempt("instant_model", lambda: m(messages=JOKE, model="claude-instant-1.2"))
attempt("whitespace_prefill",
        lambda: m(messages=[*JOKE, {"role": "assistant", "content": "Sure "}]))
attempt("prefill_rejected", lambda: m(messages=[*JOKE, {"role": "assistant", "content": "{"}],
                                      model="claude-opus-4-6"))
attempt("temperature_2026", lambda: m(messages=JOKE, extra_body={"temperature": 0.5}))
attempt("temperature_2023", lambda: m(messages=JOKE, extra_body={"temperature": 0.5},
                                      extra_headers={"anthropic-version": "2023-06-01"}))
attempt("no_key", lambda: m(messages=JOKE, extra_headers={"Authorization": anthropic.Omit()}))
attempt("assistant_first", lambda: m(messages=[{"role": "assistant", "content": "Hi"}]))
attempt("count_tokens", lambda: client.messages.count_tokens(
    model="claude-haiku-4-5", messages=JOKE).input_tokens)
attempt("count_tokens_retired", lambda: client.messages.count_tokens(
    model="claude-2", messages=JOKE).input_tokens)
print(json.dumps(out))
"""
)


def _run_script(
    api: FakeAnthropic, tmp: Path, python: str, source: str
) -> tuple[dict[str, Any], list[Any]]:
    script = tmp / "script.py"
    script.write_text(textwrap.dedent(source), encoding="utf-8")
    result = run_program(python, script, api)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1]), result.requests


@pytest.fixture(scope="module")
def legacy(
    api: FakeAnthropic, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, Any], list[Any]]:
    return _run_script(api, tmp_path_factory.mktemp("legacy"), legacy_python(), LEGACY_SCRIPT)


@pytest.fixture(scope="module")
def current(
    api: FakeAnthropic, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, Any], list[Any]]:
    return _run_script(api, tmp_path_factory.mktemp("current"), current_python(), CURRENT_SCRIPT)


def ok(results: tuple[dict[str, Any], list[Any]], name: str) -> Any:
    outcome = results[0][name]
    assert outcome["ok"], outcome
    return outcome["value"]


def refused(results: tuple[dict[str, Any], list[Any]], name: str) -> dict[str, Any]:
    outcome = results[0][name]
    assert not outcome["ok"], outcome
    assert outcome["seconds"] < 2, "a refusal must not be retried"
    return outcome


JOKE_TEXT = 'Answer to "Tell me a joke" (1 turns, system: no).'


class TestLegacySDK:
    def test_completion(self, legacy: Any) -> None:
        value = ok(legacy, "json")
        assert value["completion"] == JOKE_TEXT
        assert value["stop_reason"] == "stop_sequence" and value["type"] == "completion"

    def test_stream(self, legacy: Any) -> None:
        value = ok(legacy, "stream")
        assert "".join(value["pieces"]) == JOKE_TEXT
        assert value["reasons"][-1] == "stop_sequence" and set(value["reasons"][:-1]) == {None}
        assert value["pieces"][-1] == ""

    def test_max_tokens(self, legacy: Any) -> None:
        value = ok(legacy, "max_tokens")
        assert value == {**value, "completion": 'Answer to "Tell', "stop_reason": "max_tokens"}

    def test_stop_sequence(self, legacy: Any) -> None:
        value = ok(legacy, "stop")
        assert value["stop_reason"] == "stop_sequence" and value["stop"] == "STOP"
        assert value["completion"].endswith("one two three ")
        streamed = ok(legacy, "stop_stream")
        assert "".join(streamed["pieces"]) == value["completion"]

    def test_bad_prompt(self, legacy: Any) -> None:
        outcome = refused(legacy, "bad_prompt")
        assert (outcome["status"], outcome["type"], outcome["cls"]) == (
            400,
            "invalid_request_error",
            "BadRequestError",
        )

    def test_sampling_accepted_under_2023_06_01(self, legacy: Any) -> None:
        assert ok(legacy, "sampling_2023") == 'Answer to "Hi" (1 turns, system: no).'

    def test_wire_headers(self, legacy: Any) -> None:
        request = legacy[1][0]
        assert request.headers["anthropic-version"] == "2023-06-01"
        assert request.headers["x-api-key"] == "test-key"

    def test_one_request_per_call(self, legacy: Any) -> None:
        assert len(legacy[1]) == len(legacy[0])


class TestCurrentSDK:
    def test_message(self, current: Any) -> None:
        value = ok(current, "json")
        assert value == {
            **value,
            "text": JOKE_TEXT,
            "stop_reason": "end_turn",
            "stop_sequence": None,
            "role": "assistant",
        }

    def test_text_stream_helper(self, current: Any) -> None:
        value = ok(current, "text_stream")
        assert "".join(value["pieces"]) == value["text"] == JOKE_TEXT
        assert value["stop_reason"] == "end_turn"

    def test_stream_events(self, current: Any) -> None:
        value = ok(current, "events")
        assert value["types"][:2] == ["message_start", "content_block_start"]
        assert value["types"][-3:] == ["content_block_stop", "message_delta", "message_stop"]
        assert "ping" not in value["types"]  # the SDK swallows pings
        assert "".join(value["pieces"]) == JOKE_TEXT and value["stop_reason"] == "end_turn"

    def test_max_tokens(self, current: Any) -> None:
        value = ok(current, "max_tokens")
        assert (value["text"], value["stop_reason"], value["usage"]) == (
            'Answer to "Tell',
            "max_tokens",
            3,
        )

    def test_stop_sequence(self, current: Any, legacy: Any) -> None:
        value = ok(current, "stop")
        assert (value["stop_reason"], value["stop_sequence"]) == ("stop_sequence", "STOP")
        assert value["text"] == ok(legacy, "stop")["completion"]
        streamed = ok(current, "stop_stream")
        assert (
            "".join(streamed["pieces"]) == value["text"]
            and streamed["stop_reason"] == "stop_sequence"
        )

    @pytest.mark.parametrize("name", ["alias_model", "instant_model"])
    def test_legacy_model_is_not_found(self, current: Any, name: str) -> None:
        outcome = refused(current, name)
        assert (outcome["status"], outcome["type"], outcome["cls"]) == (
            404,
            "not_found_error",
            "NotFoundError",
        )

    def test_trailing_whitespace_prefill(self, current: Any) -> None:
        outcome = refused(current, "whitespace_prefill")
        assert (outcome["status"], outcome["type"]) == (400, "invalid_request_error")
        assert outcome["cls"] == "BadRequestError"

    def test_prefill_not_supported(self, current: Any) -> None:
        outcome = refused(current, "prefill_rejected")
        assert (outcome["status"], outcome["type"]) == (400, "invalid_request_error")
        assert outcome["cls"] == "BadRequestError"
        assert "Prefill not supported" in outcome["message"]

    def test_temperature_needs_the_old_version(self, current: Any) -> None:
        outcome = refused(current, "temperature_2026")
        assert (outcome["status"], outcome["type"]) == (400, "invalid_request_error")
        assert outcome["cls"] == "BadRequestError"
        assert ok(current, "temperature_2023")["text"] == JOKE_TEXT

    def test_a_conversation_must_start_with_a_user_turn(self, current: Any) -> None:
        outcome = refused(current, "assistant_first")
        assert (outcome["status"], outcome["type"], outcome["cls"]) == (
            400,
            "invalid_request_error",
            "BadRequestError",
        )

    def test_count_tokens(self, current: Any) -> None:
        assert ok(current, "count_tokens") > 0
        outcome = refused(current, "count_tokens_retired")
        assert (outcome["status"], outcome["cls"]) == (404, "NotFoundError")

    def test_no_key(self, current: Any) -> None:
        outcome = refused(current, "no_key")
        assert (outcome["status"], outcome["type"], outcome["cls"]) == (
            401,
            "authentication_error",
            "AuthenticationError",
        )

    def test_wire_headers(self, current: Any) -> None:
        request = current[1][0]
        assert request.headers["anthropic-version"] == "2026-10-21"
        assert request.headers["authorization"] == "Bearer test-key"  # not x-api-key
        assert "x-api-key" not in request.headers

    def test_one_request_per_call(self, current: Any) -> None:
        assert len(current[1]) == len(current[0])


class TestBothEndpointsAgree:
    def test_same_conversation_same_text(self, legacy: Any, current: Any) -> None:
        old, new = ok(legacy, "same"), ok(current, "same")
        assert old["completion"] == new["text"]
        assert "system: yes" in new["text"] and "2 turns" in new["text"]
        assert json.loads("{" + new["text"])  # the prefill is continued into valid JSON
        assert old["stop_reason"] == "stop_sequence" and new["stop_reason"] == "end_turn"

    def test_same_conversation_streamed(self, legacy: Any, current: Any) -> None:
        assert (
            "".join(ok(legacy, "same_stream")["pieces"])
            == ok(current, "same_stream")["text"]
            == ok(current, "same")["text"]
        )

    def test_same_max_tokens_truncation(self, legacy: Any, current: Any) -> None:
        assert ok(legacy, "max_tokens")["completion"] == ok(current, "max_tokens")["text"]


def test_module_is_fast_enough_to_rerun() -> None:
    """A guard on the server's latency: 50 sequential requests well under a second each."""
    with FakeAnthropic() as own:
        t0 = time.monotonic()
        for _ in range(50):
            post(own, "/v1/messages", messages_body(USER_HI))
        assert time.monotonic() - t0 < 5


# --------------------------------------------------------------------------- Bedrock


class TestBedrock:
    """``/model/{id}/invoke``: both body formats, Bedrock's refusals, the event-stream framing."""

    AUTH = {
        "authorization": "AWS4-HMAC-SHA256 Credential=testing/...",
        "content-type": "application/json",
    }

    def _post(
        self, api: FakeAnthropic, path: str, body: Any, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes, dict[str, str]]:
        request = urllib.request.Request(
            api.base_url + path,
            data=json.dumps(body).encode(),
            headers=self.AUTH if headers is None else headers,
            method="POST",
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(request, timeout=10) as response:
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), dict(error.headers)

    def test_both_formats_give_the_same_text(self) -> None:
        legacy = {"prompt": f"{H} Hi{A}", "max_tokens_to_sample": 50}
        messages = {
            "anthropic_version": "bedrock-2023-05-31",
            "max_tokens": 50,
            "messages": [{"role": "user", "content": "Hi"}],
        }
        with FakeAnthropic() as api:
            status, old, _ = self._post(api, "/model/anthropic.claude-v2/invoke", legacy)
            assert status == 200
            status, new, _ = self._post(api, "/model/anthropic.claude-v2%3A1/invoke", messages)
            assert status == 200
        old_json, new_json = json.loads(old), json.loads(new)
        assert old_json["stop_reason"] == "stop_sequence"
        assert new_json["stop_reason"] == "end_turn"
        assert new_json["content"] == [{"type": "text", "text": old_json["completion"]}]

    @pytest.mark.parametrize(
        ("model", "body", "message"),
        [
            # Claude 3 and later never took the Text Completions body.
            (
                "anthropic.claude-3-haiku-20240307-v1:0",
                {"prompt": f"{H} Hi{A}", "max_tokens_to_sample": 5},
                "Messages format",
            ),
            ("anthropic.claude-v2", {"prompt": "Hi", "max_tokens_to_sample": 5}, "Human"),
            (
                "anthropic.claude-v2",
                {"prompt": f"{H} Hi{A}", "max_tokens": 5},
                "extraneous key [max_tokens]",
            ),
            (
                "anthropic.claude-v2",
                {"prompt": f"{H} Hi{A}", "max_tokens_to_sample": 5, "model": "x"},
                "extraneous key [model]",
            ),
            (
                "anthropic.claude-v2",
                {"max_tokens": 5, "messages": [{"role": "user", "content": "Hi"}]},
                "anthropic_version",
            ),
            ("amazon.titan-text-express-v1", {"inputText": "Hi"}, "model identifier"),
            (
                "global.anthropic.claude-sonnet-4-6",
                {
                    "anthropic_version": "bedrock-2023-05-31",
                    "max_tokens": 5,
                    "messages": [{"role": "user", "content": "Hi"}],
                    "temperature": 0.5,
                    "top_p": 0.9,
                },
                "cannot both be specified",
            ),
        ],
    )
    def test_refusals(self, model: str, body: dict[str, Any], message: str) -> None:
        with FakeAnthropic() as api:
            status, raw, headers = self._post(api, f"/model/{model}/invoke", body)
        assert status == 400
        assert message in json.loads(raw)["message"]
        assert headers["x-amzn-ErrorType"] == "ValidationException"

    def test_unsigned_requests_are_refused(self) -> None:
        with FakeAnthropic() as api:
            status, _, _ = self._post(
                api, "/model/anthropic.claude-v2/invoke", {}, {"content-type": "application/json"}
            )
        assert status == 403

    def test_event_stream_is_read_by_botocore(self, tmp_path: Path) -> None:
        """botocore's own parser (CRCs, headers, base64 payload) reads the fake's stream."""
        script = textwrap.dedent(
            """
            import json, os, boto3
            client = boto3.client("bedrock-runtime")
            body = {"prompt": "\\n\\nHuman: Count to three\\n\\nAssistant:", "max_tokens_to_sample": 40}
            response = client.invoke_model_with_response_stream(modelId="anthropic.claude-v2", body=json.dumps(body))
            chunks = [json.loads(event["chunk"]["bytes"]) for event in response["body"]]
            print(json.dumps(chunks))
            """
        )
        with FakeAnthropic() as api:
            path = tmp_path / "stream.py"
            path.write_text(script)
            result = run_program(current_python(), path, api)
        assert result.returncode == 0, result.stderr
        chunks = json.loads(result.stdout)
        assert chunks[-1]["stop_reason"] == "stop_sequence"
        assert "amazon-bedrock-invocationMetrics" in chunks[-1]
        assert "".join(chunk["completion"] for chunk in chunks).startswith("Answer to")
