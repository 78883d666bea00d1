"""What each kind of evidence of the legacy API tells a person to do about it (the why
of its finding), with the pre-0.3 client's names that two of them are about.
"""

from __future__ import annotations

TOKENS = (
    "Text Completions' token limit; the tool could not follow it to a request it "
    "migrates: send it as `max_tokens` of a Messages request (`messages.create`, or a "
    "body with `messages`)"
)
OWN_OPTION = (
    "an option of this project named after Text Completions' token limit: whatever reads it "
    "must send it as `max_tokens`; renaming it changes what the project's users set, a choice "
    "for you (`# migrator: ignore[TCM020]` once made)"
)
LANGCHAIN = (
    "LangChain's `Bedrock` LLM puts its `model_kwargs` into a Text Completions body for "
    "Claude, and the Claude models that took it are retired: use `ChatBedrock` (from "
    "langchain-aws) with `max_tokens` and a current Claude model, and read the `.content` "
    "of its answer"
)
LANGCHAIN_CHAT = (
    "a LangChain model; langchain-anthropic names it `max_tokens` (the old name is only an "
    "alias there), and older LangChain releases sent Claude Text Completions themselves: "
    "upgrade LangChain, pass `max_tokens` and choose a current Claude model"
)
OTHER_VENDOR = (
    "Claude Text Completions' token limit, left in another vendor's request, which the tool "
    "does not change: drop the key, or give that model its own limit"
)
GONE_CONSTANT = (
    "the current SDK has no HUMAN_PROMPT/AI_PROMPT (an import or read fails): write the "
    'turns as `messages` (or the markers as literals, "\\n\\nHuman:" / "\\n\\nAssistant:")'
)
RETIRED_BEDROCK = (
    "a retired Claude model on Bedrock, which took only Text Completions bodies (`prompt`, "
    "`max_tokens_to_sample`); the tool cannot read the body sent to it: send a Messages body "
    "(`anthropic_version`, `messages`, `max_tokens`) to a current Claude model"
)
GONE_NAME = "the current SDK has no such name (an import or read fails): rewrite this by hand"
_TOKENIZER = (
    "the old local tokenizer is gone from the current SDK: count with "
    "`client.messages.count_tokens(...)` (a call to the API) or drop the count"
)
_ENDPOINT = (
    "the Messages API answers at /v1/messages with a `messages` body and `content` blocks; "
    "the tool could not follow this request: migrate it by hand"
)
SDK02 = "the current SDK has no such method: call `messages.create` (or `messages.stream`)"
CREATE = (
    "a Text Completions call the tool could not prove to be Anthropic's or could not "
    "migrate: call `messages.create` with `messages`"
)
DOUBLE = (
    "the current SDK has no completions resource, so the patch fails (AttributeError) "
    "once the code under test is migrated: patch `messages.create` instead, and make the "
    "double return a Message (its text in `content` blocks), since the code now reads that"
)
CHAIN = (
    "once the code under test is migrated it calls `messages.create` on this mocked client, "
    "which this double leaves unconfigured (a mock answers any call with another mock), so "
    "the test no longer checks what it did: configure `messages.create` instead, and make it "
    "return a Message (its text in `content` blocks), since the code now reads that"
)
_RESPONSES = (
    "the migrated code posts to /v1/messages and reads a Message body (`content` blocks), "
    "which this registration does not serve; `responses` only intercepts `requests`, so it "
    "serves raw HTTP code, never the SDK. It moves with that code when the run migrates "
    "every `requests` post to its URL, and this run did not (the code under test is not in "
    "it, a request to that URL is left for manual work, or the URL is not one the tool can "
    "read): register `/v1/messages` with a Message body, or use the `fake_anthropic` fixture "
    "(docs/testing.md)"
)
_RESPX = (
    "a route on `httpx` never sees the current SDK's requests, which go through `httpx2`: "
    "for SDK code, use the `fake_anthropic` fixture (docs/testing.md) or an "
    "`httpx2.MockTransport` given as `http_client=`; for code that posts with `httpx` "
    "itself, route `/v1/messages` and answer with a Message body (`content` blocks)"
)
_HTTP = {"responses": _RESPONSES, "respx": _RESPX, "pytest_httpx": _RESPX}
ANSWER = (
    "once the code under test is migrated it reads a Message (`content` blocks, `stop_reason` "
    '"end_turn" for a natural end) from /v1/messages, and this double answers with the legacy '
    "`completion`: serve a Message body at the URL the migrated code posts to, or use the "
    "`fake_anthropic` fixture (docs/testing.md)"
)
TRANSPORT = (
    "the current SDK takes only `httpx2` objects (an `httpx` one is a TypeError) and reads a "
    "Message body (`content` blocks) from /v1/messages, and this transport answers with "
    "`httpx` responses and a legacy completion: rebuild it with `httpx2.MockTransport`, "
    "`httpx2.Response` and a Message body, or use the `fake_anthropic` fixture "
    "(docs/testing.md)"
)
_MESSAGES_BODY = (
    "once the body sent is a Messages body (`anthropic_version`, `messages`, `max_tokens`), read"
)
ANSWER_READ = (
    "the text of Bedrock's Claude Text Completions answer; a Messages answer has no `completion` "
    f'(KeyError): {_MESSAGES_BODY} `["content"][0]["text"]` here'
)
STREAMED_ANSWER = (
    "the text of Bedrock's Claude Text Completions stream; Messages chunks have no `completion` "
    f'(KeyError): {_MESSAGES_BODY} `["delta"]["text"]` of the `content_block_delta` chunks here'
)
CLIENT_CLASSES = frozenset({"Client", "Anthropic"})
POSITIONAL = (
    "the pre-0.3 SDK's client took the API key by position; the current one raises "
    "TypeError: pass `api_key=`"
)
# The pre-0.3 client's options that the current one does not take.
SDK02_OPTIONS = frozenset({"api_url", "proxy_url", "default_request_timeout"})
SDK02_OPTION = (
    "an option of the pre-0.3 SDK's client, which the current one refuses (TypeError): "
    "pass `base_url=` (the URL's origin: the old client joined `v1/complete` onto it), "
    "`timeout=`, or a proxy through `http_client=`, once the calls on this client are migrated"
)
# ``langchain.chat_models.ChatAnthropic`` (langchain_community's, re-exported) builds a
# Human/Assistant prompt and calls ``completions.create`` with ``max_tokens_to_sample``
# (its field, which takes ``max_tokens`` as an alias): no keyword makes it send Messages.
LANGCHAIN_OLD = (
    "this LangChain class sends Claude Text Completions itself (the Anthropic models of "
    "`langchain` and `langchain_community` do), whatever the keyword is called, so renaming "
    "it migrates nothing: use `ChatAnthropic` from langchain-anthropic (a new dependency; "
    "on current langchain-core, call the model with `.invoke([...])`), with `max_tokens` "
    "within the model's output limit (Text Completions clamped a larger value, Messages "
    "refuses it) and a current Claude model"
)


def sends_completions(module: str) -> bool:
    """A LangChain module whose Anthropic models send Text Completions themselves."""
    return module.split(".")[0] in ("langchain", "langchain_community")


# What the request carries (as opposed to names the current SDK lacks): it goes with the call.
REQUEST_REASONS = frozenset({TOKENS, LANGCHAIN, LANGCHAIN_CHAT, LANGCHAIN_OLD, _ENDPOINT})
