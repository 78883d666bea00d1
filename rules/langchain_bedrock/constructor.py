"""What a constructor of the model gives it: the class, the model id, ``model_kwargs``.

The id goes through the Bedrock model table; ``model_kwargs`` becomes a Messages body's
keys; an argument the tool does not know leaves the model as written.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.flow import binding_at
from migrator.code.codegen import code_of
from migrator.code.syntax import string_value
from migrator.core.models import BEDROCK_VERSION, ONE_SAMPLING, is_legacy_bedrock, top_p_removed
from migrator.rewrite.json_body import (
    REVIEW_ABOVE,
    Edit,
    Manual,
    dict_edit,
    max_tokens_edit,
    stripped_stops,
)
from migrator.rewrite.stops import strip
from migrator.rules.langchain_bedrock.classes import (
    ALL_CLASSES,
    COMMUNITY_CHAT,
    LLM_CLASSES,
    NEW_CLASS,
    _keyword,
    qualified,
)

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


class Constructor:
    """The constructor part of ``_Model`` (``model.py``), whose state it reads and adds to."""

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
            self.kwargs(body, call=call)
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
        self.kwargs(self._dict_of(model.value), llm=False, call=call)
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
                and qualified(self.analysis, call.func) in ALL_CLASSES
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

    def _kept_model(self, call: cst.Call | None) -> bool:
        """Does ``call`` keep a model id it names, not a retired one mapped to a current
        model (which refuses ``temperature`` with ``top_p``)?"""
        arg = _keyword(call, "model_id") if call is not None else None
        literal = self._id_literal(arg.value)[0] if arg is not None else None
        model_id = string_value(literal) if literal is not None else None
        return model_id is not None and not is_legacy_bedrock(model_id)

    def kwargs(self, body: cst.Dict, llm: bool = True, call: cst.Call | None = None) -> None:
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
                if strip(self.analysis, stops, stops, scope)[1]:
                    edits[index] = lambda new, old=stops: stripped_stops(
                        self.analysis, old, new, scope
                    )
        if not any(string_value(e.key) == "max_tokens_to_sample" for e in body.elements):  # type: ignore[union-attr]
            raise Manual(body, "`model_kwargs` has no `max_tokens_to_sample`")
        keys = [string_value(e.key) for e in body.elements]  # type: ignore[union-attr]
        if "temperature" in keys and "top_p" in keys and not self._kept_model(call):
            # The current Claude model it is mapped to answers 400 to both.
            top_p = body.elements[keys.index("top_p")]
            assert isinstance(top_p, cst.DictElement)
            edits[keys.index("top_p")] = lambda new: None
            value = " ".join(code_of(top_p.value).split())
            self.notes.append((top_p, f"`top_p` ({value}) goes: {ONE_SAMPLING} (a 400 otherwise)"))
            self.removed.append((top_p, top_p_removed(value)))
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
