"""Raw HTTP: a `POST /v1/complete` sent without the SDK becomes `POST /v1/messages`.

## What it does

Finds POST requests made without the SDK whose URL provably ends in
`/v1/complete` (a string, f-string or `+` concatenation, inline or through a
name assigned once), sent through

- `requests`: `requests.post`, `requests.request("POST", ...)`, a
  `requests.Session()`;
- `httpx`: `httpx.post`, `httpx.stream("POST", ...)`, an `httpx.Client()`
  (`.post`, `.request`, `.stream`), and an `httpx.AsyncClient()` (plain or
  `async with ... as client`) whose `await client.post(...)` /
  `await client.request("POST", ...)` is the response, or whose
  `async with client.stream("POST", ...) as r:` streams;
- `aiohttp`: an `aiohttp.ClientSession()` whose
  `async with session.post(...) as resp:` or `resp = await session.post(...)`
  is the response, read with `await resp.json()`;
- `http.client`: an `HTTPConnection(host, port)` / `HTTPSConnection(host)`
  that sends this one request (`conn.request("POST", path, body=..., headers=...)`,
  the path being the URL) and reads its answer with one `conn.getresponse()`
  after it, parsed by `json.loads(resp.read())` (or `resp.read().decode(...)`),
  or streamed line by line with `for line in resp:`.

For the last three, the client may also be a parameter annotated with its
class (`session: aiohttp.ClientSession`), as an SDK client parameter may. A
`requests` session or an `httpx.Client()` may also be kept on `self`
(`self.session = requests.Session()` in `__init__`), when every assignment of
that attribute in the class builds one (or is `None`).

It changes the request and every read of its answer together:

- the URL's path becomes `/v1/messages` (only that text changes);
- the body (`json=BODY`, `data=json.dumps(BODY)`, for http.client
  `body=json.dumps(BODY)` with or without `.encode()`; a dict literal inline or
  in a name assigned once and used nowhere else) gets `messages` (plus
  `system` and a trailing assistant message for a prefill) from the prompt,
  split like the SDK rules split it (a prompt held in a variable assigned once
  just for the body becomes `messages = [...]` where it was assigned); a
  prompt that cannot be read statically
  is converted at run time by `_legacy_prompt_to_messages`, spliced into the
  dict. `max_tokens_to_sample` becomes `max_tokens`, the model goes through
  the model table (a model held in a name is mapped as it is sent, by
  `_legacy_model_to_current`, or with a prompt converted at run time by
  `_legacy_request_to_messages`, which gives a prefill a model that accepts
  one), the `"\\n\\nHuman:"` stop sequence goes, and
  `temperature` / `top_p` / `top_k` stay (the wire takes them with
  `anthropic-version: 2023-06-01`), but for `top_p` beside `temperature`,
  which current Claude models refuse together;
- the `anthropic-version` header: `2023-06-01` stays; a headers dict without
  one gets `"anthropic-version": "2023-06-01"`, which `/v1/messages`
  requires (the real API and the fake answer 400 without it);
- the JSON answer (`resp.json()`, or `json.loads(resp.text)` /
  `json.loads(resp.content)` by hand): `["completion"]` and `.get("completion")` become the joined
  text of the text blocks of `["content"]`, `["stop"]` becomes
  `["stop_sequence"]`, and tests of `["stop_reason"]` are remapped like TCM012 remaps them (a value passed on keeps the legacy one);
- a hand-written SSE handler (a loop over `response.iter_lines()`,
  `async for line in response.aiter_lines()` for async httpx, `async for line
  in resp.content` for aiohttp or `for line in resp` for http.client, whose
  lines are bytes) that parses `data:` lines with `json.loads`, and may track
  `event:` lines or test `data["type"]`: a test for the `completion` event
  becomes a test for a `content_block_delta` text delta (or the
  `message_delta` event when the loop reads the stop reason; an event name
  tested as bytes, `b"completion"`, gets bytes names), `data["completion"]`
  becomes `data["delta"]["text"]` and `data["stop_reason"]` becomes
  `data["delta"]["stop_reason"]` of the `message_delta` event. `ping` and
  `error` events are handled as before.

A test double of the `responses` library that serves such a post moves with
it: `responses.add(responses.POST, URL, json={...})`, `responses.post(URL,
json={...})` (also `upsert`, `replace`, and on a `responses.RequestsMock()`
bound by `with ... as rsps:` or an assignment), and `add_callback(
responses.POST, URL, callback=answer)` whose callback, a function of the
module used only there, returns `(200, headers, json.dumps({...}))` (what it
reads of the request is rewritten, as below). It moves only when the run proves it serves migrated
code: its URL, spelled out by literals, an f-string, `+` or constants of its
module, is one the run moved a `requests` post off (the same run, any module),
and no code of the run still names that URL (a post left for a person, one no
rule could follow, a URL whose start the code does not spell out). Then the
URL ends in `/v1/messages` and the legacy body becomes the equivalent Message,
`{"id": ..., "type": "message", "role": "assistant", "model": ..., "content":
[{"type": "text", "text": ...}], "stop_reason": ..., "stop_sequence": ...,
"usage": {...}}`: a natural end's `"stop_sequence"` becomes `"end_turn"`, a
custom stop sequence stays `"stop_sequence"` with the sequence, a retired
model the one the migration sends. An error answer (`{"type": "error", ...}`)
or a raised exception keeps its body. A registration the run does not prove
stays as written (rule TCM020 reports it).

## Why is this bad?

Integrations that talk to the API directly parse its answers themselves, so
every part of the request changes at once: the endpoint, the body, the
response's `content` blocks, and the names and shape of the stream's events.

## Example

```python
import os

import requests

response = requests.post(
    os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete",
    headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"},
    json={
        "model": "claude-2",
        "max_tokens_to_sample": 100,
        "prompt": "\\n\\nHuman: Hello!\\n\\nAssistant:",
    },
)
response.raise_for_status()
print(response.json()["completion"])
```

## Use instead

```python
import os

import requests

response = requests.post(
    os.environ["ANTHROPIC_BASE_URL"] + "/v1/messages",
    headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"},
    json={
        "model": "claude-sonnet-5-5",
        "max_tokens": 100,
        "messages": [{"role": "user", "content": "Hello!"}],
    },
)
response.raise_for_status()
print("".join(block["text"] for block in response.json()["content"] if block["type"] == "text"))
```

## Fix safety

Review, like the SDK rules it mirrors: the request carries the same
conversation and the code reads the same text, but another model answers. A
site is migrated whole or left untouched with a `# migrator: manual [TCM015]`
comment saying why: a body changed after it is built or built by code the tool
cannot read, a response or parsed JSON that goes somewhere the tool cannot
follow (returned, passed on, stored), a URL constant shared with other code,
an SSE loop that reads other fields of the events, an `anthropic-version`
other than `2023-06-01`, an async request not awaited where it is sent, an
aiohttp answer read with `.get` on `await resp.json()`, an http.client
connection that sends several requests, or a request made through
an object the tool cannot prove to be one of the four clients (an attribute
other than the `self.NAME` above, a parameter without such an annotation, or
any parameter for requests and sync httpx). A POST
whose URL cannot be proven to end in `/v1/complete` is left alone, and
reported only when its body has `max_tokens_to_sample`, which no other API
uses. A stop reason used other than in a test is reported for review.
A `responses` registration whose URL the run proves but whose shape the tool
cannot follow (a body held in a name, `match=` on the legacy request, another
status than 200 for a completion, a callback that reads the request other
than TCM021 describes for a `MockTransport` handler, a URL constant read
elsewhere too) stays as written, with a manual finding that says why: once the
code moves, it serves nothing. A callback's reads of `json.loads(request.body)`
are rewritten as that handler's are (`["max_tokens_to_sample"]` reads
`"max_tokens"`, a literal text tested in `["prompt"]` is tested in the text of
the system prompt and the messages).

## References

`MIGRATION.md`, "Other surfaces that carry the same legacy request" (raw HTTP)
and change 7; the legacy stream format in `seeds/000_63dc1022cb3f3e58.txt`.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.doubled import endpoint_key
from migrator.contract.plan import ModulePlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.doubles.registrations import move_registrations
from migrator.rewrite.json_body import Manual, Outcome, apply_outcome
from migrator.rules.raw_http.answer import AnswerReads
from migrator.rules.raw_http.finding import (
    DOUBLED,
    LEGACY_PATH,
    HttpOutcome,
    Request,
    _requests,
    _tail,
    legacy_url,
)
from migrator.rules.raw_http.request import RequestEdits


class RawHttp(Rule):
    code = "TCM015"
    summary = (
        "A raw `POST /v1/complete` (requests, httpx, aiohttp, http.client) and its SSE "
        "handler move to /v1/messages"
    )
    safety = Safety.REVIEW
    since = "0.2.0"

    def apply_module(self, plan: ModulePlan) -> None:
        analysis = plan.analysis
        requests = list(_requests(analysis))
        url_nodes = {request.url for request in requests if request.url is not None}
        outcomes: list[HttpOutcome] = []
        for request in requests:
            outcome = HttpOutcome(request.call, request=request)
            try:
                if not _Site(plan, request, outcome, url_nodes).migrate():
                    continue
            except Manual as manual:
                outcome.blocker = manual
            outcomes.append(outcome)
        _block_shared_urls(outcomes)
        done: set[cst.CSTNode] = set()
        for outcome in outcomes:
            apply_outcome(plan, type(self), outcome, done)
            if outcome.blocker is None:
                _learn_endpoint(plan, outcome)
        move_registrations(plan, type(self))


def _learn_endpoint(plan: ModulePlan, outcome: HttpOutcome) -> None:
    """A ``requests`` or ``httpx`` post moved off a URL the module spells out in full: a
    ``responses`` registration or ``respx`` route of that URL may move with it (see
    migrator.doubles.registrations)."""
    request = outcome.request
    if request is None or request.library not in DOUBLED or request.url is None:
        return
    tail = _tail(plan.analysis, request.url, request.scope)
    if tail.whole and tail.text.endswith(LEGACY_PATH):
        sender = "requests" if request.library == "requests" else "httpx"
        plan.endpoints_migrated.append(endpoint_key(tail.text, sender))


def _block_shared_urls(outcomes: list[HttpOutcome]) -> None:
    """Sites whose URL path sits in one shared literal migrate together or not at all."""
    changed = True
    while changed:
        changed = False
        blocked = {o.url_literal for o in outcomes if o.blocker is not None and o.url_literal}
        for outcome in outcomes:
            if outcome.blocker is None and outcome.url_literal in blocked:
                outcome.blocker = Manual(
                    outcome.call,
                    "the URL is shared with a request left for manual work",
                )
                changed = True


class _Site(RequestEdits, AnswerReads):
    """One request and its answer, migrated together or left for a person."""

    def __init__(
        self, plan: ModulePlan, request: Request, outcome: Outcome, url_nodes: set[cst.CSTNode]
    ) -> None:
        self.plan = plan
        self.analysis = plan.analysis
        self.request = request
        self.call = request.call
        self.scope = request.scope
        self.outcome = outcome
        self.url_nodes = url_nodes

    def migrate(self) -> bool:
        """False when the request is not a legacy call at all (nothing to report)."""
        request = self.request
        body = self._body()
        if not legacy_url(self.analysis, request.url, self.scope):
            if self._legacy_body(body):
                raise Manual(
                    self.call,
                    "the body is a Text Completions body (`max_tokens_to_sample`) but the URL "
                    "cannot be proven to end in /v1/complete; migrate this request by hand",
                )
            return False
        if not request.proven:
            raise Manual(
                self.call,
                f"a request to /v1/complete sent with {request.via}, which the tool cannot prove "
                "to be requests, httpx, aiohttp or http.client; migrate it by hand",
            )
        if isinstance(body, str):
            raise Manual(self.call, body)
        answer = self._answer()
        self._url()
        streamed = self._body_edits(body)
        self._headers(streamed)
        if streamed:
            self._stream(answer)
        else:
            self._response(answer)
        self.outcome.note(
            self.call, "the request to /v1/complete becomes a request to /v1/messages"
        )
        return True
