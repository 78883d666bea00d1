"""What carries the model from its constructor to its uses: names and functions.

A name rebound cell after cell is followed binding by binding; a function returning the
model makes each of its calls a holder of it.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from migrator.analysis.flow import binding_at
from migrator.analysis.legacy_calls import own_returns
from migrator.rewrite.json_body import Manual
from migrator.rules.langchain_bedrock.classes import LLM_CLASSES, qualified


class Holders:
    """The holders part of ``_Model`` (``model.py``), whose state it reads and adds to."""

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


def _returns(function: cst.FunctionDef) -> Iterator[cst.Return]:
    """The ``return`` statements of ``function`` itself, each returning a value."""
    for node in own_returns(function):
        if node.value is None:
            raise Manual(node, "a function that returns the model also returns None")
        yield node
