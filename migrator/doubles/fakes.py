"""A fake given as a test double: a function or a lambda that stands in for ``create``.

``monkeypatch.setattr(svc.client.completions, "create", fake)``,
``patch(..., side_effect=fake)`` and ``patch(..., new=fake)`` hand the
migrated code a function of the test's own. Once the double moves to
``messages.create``, that function is called the way the migrated code calls
it, and what it returns is read as a ``Message``. :class:`Fake` proves both,
or raises :class:`Unprovable` with the reason it cannot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import libcst as cst

from migrator.code.syntax import fill
from migrator.doubles.mocks import Unprovable, short

if TYPE_CHECKING:
    from migrator.analysis.names import ModuleAnalysis
    from migrator.contract.plan import Rewrite

Function = cst.FunctionDef | cst.Lambda
# The legacy keywords a fake takes, and the keywords the migrated call sends them as.
_RENAMED = {"prompt": "messages", "max_tokens_to_sample": "max_tokens"}
# What the conversion of a prompt takes out around a turn's text: a literal that
# begins with the end of one of these may straddle a marker.
_MARKER_WORDS = ("Human:", "Assistant:")


def fake_of(analysis, value: cst.BaseExpression) -> Function | None:  # type: ignore[no-untyped-def]
    """The function ``value`` is: a lambda, or a name bound once to a lambda or to a ``def``
    of this module."""
    if isinstance(value, cst.Lambda):
        return value
    if not isinstance(value, cst.Name):
        return None
    found = analysis.lookup(value.value, analysis.scope_of[value])
    if found is None or len(found[1]) != 1:
        return None
    bound = found[1][0].node
    if isinstance(bound, cst.Lambda) and found[1][0].kind == "assign":
        return bound
    return bound if isinstance(bound, cst.FunctionDef) and not bound.decorators else None


class Double(Protocol):
    """What a fake needs of the double it stands in (``migrator.doubles.double.Double``, which
    builds the fakes it is given: described here so that this module need not import it)."""

    analysis: ModuleAnalysis
    rewrites: dict[cst.CSTNode, Rewrite]
    fakes: list[str]

    def hands_over(self, use: cst.Name) -> bool: ...

    def returns(self, value: cst.BaseExpression) -> None: ...


class Fake:
    """A fake's signature, the reads of its arguments and what it returns."""

    def __init__(self, double: Double, function: Function) -> None:
        self.double = double
        self.analysis = double.analysis
        self.function = function

    def examine(self) -> None:
        self._used_as_double_only()
        before = len(self.double.rewrites)
        self._parameters()
        if len(self.double.rewrites) > before:
            self.double.fakes.append(self._name)
        for value in self._returned():
            self.double.returns(value)

    # --- where it is used ----------------------------------------------------
    def _used_as_double_only(self) -> None:
        """Each use of the fake's name hands it to a patch: nothing else calls it."""
        name = self._bound_name()
        if name is None:
            return
        analysis = self.analysis
        owner = analysis.lookup(name, analysis.scope_of[self.function])
        assert owner is not None
        for use in analysis.uses_of(name, owner[0]):
            if isinstance(analysis.parent(use), cst.AssignTarget):
                continue  # ``name = lambda ...`` itself
            if not self.double.hands_over(use):
                raise Unprovable(f"`{name}` is also used where the tool cannot follow it")

    def _bound_name(self) -> str | None:
        """The name of a ``def``, or of ``name = lambda ...``."""
        function = self.function
        if isinstance(function, cst.FunctionDef):
            return function.name.value
        statement = self.analysis.parent(function)
        if isinstance(statement, cst.Assign) and statement.value is function:
            target = statement.targets[0].target
            return target.value if isinstance(target, cst.Name) else None
        return None

    # --- what it is called with ----------------------------------------------
    def _parameters(self) -> None:
        """The legacy keywords become the ones the migrated call sends, with their reads.

        The migrated call sends keywords only: ``model`` (mapped to a live
        model), ``messages`` (for ``prompt``), ``max_tokens`` (for
        ``max_tokens_to_sample``, the same value) and perhaps ``system`` or
        arguments the legacy call did not send, which only ``**kwargs`` takes.
        """
        params = self.function.params
        if params.posonly_params:
            raise Unprovable(f"the fake `{self._name}` takes arguments by position only")
        if isinstance(params.star_arg, cst.Param) and self._reads(params.star_arg.name.value):
            raise Unprovable(
                f"the fake `{self._name}` reads the arguments it was given by position"
            )
        kwargs = params.star_kwarg
        if kwargs is None:
            raise Unprovable(
                f"the fake `{self._name}` takes no `**kwargs`, and the migrated call may send "
                "arguments it does not take (`system=`)"
            )
        for param in [*params.params, *params.kwonly_params]:
            if param.name.value == "system":
                raise Unprovable(
                    f"the fake `{self._name}` takes `system`, which the legacy call never sent"
                )
            self._parameter(param, kwargs.name.value)
        for read in self._reads(kwargs.name.value):
            self._keyword_read(read, kwargs.name.value)

    def _parameter(self, param: cst.Param, kwargs: str) -> None:
        name = param.name.value
        reads = self._reads(name)
        if name in _RENAMED:
            new = _RENAMED[name]
            if self.analysis.lookup(new, self.analysis.scope_of[self.function.body]) is not None:
                raise Unprovable(f"the fake `{self._name}` already has a `{new}`")
            self.double.rewrites[param.name] = _renamed(new)
            for read in reads:
                if name == "prompt":
                    self._prompt_read(read, cst.Name("messages"), kwargs)
                else:
                    self.double.rewrites[read] = _renamed(new)
        elif reads:
            raise Unprovable(
                f"the fake `{self._name}` reads `{name}`, which the migrated call may send "
                "with another value or not at all"
            )
        elif param.default is None and name != "model":
            raise Unprovable(
                f"the fake `{self._name}` requires `{name}`, which the migrated call may not send"
            )

    def _keyword_read(self, read: cst.Name, kwargs: str) -> None:
        """``kwargs["max_tokens_to_sample"]`` (or ``.get``) reads ``"max_tokens"``;
        ``kwargs["prompt"]`` is read like the ``prompt`` parameter."""
        analysis = self.analysis
        key, whole = key_read(analysis, read)
        if key is None or whole is None:
            raise Unprovable(
                f"the fake `{self._name}` uses `{kwargs}` where the tool cannot follow it"
            )
        value = key.evaluated_value
        if value == "max_tokens_to_sample":
            self.double.rewrites[key] = renamed_key("max_tokens")
        elif value == "prompt" and isinstance(whole, cst.Subscript):
            self._prompt_read(whole, whole.with_changes(slice=[_key("messages")]), kwargs)
        else:
            raise Unprovable(
                f"the fake `{self._name}` reads `{value}` of `{kwargs}`, which the migrated call "
                "may send with another value or not at all"
            )

    def _prompt_read(
        self, read: cst.BaseExpression, messages: cst.BaseExpression, kwargs: str
    ) -> None:
        """``"text" in prompt``: the same test on the text of the system prompt and the
        messages, when the literal cannot straddle what the conversion takes out."""
        analysis = self.analysis
        target = analysis.parent(read)
        test = analysis.parent(target) if isinstance(target, cst.ComparisonTarget) else None
        if not (
            isinstance(test, cst.Comparison)
            and len(test.comparisons) == 1
            and target.comparator is read  # type: ignore[union-attr]
            and isinstance(target.operator, (cst.In, cst.NotIn))  # type: ignore[union-attr]
            and isinstance(test.left, cst.SimpleString)
        ):
            raise Unprovable(
                f"the fake `{self._name}` reads the prompt other than testing a literal text "
                'in it (`"..." in prompt`)'
            )
        if not within_one_part(test.left):
            raise Unprovable(
                f"the fake `{self._name}` tests `{short(analysis, test.left)}` in the prompt, "
                "text that may span what the conversion to messages takes out (a marker, a "
                "line break, a space at either end)"
            )
        text = fill(
            '"\\n\\n".join([__kwargs__.get("system", ""), *(message["content"] for message '
            "in __messages__)])",
            {"__kwargs__": cst.Name(kwargs), "__messages__": messages},
        )
        self.double.rewrites[read] = lambda _updated: text

    def _reads(self, name: str) -> list[cst.Name]:
        """The reads of the fake's parameter ``name`` in its body."""
        analysis = self.analysis
        inner = analysis.scope_of[self.function.body]
        found = analysis.lookup(name, inner)
        if found is None or found[0] is not inner:
            return []
        return list(analysis.uses_of(name, inner))

    @property
    def _name(self) -> str:
        return self._bound_name() or short(self.analysis, self.function)

    # --- what it returns -----------------------------------------------------
    def _returned(self) -> list[cst.BaseExpression]:
        """The values the fake returns (a lambda its body); falling off the end returns None,
        which neither SDK's code can read a response from."""
        function = self.function
        if isinstance(function, cst.Lambda):
            return [function.body]
        finder = _Returns()
        function.body.visit(finder)
        if finder.yields:
            raise Unprovable(f"the fake `{self._name}` is a generator")
        for found in finder.returns:
            if found.value is None:
                raise Unprovable(f"the fake `{self._name}` returns nothing the tool can rewrite")
        return [found.value for found in finder.returns if found.value is not None]


class _Returns(cst.CSTVisitor):
    """The ``return`` statements of one function, not of the functions inside it."""

    def __init__(self) -> None:
        self.returns: list[cst.Return] = []
        self.yields = False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False

    def visit_Return(self, node: cst.Return) -> None:
        self.returns.append(node)

    def visit_Yield(self, node: cst.Yield) -> None:
        self.yields = True


def within_one_part(literal: cst.BaseExpression) -> bool:
    """Whether ``literal in prompt`` holds just when the literal is in the system prompt or in
    a message's text: one line, no space at either end (the conversion drops the space after
    a marker and the whitespace ending a prefill), and not the end of a marker's word."""
    if not isinstance(literal, cst.SimpleString):
        return False
    text = literal.evaluated_value
    if not isinstance(text, str) or not text or text != text.strip() or "\n" in text:
        return False
    return not any(
        text.startswith(word[-length:])
        for word in _MARKER_WORDS
        for length in range(1, len(word) + 1)
    )


def prompt_text_test(
    analysis: ModuleAnalysis, read: cst.Subscript, refuse: type[Exception]
) -> Rewrite:
    """The rewrite of ``"text" in <read>``, where ``read`` takes a request's ``prompt``: the
    same test on the text of the system prompt and the messages it was sent.

    Raises ``refuse`` with the reason when ``read`` is used otherwise, or when the literal
    could straddle what the conversion to messages takes out.
    """
    target = analysis.parent(read)
    test = analysis.parent(target) if isinstance(target, cst.ComparisonTarget) else None
    if not (
        isinstance(test, cst.Comparison)
        and isinstance(target, cst.ComparisonTarget)
        and len(test.comparisons) == 1
        and target.comparator is read
        and isinstance(target.operator, (cst.In, cst.NotIn))
    ):
        raise refuse(
            'it reads the prompt other than testing a literal text in it (`"..." in prompt`)'
        )
    if not within_one_part(test.left):
        raise refuse(
            f"it tests `{short(analysis, test.left)}` in the prompt, text that may span what the "
            "conversion to messages takes out (a marker, a line break, a space at either end)"
        )

    def text(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Subscript)
        request = updated.value
        return fill(
            '"\\n\\n".join([__request__.get("system", ""), *(message["content"] for message in '
            '__again__["messages"])])',
            {"__request__": request, "__again__": request.deep_clone()},
        )

    return text


def key_read(analysis, read: cst.BaseExpression):  # type: ignore[no-untyped-def]
    """``(key, whole)`` for ``read["key"]`` or ``read.get("key"...)``; None when neither."""
    parent = analysis.parent(read)
    if isinstance(parent, cst.Subscript) and parent.value is read and len(parent.slice) == 1:
        index = parent.slice[0].slice
        if isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString):
            return index.value, parent
    if isinstance(parent, cst.Attribute) and parent.value is read and parent.attr.value == "get":
        call = analysis.parent(parent)
        if isinstance(call, cst.Call) and call.func is parent and call.args:
            key = call.args[0].value
            if isinstance(key, cst.SimpleString):
                return key, call
    return None, None


def _key(value: str) -> cst.SubscriptElement:
    return cst.SubscriptElement(cst.Index(cst.SimpleString(f'"{value}"')))


def _renamed(new: str):  # type: ignore[no-untyped-def]
    def rename(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Name)
        return updated.with_changes(value=new)

    return rename


def renamed_key(new: str):  # type: ignore[no-untyped-def]
    """The rewrite of a key's string literal to ``new``, in the literal's own quotes."""

    def rename(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.SimpleString)
        return updated.with_changes(value=f"{updated.prefix}{updated.quote}{new}{updated.quote}")

    return rename
