"""The evidence scan's visit of expressions: the markers and the SDK's removed names read
as attributes, the strings that name ``max_tokens_to_sample`` or the endpoint, and the
``completion`` read on Bedrock's answers. A part of :class:`migrator.analysis.evidence._Finder`,
whose state (set up by its first pass) the methods read.
"""

from __future__ import annotations

import ast
import functools

from migrator.analysis import project
from migrator.analysis.bedrock_answers import AnswerRead
from migrator.analysis.evidence_nodes import (
    CONSTANTS,
    ENDPOINT,
    TOKENIZER,
    UNKNOWN_START,
    _dotted,
    last_name,
    own_markers,
)
from migrator.analysis.evidence_reasons import (
    _ENDPOINT,
    _TOKENIZER,
    ANSWER_READ,
    GONE_CONSTANT,
    GONE_NAME,
    LANGCHAIN,
    LANGCHAIN_CHAT,
    LANGCHAIN_OLD,
    OTHER_VENDOR,
    OWN_OPTION,
    STREAMED_ANSWER,
    TOKENS,
    sends_completions,
)


class ExpressionVisits:
    """The visitors of :class:`migrator.analysis.evidence._Finder` for expressions."""

    # expressions --------------------------------------------------------------------------

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in CONSTANTS and isinstance(node.ctx, ast.Store):
            pass  # bound, not read: what it is bound to is evidence of its own
        elif node.attr in CONSTANTS and not self._own_marker(node):
            self._add(node, f"`{'.'.join(_dotted(node))}` is used", GONE_CONSTANT)
        elif isinstance(node.value, ast.Name) and node.value.id in self.modules:
            if node.attr in ("ApiException", "api"):
                self._add(node, f"`{node.value.id}.{node.attr}` is used", GONE_NAME)
            elif node.attr in TOKENIZER:
                self._add(node, f"`{node.value.id}.{node.attr}` is used", _TOKENIZER)
        elif node.attr == "Completion" and _dotted(node)[-3:-1] == ["anthropic", "types"]:
            self._add(node, "the removed type `anthropic.types.Completion` is used", GONE_NAME)
        elif node.attr == "ApiException" and _dotted(node)[:1] == ["anthropic"]:
            self._add(node, f"`{'.'.join(_dotted(node))}` is used", GONE_NAME)
        self.generic_visit(node)

    @functools.cached_property
    def _marker_classes(self) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
        """The module's classes by name, with the markers that are its own strings: read on
        the class, and read on its instances (:func:`own_markers`). A name two classes
        share has none."""
        classes: dict[str, list[ast.ClassDef]] = {}
        elsewhere: set[tuple[str, str]] = set()  # ``Prompts.HUMAN_PROMPT = ...``
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ClassDef):
                classes.setdefault(node.name, []).append(node)
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name)
            ):
                elsewhere.add((node.value.id, node.attr))
        found: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        for name, nodes in classes.items():
            if len(nodes) > 1:
                found[name] = (frozenset(), frozenset())
                continue
            on_body, on_instances = own_markers(nodes[0])
            on_class = frozenset(n for n in on_body if (name, n) not in elsewhere)
            found[name] = (on_class, on_instances & on_class)
        return found

    def _own_marker(self, node: ast.Attribute) -> bool:
        """``Prompts.HUMAN_PROMPT``, or ``self.``/``cls.HUMAN_PROMPT`` in its methods, where
        the class spells the text itself: the project's own string, which no SDK removes."""
        value = node.value
        if not isinstance(value, ast.Name):
            return False
        if value.id in ("self", "cls"):
            owner = self.classes[-1].name if self.classes else None
            return owner is not None and node.attr in self._marker_classes.get(owner, ((), ()))[1]
        return node.attr in self._marker_classes.get(value.id, ((), ()))[0]

    def _splatted(self, node: ast.Constant) -> None:
        """A key of ``model_kwargs`` given as keywords: to LangChain's classes (mindsdb's
        ``ChatAnthropic(**model_kwargs)``) or to the project's own function."""
        funcs = self.splatted[id(node)]
        if all(project.takes_keyword(self.imported, func, node.value) for func in funcs):
            return  # keywords of the project's own functions, in other modules
        callees = list(dict.fromkeys(last_name(func) or "a call" for func in funcs))
        named = ", ".join(f"`{callee}`" for callee in callees)
        where = f"`max_tokens_to_sample` is a key of `model_kwargs`, given as keywords to {named}"
        modules = [self.langchain_names[c] for c in callees if c in self.langchain_names]
        if not modules:
            self._add(node, where, TOKENS)
        else:
            sends = any(sends_completions(module) for module in modules)
            self._add(node, where, LANGCHAIN_OLD if sends else LANGCHAIN_CHAT)

    def visit_Constant(self, node: ast.Constant) -> None:
        if id(node) in self.served:
            return  # reported with the HTTP double that serves it
        read = self.answer_reads.get(id(node))
        if read is not None:
            self._answer_read(read)
            return
        if id(node) in self.other_vendor:
            # Given to another vendor's Bedrock model only: not Claude's request, so it is
            # left as written, but the key is still Text Completions' and still named.
            if node.value == "max_tokens_to_sample":
                what = "`max_tokens_to_sample` is given to a model that is not Claude"
                self._add(node, what, OTHER_VENDOR)
            return
        if isinstance(node.value, str):
            if node.value == "max_tokens_to_sample" and id(node) in self.splatted:
                self._splatted(node)
            elif node.value == "max_tokens_to_sample" and id(node) in self.langchain:
                self._add(node, "`max_tokens_to_sample` is given to a LangChain model", LANGCHAIN)
            elif node.value == "max_tokens_to_sample" and id(node) in self.own_option:
                option = f"{self.own_option[id(node)]}.max_tokens_to_sample"
                self._add(node, f"`{option}` is validated here", OWN_OPTION)
            elif node.value == "max_tokens_to_sample" and id(node) in self.built_by:
                builder = self.built_by[id(node)]
                self._add(
                    node, f'`"max_tokens_to_sample"` is a key of what `{builder}` builds', TOKENS
                )
            elif node.value == "max_tokens_to_sample" and id(node) in self.listed:
                self._add(
                    node,
                    '`"max_tokens_to_sample"` is listed among key names, for a request built '
                    "from data at run time",
                    TOKENS,
                )
            elif node.value == "max_tokens_to_sample":
                self._add(node, '`"max_tokens_to_sample"` is set or read', TOKENS)
            elif '"max_tokens_to_sample"' in node.value:
                self._add(node, "a JSON text holds `max_tokens_to_sample`", TOKENS)
            elif ENDPOINT.search(node.value):
                self._add(node, "the legacy endpoint `/v1/complete` is named", _ENDPOINT)
                whole = node.value.startswith(("http://", "https://"))
                self.endpoints.append(node.value if whole else UNKNOWN_START + node.value)

    def _answer_read(self, read: AnswerRead) -> None:
        shown = '["completion"]' if isinstance(read.node, ast.Subscript) else '.get("completion")'
        if read.streamed:
            what = f"`{shown}` is read from a chunk of `invoke_model_with_response_stream`"
            self._add(read.node, what, STREAMED_ANSWER, read.sent_by)
        else:
            what = f"`{shown}` is read from the answer of `invoke_model`"
            self._add(read.node, what, ANSWER_READ, read.sent_by)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        if id(node) in self.served:
            return
        text = "".join(
            part.value if isinstance(part, ast.Constant) and isinstance(part.value, str) else "{}"
            for part in node.values
        )
        if ENDPOINT.search(text):
            self._add(node, "the legacy endpoint `/v1/complete` is named", _ENDPOINT)
            self.endpoints.append(UNKNOWN_START + text)
            return
        self.generic_visit(node)
