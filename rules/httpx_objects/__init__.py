"""httpx objects: the client, transport and timeout handed to the SDK come from `httpx2`.

## What it does

In a module whose legacy calls are migrated, an `httpx` object built right
where it is handed to the SDK becomes the same `httpx2` object: the
`http_client=` and `timeout=` of an Anthropic client's constructor
(`Anthropic`, `AsyncAnthropic`, `Client`, the Bedrock and Vertex clients), and
the `timeout=` of a migrated call, when its value is a call of `httpx.Client`,
`httpx.AsyncClient`, `httpx.Timeout`, ... (also through a name bound once to
one), with the `httpx` objects built inside it (`transport=httpx.HTTPTransport(
retries=2)`, `limits=httpx.Limits(...)`). `import httpx2` goes beside `import
httpx`, or takes its place when nothing else reads `httpx`. A single proxy
URL, `proxies="http://..."`, becomes `proxy=`.

An `httpx.MockTransport(handler)` among them is a test double: its handler
answers the SDK's requests. It moves to `httpx2` when its handler is a function
of the module (or a lambda), used only there, that takes the request and
answers `httpx.Response(200, json={...})` with a completion's fields: the
answer becomes an `httpx2.Response` with the Message body the
migrated call reads, `{"id": ..., "type": "message", "role": "assistant",
"model": ..., "content": [{"type": "text", "text": ...}], "stop_reason": ...,
"stop_sequence": ..., "usage": {...}}`: a natural end's `"stop_sequence"`
becomes `"end_turn"` (a custom stop sequence stays, in `stop_sequence`), and a
retired model the one the migrated call sends. What the handler reads of the
request's JSON body (`json.loads(request.content)`, inline or in a name) is
read off the Messages request: `["max_tokens_to_sample"]` (or `.get(...)`)
reads `"max_tokens"`, the same value; a literal text tested in
`["prompt"]` (`"French" in body["prompt"]`) is tested in the text of the
system prompt and the messages,
`"\\n\\n".join([body.get("system", ""), *(message["content"] for message in body["messages"])])`,
under the same conditions as a fake's (one line, no space at either end, not
the end of a marker's word); `request.url.path == "/v1/complete"` compares
with `"/v1/messages"`. Any other read (`["model"]`, whose value changes, the
prompt read another way, the raw bytes) and any other handler leave the
client for manual work, with the reason.

## Why is this bad?

The current SDK is built on `httpx2`, a fork of `httpx` with the same
interface, and refuses an `httpx` object where it takes one: `TypeError:
Invalid 'http_client' argument; 'httpx.Client' is from the 'httpx' package,
but this SDK uses 'httpx2'`. The legacy SDK took `httpx` objects, so code that
ran before fails as soon as the client is built.

## Example

```python
import anthropic
import httpx

client = anthropic.Anthropic(http_client=httpx.Client(timeout=httpx.Timeout(30.0)))
response = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=50,
    prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
)
```

## Use instead

```python
import anthropic
import httpx2

client = anthropic.Anthropic(http_client=httpx2.Client(timeout=httpx2.Timeout(30.0)))
response = client.messages.create(
    model="claude-sonnet-5-5",
    max_tokens=50,
    messages=[{"role": "user", "content": "Hi"}],
)
```

## Fix safety

Safe: `httpx2` takes the same arguments and behaves the same, and it is
installed with the current SDK. An `httpx` object built elsewhere (a
parameter, an attribute, another module), one built with arguments `httpx2`
no longer takes (`proxies=` other than one URL, `app=`), or an object of
`from httpx import Client` is left as it is and reported for manual work.

## References

`MIGRATION.md`, "Facts about the SDKs" (the current SDK is built on `httpx2`);
the SDK's `_reject_httpx_object`.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.flow import value_at
from migrator.analysis.names import ModuleAnalysis
from migrator.contract.plan import ModulePlan, Rewrite
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.doubles.transports import NotMovable, handler_rewrites
from migrator.rules.httpx_objects.imports import httpx_import, import_httpx2

_CONSTRUCTORS = frozenset(
    f"anthropic.{name}"
    for name in (
        "Anthropic",
        "AsyncAnthropic",
        "Client",
        "AsyncClient",
        "AnthropicBedrock",
        "AsyncAnthropicBedrock",
        "AnthropicVertex",
        "AsyncAnthropicVertex",
    )
)
# Arguments of the SDK that take an httpx object.
_CLIENT_ARGUMENTS = ("http_client", "timeout")
# Arguments httpx2's constructors no longer take.
_GONE = ("app",)


class HttpxObjects(Rule):
    code = "TCM021"
    summary = "`httpx` objects handed to the SDK become `httpx2` objects"
    safety = Safety.SAFE
    since = "0.2.0"

    def apply_module(self, plan: ModulePlan) -> None:
        if not plan.migrated:
            return  # code still on the legacy SDK keeps its httpx objects
        analysis = plan.analysis
        handed: list[cst.Arg] = []
        for site in plan.migrated:
            handed.extend(a for a in site.call.args if _keyword(a) == "timeout")
        for node, _ in analysis.nodes_of(cst.Call):
            if isinstance(node, cst.Call) and self._constructor(analysis, node):
                handed.extend(a for a in node.args if _keyword(a) in _CLIENT_ARGUMENTS)
        changed = False
        imported = httpx_import(analysis.module) is not None
        for arg in handed:
            built = self._built(analysis, arg.value)
            if built is None:
                continue
            problem = _unmovable(analysis, built) or (
                None if imported else "`httpx` is not imported at the top of the module"
            )
            served: dict[cst.CSTNode, Rewrite] = {}
            for transport in _transports(analysis, built):
                try:
                    if plan.untouched:
                        raise NotMovable("calls of this module are left as they were")
                    served.update(
                        handler_rewrites(
                            analysis,
                            transport,
                            lambda call: _is_httpx(analysis, call.func),
                            plan.config,
                        )
                    )
                except NotMovable as why:
                    problem = problem or (
                        "`httpx.MockTransport` is a test double that answers the legacy request: "
                        f"the tool does not rewrite it, since {why}; serve `/v1/messages` with a "
                        "Message body (`content` blocks) from an `httpx2.MockTransport` whose "
                        "handler returns `httpx2.Response`s"
                    )
            if problem is not None:
                message = (
                    f"`{_keyword(arg)}=` is an `httpx` object, which the current SDK refuses "
                    f"(it is built on `httpx2`), and {problem}: build it with `httpx2`"
                )
                plan.report(type(self), arg, message, Safety.MANUAL)
                plan.comment(arg, f"# migrator: manual [{self.code}] {message}")
                continue
            for call in _httpx_calls(analysis, built):
                plan.rewrites[call] = _to_httpx2
            plan.rewrites.update(served)
            if served:
                plan.report(
                    type(self),
                    arg,
                    "the `MockTransport` handler answers with `httpx2.Response`s and the Message "
                    "body the migrated call reads (its text in `content` blocks)",
                    Safety.SAFE,
                )
            changed = True
            plan.report(
                type(self),
                arg,
                f"`{_keyword(arg)}=` is built with `httpx2`, which the current SDK takes "
                "where it refused `httpx`",
                Safety.SAFE,
            )
        if changed:
            plan.finishers.append(import_httpx2)

    def _constructor(self, analysis: ModuleAnalysis, call: cst.Call) -> bool:
        scope = analysis.scope_of.get(call)
        return scope is not None and analysis.qualified_name(call.func, scope) in _CONSTRUCTORS

    def _built(self, analysis: ModuleAnalysis, value: cst.BaseExpression) -> cst.Call | None:
        """The ``httpx.X(...)`` call that ``value`` is, or the one a name bound once holds."""
        if isinstance(value, cst.Name):
            found = value_at(analysis, value) if value in analysis.scope_of else None
            value = found[1] if found is not None else value
        if isinstance(value, cst.Call) and _is_httpx(analysis, value.func):
            return value
        return None


def _keyword(arg: cst.Arg) -> str | None:
    return arg.keyword.value if arg.keyword is not None else None


def _is_httpx(analysis: ModuleAnalysis, func: cst.BaseExpression) -> bool:
    """``httpx.Client`` and friends, spelled through ``import httpx``."""
    if not (
        isinstance(func, cst.Attribute)
        and isinstance(func.value, cst.Name)
        and func.value.value == "httpx"
    ):
        return False
    scope = analysis.scope_of.get(func.value)
    return scope is not None and analysis.qualified_name(func.value, scope) == "httpx"


def _httpx_calls(analysis: ModuleAnalysis, call: cst.Call) -> list[cst.Call]:
    """``call`` and the ``httpx.X(...)`` calls among its arguments, at any depth."""
    found = [call]
    for arg in call.args:
        if isinstance(arg.value, cst.Call) and _is_httpx(analysis, arg.value.func):
            found.extend(_httpx_calls(analysis, arg.value))
    return found


def _transports(analysis: ModuleAnalysis, call: cst.Call) -> list[cst.Call]:
    """The ``httpx.MockTransport(...)`` calls ``call`` is built with."""
    return [
        inner
        for inner in _httpx_calls(analysis, call)
        if isinstance(inner.func, cst.Attribute) and inner.func.attr.value == "MockTransport"
    ]


def _unmovable(analysis: ModuleAnalysis, call: cst.Call) -> str | None:
    for inner in _httpx_calls(analysis, call):
        for arg in inner.args:
            keyword = _keyword(arg)
            if keyword in _GONE:
                return f"`{keyword}=` is gone from `httpx2`"
            if keyword == "proxies" and not isinstance(arg.value, cst.SimpleString):
                return "`proxies=` maps URLs to proxies, which `httpx2` takes as `mounts=`"
            if arg.star:
                return "it is built from `*args` / `**kwargs` the tool cannot see"
    return None


def _to_httpx2(updated: cst.CSTNode) -> cst.CSTNode:
    assert isinstance(updated, cst.Call) and isinstance(updated.func, cst.Attribute)
    args = [
        arg.with_changes(keyword=cst.Name("proxy")) if _keyword(arg) == "proxies" else arg
        for arg in updated.args
    ]
    func = updated.func.with_changes(value=cst.Name("httpx2"))
    return updated.with_changes(func=func, args=args)
