"""What one request answers, followed: the response, its parsed JSON or its streamed lines.

The part of a site (``_Site``) that finds every read of the response and either
rewrites it for a Messages answer or refuses the site with the reason.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import ModuleAnalysis
from migrator.rewrite.json_body import Manual, describe_use
from migrator.rewrite.json_site import JsonSite
from migrator.rules.raw_http.finding import AIOHTTP, ASYNC_HTTPX, HTTP_CLIENT, Request
from migrator.rules.raw_http.sse import SseLoop

# The method that reads a streamed response's lines (aiohttp: `async for line in resp.content`).
_LINES = {"requests": "iter_lines", "httpx": "iter_lines", ASYNC_HTTPX: "aiter_lines"}
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
    AIOHTTP: {"status", "release", "content_type", "charset", "real_url"},
    HTTP_CLIENT: {"status", "reason", "getheader", "getheaders", "headers", "close", "version"},
}


class AnswerReads(JsonSite):
    """The answer's side of a site: the response object and what the code reads of it."""

    request: Request
    call: cst.Call

    def _answer(self) -> cst.BaseExpression:
        """The expression whose value is the response."""
        library = self.request.library
        parent = self.analysis.parent(self.call)
        if library == HTTP_CLIENT:
            return self._getresponse()
        if library not in (ASYNC_HTTPX, AIOHTTP):
            return self.call
        if isinstance(parent, cst.Await):
            return parent
        item = self.analysis.parent(parent) if isinstance(parent, cst.WithItem) else None
        stream = self.request.receiver is not None and _method(self.call) == "stream"
        if isinstance(item, cst.With) and item.asynchronous and (library == AIOHTTP or stream):
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
            if library == HTTP_CLIENT and _loop_over(analysis, use):
                found.append(("lines", use))  # `for line in resp:` reads its lines
                continue
            attribute = analysis.parent(use)
            if not (isinstance(attribute, cst.Attribute) and attribute.value is use):
                raise Manual(use, f"the response `{name}` {describe_use(analysis, use)}")
            attr = attribute.attr.value
            call = analysis.parent(attribute)
            if library == AIOHTTP and attr == "content" and _loop_over(analysis, attribute):
                found.append(("lines", attribute))
                continue
            if attr in transport:
                continue
            if attr in ("text", "content", "read") and any(
                isinstance(a, cst.Raise) for a in analysis.ancestors(attribute)
            ):
                continue  # an error message
            loads = (
                self._parsed_by(attribute, "json.loads") if attr in ("text", "content") else None
            )
            if loads is not None and library not in (HTTP_CLIENT, AIOHTTP):
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

    def _parsed(self, call: cst.Call, attr: str) -> cst.BaseExpression | None:
        """The parsed answer a call on the response makes: ``r.json()``, ``await
        resp.json()`` (aiohttp), ``json.loads(resp.read()[.decode(...)])`` (http.client)."""
        analysis = self.analysis
        library = self.request.library
        if library == HTTP_CLIENT:
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
        if library == AIOHTTP and all(
            arg.keyword is not None and arg.keyword.value == "content_type" for arg in call.args
        ):
            pass  # which Content-Type it accepts: the same for the Messages answer
        elif call.args:
            raise Manual(
                call, "the response is read as a stream, but the body does not ask for one"
            )
        if library != AIOHTTP:
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
        shown = {AIOHTTP: "`content`", HTTP_CLIENT: "the response"}.get(library)
        if len(reads) != 1 or len(loops) != 1:
            raise Manual(
                self.call,
                "the streamed response is read other than by one loop over "
                + (shown or f"`{_LINES[library]}()`"),
            )
        loop = self.analysis.parent(loops[0])
        asynchronous = library in (ASYNC_HTTPX, AIOHTTP)
        if not (
            isinstance(loop, cst.For)
            and loop.iter is loops[0]
            and isinstance(loop.body, cst.IndentedBlock)
            and (loop.asynchronous is not None) == asynchronous
        ):
            raise Manual(loops[0], "the stream's lines are read other than by a `for` loop")
        SseLoop(self, loop).migrate()


def _method(call: cst.Call) -> str | None:
    return call.func.attr.value if isinstance(call.func, cst.Attribute) else None


def _loop_over(analysis: ModuleAnalysis, node: cst.CSTNode) -> bool:
    loop = analysis.parent(node)
    return isinstance(loop, cst.For) and loop.iter is node
