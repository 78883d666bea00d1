"""A fake given as a test double: a function or a lambda that stands in for ``create``.

``monkeypatch.setattr(svc.client.completions, "create", fake)``,
``patch(..., side_effect=fake)`` and ``patch(..., new=fake)`` hand the
migrated code a function of the test's own. Once the double moves to
``messages.create``, that function is called the way the migrated code calls
it, and what it returns is read as a ``Message``. :class:`Fake` proves both,
or raises :class:`Unprovable` with the reason it cannot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from migrator.mocks import Unprovable, short

if TYPE_CHECKING:
    from migrator.doubles import Double

Function = cst.FunctionDef | cst.Lambda


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


class Fake:
    """A fake's signature, the reads of its arguments and what it returns."""

    def __init__(self, double: Double, function: Function) -> None:
        self.double = double
        self.analysis = double.analysis
        self.function = function

    def examine(self) -> None:
        self._used_as_double_only()
        self._parameters()
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
        params = self.function.params
        named = [*params.posonly_params, *params.params, *params.kwonly_params]
        if named:
            raise Unprovable(
                f"the fake `{self._name}` takes `{named[0].name.value}`, which the tool does "
                "not follow"
            )
        for param in (params.star_arg, params.star_kwarg):
            if isinstance(param, cst.Param) and self._reads(param.name.value):
                raise Unprovable(f"the fake `{self._name}` reads the arguments it was called with")

    def _reads(self, name: str) -> list[cst.Name]:
        analysis = self.analysis
        inner = analysis.scope_of[self.function.body]
        if analysis.lookup(name, inner) is None:
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
