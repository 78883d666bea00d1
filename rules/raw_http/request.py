"""What one request sends, rewritten: its URL, its JSON body and model, its headers.

The part of a site (``_Site``) that edits the request itself; ``answer.py`` follows what
comes back.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.legacy_calls import legacy_request_dict
from migrator.code.syntax import string_value
from migrator.core.findings import Safety
from migrator.doubles.registrations import messages_path
from migrator.rewrite.json_body import Manual, dict_edit, keys_of
from migrator.rules.raw_http.finding import (
    AIOHTTP,
    HTTP_CLIENT,
    Request,
    _keyword,
    _tail,
    argument,
)
from migrator.rules.raw_http.model import BodyModel
from migrator.runtime.helpers import (
    PINNED_VERSION,
)

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


class RequestEdits(BodyModel):
    """The request's side of a site: the URL, the body and the headers it sends."""

    request: Request
    call: cst.Call
    url_nodes: set[cst.CSTNode]

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
        if self.request.library == HTTP_CLIENT:
            body = argument(call, 2, "body")
            if (
                isinstance(body, cst.Call)
                and isinstance(body.func, cst.Attribute)
                and body.func.attr.value == "encode"
            ):
                body = body.func.value  # json.dumps(payload).encode(): the same JSON
            return None, [body] if body is not None else []
        keywords = ("data",) if self.request.library == AIOHTTP else ("data", "content")
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
            keyword = "body" if self.request.library == HTTP_CLIENT else "json"
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
            if value is not None and legacy_request_dict(self.analysis, value, self.scope):
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

    def _headers(self, streamed: bool) -> None:
        headers: cst.BaseExpression | None
        if self.request.library == HTTP_CLIENT:
            headers = argument(self.call, 3, "headers")
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
