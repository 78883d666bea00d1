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
class (`session: aiohttp.ClientSession`), as an SDK client parameter may.

It changes the request and every read of its answer together:

- the URL's path becomes `/v1/messages` (only that text changes);
- the body (`json=BODY`, `data=json.dumps(BODY)`, for http.client
  `body=json.dumps(BODY)` with or without `.encode()`; a dict literal inline or
  in a name assigned once and used nowhere else) gets `messages` (plus
  `system` and a trailing assistant message for a prefill) from the prompt,
  split like the SDK rules split it; a prompt that cannot be read statically
  is converted at run time by `_legacy_prompt_to_messages`, spliced into the
  dict. `max_tokens_to_sample` becomes `max_tokens`, the model goes through
  the model table, the `"\\n\\nHuman:"` stop sequence goes, and
  `temperature` / `top_p` / `top_k` stay (the wire takes them with
  `anthropic-version: 2023-06-01`);
- the `anthropic-version` header: `2023-06-01` stays; a headers dict without
  one gets `"anthropic-version": "2023-06-01"`, which `/v1/messages`
  requires (the real API and the fake answer 400 without it);
- the JSON answer (`resp.json()`, or `json.loads(resp.text)` /
  `json.loads(resp.content)` by hand): `["completion"]` and `.get("completion")` become the joined
  text of the text blocks of `["content"]`, `["stop"]` becomes
  `["stop_sequence"]`, and tests of `["stop_reason"]` are remapped like TCM012
  remaps them;
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
an object the tool cannot prove to be one of the four clients (an attribute,
a parameter without such an annotation, or any parameter for requests and
sync httpx). A POST
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

from collections.abc import Iterator
from dataclasses import dataclass, field

import libcst as cst
from migrator.rules._json_body import (
    ConvertedBody,
    Edit,
    JsonSite,
    Manual,
    Outcome,
    apply_outcome,
    describe_use,
    dict_edit,
    keys_of,
    membership,
    stream_end,
    stream_text,
)

from migrator.analysis import ModuleAnalysis, Scope
from migrator.analysis_calls import _legacy_request_dict
from migrator.doubled import endpoint_key
from migrator.plan import ModulePlan, generated
from migrator.registrations import is_registration, messages_path, move_registrations
from migrator.response_dict import key_read
from migrator.rule import Rule, Safety
from migrator.runtime import (
    PINNED_VERSION,
    PROMPT_HELPER,
    REQUEST_HELPER,
    request_helpers,
)
from migrator.sinks import ignores_empty_text
from migrator.syntax import keyword_call, string_value, walk

_LEGACY_PATH = "/v1/complete"
_ASYNC_HTTPX = "async httpx"
# The libraries whose posts ``responses`` and ``respx`` doubles serve.
_DOUBLED = frozenset({"requests", "httpx", _ASYNC_HTTPX})
_AIOHTTP = "aiohttp"
_HTTP_CLIENT = "http.client"
# The method that reads a streamed response's lines (aiohttp: `async for line in resp.content`).
_LINES = {"requests": "iter_lines", "httpx": "iter_lines", _ASYNC_HTTPX: "aiter_lines"}
_SENDERS = {"requests.post", "httpx.post"}
_REQUESTERS = {"requests.request", "httpx.request", "httpx.stream"}
# What makes a client object, and which library it is.
_SESSIONS = {
    "requests.Session": "requests",
    "requests.session": "requests",
    "requests.sessions.Session": "requests",
    "httpx.Client": "httpx",
    "httpx.AsyncClient": _ASYNC_HTTPX,
    "aiohttp.ClientSession": _AIOHTTP,
    "http.client.HTTPConnection": _HTTP_CLIENT,
    "http.client.HTTPSConnection": _HTTP_CLIENT,
}
# Libraries whose client may be a parameter annotated with its class.
_ANNOTATED = {_ASYNC_HTTPX, _AIOHTTP, _HTTP_CLIENT}
# The methods of each library's client that send a request.
_METHODS = {
    "requests": ("post", "request"),
    "httpx": ("post", "request", "stream"),
    _ASYNC_HTTPX: ("post", "request", "stream"),
    _AIOHTTP: ("post", "request"),
    _HTTP_CLIENT: ("request",),
}
# Keys of a Text Completions body, and what each needs.
_BODY_KEYS = (
    "model",
    "prompt",
    "max_tokens_to_sample",
    "stop_sequences",
    "temperature",
    "top_p",
    "top_k",
    "metadata",
    "stream",
)
# Reads of a response object that say nothing about its body.
_TRANSPORT = {
    "status_code",
    "ok",
    "raise_for_status",
    "headers",
    "reason",
    "reason_phrase",
    "elapsed",
    "url",
    "encoding",
    "close",
    "is_success",
    "is_error",
    "cookies",
}
# ... and those of the other libraries' responses.
_MORE_TRANSPORT = {
    _AIOHTTP: {"status", "release", "content_type", "charset", "real_url"},
    _HTTP_CLIENT: {"status", "reason", "getheader", "getheaders", "headers", "close", "version"},
}


@dataclass
class _Request:
    call: cst.Call
    scope: Scope
    url: cst.BaseExpression | None
    proven: bool  # the receiver is one of the libraries the tool knows
    via: str  # how the request is sent, for messages
    library: str = "requests"  # "requests", "httpx" or one of the _SESSIONS values
    receiver: cst.Name | None = None  # the client object, when a method of one sends it


@dataclass
class _HttpOutcome(Outcome):
    # The literal holding the URL's path: sites sharing it migrate together.
    url_literal: cst.CSTNode | None = None
    request: _Request | None = None


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
        outcomes: list[_HttpOutcome] = []
        for request in requests:
            outcome = _HttpOutcome(request.call, request=request)
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


def _learn_endpoint(plan: ModulePlan, outcome: _HttpOutcome) -> None:
    """A ``requests`` or ``httpx`` post moved off a URL the module spells out in full: a
    ``responses`` registration or ``respx`` route of that URL may move with it (see
    migrator.registrations)."""
    request = outcome.request
    if request is None or request.library not in _DOUBLED or request.url is None:
        return
    tail = _tail(plan.analysis, request.url, request.scope)
    if tail.whole and tail.text.endswith(_LEGACY_PATH):
        sender = "requests" if request.library == "requests" else "httpx"
        plan.endpoints_migrated.append(endpoint_key(tail.text, sender))


def _block_shared_urls(outcomes: list[_HttpOutcome]) -> None:
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


# --------------------------------------------------------------------------- finding requests


def _requests(analysis: ModuleAnalysis) -> Iterator[_Request]:
    for node, scope in analysis.nodes_of(cst.Call):
        if not isinstance(node, cst.Call):
            continue
        func = node.func
        qualified = analysis.qualified_name(func, scope)
        method = func.attr.value if isinstance(func, cst.Attribute) else None
        receiver = None
        if qualified in _SENDERS or qualified in _REQUESTERS:
            via, proven, library = qualified, True, qualified.split(".")[0]
        elif method in ("post", "request", "stream"):
            assert isinstance(func, cst.Attribute)
            if is_registration(analysis, node, scope):
                continue  # ``responses.post(url, json=...)``: a test double, moved with the code
            library = _session_library(analysis, func.value, scope)
            proven = library is not None and method in _METHODS[library]
            code = analysis.module.code_for_node(func)
            via = f"a {library} session's `{method}`" if proven else f"`{code}`"
            if proven:
                assert isinstance(func.value, cst.Name)
                receiver = func.value
        else:
            continue
        name = (qualified or "").rsplit(".", 1)[-1] if proven and qualified else method
        if name == "post":
            url = _argument(node, 0, "url")
        else:
            verb = _argument(node, 0, "method")
            if not (string_value(verb) or "").upper() == "POST":
                continue
            url = _argument(node, 1, "url")
        if not proven and not _legacy_url(analysis, url, scope):
            continue
        if not proven and not _sends_a_body(analysis, node):
            continue  # a mock's route (``respx_mock.post(url).mock(...)``), an SDK's own post
        yield _Request(node, scope, url, proven, via, library or "requests", receiver)


def _sends_a_body(analysis: ModuleAnalysis, call: cst.Call) -> bool:
    """Does the call send a body the way HTTP clients take one (``json=``, ``data=``, ...)?

    A route of a test mock (``respx_mock.post(url).mock(...)``) sends nothing, and a
    client with its own keywords (the SDK's ``client.post(path, body=..., cast_to=...)``)
    is not one the tool knows: neither is reported.
    """
    parent = analysis.parent(call)
    if isinstance(parent, cst.Attribute) and parent.attr.value in (
        "mock",
        "respond",
        "side_effect",
    ):
        return False
    return any(
        arg.keyword is not None and arg.keyword.value in ("json", "data", "content", "body")
        for arg in call.args
    ) and not any(arg.keyword is not None and arg.keyword.value == "cast_to" for arg in call.args)


def _session_library(
    analysis: ModuleAnalysis, receiver: cst.BaseExpression, scope: Scope
) -> str | None:
    """The library (a ``_SESSIONS`` value) every binding of ``receiver`` is a client of."""
    if not isinstance(receiver, cst.Name):
        return None
    found = analysis.lookup(receiver.value, scope)
    if found is None or not found[1]:
        return None
    libraries = set()
    for binding in found[1]:
        value = binding.node
        if binding.kind == "param" and binding.annotation is not None:
            # A parameter annotated as a client of the newer clients' libraries
            # is taken for one, as SDK client parameters are.
            annotation = binding.annotation
            where = analysis.scope_of.get(annotation, scope)
            library = _SESSIONS.get(analysis.qualified_name(annotation, where) or "")
            if library not in _ANNOTATED:
                return None
            libraries.add(library)
            continue
        if isinstance(value, cst.WithItem):
            value = value.item
        if not isinstance(value, cst.Call):
            return None
        qualified = analysis.qualified_name(value.func, analysis.scope_of.get(value, scope))
        if qualified not in _SESSIONS:
            return None
        libraries.add(_SESSIONS[qualified])
    return libraries.pop() if len(libraries) == 1 else None


def _argument(call: cst.Call, position: int, keyword: str) -> cst.BaseExpression | None:
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    return positional[position].value if len(positional) > position else None


def _keyword(call: cst.Call, keyword: str) -> cst.Arg | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg
    return None


# --------------------------------------------------------------------------- the URL


@dataclass
class _Tail:
    """The known text at the end of a string expression."""

    text: str = ""
    whole: bool = False  # the whole expression is known text
    literal: cst.CSTNode | None = None  # the literal the text ends in
    names: list[tuple[cst.Name, Scope, cst.BaseExpression]] = field(default_factory=list)


def _tail(
    analysis: ModuleAnalysis, expr: cst.BaseExpression, scope: Scope, depth: int = 0
) -> _Tail:
    if isinstance(expr, cst.SimpleString):
        value = string_value(expr)
        return _Tail(value, True, expr) if value is not None else _Tail()
    if isinstance(expr, (cst.ConcatenatedString, cst.BinaryOperation)):
        if isinstance(expr, cst.BinaryOperation) and not isinstance(expr.operator, cst.Add):
            return _Tail()
        right = _tail(analysis, expr.right, scope, depth)  # type: ignore[arg-type]
        if not right.whole:
            return right
        left = _tail(analysis, expr.left, scope, depth)
        # The names followed to the literal that ends the text, and only those.
        end = right if right.literal is not None else left
        return _Tail(left.text + right.text, left.whole, end.literal, end.names)
    if isinstance(expr, cst.FormattedString):
        if "b" in expr.prefix.lower():
            return _Tail()
        text, literal = "", None
        for part in reversed(expr.parts):
            if not isinstance(part, cst.FormattedStringText) or "\\" in part.value:
                return _Tail(text, False, literal)
            text = part.value.replace("{{", "{").replace("}}", "}") + text
            literal = literal or part
        return _Tail(text, True, literal)
    if isinstance(expr, cst.Name) and depth < 4:
        found = analysis.assigned_once(expr.value, scope)
        if found is None:
            return _Tail()
        owner, value = found
        inner = _tail(analysis, value, owner, depth + 1)
        inner.names.insert(0, (expr, owner, value))
        return inner
    return _Tail()


def _legacy_url(analysis: ModuleAnalysis, url: cst.BaseExpression | None, scope: Scope) -> bool:
    return url is not None and _tail(analysis, url, scope).text.endswith(_LEGACY_PATH)


# --------------------------------------------------------------------------- one site


class _Site(JsonSite):
    def __init__(
        self, plan: ModulePlan, request: _Request, outcome: Outcome, url_nodes: set[cst.CSTNode]
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
        if not _legacy_url(self.analysis, request.url, self.scope):
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

    # --- request ---------------------------------------------------------------
    def _url(self) -> None:
        assert self.request.url is not None
        tail = _tail(self.analysis, self.request.url, self.scope)
        literal = tail.literal
        value = (
            literal.value
            if isinstance(literal, (cst.SimpleString, cst.FormattedStringText))
            else ""
        )
        if not value.rstrip("\"'").endswith("complete"):
            raise Manual(
                self.request.url, "the URL's `/v1/complete` is split across several values"
            )
        for index, (name, owner, _value) in enumerate(tail.names):
            outer = tail.names[index - 1][2] if index else None
            for use in self.analysis.uses_of(name.value, owner):
                if self._is_target(use) or use in self.url_nodes:
                    continue
                if outer is not None and any(a is outer for a in self.analysis.ancestors(use)):
                    continue
                raise Manual(
                    use,
                    f"the URL is held in `{name.value}`, which is also used elsewhere; "
                    "changing it would change that use too",
                )
        assert literal is not None
        self.outcome.url_literal = literal
        self.outcome.rewrites[literal] = messages_path

    def _body_args(self) -> tuple[cst.BaseExpression | None, list[cst.BaseExpression]]:
        """What the request sends as ``json=``, and as raw data (``data=``, ``body=``)."""
        call = self.call
        if self.request.library == _HTTP_CLIENT:
            body = _argument(call, 2, "body")
            if (
                isinstance(body, cst.Call)
                and isinstance(body.func, cst.Attribute)
                and body.func.attr.value == "encode"
            ):
                body = body.func.value  # json.dumps(payload).encode(): the same JSON
            return None, [body] if body is not None else []
        keywords = ("data",) if self.request.library == _AIOHTTP else ("data", "content")
        data = [arg.value for k in keywords if (arg := _keyword(call, k)) is not None]
        sent = _keyword(call, "json")
        return (sent.value if sent is not None else None), data

    def _body(self) -> cst.Dict | str | None:
        """The dict literal sent as the body, or why it cannot be read."""
        value, raw = self._body_args()
        if value is None:
            for sent in raw:
                dumped = self._dumped(sent)
                if isinstance(dumped, str):
                    return f"{dumped} (the data sent)"
                value = dumped
        if value is None:
            keyword = "body" if self.request.library == _HTTP_CLIENT else "json"
            return f"the request has no `{keyword}=` body the tool can read"
        return self._dict_value(value)

    def _legacy_body(self, body: cst.Dict | str | None) -> bool:
        """The body has ``max_tokens_to_sample``, a key no other API uses."""
        if isinstance(body, cst.Dict):
            return "max_tokens_to_sample" in keys_of(body)
        sent, raw = self._body_args()
        for value in [sent, *raw]:
            if isinstance(value, cst.Call) and len(value.args) == 1:
                value = value.args[0].value  # json.dumps(body)
            if isinstance(value, cst.Dict):
                return "max_tokens_to_sample" in keys_of(value)
            if value is not None and _legacy_request_dict(self.analysis, value, self.scope):
                return True
        return False

    def _body_edits(self, body: cst.Dict) -> bool:
        """Record the new body; True when it asks for a stream."""
        converted = self._convert_body(
            body, _BODY_KEYS, ("prompt", "max_tokens_to_sample", "model")
        )
        streamed = False
        if "stream" in converted.entries:
            flag = converted.element("stream").value
            if not (isinstance(flag, cst.Name) and flag.value in ("True", "False")):
                raise Manual(flag, "whether the request streams is only known at run time")
            streamed = flag.value == "True"
        if not self._model_with_prompt(converted):
            self._model(
                converted.element("model"),
                converted.entries["model"],
                converted.edits,
                converted.prefill,
            )
        self.outcome.rewrites[body] = dict_edit(body, converted.edits)
        return streamed

    def _model_with_prompt(self, converted: ConvertedBody) -> bool:
        """A prompt converted at run time, and a retired model that rejects a prefill.

        ``"model": "claude-2", "prompt": p`` becomes
        ``**_legacy_request_to_messages(model="claude-2", prompt=p)``, which splits
        the prompt first and gives the prefill model only to a prompt ending in one.
        """
        config = self.plan.config
        element = converted.element("model")
        legacy = string_value(element.value)
        target = config.target_for(legacy) if legacy is not None else None
        if converted.prefill is not None or target is None or config.accepts_prefill(target):
            return False
        prompt = converted.element("prompt")

        def together(new: cst.DictElement) -> cst.BaseDictElement:
            given = [("model", element.value), ("prompt", new.value)]
            return cst.StarredDictElement(keyword_call(REQUEST_HELPER, given), comma=new.comma)

        converted.edits[converted.entries["model"]] = lambda new: None
        converted.edits[converted.entries["prompt"]] = together
        self.outcome.helpers.update(request_helpers(config))
        self.outcome.notes = [
            (node, message.replace(PROMPT_HELPER, REQUEST_HELPER, 1), fix)
            if node is prompt
            else (node, message, fix)
            for node, message, fix in self.outcome.notes
        ]
        self.outcome.note(
            element,
            f"retired model {legacy!r} is chosen at run time by `{REQUEST_HELPER}`, with the "
            f"prompt: {target!r}, or {config.prefill_model!r} when the prompt ends in a "
            f"prefill, which {target!r} rejects",
            Safety.REVIEW,
        )
        return True

    def _model(
        self, element: cst.DictElement, index: int, edits: dict[int, Edit], prefill: bool | None
    ) -> None:
        config = self.plan.config
        legacy = string_value(element.value)
        if legacy is None:
            message = (
                f"the model is held in `{self.plan.code_for(element.value)}`; make sure it names "
                "a current model (retired names answer 404 on Messages)"
            )
            self.outcome.note(element, message, Safety.MANUAL)
            self.outcome.comments.append(f"# migrator: manual [{RawHttp.code}] {message}")
            return
        target = config.target_for(legacy)
        if target is None:
            self.outcome.note(
                element,
                f"model {legacy!r} is not a Text Completions model the tool knows; kept as it is",
                Safety.REVIEW,
            )
            return
        why = ""
        if prefill is not False and not config.accepts_prefill(target):
            why = (
                f" ({target!r} rejects the prefill this request keeps)"
                if prefill
                else f" (the prompt is converted at run time and may end in a prefill, which "
                f"{target!r} rejects)"
            )
            target = config.prefill_model
        assert isinstance(element.value, cst.SimpleString)
        quote = element.value.quote
        new_value = cst.SimpleString(f"{quote}{target}{quote}")
        edits[index] = lambda new: new.with_changes(value=new_value)
        self.outcome.note(
            element, f"retired model {legacy!r} becomes {target!r}{why}", Safety.REVIEW
        )

    def _headers(self, streamed: bool) -> None:
        headers: cst.BaseExpression | None
        if self.request.library == _HTTP_CLIENT:
            headers = _argument(self.call, 3, "headers")
        else:
            arg = _keyword(self.call, "headers")
            headers = arg.value if arg is not None else None
        if isinstance(headers, cst.Name):
            found = self.analysis.assigned_once(headers.value, self.scope)
            headers = found[1] if found is not None else None
        if not isinstance(headers, cst.Dict):
            self.outcome.note(
                self.call,
                "the `anthropic-version` header is set where the tool cannot see it; "
                f"/v1/messages needs `{PINNED_VERSION}` (or later)",
                Safety.REVIEW,
            )
            return
        for element in headers.elements:
            if not isinstance(element, cst.DictElement):
                continue
            key = string_value(element.key)
            if key is not None and key.lower() == "anthropic-version":
                version = string_value(element.value)
                if version != PINNED_VERSION:
                    shown = version or self.plan.code_for(element.value)
                    raise Manual(
                        element,
                        f"the request asks for anthropic-version {shown}; the tool migrates "
                        f"requests made with {PINNED_VERSION}",
                    )
                return
        quote = next(
            (
                e.key.quote
                for e in headers.elements
                if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
            ),
            '"',
        )
        source = f"{quote}anthropic-version{quote}: {quote}{PINNED_VERSION}{quote}"
        self.outcome.rewrites[headers] = dict_edit(headers, {}, [source], self.analysis.module)
        self.outcome.note(
            headers,
            f"/v1/messages requires an `anthropic-version` header: `{PINNED_VERSION}` is added",
            Safety.REVIEW,
        )

    # --- response --------------------------------------------------------------

    def _answer(self) -> cst.BaseExpression:
        """The expression whose value is the response."""
        library = self.request.library
        parent = self.analysis.parent(self.call)
        if library == _HTTP_CLIENT:
            return self._getresponse()
        if library not in (_ASYNC_HTTPX, _AIOHTTP):
            return self.call
        if isinstance(parent, cst.Await):
            return parent
        item = self.analysis.parent(parent) if isinstance(parent, cst.WithItem) else None
        stream = self.request.receiver is not None and _method(self.call) == "stream"
        if isinstance(item, cst.With) and item.asynchronous and (library == _AIOHTTP or stream):
            return self.call
        raise Manual(self.call, f"the request made with {library} is not awaited where it is sent")

    def _getresponse(self) -> cst.Call:
        """The one ``conn.getresponse()`` that reads the answer to this request."""
        receiver = self.request.receiver
        assert receiver is not None
        found = self.analysis.lookup(receiver.value, self.scope)
        assert found is not None
        sends, answers = [], []
        for use in self.analysis.uses_of(receiver.value, found[0]):
            if self._is_target(use):
                continue
            attribute = self.analysis.parent(use)
            call = self.analysis.parent(attribute) if attribute is not None else None
            if not (
                isinstance(attribute, cst.Attribute)
                and isinstance(call, cst.Call)
                and call.func is attribute
            ):
                raise Manual(
                    use, f"the connection `{receiver.value}` {describe_use(self.analysis, use)}"
                )
            method = attribute.attr.value
            if method == "request":
                sends.append(call)
            elif method == "getresponse" and not call.args:
                answers.append(call)
            elif method not in ("close", "connect", "set_debuglevel"):
                raise Manual(
                    call, f"the connection `{receiver.value}` is used with `.{method}(...)`"
                )
        if len(sends) != 1 or len(answers) != 1 or not self._after(answers[0], self.call):
            raise Manual(
                self.call,
                f"the connection `{receiver.value}` does not send this one request and then "
                "read its answer with one `getresponse()`",
            )
        return answers[0]

    def _after(self, later: cst.CSTNode, earlier: cst.CSTNode) -> bool:
        """Both sit in statements of one block, ``later``'s after ``earlier``'s."""
        first = self.analysis.statement_of.get(earlier)
        second = self.analysis.statement_of.get(later)
        block = self.analysis.parent(first) if first is not None else None
        if block is None or block is not self.analysis.parent(second):
            return False
        body = list(getattr(block, "body", ()))
        return first in body and second in body and body.index(first) < body.index(second)

    def _response_reads(
        self, holder: cst.CSTNode, uses: list[cst.CSTNode]
    ) -> list[tuple[str, cst.BaseExpression]]:
        """The reads of the response's JSON (``"json"``) and lines (``"lines"``): for each,
        the expression that is the parsed answer or the lines; anything else is refused."""
        analysis = self.analysis
        library = self.request.library
        transport = _TRANSPORT | _MORE_TRANSPORT.get(library, set())
        found: list[tuple[str, cst.BaseExpression]] = []
        name = holder.value if isinstance(holder, cst.Name) else "response"
        for use in uses:
            if library == _HTTP_CLIENT and _loop_over(analysis, use):
                found.append(("lines", use))  # `for line in resp:` reads its lines
                continue
            attribute = analysis.parent(use)
            if not (isinstance(attribute, cst.Attribute) and attribute.value is use):
                raise Manual(use, f"the response `{name}` {describe_use(analysis, use)}")
            attr = attribute.attr.value
            call = analysis.parent(attribute)
            if library == _AIOHTTP and attr == "content" and _loop_over(analysis, attribute):
                found.append(("lines", attribute))
                continue
            if attr in transport:
                continue
            if attr in ("text", "content", "read") and any(
                isinstance(a, cst.Raise) for a in analysis.ancestors(attribute)
            ):
                continue  # an error message
            loads = self._loads_of(attribute) if attr in ("text", "content") else None
            if loads is not None and library not in (_HTTP_CLIENT, _AIOHTTP):
                found.append(("json", loads))  # `json.loads(resp.text)`: `resp.json()` by hand
                continue
            if not (isinstance(call, cst.Call) and call.func is attribute):
                call = None
            if call is not None and attr == _LINES.get(library):
                found.append(("lines", call))
                continue
            parsed = self._parsed(call, attr) if call is not None else None
            if parsed is not None:
                found.append(("json", parsed))
                continue
            raise Manual(
                attribute, f"the response's `.{attr}` is read in a way the tool does not follow"
            )
        return found

    def _loads_of(self, node: cst.CSTNode) -> cst.Call | None:
        """``json.loads(node)``: the call, when ``node`` is its only argument."""
        arg = self.analysis.parent(node)
        loads = self.analysis.parent(arg) if isinstance(arg, cst.Arg) else None
        if (
            isinstance(loads, cst.Call)
            and len(loads.args) == 1
            and loads.args[0] is arg
            and arg.keyword is None  # type: ignore[union-attr]
            and not arg.star  # type: ignore[union-attr]
            and self.analysis.qualified_name(loads.func, self.scope) == "json.loads"
        ):
            return loads
        return None

    def _parsed(self, call: cst.Call, attr: str) -> cst.BaseExpression | None:
        """The parsed answer a call on the response makes: ``r.json()``, ``await
        resp.json()`` (aiohttp), ``json.loads(resp.read()[.decode(...)])`` (http.client)."""
        analysis = self.analysis
        library = self.request.library
        if library == _HTTP_CLIENT:
            if attr != "read" or call.args:
                return None
            inner: cst.CSTNode = call
            outer = analysis.parent(call)
            if (
                isinstance(outer, cst.Attribute)
                and outer.attr.value == "decode"
                and isinstance(analysis.parent(outer), cst.Call)
            ):
                inner = analysis.parent(outer)  # type: ignore[assignment]
            arg = analysis.parent(inner)
            loads = analysis.parent(arg) if isinstance(arg, cst.Arg) else None
            if (
                isinstance(loads, cst.Call)
                and len(loads.args) == 1
                and loads.args[0] is arg
                and arg.keyword is None
                and not arg.star
                and analysis.qualified_name(loads.func, self.scope) == "json.loads"
            ):
                return loads
            raise Manual(call, "the answer is read other than by `json.loads(response.read())`")
        if attr != "json":
            return None
        if library == _AIOHTTP and all(
            arg.keyword is not None and arg.keyword.value == "content_type" for arg in call.args
        ):
            pass  # which Content-Type it accepts: the same for the Messages answer
        elif call.args:
            raise Manual(
                call, "the response is read as a stream, but the body does not ask for one"
            )
        if library != _AIOHTTP:
            return call
        parent = analysis.parent(call)
        if not isinstance(parent, cst.Await):
            raise Manual(call, "the answer's `.json()` is not awaited where it is read")
        return parent

    def _response(self, answer: cst.BaseExpression) -> None:
        holder = self._holder(answer)
        if holder is None:
            return
        for kind, read in self._response_reads(*holder):
            if kind != "json":
                raise Manual(
                    read, "the response is read as a stream, but the body does not ask for one"
                )
            self._json(read)

    # --- stream ----------------------------------------------------------------
    def _stream(self, answer: cst.BaseExpression) -> None:
        library = self.request.library
        holder = self._holder(answer)
        if holder is None:
            return
        reads = self._response_reads(*holder)
        loops = [read for kind, read in reads if kind == "lines"]
        shown = {_AIOHTTP: "`content`", _HTTP_CLIENT: "the response"}.get(library)
        if len(reads) != 1 or len(loops) != 1:
            raise Manual(
                self.call,
                "the streamed response is read other than by one loop over "
                + (shown or f"`{_LINES[library]}()`"),
            )
        loop = self.analysis.parent(loops[0])
        asynchronous = library in (_ASYNC_HTTPX, _AIOHTTP)
        if not (
            isinstance(loop, cst.For)
            and loop.iter is loops[0]
            and isinstance(loop.body, cst.IndentedBlock)
            and (loop.asynchronous is not None) == asynchronous
        ):
            raise Manual(loops[0], "the stream's lines are read other than by a `for` loop")
        _SseLoop(self, loop).migrate()


def _method(call: cst.Call) -> str | None:
    return call.func.attr.value if isinstance(call.func, cst.Attribute) else None


def _loop_over(analysis: ModuleAnalysis, node: cst.CSTNode) -> bool:
    loop = analysis.parent(node)
    return isinstance(loop, cst.For) and loop.iter is node


# --------------------------------------------------------------------------- SSE handlers


class _SseLoop:
    """A ``for line in response.iter_lines():`` loop that parses the events by hand."""

    def __init__(self, site: _Site, loop: cst.For) -> None:
        self.site = site
        self.analysis = site.analysis
        self.loop = loop
        self.outcome = site.outcome
        # `completion` tests rewritten to also check that the delta is text.
        self.precise: set[cst.Comparison] = set()

    def inside(self, node: cst.CSTNode) -> bool:
        return any(a is self.loop for a in self.analysis.ancestors(node))

    def migrate(self) -> None:
        analysis = self.analysis
        data, parsed_at = self._data()
        found = analysis.lookup(data.value, analysis.scope_of[data])
        assert found is not None
        uses = [u for u in analysis.uses_of(data.value, found[0]) if u is not data]
        texts: list[tuple[str, cst.CSTNode]] = []
        ends: list[tuple[str, cst.CSTNode]] = []
        tests: list[tuple[cst.Comparison, cst.BaseExpression | None]] = []
        for use in uses:
            if not self.inside(use):
                raise Manual(use, f"the parsed event `{data.value}` is read after the loop")
            tested = membership(analysis, use)
            if tested == "error":
                continue
            if tested == "completion":
                comparison = analysis.parent(analysis.parent(use) or use)
                assert isinstance(comparison, cst.Comparison)
                tests.append((comparison, None))
                continue
            key = key_read(use, analysis)
            if key is None:
                raise Manual(use, f"the loop uses the parsed event `{data.value}` whole")
            field_name, read = key.key, key.node
            if field_name == "completion":
                texts.append(("text", read))
            elif field_name in ("stop_reason", "stop"):
                ends.append((field_name, read))
            elif field_name == "type":
                tests.append(self._type_test(read))
            elif field_name != "error":
                raise Manual(
                    read,
                    f"the loop reads `{field_name}` of the events, which Messages events do not carry",
                )
        tests.extend(self._event_name_tests(data))
        reads = [read for _kind, read in texts]
        self._check_literals(tests, reads)
        # The last legacy `completion` event carries no text, only the stop
        # reason: the `message_delta` event stands for it unless whatever the
        # loop does with a `completion` event is a no-op for empty text.
        self.precise = {c for c, _ in tests if self._parsed_before(parsed_at, c)}
        whole = bool(ends) or not self._text_only(tests, reads, parsed_at)
        for comparison, subject in tests:
            self._rewrite_test(comparison, subject, data, parsed_at, whole)
        for read in reads:
            simple = not whole and self._guarded(read)
            self.outcome.rewrites[read] = stream_text(read, data.value, simple)
        for field_name, read in ends:
            self.outcome.rewrites[read] = stream_end(read, data.value, field_name)
            if field_name == "stop_reason":
                self.site._stop_reason(read)
        self.outcome.note(
            self.loop,
            "the SSE loop reads the text deltas and the end of Messages events",
        )

    def _text_only(
        self,
        tests: list[tuple[cst.Comparison, cst.BaseExpression | None]],
        reads: list[cst.CSTNode],
        parsed_at: cst.CSTNode,
    ) -> bool:
        """Does the loop do nothing with a `completion` event but write out its text?"""
        completion = [c for c, _ in tests if "completion" in _compared_values(c)]
        if not completion:
            for read in reads:
                if not ignores_empty_text(self._statement(read), [read], self.analysis):
                    raise Manual(
                        read,
                        "the loop handles every event's data alike, and the events differ on "
                        "Messages; it does more with the text than print or append it to a string",
                    )
            return True
        for comparison in completion:
            statements = self._guarded_statements(comparison)
            if statements is None:
                return False
            for statement in statements:
                if statement is parsed_at:
                    continue
                if not ignores_empty_text(statement, reads, self.analysis):
                    return False
        return True

    def _statement(self, node: cst.CSTNode) -> cst.CSTNode:
        return self.analysis.statement_of.get(node, node)

    def _guarded_statements(self, comparison: cst.Comparison) -> list[cst.CSTNode] | None:
        """The statements that run only when the test holds (or None if unclear)."""
        node: cst.CSTNode = comparison
        parent = self.analysis.parent(node)
        while isinstance(parent, cst.BooleanOperation) and isinstance(parent.operator, cst.And):
            node, parent = parent, self.analysis.parent(parent)
        if not isinstance(parent, cst.If) or parent.test is not node:
            return None
        if not _negated(comparison):
            body = parent.body
            return list(body.body) if isinstance(body, cst.IndentedBlock) else None
        if node is comparison and self._skips_others(parent):
            block = self.analysis.parent(parent)
            if isinstance(block, cst.IndentedBlock):
                statements = list(block.body)
                return statements[statements.index(parent) + 1 :]
        return None

    def _data(self) -> tuple[cst.Name, cst.CSTNode]:
        """The one variable the loop assigns ``json.loads(...)`` to, and its statement."""
        found = []
        for node in self.analysis.scope_of:
            if isinstance(node, cst.Call) and self.inside(node):
                scope = self.analysis.scope_of[node]
                if self.analysis.qualified_name(node.func, scope) == "json.loads":
                    found.append(node)
        if len(found) != 1:
            raise Manual(
                self.loop, "the loop does not parse each event's data with one `json.loads`"
            )
        parent = self.analysis.parent(found[0])
        if not (
            isinstance(parent, cst.Assign)
            and len(parent.targets) == 1
            and isinstance(parent.targets[0].target, cst.Name)
        ):
            raise Manual(found[0], "the parsed event is not assigned to one variable")
        target = parent.targets[0].target
        owner = self.analysis.lookup(target.value, self.analysis.scope_of[target])
        if owner is None or len(owner[1]) != 1:
            raise Manual(target, f"`{target.value}` is assigned more than once")
        return target, self.analysis.statement_of[parent]

    def _type_test(self, read: cst.CSTNode) -> tuple[cst.Comparison, cst.BaseExpression]:
        comparison = self.analysis.parent(read)
        if isinstance(comparison, cst.ComparisonTarget):
            comparison = self.analysis.parent(comparison)
        if not (isinstance(comparison, cst.Comparison) and len(comparison.comparisons) == 1):
            raise Manual(read, "the event's type is used other than in a test")
        return comparison, read  # type: ignore[return-value]

    def _event_name_tests(self, data: cst.Name) -> list[tuple[cst.Comparison, cst.BaseExpression]]:
        """Tests of a variable that holds the name from the last ``event:`` line."""
        analysis = self.analysis
        tests = []
        names: set[str] = set()
        for node in analysis.scope_of:
            if not (
                isinstance(node, cst.Comparison)
                and self.inside(node)
                and len(node.comparisons) == 1
            ):
                continue
            sides = [node.left, node.comparisons[0].comparator]
            literal = [s for s in sides if _event_literal(s)]
            other = [s for s in sides if not _event_literal(s)]
            if len(literal) != 1 or len(other) != 1 or not isinstance(other[0], cst.Name):
                continue
            if other[0].value == data.value:
                continue
            names.add(other[0].value)
            tests.append((node, other[0]))
        for name in names:
            found = analysis.lookup(name, analysis.scope_of[self.loop])
            if found is None:
                raise Manual(self.loop, f"`{name}` cannot be resolved")
            if not any(self.inside(binding.node) for binding in found[1] if binding.node):
                raise Manual(
                    self.loop, f"`{name}` is tested like an event name but not set in the loop"
                )
            for binding in found[1]:
                if binding.kind != "assign":
                    raise Manual(
                        self.loop,
                        f"the event name `{name}` is set in a way the tool does not follow",
                    )
            for use in analysis.uses_of(name, found[0]):
                parent = analysis.parent(use)
                if self._is_binding(use):
                    continue
                if isinstance(parent, cst.ComparisonTarget):
                    parent = analysis.parent(parent)
                if not any(parent is comparison for comparison, _ in tests):
                    raise Manual(use, f"the event name `{name}` is used other than in tests")
        return tests

    def _is_binding(self, use: cst.Name) -> bool:
        parent = self.analysis.parent(use)
        return isinstance(parent, cst.AssignTarget)

    def _check_literals(
        self,
        tests: list[tuple[cst.Comparison, cst.BaseExpression | None]],
        reads: list[cst.CSTNode],
    ) -> None:
        """Every `completion` the loop spells must be in a test or a read the tool rewrites."""
        handled = [comparison for comparison, _ in tests] + reads
        covered = {id(node) for top in handled for node in walk(top)}
        for node in walk(self.loop):
            value = _text_value(node)
            if value is not None and "completion" in value and id(node) not in covered:
                raise Manual(
                    node,
                    "the loop tests for the `completion` event in a way the tool does not follow",
                )
        for comparison, _ in tests:
            values = _compared_values(comparison)
            unknown = [v for v in values if v not in ("completion", "ping", "error")]
            if unknown:
                raise Manual(
                    comparison,
                    f"the loop tests for the `{unknown[0]}` event, which the tool does not map",
                )

    def _rewrite_test(
        self,
        comparison: cst.Comparison,
        subject: cst.BaseExpression | None,
        data: cst.Name,
        parsed_at: cst.CSTNode,
        whole: bool,
    ) -> None:
        """A `completion` test becomes a test for a text delta, or (``whole``) also for
        the `message_delta` event that ends the stream as the last `completion` event did."""
        values = _compared_values(comparison)
        if "completion" not in values:
            return  # ping, error: the same events on Messages
        operator = comparison.comparisons[0].operator
        if len(values) != 1 or not isinstance(
            operator, (cst.Equal, cst.NotEqual, cst.In, cst.NotIn)
        ):
            raise Manual(
                comparison,
                "the loop tests for the `completion` event in a way the tool does not follow",
            )
        negated = isinstance(operator, (cst.NotEqual, cst.NotIn))
        # Lines read as bytes give bytes event names: the new names are bytes too.
        b = "b" if _bytes_compared(comparison) else ""
        if subject is None:  # "completion" in data
            kind = f'{data.value}["type"]'
        else:
            kind = self.analysis.module.code_for_node(subject)
        if comparison in self.precise:
            test = f'{kind} == {b}"content_block_delta" and {data.value}["delta"]["type"] == "text_delta"'
            if whole:
                test = f'({test}) or {kind} == {b}"message_delta"'
        elif subject is None:
            raise Manual(comparison, "the loop tests the event's data before it parses it")
        elif whole:
            # The data is parsed inside: the reads check the delta's type themselves.
            test = f'{kind} in ({b}"content_block_delta", {b}"message_delta")'
        else:
            test = f'{kind} == {b}"content_block_delta"'
        if negated:
            test = f"not ({test})"
        parent = self.analysis.parent(comparison)
        wrap = isinstance(
            parent, (cst.BooleanOperation, cst.UnaryOperation, cst.Comparison, cst.ComparisonTarget)
        )
        compound = " and " in test or " or " in test or test.startswith("not ")
        source = f"({test})" if (wrap and compound) or comparison.lpar else test
        new = generated(self.analysis.module, source)
        self.outcome.rewrites[comparison] = lambda _updated: new

    def _parsed_before(self, statement: cst.CSTNode, node: cst.CSTNode) -> bool:
        """``statement`` runs before ``node`` in every pass of the loop that reaches it."""
        block = self.analysis.parent(statement)
        body = getattr(block, "body", None)
        if not isinstance(body, (list, tuple)):
            return False
        for ancestor in self.analysis.ancestors(node):
            if ancestor in body:
                return list(body).index(ancestor) > list(body).index(statement)
        return False

    def _guarded(self, read: cst.CSTNode) -> bool:
        """Only text deltas reach ``read``: it sits in the body of ``if <completion test>:``,
        or after ``if <not a completion test>: continue`` in a block that holds it."""
        child: cst.CSTNode = read
        for ancestor in self.analysis.ancestors(read):
            if isinstance(ancestor, cst.If) and child is ancestor.body:
                if ancestor.test in self.precise and not _negated(ancestor.test):
                    return True
            if isinstance(ancestor, cst.IndentedBlock) and child in ancestor.body:
                for earlier in ancestor.body[: list(ancestor.body).index(child)]:
                    if self._skips_others(earlier):
                        return True
            if ancestor is self.loop:
                return False
            child = ancestor
        return False

    def _skips_others(self, statement: cst.CSTNode) -> bool:
        """``if <not a completion test>: continue``."""
        if not (
            isinstance(statement, cst.If)
            and statement.orelse is None
            and statement.test in self.precise
            and _negated(statement.test)
        ):
            return False
        body = statement.body
        lines = body.body if isinstance(body, cst.IndentedBlock) else [body]
        return len(lines) == 1 and _is_continue(lines[0])


def _negated(test: cst.BaseExpression) -> bool:
    assert isinstance(test, cst.Comparison)
    return isinstance(test.comparisons[0].operator, (cst.NotEqual, cst.NotIn))


def _is_continue(line: cst.CSTNode) -> bool:
    small = (
        line.body if isinstance(line, (cst.SimpleStatementLine, cst.SimpleStatementSuite)) else []
    )
    return len(small) == 1 and isinstance(small[0], cst.Continue)


def _text_value(node: cst.CSTNode | None) -> str | None:
    """The text of a string or bytes literal (an event name may be either)."""
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        if isinstance(value, bytes):
            return value.decode("latin-1")
        return value if isinstance(value, str) else None
    return None


def _bytes_compared(comparison: cst.Comparison) -> bool:
    sides = [comparison.left, comparison.comparisons[0].comparator]
    literals = [
        e.value for s in sides if isinstance(s, (cst.Tuple, cst.List, cst.Set)) for e in s.elements
    ]
    literals += [s for s in sides if isinstance(s, cst.SimpleString)]
    return any(isinstance(n, cst.SimpleString) and "b" in n.prefix.lower() for n in literals)


def _event_literal(node: cst.BaseExpression) -> bool:
    if isinstance(node, (cst.Tuple, cst.List, cst.Set)):
        return bool(node.elements) and all(_text_value(e.value) is not None for e in node.elements)
    return _text_value(node) in ("completion", "ping", "error")


def _compared_values(comparison: cst.Comparison) -> list[str]:
    values: list[str] = []
    for side in (comparison.left, comparison.comparisons[0].comparator):
        if isinstance(side, (cst.Tuple, cst.List, cst.Set)):
            values += [v for e in side.elements if (v := _text_value(e.value)) is not None]
        elif (value := _text_value(side)) is not None:
            values.append(value)
    return values


# --------------------------------------------------------------------------- reads and edits


# --------------------------------------------------------------------------- dict edits
