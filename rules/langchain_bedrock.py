"""LangChain's Bedrock LLM with a Text Completions `model_kwargs` becomes langchain-aws's `ChatBedrock`.

## What it does

Finds `Bedrock(...)` of LangChain (`langchain.llms`, `langchain.llms.bedrock`,
`langchain_community.llms`, `langchain_community.llms.bedrock`; also
langchain-aws's `BedrockLLM`) built for a
Claude model with `max_tokens_to_sample` in its `model_kwargs` (a dict literal
inline, in a name bound once, or assigned later as `llm.model_kwargs = {...}`),
and moves it to `ChatBedrock` of `langchain_aws` when every use of the model in
the module is one a chat model serves the same way:

- the class and its import become `ChatBedrock` from `langchain_aws`; the model
  id goes through the Bedrock model table, like TCM016 maps it
  (`[tool.migrator.bedrock_models]`, else a current Claude model through a
  global inference profile); `max_tokens_to_sample` becomes `max_tokens`
  (clamped like TCM016 clamps it), the `"\\n\\nHuman:"` stop sequence goes, a
  `prompt` key goes (the LLM always wrote its own prompt over it), and
  `temperature` / `top_p` / `top_k` stay (ChatBedrock sends them in the body);
- the model may be given as `llm=` (or as the documented positional model) to
  a LangChain chain, agent or memory, piped into a `StrOutputParser`, returned
  from a function whose callers in the module do the same, or called:
  `llm(x)` and `llm.predict(x)` become `llm.invoke(x).content`, and
  `llm.invoke(x)` becomes `llm.invoke(x).content`, the text the LLM answered;
  `llm.client` (the boto3 client both send with) may be read, and a notebook
  cell may display the model; a name rebound cell after cell (`llm` a Titan
  model, then a Claude one) is followed binding by binding;
- `streaming=True` stays, and `callbacks=` may hold LangChain's own handlers
  (`StreamingStdOutCallbackHandler()`): each streamed text piece reaches them
  the same way.

A chat model given the same `model_kwargs` (langchain-aws's `ChatBedrock`,
langchain-community's `BedrockChat` / `ChatBedrock`) sends the Text
Completions key in a Messages body, which Bedrock refuses: its
`max_tokens_to_sample` becomes `max_tokens` and its model id is mapped the
same way; a community class becomes langchain-aws's `ChatBedrock`. Its uses
are a chat model's already and stay.

A model whose id names another vendor's model (`meta.llama3-8b-instruct-v1:0`)
is not Anthropic's, whatever its `model_kwargs` hold: it stays untouched (a
`max_tokens_to_sample` in them is named by TCM020, as a key that model does not take;
a model id that may be Claude's, or is only known at run time, is
Claude's). A name rebound cell after cell, or statement after statement in a
function, is judged by the binding each model reads.

Anything else leaves the whole model as written, with a manual finding that
says which use: the model given to code the tool does not know (a function of
the project), `callbacks=` with a handler of the project's (it would receive
a chat model's events), other methods (`.stream`, `.generate`,
`.get_num_tokens`), other keys in `model_kwargs`, or a name bound to
something else as well.

## Why is this bad?

Bedrock's Claude models that took a Text Completions body are retired, and
LangChain's Bedrock LLM refuses Claude 3 and newer models: the code can only
reach a current Claude model through a chat model.

## Example

```python
from langchain.chains import ConversationChain
from langchain.llms.bedrock import Bedrock

llm = Bedrock(
    model_id="anthropic.claude-v2",
    model_kwargs={"max_tokens_to_sample": 500, "stop_sequences": ["\\n\\nHuman:"]},
)
chain = ConversationChain(llm=llm)
print(llm.predict("Hello"))
```

## Use instead

```python
from langchain.chains import ConversationChain
from langchain_aws import ChatBedrock

llm = ChatBedrock(
    model_id="global.anthropic.claude-sonnet-4-6",
    model_kwargs={"max_tokens": 500},
)
chain = ConversationChain(llm=llm)
print(llm.invoke("Hello").content)
```

## Fix safety

Review: the project must depend on `langchain-aws` (0.2 with LangChain 0.3,
1.x with langchain-core 1.x), and the model id needs a person's choice unless
the Bedrock table names one. ChatBedrock sends a text as one user message:
Bedrock's LLM split a text that held `Human:` / `Assistant:` markers into
turns, so a prompt template with markers is a review finding.

## References

`MIGRATION.md`, "Other surfaces that carry the same legacy request" (AWS
Bedrock); the langchain-aws source (`ChatBedrock`, `LLMInputOutputAdapter`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import libcst as cst
from migrator.rules._json_body import (
    REVIEW_ABOVE,
    Edit,
    Manual,
    dict_edit,
    max_tokens_edit,
    stripped_stops,
)
from migrator.rules.stop_sequences import _strip

from migrator.analysis import Binding, ModuleAnalysis, own_returns
from migrator.evidence_nodes import MARKER
from migrator.flow import binding_at
from migrator.plan import ModulePlan, Rewrite
from migrator.rule import Rule, Safety
from migrator.syntax import dotted_name, string_value

LLM_CLASSES = frozenset(
    {
        *(
            f"{module}.Bedrock"
            for module in (
                "langchain.llms",
                "langchain.llms.bedrock",
                "langchain_community.llms",
                "langchain_community.llms.bedrock",
                "langchain_aws.llms.bedrock",
            )
        ),
        "langchain_aws.BedrockLLM",
        "langchain_aws.llms.BedrockLLM",
        "langchain_aws.llms.bedrock.BedrockLLM",
    }
)
# Chat models already: only their ``model_kwargs`` (and a community class's name) change.
COMMUNITY_CHAT = frozenset(
    f"langchain_community.chat_models.{path}"
    for path in ("BedrockChat", "bedrock.BedrockChat", "ChatBedrock", "bedrock.ChatBedrock")
)
AWS_CHAT = frozenset(
    f"langchain_aws.{path}"
    for path in ("ChatBedrock", "chat_models.ChatBedrock", "chat_models.bedrock.ChatBedrock")
)
NEW_MODULE, NEW_CLASS = "langchain_aws", "ChatBedrock"
# Words of a model id that may name a Claude model (``anthropic.claude-v2``, ``claude-2.1``).
_CLAUDE = frozenset({"anthropic", "claude"})
# Constructor keywords ChatBedrock takes with the same meaning.
_KEYWORDS = frozenset(
    {
        "model_id",
        "model_kwargs",
        "client",
        "region_name",
        "credentials_profile_name",
        "endpoint_url",
        "verbose",
        "streaming",  # the callbacks get each text piece the same way
    }
)
_KWARGS = frozenset(
    {"max_tokens_to_sample", "temperature", "top_p", "top_k", "stop_sequences", "anthropic_version"}
)
# ChatBedrock writes this version into every Messages body: the same value may stay.
BEDROCK_VERSION = "bedrock-2023-05-31"
# LangChain callables that take the model by position, and where.
_POSITIONAL = {
    "load_summarize_chain": 0,
    "load_qa_chain": 0,
    "load_qa_with_sources_chain": 0,
    "from_llm": 0,
    "from_chain_type": 0,
    "create_sql_query_chain": 0,
    "create_react_agent": 0,
    "create_stuff_documents_chain": 0,
    "create_history_aware_retriever": 0,
    "initialize_agent": 1,
}
KEPT_CHAT = (
    "`max_tokens_to_sample` becomes `max_tokens`: ChatBedrock sends `model_kwargs` in a "
    "Messages body, where Bedrock refuses the Text Completions key"
)
DEPENDENCY = (
    "LangChain's Bedrock model becomes `ChatBedrock` of langchain-aws: add `langchain-aws` to "
    "the project's dependencies (0.2.x with LangChain 0.3, 1.x with langchain-core 1.x); a "
    "text prompt is sent as one user message of the Messages API"
)


class LangchainBedrock(Rule):
    code = "TCM022"
    summary = "LangChain's Bedrock LLM with Text Completions `model_kwargs` becomes `ChatBedrock`"
    safety = Safety.REVIEW
    since = "0.2.0"

    def apply_module(self, plan: ModulePlan) -> None:
        done: set[cst.Call] = set()
        migrated: list[cst.Call] = []
        for call in _constructors(plan.analysis):
            if call in done:
                continue
            model = _Model(plan)
            try:
                model.constructor(call)
                model.finish()
            except Manual as manual:
                model.block(type(self), manual)
            else:
                model.apply(type(self))
                migrated.extend(model.constructors)
            done.update(model.constructors)
        if migrated:
            _import(plan, migrated)


_ALL_CLASSES = LLM_CLASSES | COMMUNITY_CHAT | AWS_CHAT
_KINDS = (LLM_CLASSES, COMMUNITY_CHAT, AWS_CHAT)


def _constructors(analysis: ModuleAnalysis) -> Iterator[cst.Call]:
    for node, _ in analysis.nodes_of(cst.Call):
        if isinstance(node, cst.Call) and qualified(analysis, node.func) in _ALL_CLASSES:
            yield node


def _keyword(call: cst.Call, name: str) -> cst.Arg | None:
    return next((a for a in call.args if a.keyword is not None and a.keyword.value == name), None)


def qualified(analysis: ModuleAnalysis, node: cst.BaseExpression) -> str | None:
    """What ``node`` names through the module's imports, whatever the package: the analysis
    records qualified names only for Anthropic's and the HTTP libraries' imports."""
    if isinstance(node, cst.Attribute):
        base = qualified(analysis, node.value)
        return f"{base}.{node.attr.value}" if base else None
    scope = analysis.scope_of.get(node)
    if not isinstance(node, cst.Name) or scope is None:
        return None
    found = analysis.lookup(node.value, scope)
    names = {_imported_as(binding, node.value) for binding in found[1]} if found else {None}
    if len(names) == 1:
        return names.pop()
    # A notebook importing one class from two of its modules, cell after cell.
    same = next((kind for kind in _KINDS if names <= kind), None)
    return min(names) if same else None  # type: ignore[type-var]


def _imported_as(binding: Binding, local: str) -> str | None:
    if binding.kind == "import":
        return binding.qualified
    statement = binding.node
    if (
        not isinstance(statement, cst.ImportFrom)
        or statement.module is None
        or statement.relative
        or isinstance(statement.names, cst.ImportStar)
    ):
        return None
    for alias in statement.names:
        name = dotted_name(alias.name)
        asname = alias.asname.name if alias.asname is not None else None
        if (asname.value if isinstance(asname, cst.Name) else name) == local:
            return f"{dotted_name(statement.module)}.{name}"
    return None


def _dotted_last(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    return node.attr.value if isinstance(node, cst.Attribute) else None


class _Model:
    """One model as the module holds it: its constructors, the names and functions that
    carry it, and every use; migrated whole, or not at all."""

    def __init__(self, plan: ModulePlan) -> None:
        self.plan = plan
        self.analysis = plan.analysis
        self.constructors: list[cst.Call] = []
        self.rewrites: dict[cst.CSTNode, Rewrite] = {}
        self.notes: list[tuple[cst.CSTNode, str]] = []
        self.evidence: list[cst.CSTNode] = []  # the ``max_tokens_to_sample`` keys
        self.seen: set[object] = set()
        self.chains: list[str] = []  # the LangChain callables given the model
        self.unread = False  # a ``model_kwargs`` the tool could not read

    # --- what holds the model ---------------------------------------------------------
    def constructor(self, call: cst.Call) -> None:
        if call in self.seen:
            return
        self.seen.add(call)
        self.constructors.append(call)
        kind = qualified(self.analysis, call.func)
        if kind not in LLM_CLASSES:
            return self._chat(call, kind)
        model = _keyword(call, "model_kwargs")
        if model is not None:
            self.unread = True  # until it is read
            body = self._dict_of(model.value)
            self.unread = False
            self.kwargs(body)
        for arg in call.args:
            if arg.keyword is None:
                raise Manual(call, "the model is given arguments by position or with `**`")
            keyword = arg.keyword.value
            if keyword == "callbacks":
                self._callbacks(arg.value)
            elif keyword not in _KEYWORDS:
                raise Manual(
                    arg, f"the model is built with `{keyword}=`, which the tool does not know"
                )
        self.model_id(call)
        if not isinstance(call.func, cst.Name):
            raise Manual(call, "the class is reached through a module, not imported by name")
        self.rewrites[call.func] = lambda updated: cst.Name(NEW_CLASS)
        self.holder(call)

    def _chat(self, call: cst.Call, kind: str | None) -> None:
        """A chat model given ``max_tokens_to_sample``: ChatBedrock would send the key in a
        Messages body, which Bedrock refuses; its uses are a chat model's already."""
        model = _keyword(call, "model_kwargs")
        if model is None:
            raise Manual(call, "the chat model has no `model_kwargs`")
        self.kwargs(self._dict_of(model.value), llm=False)
        if _keyword(call, "model_id") is not None:
            self.model_id(call)
        if kind in COMMUNITY_CHAT:
            if not isinstance(call.func, cst.Name):
                raise Manual(call, "the class is reached through a module, not imported by name")
            self.rewrites[call.func] = lambda updated: cst.Name(NEW_CLASS)

    def _callbacks(self, value: cst.BaseExpression) -> None:
        """LangChain's own handlers serve a chat model as they serve an LLM: each streamed
        text piece reaches ``on_llm_new_token``, and ``on_chat_model_start`` falls back to
        ``on_llm_start``. A handler of the project's may read what differs."""
        handlers = value.elements if isinstance(value, (cst.List, cst.Tuple)) else [None]
        for element in handlers:
            handler = element.value if isinstance(element, cst.Element) else None
            if not (
                isinstance(handler, cst.Call)
                and (qualified(self.analysis, handler.func) or "").startswith("langchain")
            ):
                raise Manual(
                    value,
                    "the model is built with `callbacks=` the tool cannot see into: a handler "
                    "of the project's would receive a chat model's events and message chunks",
                )

    def model_id(self, call: cst.Call) -> None:
        arg = _keyword(call, "model_id")
        if arg is None:
            raise Manual(call, "the model has no `model_id` the tool can read")
        literal, shared = self._id_literal(arg.value)
        model_id = string_value(literal) if literal is not None else None
        if literal is None or model_id is None:
            self.notes.append(
                (
                    arg.value,
                    "the model id is only known at run time; make sure it names a Claude model "
                    "that ChatBedrock serves (Claude 3 or newer)",
                )
            )
            return
        if "anthropic." not in model_id:
            raise Manual(arg.value, f"the model {model_id!r} is not a Claude model")
        chosen = self.plan.config.bedrock_target_for(model_id, False)
        if chosen is None:
            self.notes.append(
                (
                    arg.value,
                    f"Bedrock model {model_id!r} has no entry in [tool.migrator.bedrock_models]; "
                    "make sure ChatBedrock serves it",
                )
            )
            return
        if shared:
            raise Manual(
                arg.value,
                f"the model id {model_id!r} is held in `{self.plan.code_for(arg.value)}`, which "
                "is also read elsewhere; map it where it is set",
            )
        target, default = chosen
        quote = literal.quote
        self.rewrites[literal] = lambda updated: cst.SimpleString(f"{quote}{target}{quote}")
        self.notes.append((arg.value, f"Bedrock model {model_id!r} becomes {target!r}{default}"))

    def _id_literal(self, value: cst.BaseExpression) -> tuple[cst.SimpleString | None, bool]:
        """The string literal of the model id (inline, or in a name bound once), and whether
        the name is also read other than as the ``model_id=`` of these classes: then the
        literal cannot be mapped where it is."""
        if isinstance(value, cst.SimpleString):
            return value, False
        found = binding_at(self.analysis, value) if isinstance(value, cst.Name) else None
        if found is None or not isinstance(found[1].node, cst.SimpleString):
            return None, False
        for read in found[2]:
            arg = self.analysis.parent(read)
            call = self.analysis.parent(arg) if arg is not None else None
            if not (
                isinstance(arg, cst.Arg)
                and arg.keyword is not None
                and arg.keyword.value == "model_id"
                and isinstance(call, cst.Call)
                and qualified(self.analysis, call.func) in _ALL_CLASSES
            ):
                return found[1].node, True
        return found[1].node, False

    def _dict_of(self, value: cst.BaseExpression) -> cst.Dict:
        """The dict literal of ``model_kwargs``: inline, or a name bound once and read only here."""
        if isinstance(value, cst.Dict):
            return value
        if isinstance(value, cst.Name):
            found = binding_at(self.analysis, value)
            if found is not None and isinstance(found[1].node, cst.Dict) and found[2] == [value]:
                return found[1].node
            raise Manual(
                value, f"`model_kwargs` is `{value.value}`, which is built or read elsewhere"
            )
        raise Manual(value, "`model_kwargs` is built by code the tool cannot read")

    def kwargs(self, body: cst.Dict, llm: bool = True) -> None:
        """``max_tokens_to_sample`` -> ``max_tokens``; the Human stop sequence goes; an LLM's
        ``prompt`` key goes too: the LLM always wrote its own prompt over it."""
        edits = {}
        scope = self.analysis.scope_of[body]
        self.evidence += [
            e.key
            for e in body.elements
            if isinstance(e, cst.DictElement) and string_value(e.key) == "max_tokens_to_sample"
        ]
        for index, element in enumerate(body.elements):
            key = string_value(element.key) if isinstance(element, cst.DictElement) else None
            if key is None:
                raise Manual(element, "`model_kwargs` has keys the tool cannot read")
            if key == "prompt" and llm:
                edits[index] = lambda new: None
                self.notes.append(
                    (
                        element,
                        "the `prompt` key of `model_kwargs` goes: Bedrock's LLM always replaced "
                        "it with the prompt it was given, and a Messages body refuses it",
                    )
                )
                continue
            if key not in _KWARGS:
                raise Manual(element, f"`model_kwargs` has `{key}`, a key the tool does not know")
            assert isinstance(element, cst.DictElement)
            if key == "max_tokens_to_sample":
                edits[index] = self._limit(element)
            elif key == "anthropic_version" and string_value(element.value) != BEDROCK_VERSION:
                raise Manual(element, "`model_kwargs` asks for another `anthropic_version`")
            elif key == "stop_sequences":
                stops = element.value
                if _strip(self.analysis, stops, stops, scope)[1]:
                    edits[index] = lambda new, old=stops: stripped_stops(
                        self.analysis, old, new, scope
                    )
        if not any(string_value(e.key) == "max_tokens_to_sample" for e in body.elements):  # type: ignore[union-attr]
            raise Manual(body, "`model_kwargs` has no `max_tokens_to_sample`")
        self.rewrites[body] = dict_edit(body, edits)

    def _limit(self, element: cst.DictElement) -> Edit:
        limit = element.value
        edit, lowered = max_tokens_edit(limit)
        if lowered:
            assert isinstance(limit, cst.Integer)
            self.notes.append(
                (
                    limit,
                    f"`max_tokens` {limit.value} becomes {REVIEW_ABOVE}, the output limit of the "
                    "default target models: Text Completions clamped a larger value, Messages "
                    "refuses it",
                )
            )
        return edit

    def holder(self, expr: cst.BaseExpression) -> None:
        """Where the value of ``expr`` (a constructor, or a call of a function returning the
        model) goes: a name, a return, or straight into a use."""
        parent = self.analysis.parent(expr)
        if isinstance(parent, cst.Assign) and parent.value is expr:
            if len(parent.targets) != 1 or not isinstance(parent.targets[0].target, cst.Name):
                raise Manual(expr, "the model is assigned to something other than one name")
            self.name(parent.targets[0].target)
        elif isinstance(parent, cst.Return):
            self.returned(expr)
        else:
            self.use(expr)

    def name(self, target: cst.Name) -> None:
        """A name the model is assigned to. Where this binding alone reaches its reads (a
        notebook rebinds ``llm`` cell after cell), those reads are its uses; else every
        binding of the name must be the model too."""
        own = binding_at(self.analysis, target)
        if own is not None:
            if target in self.seen:
                return
            self.seen.add(target)
            for read in own[2]:
                self.use(read)
            return
        scope = self.analysis.scope_of[target]
        found = self.analysis.lookup(target.value, scope)
        assert found is not None
        owner, bindings = found
        if (owner, target.value) in self.seen:
            return
        self.seen.add((owner, target.value))
        for binding in bindings:
            value = binding.node
            if binding.kind != "assign" or not isinstance(value, cst.Call):
                raise Manual(target, f"`{target.value}` is also bound to something else")
            if qualified(self.analysis, value.func) in LLM_CLASSES:
                self.constructor(value)
            elif (function := self._own_function(value.func)) is not None:
                self.function(function)
            else:
                raise Manual(value, f"`{target.value}` is also bound to another value")
        for read in self.analysis.uses_of(target.value, owner):
            if not self._is_store(read):
                self.use(read)

    def _is_store(self, name: cst.Name) -> bool:
        parent = self.analysis.parent(name)
        return isinstance(parent, cst.AssignTarget) and parent.target is name

    def _own_function(self, func: cst.BaseExpression) -> cst.FunctionDef | None:
        if not isinstance(func, cst.Name):
            return None
        found = self.analysis.lookup(func.value, self.analysis.scope_of[func])
        if found is None or len(found[1]) != 1:
            return None
        node = found[1][0].node
        return node if isinstance(node, cst.FunctionDef) else None

    def _model_value(
        self, value: cst.CSTNode | None, where: cst.CSTNode, function: cst.FunctionDef
    ) -> None:
        """A value a returned name holds: a constructor, or a call of a function returning
        the model; anything else is returned as well."""
        own = self._own_function(value.func) if isinstance(value, cst.Call) else None
        if isinstance(value, cst.Call) and qualified(self.analysis, value.func) in LLM_CLASSES:
            self.constructor(value)
        elif own is not None:
            self.function(own)
        else:
            raise Manual(where, f"`{function.name.value}` returns something else as well")

    def returned(self, expr: cst.BaseExpression) -> None:
        function = next(
            (
                a
                for a in self.analysis.ancestors(expr)
                if isinstance(a, (cst.FunctionDef, cst.Lambda))
            ),
            None,
        )
        if not isinstance(function, cst.FunctionDef):
            raise Manual(expr, "the model is returned from code the tool cannot follow")
        self.function(function)

    def function(self, function: cst.FunctionDef) -> None:
        """A function returning the model: every return must, and each call is a use."""
        if function in self.seen:
            return
        self.seen.add(function)
        if function.asynchronous is not None:
            raise Manual(function, "the model is returned from an async function")
        for node in _returns(function):
            value = node.value
            if isinstance(value, cst.Name):
                found = self.analysis.lookup(value.value, self.analysis.scope_of[value])
                if found is None or any(b.kind != "assign" for b in found[1]):
                    raise Manual(node, f"`{function.name.value}` returns something else as well")
                for binding in found[1]:
                    self._model_value(binding.node, node, function)
            elif isinstance(value, cst.Call) and value in self.analysis.scope_of:
                if qualified(self.analysis, value.func) not in LLM_CLASSES:
                    raise Manual(node, f"`{function.name.value}` returns something else as well")
                self.constructor(value)
            else:
                raise Manual(node, f"`{function.name.value}` returns something else as well")
        scope = self.analysis.scope_of[function]
        found = self.analysis.lookup(function.name.value, scope)
        assert found is not None
        for read in self.analysis.uses_of(function.name.value, found[0]):
            call = self.analysis.parent(read)
            if not (isinstance(call, cst.Call) and call.func is read):
                raise Manual(read, f"`{function.name.value}` is used other than called")
            self.holder(call)
        if not function.name.value.startswith("_"):
            self.notes.append(
                (
                    function.name,
                    f"`{function.name.value}()` now returns a chat model: a caller in another "
                    "module that reads its answer as text must read `.content` of "
                    "`.invoke(...)`",
                )
            )

    # --- how the model is used --------------------------------------------------------
    def use(self, expr: cst.BaseExpression) -> None:
        parent = self.analysis.parent(expr)
        if isinstance(parent, cst.Arg):
            return self._argument(expr, parent)
        if isinstance(parent, cst.Call) and parent.func is expr:
            return self._called(parent, None)
        if isinstance(parent, cst.Attribute) and parent.value is expr:
            return self._attribute(parent)
        if isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.BitOr):
            return self._piped(expr, parent)
        if isinstance(parent, cst.Return):
            return self.returned(expr)
        if isinstance(parent, cst.Expr):
            return None  # a notebook cell displaying the model: nothing reads it
        if isinstance(parent, cst.Assign) and parent.value is expr:
            return self.holder(expr)
        raise Manual(expr, "the model is used in a way the tool does not follow")

    def _argument(self, expr: cst.BaseExpression, arg: cst.Arg) -> None:
        call = self.analysis.parent(arg)
        assert isinstance(call, cst.Call)
        callee = _dotted_last(call.func) or "a call"
        if not (qualified(self.analysis, call.func) or "").startswith("langchain"):
            raise Manual(expr, f"the model is passed to `{callee}`, which the tool does not follow")
        self.chains.append(callee)
        if arg.keyword is not None:
            if arg.keyword.value == "llm":
                return
            raise Manual(expr, f"the model is passed to `{callee}` as `{arg.keyword.value}=`")
        position = [a for a in call.args if a.keyword is None].index(arg)
        if _POSITIONAL.get(callee) != position:
            raise Manual(expr, f"the model is passed to `{callee}` by position")

    def _attribute(self, attribute: cst.Attribute) -> None:
        method = attribute.attr.value
        parent = self.analysis.parent(attribute)
        if method == "model_kwargs" and isinstance(parent, cst.AssignTarget):
            assign = self.analysis.parent(parent)
            assert isinstance(assign, cst.Assign)
            self.unread = True  # until it is read
            body = self._dict_of(assign.value)
            self.unread = False
            return self.kwargs(body)
        if isinstance(parent, cst.Call) and parent.func is attribute:
            if method in ("predict", "invoke"):
                return self._called(parent, method)
        elif method == "client" and not isinstance(parent, (cst.AssignTarget, cst.Del)):
            return  # both hold the boto3 ``bedrock-runtime`` client they send with
        raise Manual(attribute, f"the model's `.{method}` is used, which the tool does not follow")

    def _called(self, call: cst.Call, method: str | None) -> None:
        """``llm(x)``, ``llm.predict(x)``, ``llm.invoke(x)``: the text of ``.invoke(x)``."""
        positional = [a for a in call.args if a.keyword is None]
        if len(positional) != 1 or positional[0].star:
            raise Manual(call, "the model is called with other than one prompt")
        allowed = {"stop", "config"} if method == "invoke" else {"stop"}
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value not in allowed:
                raise Manual(arg, f"the model is called with `{arg.keyword.value}=`")

        discarded = isinstance(self.analysis.parent(call), cst.Expr)
        if discarded and method == "invoke":
            return

        def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
            assert isinstance(updated, cst.Call)
            if method is None:
                func: cst.BaseExpression = cst.Attribute(updated.func, cst.Name("invoke"))
            else:
                assert isinstance(updated.func, cst.Attribute)
                func = updated.func.with_changes(attr=cst.Name("invoke"))
            invoked = updated.with_changes(func=func)
            return invoked if discarded else cst.Attribute(invoked, cst.Name("content"))

        self.rewrites[call] = rewrite

    def _piped(self, expr: cst.BaseExpression, pipe: cst.BinaryOperation) -> None:
        """``prompt | llm | StrOutputParser()``: the parser takes the text out of the message."""
        after = pipe.right if pipe.left is expr else None
        if after is None:
            outer = self.analysis.parent(pipe)
            if isinstance(outer, cst.BinaryOperation) and outer.left is pipe:
                after = outer.right
        if not (isinstance(after, cst.Call) and _dotted_last(after.func) == "StrOutputParser"):
            raise Manual(expr, "the model's answer is piped on without a `StrOutputParser`")

    # --- the outcome ------------------------------------------------------------------
    def finish(self) -> None:
        """The import, and the findings every migrated model gets."""
        if NEW_CLASS in self.analysis.spelled and not _imports_new_class(self.analysis):
            raise Manual(self.constructors[0], f"the module already names `{NEW_CLASS}`")
        first = self.constructors[0]
        kinds = {qualified(self.analysis, call.func) for call in self.constructors}
        if kinds <= AWS_CHAT:
            self.notes.insert(0, (first, KEPT_CHAT))
        else:
            self.notes.insert(0, (first, DEPENDENCY))
        if self.chains:
            given = ", ".join(f"`{name}`" for name in dict.fromkeys(self.chains))
            self.notes.append(
                (
                    first,
                    f"the model is given to {given}: ChatBedrock sends the text a chain formats "
                    "as one user message, where Bedrock's LLM split it into turns at its "
                    "`Human:` / `Assistant:` lines (`ConversationChain`'s own prompt has "
                    "`Human:` lines); check the answers of chains with such prompts",
                )
            )
        if any(
            isinstance(node, cst.SimpleString)
            and isinstance(node.evaluated_value, str)
            and MARKER.search(node.evaluated_value)
            and node.evaluated_value.strip() not in ("Human:", "Assistant:")
            for node in self.analysis.scope_of
        ):
            self.notes.append(
                (
                    first,
                    "a text of this module holds `Human:` / `Assistant:` markers: Bedrock's LLM "
                    "split a prompt into turns at them, ChatBedrock sends them as plain text of "
                    "one user message; take them out of prompt templates",
                )
            )

    def apply(self, rule: type[Rule]) -> None:
        for node, rewrite in self.rewrites.items():
            self.plan.rewrites[node] = rewrite
        for node, message in self.notes:
            self.plan.report(rule, node, message, Safety.REVIEW)
        self.plan.migrated_requests += len(self.constructors)

    def block(self, rule: type[Rule], manual: Manual) -> None:
        """The manual finding, at each ``max_tokens_to_sample`` key; at the blocking node when
        ``model_kwargs`` could not be read (a model with no legacy key is not reported)."""
        if not self._claude() or not (self.evidence or self.unread):
            return  # another vendor's model given the key: the code's own mistake, not Claude's
        message = f"LangChain's Bedrock model stays: {manual.reason}"
        for node in self.evidence or [manual.node]:
            self.plan.report(rule, node, message, Safety.MANUAL)
            self.plan.comment(node, f"# migrator: manual [{rule.code}] {message}")  # type: ignore[attr-defined]

    def _claude(self) -> bool:
        """Some constructor may build a Claude model: its model id (inline, or in the name it
        reads) names Claude, or is not known. A Llama model given the key is not Claude's."""
        for call in self.constructors:
            arg = _keyword(call, "model_id")
            literal = self._id_literal(arg.value)[0] if arg is not None else None
            model_id = string_value(literal) if literal is not None else None
            if model_id is None or _CLAUDE.intersection(re.split(r"[^a-z]+", model_id.lower())):
                return True
        return False


def _returns(function: cst.FunctionDef) -> Iterator[cst.Return]:
    """The ``return`` statements of ``function`` itself, each returning a value."""
    for node in own_returns(function):
        if node.value is None:
            raise Manual(node, "a function that returns the model also returns None")
        yield node


def _imports_new_class(analysis: ModuleAnalysis) -> bool:
    """``ChatBedrock`` is langchain-aws's here already (imported by that name)."""
    scope = analysis.module_scope
    bindings = scope.bindings.get(NEW_CLASS, []) if scope is not None else []
    return bool(bindings) and all(_imported_as(b, NEW_CLASS) in AWS_CHAT for b in bindings)


def _import(plan: ModulePlan, constructors: list[cst.Call]) -> None:
    """``from langchain.llms import Bedrock`` -> ``from langchain_aws import ChatBedrock``.

    The old name's import goes when every use of it was renamed; the new one takes its
    place at each import of the old one (a notebook imports in several cells), unless
    the statement keeps other names and the module imports the new one already.
    """
    analysis = plan.analysis
    renamed = {call.func for call in constructors if call.func in plan.rewrites}
    add = not _imports_new_class(analysis)
    for name in dict.fromkeys(f.value for f in renamed if isinstance(f, cst.Name)):
        first = next(f for f in renamed if isinstance(f, cst.Name) and f.value == name)
        found = analysis.lookup(name, analysis.scope_of[first])
        assert found is not None
        owner, bindings = found
        statements = [analysis.statement_of.get(b.node) for b in bindings if b.node is not None]
        every = all(use in renamed for use in analysis.uses_of(name, owner))
        for statement in dict.fromkeys(
            s for s in statements if isinstance(s, cst.SimpleStatementLine)
        ):
            plan.rewrites[statement] = _import_rewrite(plan, name, drop=every, add=add)


def _import_rewrite(plan: ModulePlan, name: str, drop: bool, add: bool = True) -> Rewrite:
    new = cst.parse_statement(
        f"from {NEW_MODULE} import {NEW_CLASS}\n", config=plan.analysis.module.config_for_parsing
    )

    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.SimpleStatementLine)
        body = []
        for small in updated.body:
            if (
                drop
                and isinstance(small, cst.ImportFrom)
                and not isinstance(small.names, cst.ImportStar)
            ):
                names = [a for a in small.names if (a.asname or a).name.value != name]  # type: ignore[union-attr]
                if not names:
                    continue
                if len(names) != len(small.names):
                    names[-1] = names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                    small = small.with_changes(names=names)
            body.append(small)
        if not body:  # replaced in place: comments above it (a notebook's cell marks) stay
            return new.with_changes(
                leading_lines=updated.leading_lines, trailing_whitespace=updated.trailing_whitespace
            )
        body[-1] = body[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
        kept = updated.with_changes(body=body)
        return cst.FlattenSentinel([kept, new]) if add else kept  # type: ignore[return-value]

    return rewrite
