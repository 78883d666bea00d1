"""The answer of a Bedrock site: each read of ``response["body"]``, parsed with ``json.loads``.

The keys read from the parsed answer are remapped to the Messages answer's; a read that
goes elsewhere leaves the site for a person.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.guards import Guard, Standing, standing
from migrator.analysis.response_dict import key_read
from migrator.rewrite.json_body import Manual
from migrator.rewrite.json_site import JsonSite

# Keys of the response dict that say nothing about its body.
_RESPONSE_METADATA = {"ResponseMetadata", "contentType", "performanceConfigLatency"}


class Answer(JsonSite):
    """The answer part of ``_Site`` (``site.py``), which sets ``guard``."""

    guard: Guard | None

    def _body_reads(self) -> list[cst.BaseExpression]:
        """``response["body"]`` / ``response.get("body")``; other metadata reads are fine."""
        holder = self._holder()
        if holder is None:
            return []
        node, uses = holder
        reads = []
        for use in uses:
            read = key_read(use, self.analysis)  # type: ignore[arg-type]
            if read is not None and read.key in _RESPONSE_METADATA:
                continue
            if self.guard is not None and not self._under_guard(use, self.guard):
                continue  # another vendor's answer
            if read is None:
                raise Manual(use, "the response is used in a way the tool does not follow")
            if read.key != "body":
                raise Manual(read.node, f"the response is read for `{read.key}`")
            reads.append(read.node)
        return reads

    def _under_guard(self, use: cst.CSTNode, guard: Guard) -> bool:
        """True: ``use`` reads the answer to the migrated body; False: another vendor's."""
        where = standing(self.analysis, use, guard)
        if where is None:
            raise Manual(
                use,
                f"the answer is read where `{self.plan.code_for(guard.test)}` may not hold, so the "
                "tool cannot tell which vendor's answer it reads",
            )
        return where is Standing.UNDER

    def _response(self) -> None:
        for read in self._body_reads():
            self._json(self._parsed(read, "the response body"))

    def _parsed(self, stream: cst.BaseExpression, what: str) -> cst.Call:
        """``json.loads(stream.read())`` (or with ``.decode(...)``), or ``json.load(stream)``,
        which reads it itself: the call that parses it."""
        node: cst.CSTNode = stream
        load = self._parsed_by(stream, "json.load")
        if load is not None:
            return load
        for method in ("read", "decode"):
            attribute = self.analysis.parent(node)
            call = self.analysis.parent(attribute) if attribute is not None else None
            if (
                isinstance(attribute, cst.Attribute)
                and attribute.attr.value == method
                and isinstance(call, cst.Call)
                and call.func is attribute
            ):
                node = call
            elif method == "read":
                raise Manual(
                    stream, f"{what} is read other than with `.read()` or `json.load(...)`"
                )
        loads = self._parsed_by(node, "json.loads")
        if loads is None:
            raise Manual(node, f"{what} is not parsed with `json.loads` where it is read")
        return loads
